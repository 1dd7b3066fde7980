// Loads content/ into the database. Idempotent: a second run reports everything unchanged.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { DataSource } from 'typeorm';
import { parse } from 'yaml';
import { flattenAgencies, importAgencies, importDemoUsers, ImportCounts, importPositions } from '@chadavkhi/identity';

const describe = (what: string, c: ImportCounts) => `${what}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;

async function readYaml(dir: string, file: string): Promise<unknown> {
  const path = join(dir, file);
  try {
    return parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

export async function importContent(db: DataSource, options: { dir: string; demo: boolean; progress: boolean }, log: (line: string) => void): Promise<void> {
  const agencies = await readYaml(options.dir, 'agencies.yaml');
  const positions = await readYaml(options.dir, 'positions.yaml');
  const demoUsers = options.demo ? await readYaml(options.dir, 'demo/users.yaml') : undefined;
  const total = flattenAgencies(agencies).length;
  const bar = options.progress ? new SingleBar({ format: 'Agencies  [{bar}] {value}/{total}', hideCursor: true }, Presets.shades_classic) : undefined;
  await db.transaction(async (manager) => {
    bar?.start(total, 0);
    const agencyCounts = await importAgencies(manager, agencies, () => bar?.increment());
    bar?.stop();
    log(describe('Agencies', agencyCounts));
    log(describe('Positions', await importPositions(manager, positions)));
    if (demoUsers) log(describe('Demo users', await importDemoUsers(manager, demoUsers)));
  });
}
