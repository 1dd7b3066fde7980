import { DataSource } from 'typeorm';
import { Agency, hashPassword, Position, User } from '@chadavkhi/identity';
import { recordAudit } from '@chadavkhi/platform';

/** Creates (or re-enables and re-passwords) an administrator; the password comes from ADMIN_PASSWORD. */
export async function createAdmin(db: DataSource, args: { email?: string; name?: string; agency?: string; position?: string }, log: (line: string) => void): Promise<void> {
  const email = args.email?.trim().toLowerCase();
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error('--email must be an email address');
  if (!password || password.length < 12) throw new Error('ADMIN_PASSWORD must be set in the environment (12+ characters)');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (manager) => {
    const agency = args.agency ? await manager.findOneBy(Agency, { code: args.agency }) : await manager.findOne(Agency, { where: { kind: 'government' } });
    if (!agency) throw new Error(args.agency ? `No agency with code ${args.agency}` : 'Import content first: no government agency exists');
    const position = await manager.findOne(Position, { where: args.position ? { code: args.position } : {}, order: { code: 'ASC' } });
    if (!position) throw new Error('Import content first: no positions exist');
    const existing = await manager.findOneBy(User, { email });
    if (existing) {
      await manager.update(User, { id: existing.id }, { passwordHash, isActive: true, roles: [...new Set([...existing.roles, 'admin' as const])], tokenVersion: existing.tokenVersion + 1 });
    } else {
      await manager.insert(User, { email, name: args.name?.trim() || email, passwordHash, roles: ['admin', 'learner'], agencyId: agency.id, positionId: position.id });
    }
    const user = (await manager.findOneBy(User, { email }))!;
    await recordAudit(manager, { id: null, email: 'cli' }, existing ? 'admin.reset' : 'admin.create', { type: 'user', id: user.id }, { email });
  });
  log(`Administrator ${email} is ready.`);
}
