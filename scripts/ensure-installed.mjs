// On a fresh clone `npm start` / `npm test` install the locked dependencies first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensureInstalled(say) {
  if (existsSync('node_modules/.package-lock.json')) return;
  say('Installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed; see above.');
    process.exit(1);
  }
}
