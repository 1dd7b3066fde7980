// The README's first command on a fresh data directory, with nothing configured: it must start,
// let the demo accounts sign in, reuse its data the second time, and leave no process behind.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import IORedis from 'ioredis';
import { freePort } from '../support/redis-server';
import { testRun } from '../support/test-env';
import { authorizeAt } from '../support/oidc-provider';
import { CodeSource } from '../support/totp';

const root = resolve(__dirname, '..', '..');
// Its own keys on the shared Redis (rate limits, queues) and index names, under this run's id so the
// run's teardown removes them: the default prefix is shared with every other `npm start` on the machine.
const isolation = `${testRun().runId}-start`;

async function redisKeys(pattern: string): Promise<string[]> {
  const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  await redis.connect();
  try {
    return await redis.keys(pattern);
  } finally {
    redis.disconnect();
  }
}

const started: ChildProcess[] = [];

/** After a test that ended early: every process npm start left, PostgreSQL and Meilisearch included. */
function killLeftovers(): void {
  for (const child of started) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function startProduct(
  dataDir: string,
  port: number,
): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    REDIS_PREFIX: isolation,
    MEILI_INDEX_PREFIX: `${isolation}_`,
  };
  for (const name of ['DATABASE_URL', 'MEILI_URL', 'MEILI_MASTER_KEY', 'JWT_SECRET', 'NODE_ENV', 'TEST_RUN_ID'])
    delete env[name];
  // Its own process group, so a run cut short (a timeout) can still stop everything it started.
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const ready = new Promise<void>((resolveReady, reject) => {
    const timer = setInterval(() => {
      if (output.includes('Press Ctrl-C to stop')) {
        clearInterval(timer);
        resolveReady();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`npm start exited early (${code}):\n${output}`));
    });
  });
  return { child, output: () => output, ready };
}

/**
 * Ctrl-C as a terminal sends it: SIGINT to the whole foreground process group — npm start and every
 * child it started there (the API, PostgreSQL, Meilisearch, the demo identity provider) at once.
 */
function stopWithCtrlC(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    child.once('exit', (code) => done(code));
    process.kill(-child.pid!, 'SIGINT');
  });
}

function processesUsing(dataDir: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((line) => line.includes(dataDir));
}

describe('npm start (embedded default)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chadavkhi-start-'));
  chmodSync(dataDir, 0o755); // mkdtemp makes it private; PostgreSQL runs as another user
  afterAll(() => {
    killLeftovers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with no configuration, serves the demo, reuses its data, and stops every child on Ctrl-C, saying so', async () => {
    const port = await freePort();
    const first = startProduct(dataDir, port);
    await first.ready;
    expect(first.output()).toContain(`http://127.0.0.1:${port}`);
    expect(first.output()).toContain('learner@demo.chadavkhi.mn');
    expect(first.output()).toMatch(/Demo users: 17 created/);

    const post = (path: string, body: unknown) =>
      fetch(`http://127.0.0.1:${port}/api/v1/auth/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // The demo HR officer needs a second factor (the default SECOND_FACTOR_ROLES), enrolled with the
    // demo secret the README gives: the password earns a challenge, the code opens the session.
    const password = await post('login', { email: 'hr@demo.chadavkhi.mn', password: 'Demo-2026!' });
    expect(password.status).toBe(401);
    const { challenge } = (await password.json()) as { challenge: string };
    const code = await new CodeSource('CHADAVKHIDEMO234CHADAVKHIDEMO234').next();
    const login = await post('login/second-factor', { challenge, code });
    expect(login.status).toBe(200);
    const learner = await post('login', { email: 'learner@demo.chadavkhi.mn', password: 'Demo-2026!' });
    expect(learner.status).toBe(200);
    // The demo ministry's identity provider (a real OpenID Provider beside the product): its button
    // on /signin, and a demo person signed in through it, linked by the e-mail it vouches for.
    const signInPage = await (await fetch(`http://127.0.0.1:${port}/signin`)).text();
    expect(signInPage).toContain('href="/signin/oidc/demo-ministry"');
    const issuer = /demo identity provider \(OpenID Connect\) at (\S+)/.exec(first.output())![1];
    const begin = await fetch(`http://127.0.0.1:${port}/signin/oidc/demo-ministry`, { redirect: 'manual' });
    const binding = begin.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const back = await authorizeAt(issuer, begin.headers.get('location')!, 'demo-learner');
    const callback = await fetch(back, { redirect: 'manual', headers: { cookie: binding } });
    expect(callback.status).toBe(303);
    const session = callback.headers
      .getSetCookie()
      .find((c) => c.startsWith('chadavkhi_session='))!
      .split(';')[0];
    const me = (await (await fetch(`http://127.0.0.1:${port}/api/v1/me`, { headers: { cookie: session } })).json()) as {
      email: string;
    };
    expect(me.email).toBe('learner@demo.chadavkhi.mn');
    const health = (await (await fetch(`http://127.0.0.1:${port}/api/v1/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(await redisKeys(`${isolation}:*`)).not.toEqual([]); // its queues and limits, apart from any other process's

    expect(await stopWithCtrlC(first.child)).toBe(0);
    expect(first.output()).toMatch(/Stopping…[\s\S]*Stopped\.\s*$/); // says so, as its last word
    expect(processesUsing(dataDir)).toEqual([]);

    const second = startProduct(dataDir, port);
    await second.ready;
    expect(second.output()).toMatch(/Demo users: 0 created, 0 updated, 17 unchanged/);
    expect(second.output()).toMatch(/Database schema is up to date/);
    expect(readFileSync(join(dataDir, 'secrets', 'jwt-secret'), 'utf8').length).toBeGreaterThan(40);
    expect(await stopWithCtrlC(second.child)).toBe(0);
    expect(second.output()).toMatch(/Stopped\.\s*$/);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 180_000);
});
