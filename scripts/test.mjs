// npm test: type-check, then every test (unit, end-to-end, browser) against real PostgreSQL, Redis
// and Meilisearch. Services named by DATABASE_URL / REDIS_URL / MEILI_URL are used as they are;
// anything missing is started for this run only. Each run gets its own id, so its databases,
// index names and Redis keys never meet another run's. Extra arguments go to jest.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './ensure-installed.mjs';
import { lint } from './lint.mjs';
import { StackError, startStack } from './stack.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
process.chdir(root);
const runId = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const say = (line) => console.log(`[test] ${line}`);
const LATENCY_FILES = ['attachment-text\\.spec\\.ts', 'knowledge-documents\\.e2e-spec\\.ts'];

let stack;
let code = 1;
const stopAndExit = async () => {
  if (stack) await stack.stop();
  process.exit(code);
};
/** tsc --noEmit over the whole tree; resolves to a message when it found errors (printed as they come). */
function typecheck() {
  return new Promise((done) => {
    const tsc = spawn(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json'], {
      stdio: 'inherit',
    });
    tsc.on('close', (status) => done(status === 0 ? undefined : 'Type errors (above).'));
  });
}

process.on('SIGINT', stopAndExit);
process.on('SIGTERM', stopAndExit);

try {
  ensureInstalled(say);
  // SKIP_TYPECHECK=1 is for re-running a few files while editing; CI and a plain `npm test` always
  // type-check and lint (ESLint + Prettier, scripts/lint.mjs), side by side with starting the services.
  const checks = [];
  if (process.env.SKIP_TYPECHECK === '1' && !process.env.CI) say('Type-check and lint skipped (SKIP_TYPECHECK=1).');
  else {
    say('Type-checking and linting…');
    checks.push(
      typecheck(),
      lint(say).then((clean) => (clean ? undefined : 'Lint problems (above).')),
    );
  }
  const starting = startStack({
    dataDir: join(process.env.DATA_DIR || '.data', 'test-runs', runId),
    ephemeral: true,
    log: say,
  });
  starting.then((started) => (stack = started)).catch(() => {});
  const failed = (await Promise.all(checks)).filter(Boolean);
  stack = await starting;
  if (failed.length) throw new StackError(failed.join(' '));
  for (const line of stack.started) say(`started ${line}`);
  const env = {
    ...process.env,
    ...stack.env,
    TEST_RUN_ID: runId,
    NODE_ENV: 'test',
    JWT_SECRET: randomBytes(36).toString('base64url'),
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  };
  say(
    `Run ${runId}: PostgreSQL ${new URL(env.DATABASE_URL).host}, Redis ${env.REDIS_URL}, Meilisearch ${env.MEILI_URL}`,
  );
  const jest = (args) =>
    spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', ...args], { stdio: 'inherit', env }).status ?? 1;
  const asked = process.argv.slice(2);
  if (asked.length) code = jest(asked);
  else {
    // The files that measure latency (/health within 200 ms beside an attachment extraction, timers
    // on time beside an inflating archive) run alone after the rest: beside another file on two
    // cores, a browser or a child process takes the core they measure, and they fail by chance.
    const rest = jest([`--testPathIgnorePatterns=/node_modules/|(${LATENCY_FILES.join('|')})$`]);
    say('The latency checks, alone:');
    const alone = jest(['--runInBand', ...LATENCY_FILES]);
    code = rest || alone;
  }
} catch (error) {
  console.error(`[test] ${error instanceof StackError ? error.message : (error.stack ?? error)}`);
  code = 1;
}
await stopAndExit();
