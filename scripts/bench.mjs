// npm run bench: builds, brings up the services (as npm test does), prepares a database with the
// demo content, and runs every bench/*.bench.ts. Figures are ratios against an in-process baseline.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import IORedis from 'ioredis';
import pg from 'pg';
import { ensureInstalled } from './ensure-installed.mjs';
import { StackError, startStack } from './stack.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
process.chdir(root);
const say = (line) => console.log(`[bench] ${line}`);
const runId = `b${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
let stack;

// NODE_ENV=production refuses to sign without CERT_SIGNING_KEY and CERT_JWT_SIGNING_KEY (no key
// files on disk), so each run brings its own private JWKs (Ed25519, P-256), thrown away with the run's database.
function throwawaySigningKey(type, options, alg) {
  const jwk = generateKeyPairSync(type, options).privateKey.export({ format: 'jwk' });
  return JSON.stringify({ ...jwk, alg, use: 'sig' });
}
let code;
let dbName;

async function withAdmin(stack, fn) {
  const admin = new pg.Client({ connectionString: stack.env.DATABASE_URL });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

try {
  ensureInstalled(say);
  // test/support/zip-bombs.ts: the hostile archives of the attachment bench.
  const build = spawnSync(
    'npx',
    [
      'swc',
      'apps',
      'libs',
      'bench',
      'test/support/zip-bombs.ts',
      '-d',
      'dist',
      '--copy-files',
      '--config-file',
      '.swcrc',
      '--ignore',
      '**/*.spec.ts',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (build.status !== 0) throw new StackError('Build failed');
  stack = await startStack({
    dataDir: join(process.env.DATA_DIR || '.data', 'bench-runs', runId),
    ephemeral: true,
    log: say,
  });
  const admin = new pg.Client({ connectionString: stack.env.DATABASE_URL });
  await admin.connect();
  dbName = `${runId}_bench`;
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const url = new URL(stack.env.DATABASE_URL);
  url.pathname = `/${dbName}`;
  const env = {
    ...process.env,
    ...stack.env,
    DATABASE_URL: url.toString(),
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(36).toString('base64url'),
    CERT_SIGNING_KEY: throwawaySigningKey('ed25519', {}, 'EdDSA'),
    CERT_JWT_SIGNING_KEY: throwawaySigningKey('ec', { namedCurve: 'P-256' }, 'ES256'),
    REDIS_PREFIX: runId,
    MEILI_INDEX_PREFIX: `${runId}_`,
  };
  for (const args of [['migrate'], ['import-content', '--demo']]) {
    const r = spawnSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new StackError(`cli ${args.join(' ')} failed`);
  }
  code = 0;
  // BENCH_ONLY=knowledge runs only the benches whose file name contains it. Each bench gets its own
  // copy of the prepared database, so what one seeds (200,000 people, say) never skews the next.
  const files = readdirSync('bench').filter(
    (f) => f.endsWith('.bench.ts') && (!process.env.BENCH_ONLY || f.includes(process.env.BENCH_ONLY)),
  );
  for (const [i, file] of files.entries()) {
    say(`${file}`);
    const copy = `${dbName}_${i}`;
    await withAdmin(stack, (c) => c.query(`CREATE DATABASE "${copy}" TEMPLATE "${dbName}"`));
    url.pathname = `/${copy}`;
    const r = spawnSync(
      process.execPath,
      [
        ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
        ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
        join('dist', 'bench', file.replace(/\.ts$/, '.js')),
      ],
      { env: { ...env, DATABASE_URL: url.toString() }, stdio: 'inherit' },
    );
    await withAdmin(stack, (c) => c.query(`DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`));
    if (r.status !== 0) code = r.status ?? 1;
  }
} catch (error) {
  console.error(`[bench] ${error instanceof StackError ? error.message : (error.stack ?? error)}`);
  code = 1;
} finally {
  if (dbName && stack) {
    const admin = new pg.Client({ connectionString: stack.env.DATABASE_URL });
    await admin
      .connect()
      .then(async () => {
        const copies = await admin.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [
          `${dbName}_`,
        ]);
        for (const { datname } of copies.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
        await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      })
      .catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
  // The jobs the benches left in Redis (kept a week for the admin page), under this run's prefix.
  if (stack) {
    const redis = new IORedis(stack.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis
      .connect()
      .then(async () => {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${runId}*`, 'COUNT', 1000);
          if (keys.length) await redis.unlink(...keys);
          cursor = next;
        } while (cursor !== '0');
      })
      .catch(() => undefined);
    redis.disconnect();
  }
  if (stack) await stack.stop();
}
process.exit(code);
