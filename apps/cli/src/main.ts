// chadavkhi CLI: node dist/apps/cli/src/main.js <command> [options]. Each command runs in a Nest
// application context and does its work through the owning libs' services.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { generateSigningJwk, SIGNING_KEY_KINDS } from '@chadavkhi/certification';
import { resolveDeployment, ValidationProblemException } from '@chadavkhi/platform';
import { cliConfig } from './cli-config';
import { CliModule, Command, COMMANDS } from './cli.module';
import { createAdmin } from './commands/create-admin.command';
import { importContent } from './commands/import-content.command';
import { importStaff } from './commands/import-staff.command';
import { migrate } from './commands/migrate.command';
import { reindex } from './commands/reindex.command';
import { rotateKeys } from './commands/rotate-keys.command';

const USAGE = `Usage: chadavkhi <command> [options]
  migrate                         apply database migrations
  import-content [--dir content] [--demo]
                                  load agencies, positions, courses, knowledge documents
                                  (and with --demo the demo accounts)
  reindex                         rebuild the knowledge search index (documents and courses) from
                                  PostgreSQL into a new index and swap it in; needs MEILI_URL
  create-admin --email E [--name N] [--agency CODE] [--position CODE]
                                  create or reset an administrator; password from ADMIN_PASSWORD
  import-staff FILE --agency CODE [--full] [--yes] [--invite]
                                  preview a staff file (CSV or XLSX; columns in the README), then apply
                                  it once confirmed (--yes: without asking); --full: people of the
                                  agency's subtree missing from the file leave; --invite: e-mail new
                                  people an invitation to set a password
  rotate-keys [--print]           new certificate signing keys, Ed25519 and P-256 (written under
                                  DATA_DIR/keys, or printed as JWKs for CERT_SIGNING_KEY and
                                  CERT_JWT_SIGNING_KEY); old keys stay in the JWKS and DID document`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: command === 'import-staff',
    options: {
      dir: { type: 'string', default: 'content' },
      demo: { type: 'boolean', default: false },
      email: { type: 'string' },
      name: { type: 'string' },
      agency: { type: 'string' },
      position: { type: 'string' },
      print: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      invite: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!command || !(COMMANDS as readonly string[]).includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const log = (line: string) => console.log(line);
  if (command === 'rotate-keys' && values.print) {
    // Needs no database: the worker records the public key the first time it signs with it.
    log('Set these for the API and the worker, then restart them:');
    for (const kind of SIGNING_KEY_KINDS) log(`${kind.setting}=${JSON.stringify(await generateSigningJwk(kind))}`);
    return 0;
  }
  const config = cliConfig(command as Command);
  // The same key prefix as the API and worker of this deployment (commands queue jobs through the outbox
  // and count nothing in Redis, so they neither check nor claim it).
  await resolveDeployment(config, { checkRedis: false });
  const app = await NestFactory.createApplicationContext(CliModule.forCommand(command as Command, config), {
    logger: false,
    abortOnError: false,
  });
  try {
    if (command === 'migrate') await migrate(app, log);
    if (command === 'import-content')
      await importContent(app, { dir: values.dir!, demo: values.demo!, progress: !!process.stdout.isTTY }, log);
    if (command === 'create-admin') await createAdmin(app, { ...values, password: process.env.ADMIN_PASSWORD }, log);
    if (command === 'rotate-keys') await rotateKeys(app, log);
    if (command === 'reindex') await reindex(app, { progress: !!process.stdout.isTTY }, log);
    if (command === 'import-staff')
      return await importStaff(
        app,
        {
          file: positionals[0],
          agency: values.agency,
          full: values.full!,
          yes: values.yes!,
          invite: values.invite!,
          progress: !!process.stdout.isTTY,
        },
        log,
      );
    return 0;
  } finally {
    await app.close();
  }
}

/** A refusal by a service's input rules names the fields; anything else says its message. */
const describeError = (error: Error) =>
  error instanceof ValidationProblemException ? error.fieldErrors.flatMap((f) => f.messages).join('; ') : error.message;

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`chadavkhi: ${describeError(error)}`);
    process.exit(1);
  },
);
