// The identity part of content/: agencies, positions and (for the local demo) people. Re-running
// changes only what differs; a new person is created as the owner of users creates one.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ValidationProblemException } from '@chadavkhi/platform';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { PositionsRepository } from '../positions/positions.repository';
import { ROLES } from '../roles';
import { SecondFactorService } from '../second-factor/second-factor.service';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { ContentError, DemoUserItem, ImportCounts, importAgencies, importPositions, need } from './identity-content';

@Injectable()
export class IdentityContentService {
  constructor(
    private readonly users: UsersService,
    private readonly userRows: UsersRepository,
    private readonly agencies: AgenciesRepository,
    private readonly positions: PositionsRepository,
    private readonly secondFactor: SecondFactorService,
  ) {}

  importAgencies(manager: EntityManager, root: unknown, onStep?: () => void): Promise<ImportCounts> {
    return importAgencies(this.agencies, manager, root, onStep);
  }

  importPositions(manager: EntityManager, raw: unknown): Promise<ImportCounts> {
    return importPositions(this.positions, manager, raw);
  }

  /**
   * Demo accounts: created once with the shared password (held to the API's password rule); an
   * existing account keeps its password. Those whose roles need a second factor are enrolled with
   * the shared demo secret unless they have one already, so the demo can be tried without a phone.
   */
  async importDemoUsers(manager: EntityManager, raw: unknown, file = 'content/demo/users.yaml'): Promise<ImportCounts> {
    const doc = raw as { password?: unknown; secondFactorSecret?: unknown; users?: unknown };
    need(typeof doc?.password === 'string', file, 'password must be a string');
    need(
      doc.secondFactorSecret === undefined ||
        (typeof doc.secondFactorSecret === 'string' && /^[A-Z2-7]{32}$/.test(doc.secondFactorSecret)),
      file,
      'secondFactorSecret must be 32 base32 characters (A-Z, 2-7)',
    );
    need(Array.isArray(doc.users), file, 'expected a "users:" list');
    const agencies = new Map((await this.agencies.all(manager)).map((a) => [a.code, a.id]));
    const positions = new Map((await this.positions.all(manager)).map((p) => [p.code, p.id]));
    const existing = new Map((await this.userRows.all(manager)).map((u) => [u.email, u]));
    const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
    for (const [i, u] of (doc.users as DemoUserItem[]).entries()) {
      const where = `${file} users[${i}]`;
      need(typeof u?.email === 'string' && /^[^@\s]+@[^@\s]+$/.test(u.email), where, 'email is missing or malformed');
      need(
        Array.isArray(u.roles) && u.roles.length > 0 && u.roles.every((r) => ROLES.includes(r)),
        where,
        `roles must be a list of ${ROLES.join(', ')}`,
      );
      need(agencies.has(u.agency), where, `agency "${u.agency}" is not in content/agencies.yaml`);
      need(positions.has(u.position), where, `position "${u.position}" is not in content/positions.yaml`);
      const wanted = {
        email: u.email.toLowerCase(),
        name: String(u.name ?? '').normalize('NFC'),
        roles: u.roles,
        agencyId: agencies.get(u.agency)!,
        positionId: positions.get(u.position)!,
        staffNumber: u.staffNumber ?? null,
      };
      const current = existing.get(wanted.email);
      if (!current) {
        await this.users
          .createWithPassword(manager, { ...wanted, password: doc.password as string })
          .catch((error: Error) => {
            throw new ContentError(
              `${where}: ${error instanceof ValidationProblemException ? error.fieldErrors.flatMap((f) => f.messages).join('; ') : error.message}`,
            );
          });
        counts.created++;
      } else if (
        current.name !== wanted.name ||
        current.roles.join() !== wanted.roles.join() ||
        current.agencyId !== wanted.agencyId ||
        current.positionId !== wanted.positionId ||
        current.staffNumber !== wanted.staffNumber
      ) {
        const { agencyId, positionId, ...record } = wanted;
        await this.userRows.updateRecord(manager, current.id, record);
        await this.users.place(manager, current.id, { agencyId, positionId });
        counts.updated++;
      } else counts.unchanged++;
    }
    if (typeof doc.secondFactorSecret === 'string') {
      const demo = new Set((doc.users as DemoUserItem[]).map((u) => u.email.toLowerCase()));
      for (const person of await this.userRows.all(manager))
        if (person.email && demo.has(person.email) && this.secondFactor.requiredFor(person.roles))
          await this.secondFactor.enrolWithSecret(manager, person.id, doc.secondFactorSecret);
    }
    return counts;
  }
}
