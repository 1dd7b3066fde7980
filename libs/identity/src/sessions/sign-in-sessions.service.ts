// A person's own sessions: what they are signed in on, and signing out one or all of them. Only
// the person's own rows are ever read or ended; another person's session id is answered as unknown.
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordAudit, validateInput } from '@chadavkhi/platform';
import type { AuthUser } from '../auth/auth-user';
import { SessionsRepository } from '../auth/sessions.repository';
import { EndAllSessionsDto } from './dto/end-all-sessions.dto';
import { SessionIdDto } from './dto/session-id.dto';
import { SignInSessionView } from './dto/sign-in-session.view';
import { sessionDevice } from './session-device';

@Injectable()
export class SignInSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
  ) {}

  /** The caller's open sessions, most recently used first, theirs marked current. */
  async list(actor: AuthUser): Promise<SignInSessionView[]> {
    const rows = await this.sessions.listOpen(actor.id);
    return rows.map((row) => ({
      id: row.id,
      method: row.method,
      providerId: row.providerId,
      secondFactor: row.secondFactor,
      ...sessionDevice(row.userAgent),
      ip: row.ip,
      startedAt: row.startedAt,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.expiresAt,
      current: row.id === actor.sessionId,
    }));
  }

  /** Ends one of the caller's sessions (their current one too, if named); 404 for any other id. */
  async end(actor: AuthUser, sessionId: string, ip: string | null): Promise<void> {
    const valid = await validateInput(SessionIdDto, { id: sessionId }).catch(() => undefined);
    const ended =
      !!valid &&
      (await this.dataSource.transaction(async (manager) => {
        if (!(await this.sessions.end(actor.id, valid.id, 'signed-out', manager))) return false;
        await recordAudit(manager, { id: actor.id, email: actor.email, ip }, 'auth.sessions.end', {
          type: 'session',
          id: valid.id,
        });
        return true;
      }));
    if (!ended) throw new NotFoundException('You have no open session with this id.');
  }

  /** Signs the caller out everywhere else, or everywhere (this session too) when keepCurrent is false. */
  async endAll(actor: AuthUser, input: { keepCurrent: unknown }, ip: string | null): Promise<number> {
    const { keepCurrent } = await validateInput(EndAllSessionsDto, input);
    return this.dataSource.transaction(async (manager) => {
      const ended = await this.sessions.endAll(actor.id, 'signed-out-elsewhere', {
        except: keepCurrent ? actor.sessionId : undefined,
        manager,
      });
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        'auth.sessions.end-all',
        {
          type: 'user',
          id: actor.id,
        },
        { keepCurrent, ended },
      );
      return ended;
    });
  }
}
