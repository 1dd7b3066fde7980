// One row per sign-in (a session), however often its token is renewed. A token is honoured only
// while its session is open; the per-request check is part of the guard's one session query
// (UsersRepository). Rows stay 30 days after their session ran out, then go.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type SessionMethod = 'password' | 'provider';
export type SessionEndReason = 'signed-out' | 'signed-out-elsewhere' | 'account-changed';

export interface NewSession {
  id: string;
  userId: string;
  tokenVersion: number;
  method: SessionMethod;
  providerId: string | null;
  secondFactor: boolean;
  ip: string | null;
  userAgent: string | null;
  expiresAt: Date;
}

export interface SessionRow {
  id: string;
  method: SessionMethod;
  providerId: string | null;
  secondFactor: boolean;
  ip: string | null;
  userAgent: string | null;
  startedAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Opens a session, clearing this person's rows whose sessions ended more than 30 days ago. */
  async open(session: NewSession, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `WITH old AS (DELETE FROM sessions WHERE user_id = $2 AND expires_at < now() - interval '30 days')
       INSERT INTO sessions (id, user_id, method, provider_id, second_factor, ip, user_agent, expires_at, token_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        session.id,
        session.userId,
        session.method,
        session.providerId,
        session.secondFactor,
        session.ip,
        session.userAgent?.slice(0, 300) ?? null,
        session.expiresAt,
        session.tokenVersion,
      ],
    );
  }

  /** Ends one of this person's sessions; false when it was not theirs or had already ended. */
  async end(userId: string, sessionId: string, reason: SessionEndReason, manager?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await (manager ?? this.dataSource.manager).query(
      `UPDATE sessions SET ended_at = now(), end_reason = $3
        WHERE id = $1 AND user_id = $2 AND ended_at IS NULL AND expires_at > now() RETURNING id`,
      [sessionId, userId, reason],
    );
    return rowCount(rows) > 0;
  }

  /** Ends every open session of a person (but `except`); returns how many. */
  async endAll(
    userId: string,
    reason: SessionEndReason,
    options: { except?: string; manager?: EntityManager } = {},
  ): Promise<number> {
    const rows: unknown[] = await (options.manager ?? this.dataSource.manager).query(
      `UPDATE sessions SET ended_at = now(), end_reason = $2
        WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now() AND id IS DISTINCT FROM $3 RETURNING id`,
      [userId, reason, options.except ?? null],
    );
    return rowCount(rows);
  }

  /** A session carried over a raise of its person's token version (their own password change). */
  async carryOver(sessionId: string, tokenVersion: number, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE sessions SET token_version = $2 WHERE id = $1`, [sessionId, tokenVersion]);
  }

  /** Notes a renewal: when and from where the session was last used. */
  async touch(sessionId: string, ip: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE sessions SET last_seen_at = now(), ip = coalesce($2, ip) WHERE id = $1`, [
      sessionId,
      ip,
    ]);
  }

  /** A person's open sessions (under their current token version), most recently used first. */
  async listOpen(userId: string): Promise<SessionRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT s.id, s.method, s.provider_id, s.second_factor, s.ip, s.user_agent, s.started_at, s.last_seen_at, s.expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id AND u.token_version = s.token_version AND u.is_active
        WHERE s.user_id = $1 AND s.ended_at IS NULL AND s.expires_at > now()
        ORDER BY s.last_seen_at DESC, s.started_at DESC LIMIT 100`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      method: r.method as SessionMethod,
      providerId: r.provider_id as string | null,
      secondFactor: r.second_factor as boolean,
      ip: r.ip as string | null,
      userAgent: r.user_agent as string | null,
      startedAt: r.started_at as Date,
      lastSeenAt: r.last_seen_at as Date,
      expiresAt: r.expires_at as Date,
    }));
  }
}

/** UPDATE … RETURNING through TypeORM's pg driver answers [rows, count]. */
function rowCount(result: unknown[]): number {
  return Array.isArray(result[0]) ? (result[0] as unknown[]).length : result.length;
}
