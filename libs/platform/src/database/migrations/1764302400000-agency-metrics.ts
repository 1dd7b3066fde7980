// Per-agency figures, each rolled up over the agency's subtree, recomputed from source rows.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class AgencyMetrics1764302400000 implements MigrationInterface {
  name = 'AgencyMetrics1764302400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agency_metrics (
        agency_id uuid PRIMARY KEY REFERENCES agencies(id) ON DELETE CASCADE,
        headcount integer NOT NULL,
        enrolled integer NOT NULL,
        assigned integer NOT NULL,
        completed integer NOT NULL,
        overdue integer NOT NULL,
        certified_people integer NOT NULL,
        valid_certificates integer NOT NULL,
        average_final_score numeric(5,2),
        learning_minutes bigint NOT NULL,
        computed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX enrollments_user_idx ON enrollments (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX enrollments_user_idx`);
    await q.query(`DROP TABLE agency_metrics`);
  }
}
