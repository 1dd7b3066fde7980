// npm start: the whole product on one machine with no configuration. Builds, starts what is missing
// (PostgreSQL, Meilisearch, Redis), migrates, imports content/ with the demo accounts, then runs the
// API with the job processors in one process. Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoProvider } from './demo-provider.mjs';
import { ensureInstalled } from './ensure-installed.mjs';
import { StackError, startStack, stopChild, storedSecret } from './stack.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
process.chdir(root);
const dataDir = resolve(process.env.DATA_DIR || '.data');
const say = (line) => console.log(`\x1b[36m[chadavkhi]\x1b[0m ${line}`);
const run = (args, env) => {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  if (result.status !== 0) throw new StackError(`${args.join(' ')} failed (exit ${result.status})`);
};

let stack;
let api;
let demoProvider;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('Stopping…');
  // Whatever a child does, this ends with a word: a stop that never settled would otherwise let the
  // event loop run dry and the process exit in silence (as it did before the stops below were fixed).
  setTimeout(() => {
    say('Stopped, without waiting longer for what had not stopped within a minute.');
    process.exit(code || 1);
  }, 60000); // and, being a pending timer, it keeps the process alive until the stops are done
  if (api) await stopChild(api, 'SIGTERM', 15000);
  if (demoProvider) await demoProvider.stop();
  if (stack) await stack.stop();
  say('Stopped.');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  ensureInstalled(say);
  mkdirSync(dataDir, { recursive: true });
  say('Building…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new StackError('Build failed');

  say('Starting services…');
  stack = await startStack({ dataDir, log: say });
  for (const line of stack.started) say(`  started ${line}`);
  const port = process.env.PORT || '3000';
  const env = {
    ...process.env,
    ...stack.env,
    NODE_ENV: process.env.NODE_ENV || 'development',
    PORT: port,
    JWT_SECRET: process.env.JWT_SECRET || storedSecret(dataDir, 'jwt-secret', 48),
    RUN_WORKERS: 'true',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL || 'info',
  };

  say('Migrating and importing content/ (with demo accounts)…');
  run(['dist/apps/cli/src/main.js', 'migrate'], env);
  run(['dist/apps/cli/src/main.js', 'import-content', '--demo'], env);
  demoProvider = await startDemoProvider({ dataDir, port, say });
  if (demoProvider) {
    Object.assign(env, demoProvider.env);
    say(`  started a demo identity provider (OpenID Connect) at ${demoProvider.issuer}`);
  }

  api = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const { default: pretty } = await import('pino-pretty').catch(() => ({ default: undefined }));
  if (pretty && process.stdout.isTTY)
    api.stdout.pipe(pretty({ colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }));
  else api.stdout.pipe(process.stdout);
  api.on('exit', (code, signal) => {
    if (!stopping) {
      say(`The API stopped unexpectedly (${signal ?? `exit ${code}`}).`);
      shutdown(code || 1);
    }
  });

  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60000;
  while (Date.now() < until) {
    const ok = await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  say('');
  say(`Chadavkhi is running at \x1b[1m${url}\x1b[0m   (API docs: ${url}/api/docs)`);
  say('Demo accounts (password Demo-2026!):');
  say('  admin@demo.chadavkhi.mn     administrator');
  say('  trainer@demo.chadavkhi.mn   trainer');
  say('  hr@demo.chadavkhi.mn        HR officer, Ministry of Finance');
  say('  learner@demo.chadavkhi.mn   learner, General Department of Taxation');
  say('The administrator and the HR officer also give a two-step code: the sign-in page shows it (demo only).');
  if (demoProvider)
    say("Or sign in as any demo person through the demo ministry's identity provider (the button on /signin).");
  say(`To play SCORM packages offline, open it as http://chadavkhi.localhost:${port} (README: SCORM packages).`);
  say(`Data is kept in ${dataDir}. Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`\x1b[31m[chadavkhi]\x1b[0m ${error instanceof StackError ? error.message : (error.stack ?? error)}`);
  await shutdown(1);
}
