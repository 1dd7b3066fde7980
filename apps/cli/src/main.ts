// chadavkhi CLI: node dist/apps/cli/src/main.js <migrate|import-content|create-admin> [options]
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createAdmin } from './commands/create-admin.command';
import { importContent } from './commands/import-content.command';
import { migrate } from './commands/migrate.command';
import { generateSigningJwk } from '@chadavkhi/certification';
import { rotateKeys } from './commands/rotate-keys.command';
import { reindex } from './commands/reindex.command';
import { openDatabase } from './database';

const USAGE = `Usage: chadavkhi <command> [options]
  migrate                         apply database migrations
  import-content [--dir content] [--demo]
                                  load agencies, positions, courses, knowledge documents
                                  (and with --demo the demo accounts)
  reindex                         rebuild the knowledge search index (documents and courses) from
                                  PostgreSQL into a new index and swap it in; needs MEILI_URL
  create-admin --email E [--name N] [--agency CODE] [--position CODE]
                                  create or reset an administrator; password from ADMIN_PASSWORD
  rotate-keys [--print]           new certificate signing key (written under DATA_DIR/keys, or printed
                                  as a JWK for CERT_SIGNING_KEY); old keys stay in the JWKS`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      dir: { type: 'string', default: 'content' },
      demo: { type: 'boolean', default: false },
      email: { type: 'string' },
      name: { type: 'string' },
      agency: { type: 'string' },
      position: { type: 'string' },
      print: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!command || !['migrate', 'import-content', 'create-admin', 'rotate-keys', 'reindex'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const log = (line: string) => console.log(line);
  if (command === 'rotate-keys' && values.print) {
    // Needs no database: the worker records the public key the first time it signs with it.
    const jwk = await generateSigningJwk();
    log('Set this as CERT_SIGNING_KEY for the API and the worker, then restart them:');
    log(JSON.stringify(jwk));
    return 0;
  }
  const db = await openDatabase();
  try {
    if (command === 'migrate') await migrate(db, log);
    if (command === 'import-content') await importContent(db, { dir: values.dir!, demo: values.demo!, progress: !!process.stdout.isTTY }, log);
    if (command === 'create-admin') await createAdmin(db, values, log);
    if (command === 'rotate-keys') await rotateKeys(db, log);
    if (command === 'reindex') await reindex(db, { progress: !!process.stdout.isTTY }, log);
    return 0;
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`chadavkhi: ${error.message}`);
    process.exit(1);
  },
);
