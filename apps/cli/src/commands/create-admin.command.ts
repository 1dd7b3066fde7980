import type { INestApplicationContext } from '@nestjs/common';
import { PASSWORD_MIN, UsersService } from '@chadavkhi/identity';

/** Creates (or re-enables and re-passwords) an administrator through identity, under the API's password rule. */
export async function createAdmin(
  app: INestApplicationContext,
  args: { email?: string; name?: string; agency?: string; position?: string; password?: string },
  log: (line: string) => void,
): Promise<void> {
  if (!args.email?.trim()) throw new Error('--email must be an email address');
  if (!args.password) throw new Error(`ADMIN_PASSWORD must be set in the environment (${PASSWORD_MIN}+ characters)`);
  const email = args.email.trim().toLowerCase();
  await app.get(UsersService).setUpAdministrator({
    email,
    password: args.password,
    name: args.name,
    agency: args.agency,
    position: args.position,
  });
  log(`Administrator ${email} is ready.`);
}
