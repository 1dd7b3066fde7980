// The identity part of content/: agencies, positions and (for the local demo) people. Re-running
// changes only what differs; a new person is created as the owner of users creates one.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ValidationProblemException } from '@chadavkhi/platform';
import { Agency } from '../agencies/agency.entity';
import { Position } from '../positions/position.entity';
import { ROLES } from '../roles';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { ContentError, DemoUserItem, ImportCounts, importAgencies, importPositions, need } from './identity-content';

@Injectable()
export class IdentityContentService {
  constructor(private readonly users: UsersService) {}

  importAgencies(manager: EntityManager, root: unknown, onStep?: () => void): Promise<ImportCounts> {
    return importAgencies(manager, root, onStep);
  }

  importPositions(manager: EntityManager, raw: unknown): Promise<ImportCounts> {
    return importPositions(manager, raw);
  }

  /** Demo accounts: created once with the shared password (held to the API's password rule); an existing account keeps its password. */
  async importDemoUsers(manager: EntityManager, raw: unknown, file = 'content/demo/users.yaml'): Promise<ImportCounts> {
    const doc = raw as { password?: unknown; users?: unknown };
    need(typeof doc?.password === 'string', file, 'password must be a string');
    need(Array.isArray(doc.users), file, 'expected a "users:" list');
    const agencies = new Map((await manager.getRepository(Agency).find()).map((a) => [a.code, a.id]));
    const positions = new Map((await manager.getRepository(Position).find()).map((p) => [p.code, p.id]));
    const existing = new Map((await manager.getRepository(User).find()).map((u) => [u.email, u]));
    const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
    for (const [i, u] of (doc.users as DemoUserItem[]).entries()) {
      const where = `${file} users[${i}]`;
      need(typeof u?.email === 'string' && /^[^@\s]+@[^@\s]+$/.test(u.email), where, 'email is missing or malformed');
      need(Array.isArray(u.roles) && u.roles.length > 0 && u.roles.every((r) => ROLES.includes(r)), where, `roles must be a list of ${ROLES.join(', ')}`);
      need(agencies.has(u.agency), where, `agency "${u.agency}" is not in content/agencies.yaml`);
      need(positions.has(u.position), where, `position "${u.position}" is not in content/positions.yaml`);
      const wanted = { email: u.email.toLowerCase(), name: String(u.name ?? '').normalize('NFC'), roles: u.roles, agencyId: agencies.get(u.agency)!, positionId: positions.get(u.position)!, staffNumber: u.staffNumber ?? null };
      const current = existing.get(wanted.email);
      if (!current) {
        await this.users.createWithPassword(manager, { ...wanted, password: doc.password as string }).catch((error: Error) => {
          throw new ContentError(`${where}: ${error instanceof ValidationProblemException ? error.fieldErrors.flatMap((f) => f.messages).join('; ') : error.message}`);
        });
        counts.created++;
      } else if (current.name !== wanted.name || current.roles.join() !== wanted.roles.join() || current.agencyId !== wanted.agencyId || current.positionId !== wanted.positionId || current.staffNumber !== wanted.staffNumber) {
        const { agencyId, positionId, ...record } = wanted;
        await manager.update(User, { id: current.id }, record);
        await this.users.place(manager, current.id, { agencyId, positionId });
        counts.updated++;
      } else counts.unchanged++;
    }
    return counts;
  }
}
