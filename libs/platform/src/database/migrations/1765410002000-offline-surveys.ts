// A course survey answered on a device while offline travels with the lessons done offline through
// /api/v1/sync (issue 20 §4): its device-made id is recorded in offline_events like theirs, so a
// batch sent twice hands the answers to the evaluation lib once. Owner: learning.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class OfflineSurveys1765410002000 implements MigrationInterface {
  name = 'OfflineSurveys1765410002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offline_events DROP CONSTRAINT offline_events_type_check`);
    await q.query(
      `ALTER TABLE offline_events ADD CONSTRAINT offline_events_type_check CHECK (type IN ('lesson.completed','survey.answered'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM offline_events WHERE type = 'survey.answered'`);
    await q.query(`ALTER TABLE offline_events DROP CONSTRAINT offline_events_type_check`);
    await q.query(
      `ALTER TABLE offline_events ADD CONSTRAINT offline_events_type_check CHECK (type IN ('lesson.completed'))`,
    );
  }
}
