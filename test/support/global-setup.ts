// Once per run: a template database with the schema and the reference content (agencies,
// positions), which each test file clones in a few milliseconds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { parse } from 'yaml';
import { Agency, importAgencies, importPositions, Position, User } from '../../libs/identity/src';
import { AuditLogEntry, dataSourceOptions, OutboxEvent } from '../../libs/platform/src';
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
    await importAgencies(manager, parse(readFileSync(join(content, 'agencies.yaml'), 'utf8')));
    await importPositions(manager, parse(readFileSync(join(content, 'positions.yaml'), 'utf8')));
  });
  await db.destroy();
}
