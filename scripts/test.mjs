// npm test: type-check and lint beside every test (unit, end-to-end, browser) against real PostgreSQL, Redis
// and Meilisearch. Services named by DATABASE_URL / REDIS_URL / MEILI_URL are used as they are;
// anything missing is started for this run only. Each run gets its own id, so its databases,
// index names and Redis keys never meet another run's. Extra arguments go to jest.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setPriority } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './ensure-installed.mjs';
import { StackError, startStack } from './stack.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
process.chdir(root);
const runId = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const say = (line) => console.log(`[test] ${line}`);

let stack;
let code = 1;
const stopAndExit = async () => {
  if (stack) await stack.stop();
  process.exit(code);
};
/** A check run as a child process; resolves to its output when it fails, undefined when it passes. */
function check(label, args) {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // The lowest priority (its own children inherit it): the checks take only CPU the tests leave
    // idle, so timing checks (/health within 200 ms beside an extraction) keep their cores.
    try {
      setPriority(child.pid, 19);
    } catch {
      // not permitted here: the checks then simply compete as equals
    }
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => done(status === 0 ? undefined : `${label}:\n${output.trimEnd()}`));
  });
}

/** Jest with the run's environment; resolves to its exit status. */
function runJest(env) {
  return new Promise((done) => {
    const jest = spawn(process.execPath, ['node_modules/jest/bin/jest.js', ...process.argv.slice(2)], {
      stdio: 'inherit',
      env,
    });
    jest.on('close', (status) => done(status ?? 1));
  });
}

process.on('SIGINT', stopAndExit);
process.on('SIGTERM', stopAndExit);

try {
  ensureInstalled(say);
  // SKIP_TYPECHECK=1 is for re-running a few files while editing; CI and a plain `npm test` always
  // type-check and lint (ESLint + Prettier, scripts/lint.mjs). They run beside the tests rather than
  // before them, at the lowest CPU priority: most test files spend their time waiting on services,
  // browsers and child processes, so the checks use cores that would otherwise idle. Their findings
  // are printed after jest's, and any finding fails the run as before.
  const checks = [];
  if (process.env.SKIP_TYPECHECK === '1' && !process.env.CI) say('Type-check and lint skipped (SKIP_TYPECHECK=1).');
  else {
    say('Type-checking and linting beside the tests…');
    checks.push(
      check('Type errors', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']),
      check('Lint problems (npm run format fixes what Prettier finds)', ['scripts/lint.mjs']),
    );
  }
  stack = await startStack({
    dataDir: join(process.env.DATA_DIR || '.data', 'test-runs', runId),
    ephemeral: true,
    log: say,
  });
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
  const [jestStatus, ...checked] = await Promise.all([runJest(env), ...checks]);
  const failed = checked.filter(Boolean);
  if (failed.length) {
    for (const finding of failed) console.error(finding);
    throw new StackError(`Type-check or lint found problems (above)${jestStatus === 0 ? '; the tests passed' : ''}.`);
  }
  code = jestStatus;
} catch (error) {
  console.error(`[test] ${error instanceof StackError ? error.message : (error.stack ?? error)}`);
  code = 1;
}
await stopAndExit();
