// Once per run: a template database with the schema and the reference content (agencies,
// positions), which each test file clones in a few milliseconds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { parse } from 'yaml';
import { AgenciesRepository } from '../../libs/identity/src/agencies/agencies.repository';
import { Agency } from '../../libs/identity/src/agencies/agency.entity';
import { importAgencies, importPositions } from '../../libs/identity/src/content/identity-content';
import { Position } from '../../libs/identity/src/positions/position.entity';
import { PositionsRepository } from '../../libs/identity/src/positions/positions.repository';
import { User } from '../../libs/identity/src/users/user.entity';
import { dataSourceOptions } from '../../libs/platform/src';
import { AuditLogEntry } from '../../libs/platform/src/audit/audit-log-entry.entity';
import { OutboxEvent } from '../../libs/platform/src/outbox/outbox-event.entity';
import { databaseUrl, testRun } from './test-env';

export default async function globalSetup() {
  const { adminUrl, templateDb } = testRun();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${templateDb}"`);
  await admin.query(`CREATE DATABASE "${templateDb}"`);
  await admin.end();
  const db = await new DataSource(
    dataSourceOptions({ DATABASE_URL: databaseUrl(adminUrl, templateDb) }, [
      Agency,
      Position,
      User,
      OutboxEvent,
      AuditLogEntry,
    ]),
  ).initialize();
  await db.runMigrations({ transaction: 'each' });
  const content = join(__dirname, '..', '..', 'content');
  await db.transaction(async (manager) => {
    await importAgencies(
      new AgenciesRepository(db),
      manager,
      parse(readFileSync(join(content, 'agencies.yaml'), 'utf8')),
    );
    await importPositions(
      new PositionsRepository(db),
      manager,
      parse(readFileSync(join(content, 'positions.yaml'), 'utf8')),
    );
  });
  await db.destroy();
}
