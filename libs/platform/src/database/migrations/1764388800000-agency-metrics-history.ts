// One row per agency per day: the history behind the dashboards' charts.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class AgencyMetricsHistory1764388800000 implements MigrationInterface {
  name = 'AgencyMetricsHistory1764388800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agency_metrics_history (
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
        day date NOT NULL,
        headcount integer NOT NULL,
        enrolled integer NOT NULL,
        assigned integer NOT NULL,
        completed integer NOT NULL,
        overdue integer NOT NULL,
        certified_people integer NOT NULL,
        valid_certificates integer NOT NULL,
        average_final_score numeric(5,2),
        learning_minutes bigint NOT NULL,
        PRIMARY KEY (agency_id, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agency_metrics_history`);
  }
}
