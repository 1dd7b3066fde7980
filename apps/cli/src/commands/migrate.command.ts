import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Applies pending migrations in order; each in its own transaction. Safe to re-run. */
export async function migrate(app: INestApplicationContext, log: (line: string) => void): Promise<void> {
  const applied = await app.get(DataSource).runMigrations({ transaction: 'each' });
  log(
    applied.length
      ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`
      : 'Database schema is up to date.',
  );
}
