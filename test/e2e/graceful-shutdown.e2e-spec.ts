// SIGTERM, as an orchestrator's rolling restart sends it, to the compiled API and worker: the API
// answers every request it had received, takes no new connection, and exits 0; the worker stops
// taking jobs, finishes the active ones (none failed, none left to stall) and exits 0. And a rolling
// restart of two API processes under load, behind a balancer that does what nginx's
// proxy_next_upstream does (a refused connection or a 503 is tried on the other process), loses no request.
import { ChildProcess, spawn } from 'node:child_process';
import { createServer, IncomingMessage, request as httpRequest, Server } from 'node:http';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { CompiledBuild, compileApps, ROOT } from '../support/compiled-build';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { freePort } from '../support/redis-server';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

describe('stopping on SIGTERM', () => {
  let t: TestApp;
  let build: CompiledBuild;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    build = compileApps('graceful');
    t = await startTestApp({ RUN_WORKERS: false });
  }, 60000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await t.close();
    build.remove();
  });

  /** The compiled app on this test's database and Redis prefix; its output collected. */
  function start(app: 'api' | 'worker', env: Record<string, string>) {
    const child = spawn(process.execPath, [build.main(app)], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: t.config.DATABASE_URL,
        REDIS_URL: t.config.REDIS_URL,
        REDIS_PREFIX: t.config.REDIS_PREFIX,
        MEILI_INDEX_PREFIX: t.config.MEILI_INDEX_PREFIX,
        JWT_SECRET: t.config.JWT_SECRET,
        DATA_DIR: join(build.dir, 'data'),
        SECOND_FACTOR_ROLES: 'none',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { text: '' };
    child.stdout!.on('data', (d) => (output.text += d));
    child.stderr!.on('data', (d) => (output.text += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    children.push(child);
    return { child, output, exited };
  }

  /** One request on a connection of its own; resolves with the status, or the error's code. */
  function get(port: number, path: string, token: string): Promise<number | string> {
    return new Promise((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers: bearer(token), agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
        res.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      req.end();
    });
  }

  it('answers every request the API had received, refuses new connections, and exits 0', async () => {
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const course = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body;
    await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer));

    const port = await freePort();
    const api = start('api', { PORT: String(port), RUN_WORKERS: 'false', LOG_LEVEL: 'info' });
    await until(async () => (await get(port, '/api/v1/health', trainer)) === 200, 30000);
    const received = () => (api.output.text.match(/"incoming request"/g) ?? []).length;
    const before = received();

    // Printable packs take a while to draw: twelve of them in flight when SIGTERM comes.
    const packs = Array.from({ length: 12 }, () =>
      get(port, `/api/v1/courses/${course.id}/versions/1/pack.pdf`, trainer),
    );
    await until(async () => received() - before >= 12, 20000);
    api.child.kill('SIGTERM');
    await until(async () => /Stopping: no new requests/.test(api.output.text), 10000);
    const late = await get(port, '/api/v1/health', trainer);

    expect(await Promise.all(packs)).toEqual(Array(12).fill(200));
    expect(late).toBe('ECONNREFUSED');
    expect(await api.exited).toBe(0);
    expect(api.output.text).toMatch(/"Stopped"/);
  }, 90000);

  it('loses no request while two API processes are restarted one after the other under load', async () => {
    const learner = await tokenFor(t, (await createUser(t.db)).email);
    const ports = [await freePort(), await freePort()];
    const startApi = async (port: number) => {
      const api = start('api', { PORT: String(port), RUN_WORKERS: 'false', LOG_LEVEL: 'warn' });
      await until(async () => (await get(port, '/api/v1/health', learner)) === 200, 30000);
      return api;
    };
    const apis = [await startApi(ports[0]), await startApi(ports[1])];
    const balancer = await balance(ports);
    const outcomes = new Map<string, number>();
    let loading = true;
    const client = async () => {
      while (loading) {
        const outcome = String(await get(balancer.port, '/api/v1/me', learner));
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    };
    const clients = Array.from({ length: 16 }, client);
    try {
      for (const [i, port] of ports.entries()) {
        await until(async () => [...outcomes.values()].reduce((a, b) => a + b, 0) > 200 * (i + 1), 30000);
        apis[i].child.kill('SIGTERM');
        expect(await apis[i].exited).toBe(0);
        apis[i] = await startApi(port);
      }
    } finally {
      loading = false;
      await Promise.all(clients);
      balancer.server.close();
      for (const api of apis) api.child.kill('SIGTERM');
      await Promise.all(apis.map((a) => a.exited));
    }
    expect(Object.fromEntries(outcomes)).toEqual({ '200': expect.any(Number) });
    expect(balancer.retried).toBeGreaterThan(0); // the restarts were felt, and absorbed
  }, 120000);

  it('lets the worker finish its active jobs, none failed or left to stall, and exit 0', async () => {
    const queue = new Queue('certificates', {
      connection: new IORedis(t.config.REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: t.config.REDIS_PREFIX,
    });
    // Jobs for enrolments this database does not have: each one is a quick look-up that ends in "no
    // certificate", so the worker is busy with many at once when it is told to stop.
    await queue.addBulk(
      Array.from({ length: 400 }, (_, i) => ({
        name: 'enrollment.completed',
        data: { enrollmentId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
        opts: { jobId: `graceful-${i}` },
      })),
    );
    const worker = start('worker', { WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'info' });
    await until(async () => (await queue.getJobCounts('completed')).completed > 0, 30000);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);

    const counts = await queue.getJobCounts('active', 'failed', 'completed', 'waiting');
    expect(counts.active).toBe(0);
    expect(counts.failed).toBe(0);
    expect(counts.completed + counts.waiting).toBe(400);
    await queue.close();
    await queue.disconnect();
  }, 90000);
});

/**
 * A small load balancer: round robin over the ports; a request whose connection is refused or reset
 * before an answer, or that is answered 503, is sent to the next process (GETs only, so it is safe).
 */
async function balance(ports: number[]): Promise<{ server: Server; port: number; retried: number }> {
  let next = 0;
  const state = { retried: 0 };
  const forward = (incoming: IncomingMessage, port: number) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer } | undefined>((resolve) => {
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () =>
            resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
          );
          response.on('error', () => resolve(undefined));
        },
      );
      upstream.on('error', () => resolve(undefined));
      upstream.end();
    });
  const server = createServer(async (incoming, outgoing) => {
    const first = next++;
    for (let attempt = 0; attempt < 2 * ports.length; attempt++) {
      const answer = await forward(incoming, ports[(first + attempt) % ports.length]);
      if (answer && answer.status !== 503) {
        outgoing.writeHead(answer.status, answer.headers).end(answer.body);
        return;
      }
      state.retried++;
    }
    outgoing.writeHead(502).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as { port: number }).port,
    get retried() {
      return state.retried;
    },
  };
}
