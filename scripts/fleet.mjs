// npm run fleet: the product as a national rollout runs it, on this machine — a PostgreSQL primary
// and a streaming replica, Redis with a replica and three sentinels, Meilisearch, two API processes
// and two workers (FLEET_APIS, FLEET_WORKERS change the counts). Builds, migrates, imports the demo
// content, prints what runs where; Ctrl-C stops everything it started. Data in DATA_DIR/fleet.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './ensure-installed.mjs';
import { StackError } from './stack.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
process.chdir(root);
const dataDir = resolve(process.env.DATA_DIR || '.data', 'fleet');
const say = (line) => console.log(`\x1b[36m[fleet]\x1b[0m ${line}`);
const count = (name, fallback) => {
  const value = process.env[name] ?? String(fallback);
  if (!/^[1-9]$/.test(value)) throw new StackError(`${name} must be a number of processes from 1 to 9`);
  return Number(value);
};

let fleet;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('Stopping…');
  if (fleet) await fleet.stop();
  say('Stopped.');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  ensureInstalled(say);
  // Loaded once the dependencies are there (it uses pg and ioredis).
  const { startFleet } = await import('./fleet-stack.mjs');
  const apis = count('FLEET_APIS', 2);
  const workers = count('FLEET_WORKERS', 2);
  say('Building…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new StackError('Build failed');
  say(`Starting the fleet in ${dataDir}…`);
  fleet = await startFleet({ dataDir, apis, workers, log: say });
  for (const line of fleet.describe()) say(`  ${line}`);
  say('');
  say(`Staleness-tolerant reads (dashboards, open data, the catalogue) go to the replica while it is`);
  say(
    `within ${fleet.env.DATABASE_REPLICA_MAX_LAG_MS ?? 2000} ms of the primary; everything else goes to the primary.`,
  );
  say('Demo accounts (password Demo-2026!): admin@, trainer@, hr@, learner@demo.chadavkhi.mn');
  say(`Logs: ${dataDir}/run/*.log, ${dataDir}/postgres-*.log, ${dataDir}/redis/*.log. Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`\x1b[31m[fleet]\x1b[0m ${error instanceof StackError ? error.message : (error.stack ?? error)}`);
  await shutdown(1);
}
