// How many people each averaged or rated figure is computed from (people with an enrolment, with a
// mandatory assignment, with a scored certificate, with a position that requires competencies), so
// a rate or an average of fewer than five people is never shown and open data can check that no
// difference between its figures singles out a small group. Rows already stored start at 0 and so
// show no rates until they are next recounted (the daily snapshot recounts every agency).
import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['agency_own_metrics', 'agency_metrics', 'agency_metrics_history'];
const COLUMNS = ['enrolled_people', 'assigned_people', 'scored_people', 'competency_people'];

export class MetricsContributors1765050000000 implements MigrationInterface {
  name = 'MetricsContributors1765050000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(
        `ALTER TABLE ${table} ${COLUMNS.map((c) => `ADD COLUMN ${c} integer NOT NULL DEFAULT 0`).join(', ')}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES)
      await q.query(`ALTER TABLE ${table} ${COLUMNS.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
  }
}
