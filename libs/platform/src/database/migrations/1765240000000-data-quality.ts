// Data quality per agency (issue 17 §7): how many active people have a registration number, a
// position, a supervisor and an e-mail address in their HR record, own and over the subtree, and
// kept in the daily history. Rows already stored start at 0 until their agency is next recounted
// (the daily snapshot recounts every agency). Owner: accountability.
import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['agency_own_metrics', 'agency_metrics', 'agency_metrics_history'];
const COLUMNS = ['with_registration_number', 'with_position', 'with_supervisor', 'with_email'];

export class DataQuality1765240000000 implements MigrationInterface {
  name = 'DataQuality1765240000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES)
      await q.query(
        `ALTER TABLE ${table} ${COLUMNS.map((c) => `ADD COLUMN ${c} integer NOT NULL DEFAULT 0`).join(', ')}`,
      );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES)
      await q.query(`ALTER TABLE ${table} ${COLUMNS.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
  }
}
