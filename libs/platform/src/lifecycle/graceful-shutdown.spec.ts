// stopGracefully in a process of its own, signalled for real: a signal that comes while the app is
// still being built (job processors already taking jobs) waits for the app's steps and runs them,
// exit 0; a start that never finishes is bounded, exit 1; a signal once ready runs the steps at once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'graceful-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `body` after stopGracefully(logger, timeoutMs) in a Node process; its exit code and what it printed. */
function processWith(timeoutMs: number, body: string): Promise<{ code: number | null; lines: string[] }> {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(
    file,
    `import { stopGracefully } from ${JSON.stringify(join(__dirname, 'graceful-shutdown'))};
const logger = { info: (_: unknown, m: string) => console.log(m), error: (_: unknown, m: string) => console.log(m) };
const stopping = stopGracefully(logger as never, ${timeoutMs});
const step = (name: string) => ({ name, run: async () => console.log('step ' + name) });
${body}`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', '@swc-node/register', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, lines: out.trim().split('\n') }));
  });
}

describe('stopping on a signal', () => {
  it('keeps a signal that comes while the app is being built, and runs its steps once it is built', async () => {
    const { code, lines } = await processWith(
      10000,
      `process.kill(process.pid, 'SIGTERM');
setTimeout(() => { console.log('built'); stopping.ready([step('jobs'), step('connections')]); }, 300);
setInterval(() => {}, 1000);`,
    );
    expect(lines).toEqual(['Stopping once started', 'built', 'step jobs', 'step connections', 'Stopped']);
    expect(code).toBe(0);
  }, 30000);

  it('exits 1 when the app is not built within the bound after the signal', async () => {
    const { code, lines } = await processWith(
      300,
      `process.kill(process.pid, 'SIGTERM');
setInterval(() => {}, 1000);`,
    );
    expect(lines).toEqual(['Stopping once started', 'Did not stop within the bound; exiting']);
    expect(code).toBe(1);
  }, 30000);

  it('runs the steps at once on a signal once the app is ready, a second signal changing nothing', async () => {
    const { code, lines } = await processWith(
      10000,
      `stopping.ready([step('requests')]);
setTimeout(() => { process.kill(process.pid, 'SIGTERM'); process.kill(process.pid, 'SIGINT'); }, 100);
setInterval(() => {}, 1000);`,
    );
    expect(lines).toEqual(['Stopping: no new requests or jobs; finishing those in hand', 'step requests', 'Stopped']);
    expect(code).toBe(0);
  }, 30000);
});
