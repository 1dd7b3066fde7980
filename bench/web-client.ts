// Browser-like load for the exam-storm and day-mix benches: a signed-in web session (cookies, the
// CSRF token of the last page, redirects not followed, compressed answers as a browser asks for
// them), every request timed by wall clock (performance.now) under a step name, and the clients run
// apart from the application's event loop (a worker thread or a process of their own).
//
// Requests go through undici's request API, not fetch: the storm's 2,000 browsers are simulated on
// the same two cores as the server, and fetch's web streams cost about 1.4 ms of CPU a request
// (a whole core in the arrival burst), CPU that real browsers spend on their own devices.
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Client, request } from 'undici';

/** Wall-clock milliseconds per step, and what went wrong (step: status or error), for one run. */
export interface Timings {
  ms: Record<string, number[]>;
  errors: string[];
}

export const newTimings = (): Timings => ({ ms: {}, errors: [] });

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** "p50 12 ms, p95 40 ms, p99 80 ms (n 2000)" for a step. */
export function spread(xs: number[], ps: number[] = [50, 95, 99]): string {
  const parts = ps.map((p) => `p${p} ${percentile(xs, p).toFixed(0)} ms`);
  return `${parts.join(', ')} (n ${xs.length})`;
}

/** How often each distinct error happened, most frequent first. */
export function tally(errors: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of errors) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

interface Sent {
  status: number;
  location: string | null;
  text: string;
}

/** An answer's body as text, decompressed as a browser would. */
function decoded(body: Buffer, encoding: string | string[] | undefined): string {
  switch (encoding) {
    case 'br':
      return brotliDecompressSync(body).toString('utf8');
    case 'gzip':
      return gunzipSync(body).toString('utf8');
    case 'deflate':
      return inflateSync(body).toString('utf8');
    default:
      return body.toString('utf8');
  }
}

/**
 * One person's browser. `expect` is the status the step must answer; anything else is an error.
 * Like a browser, it keeps its own connection to the server and sends one request after another on
 * it (a new one only when the server has closed it), never another person's connection.
 */
export class WebSession {
  private readonly cookies = new Map<string, string>();
  private csrf = '';
  private readonly connection: Client;

  constructor(
    private readonly base: string,
    private readonly timings: Timings,
  ) {
    this.connection = new Client(base, { pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
  }

  /** Closes the browser's connection (once its person is done). */
  close(): Promise<void> {
    return this.connection.close();
  }

  /** Starts signed in with a session token made in-process, for benches that do not measure sign-in. */
  withSessionToken(token: string): this {
    this.cookies.set('chadavkhi_session', token);
    return this;
  }

  get(step: string, path: string, expect = 200): Promise<Sent> {
    return this.send(step, 'GET', path, expect);
  }

  /** What the page's script would read from the API with the same session. */
  getJson(step: string, path: string): Promise<Sent> {
    return this.send(step, 'GET', path, 200, { accept: 'application/json' });
  }

  /** An urlencoded form with the CSRF token of the last page shown (the sign-in form has none). */
  postForm(step: string, path: string, fields: Record<string, string> = {}, expect = 303): Promise<Sent> {
    const form = new URLSearchParams({ ...(this.csrf ? { _csrf: this.csrf } : {}), ...fields });
    return this.send(step, 'POST', path, expect, { 'content-type': 'application/x-www-form-urlencoded' }, form);
  }

  /** JSON to the API with the session cookie, proving intent with the page's CSRF token as a header. */
  postJson(step: string, path: string, body: unknown, expect = 200): Promise<Sent> {
    const headers = { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': this.csrf };
    return this.send(step, 'POST', path, expect, headers, JSON.stringify(body));
  }

  private async send(
    step: string,
    method: string,
    path: string,
    expect: number,
    headers: Record<string, string> = {},
    body?: string | URLSearchParams,
  ): Promise<Sent> {
    const started = performance.now();
    let sent: Sent;
    try {
      const response = await request(`${this.base}${path}`, {
        method: method as 'GET' | 'POST',
        body: body === undefined ? undefined : String(body),
        dispatcher: this.connection,
        headers: {
          accept: 'text/html',
          'accept-encoding': 'br, gzip, deflate',
          origin: this.base,
          cookie: this.cookieHeader(),
          ...headers,
        },
      });
      const text = decoded(Buffer.from(await response.body.arrayBuffer()), response.headers['content-encoding']);
      const location = response.headers.location;
      sent = { status: response.statusCode, location: typeof location === 'string' ? location : null, text };
      for (const cookie of [response.headers['set-cookie'] ?? []].flat()) {
        const [pair] = cookie.split(';');
        const at = pair.indexOf('=');
        this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
    } catch (error) {
      const code = (error as Error & { code?: string }).code;
      this.timings.errors.push(`${step}: ${(error as Error).message}${code ? ` (${code})` : ''}`);
      throw error;
    }
    (this.timings.ms[step] ??= []).push(performance.now() - started);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(sent.text);
    if (csrf) this.csrf = csrf[1];
    if (sent.status !== expect) {
      this.timings.errors.push(`${step}: ${sent.status}`);
      throw new Error(`${step}: ${sent.status}`);
    }
    return sent;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Runs `file` (a bench's compiled self) in a worker thread with `data`; resolves with what it posts back. */
export function inWorker<T>(file: string, data: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: data });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code && reject(new Error(`load worker exited with ${code}`)));
  });
}

/**
 * Runs `file` (a bench's compiled self) as a process of its own, handing it `data`; resolves with
 * what it sends back. For load that should not share the server's process: its thread pool (the
 * clients' decompression), its heap and its garbage collection stay apart, as browsers' are.
 * `onNote` hears what the load says on the way (serveLoad's `note`), such as "warmed up".
 */
export function inLoadProcess<T>(file: string, data: unknown, onNote?: (note: unknown) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(file, [], { env: { ...process.env, BENCH_LOAD_PROCESS: '1' }, serialization: 'advanced' });
    child.on('message', (message: { note?: unknown; result?: unknown }) => {
      if ('note' in message) return onNote?.(message.note);
      resolve(message.result as T);
      child.disconnect();
    });
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`load process exited with ${code}`)));
    child.send(data as never);
  });
}

/** In the process inLoadProcess started: runs `load` on what it was handed and sends the result back. */
export function isLoadProcess(): boolean {
  return process.env.BENCH_LOAD_PROCESS === '1';
}
export function serveLoad<P, R>(load: (plan: P, note: (note: unknown) => void) => Promise<R>): void {
  const note = (n: unknown) => process.send!({ note: n } as never);
  process.once('message', (plan) => void load(plan as P, note).then((result) => process.send!({ result } as never)));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
