import { DataSource } from 'typeorm';

/** Applies pending migrations in order; each in its own transaction. Safe to re-run. */
export async function migrate(db: DataSource, log: (line: string) => void): Promise<void> {
  const applied = await db.runMigrations({ transaction: 'each' });
  log(applied.length ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}` : 'Database schema is up to date.');
}
