// Builds users straight in the database (the API is what the tests exercise, not the setup).
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Role } from '@chadavkhi/identity';
import { Agency } from '../../libs/identity/src/agencies/agency.entity';
import { hashPassword } from '../../libs/identity/src/auth/password-hasher';
import { Position } from '../../libs/identity/src/positions/position.entity';
import { User } from '../../libs/identity/src/users/user.entity';

export const TEST_PASSWORD = 'Correct-Horse-42';
let cachedHash: Promise<string> | undefined;

export async function agencyByCode(db: DataSource, code: string): Promise<Agency> {
  return db.getRepository(Agency).findOneByOrFail({ code });
}

export async function positionByCode(db: DataSource, code = 'specialist'): Promise<Position> {
  return db.getRepository(Position).findOneByOrFail({ code });
}

export async function createUser(
  db: DataSource,
  options: { roles?: Role[]; agency?: string; position?: string; email?: string; name?: string } = {},
): Promise<User> {
  const agency = await agencyByCode(db, options.agency ?? 'ministry-finance');
  const position = await positionByCode(db, options.position ?? 'specialist');
  const email = options.email ?? `user-${randomBytes(5).toString('hex')}@test.chadavkhi.mn`;
  const passwordHash = await (cachedHash ??= hashPassword(TEST_PASSWORD));
  const repo = db.getRepository(User);
  const { identifiers } = await repo.insert({
    email,
    name: options.name ?? 'Тест Хэрэглэгч',
    passwordHash,
    roles: options.roles ?? ['learner'],
    agencyId: agency.id,
    positionId: position.id,
  });
  return repo.findOneByOrFail({ id: identifiers[0].id });
}
