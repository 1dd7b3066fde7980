// For tracing where a storm's latency goes (BENCH_PHASES=1; off otherwise):
// - tracePhases, in the load process: each request's wall time from undici's diagnostics channels,
//   split into waiting for a connection, waiting for the answer's headers, and reading the body;
// - serverDiagnostics, in the server's process: connections accepted, event-loop use, and the main
//   thread's time on a CPU against its time waiting for one (/proc schedstat, Linux).
// They found the storm's slow pages: libuv accepts one connection per event-loop turn, so new
// connections queued in the kernel while a cold, CPU-starved server's turns were long.
import diagnostics from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ServerDiagnostics {
  /** Stops sampling; the report. */
  stop(): string;
}

/** Every 250 ms: connections accepted, event-loop use, and the main thread's ms on a CPU / waiting for one. */
export function serverDiagnostics(server: Server): ServerDiagnostics {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const ticks: string[] = [];
  let accepts = 0;
  const onConnection = () => accepts++;
  server.on('connection', onConnection);
  const schedstat = () => readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
  let elu = performance.eventLoopUtilization();
  let sched = schedstat();
  const ticker = setInterval(() => {
    const nowElu = performance.eventLoopUtilization();
    const nowSched = schedstat();
    const use = performance.eventLoopUtilization(nowElu, elu).utilization;
    const ran = (nowSched[0] - sched[0]) / 1e6;
    const waited = (nowSched[1] - sched[1]) / 1e6;
    ticks.push(`${accepts}/${(use * 100).toFixed(0)}%/${ran.toFixed(0)}/${waited.toFixed(0)}`);
    [elu, sched, accepts] = [nowElu, nowSched, 0];
  }, 250);
  return {
    stop() {
      clearInterval(ticker);
      loop.disable();
      server.off('connection', onConnection);
      const ms = (ns: number) => (ns / 1e6).toFixed(0);
      return [
        `  server event loop delay: p50 ${ms(loop.percentile(50))}, p99 ${ms(loop.percentile(99))}, max ${ms(loop.max)} ms`,
        `  per 250 ms (accepted/loop use/main thread ms on a CPU/ms waiting for one): ${ticks.slice(0, 120).join(' ')}`,
      ].join('\n');
    },
  };
}

interface Phases {
  route: string;
  created: number;
  sent?: number;
  headers?: number;
  done?: number;
  newSocket?: boolean;
  connectMs?: number;
}

export function tracePhases(): () => string {
  const byRequest = new WeakMap<object, Phases>();
  const all: Phases[] = [];
  const connectedAt = new WeakMap<object, number>();
  const connectStarted: number[] = [];
  const connectMs: number[] = [];
  diagnostics.subscribe('undici:request:create', (m) => {
    const { request } = m as { request: { method: string; path: string } };
    const route = `${request.method} ${request.path.split('?')[0].replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`;
    const p: Phases = { route, created: performance.now() };
    byRequest.set(request, p);
    all.push(p);
  });
  diagnostics.subscribe('undici:client:beforeConnect', () => connectStarted.push(performance.now()));
  diagnostics.subscribe('undici:client:connected', (m) => {
    const now = performance.now();
    connectedAt.set((m as { socket: object }).socket, now);
    const began = connectStarted.shift();
    if (began !== undefined) connectMs.push(now - began);
  });
  diagnostics.subscribe('undici:client:sendHeaders', (m) => {
    const { request, socket } = m as { request: object; socket: object };
    const p = byRequest.get(request);
    if (!p) return;
    p.sent = performance.now();
    const at = connectedAt.get(socket);
    p.newSocket = at !== undefined && at >= p.created;
  });
  diagnostics.subscribe('undici:request:headers', (m) => {
    const p = byRequest.get((m as { request: object }).request);
    if (p) p.headers = performance.now();
  });
  diagnostics.subscribe('undici:request:trailers', (m) => {
    const p = byRequest.get((m as { request: object }).request);
    if (p) p.done = performance.now();
  });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  return () => {
    loop.disable();
    const pct = (xs: number[], q: number) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)].toFixed(0) : 'n/a';
    };
    const line = (name: string, xs: number[]) =>
      `    ${name.padEnd(30)} p50 ${pct(xs, 0.5)}, p95 ${pct(xs, 0.95)}, p99 ${pct(xs, 0.99)}, max ${pct(xs, 1)} ms (n ${xs.length})`;
    const complete = all.filter((p) => p.sent && p.headers && p.done);
    const slow = complete.filter((p) => p.done! - p.created > 1000);
    const phases = (ps: Phases[], label: string) => [
      `  ${label}:`,
      line(
        'created → headers sent',
        ps.map((p) => p.sent! - p.created),
      ),
      line(
        'headers sent → answer headers',
        ps.map((p) => p.headers! - p.sent!),
      ),
      line(
        'answer headers → body done',
        ps.map((p) => p.done! - p.headers!),
      ),
      `    on a new connection: ${ps.filter((p) => p.newSocket).length} of ${ps.length}`,
    ];
    const routes = [...new Set(slow.map((p) => p.route))];
    const perRoute = routes.map((r) => {
      const ps = slow.filter((p) => p.route === r);
      const waits = ps.map((p) => p.headers! - p.sent!);
      return `    ${r.padEnd(40)} ${ps.length} over 1 s (of ${complete.filter((p) => p.route === r).length}), ${ps.filter((p) => p.newSocket).length} on a new connection; server wait p50 ${pct(waits, 0.5)} ms`;
    });
    return [
      ...perRoute,
      `  load process event loop delay: p50 ${(loop.percentile(50) / 1e6).toFixed(1)}, p99 ${(loop.percentile(99) / 1e6).toFixed(1)}, max ${(loop.max / 1e6).toFixed(0)} ms`,
      line('connect (beforeConnect → connected)', connectMs),
      ...phases(complete, 'every request'),
      ...phases(slow, 'requests over 1 s'),
    ].join('\n');
  };
}
