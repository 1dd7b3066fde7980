// Events a learner's device queued while offline and sent later: each carries an id made on the
// device, recorded when applied, so a resend of the same event is reported as a duplicate and
// never counted twice. And quiz attempts started to be answered offline.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class OfflineSync1764950000000 implements MigrationInterface {
  name = 'OfflineSync1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE offline_events (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('lesson.completed')),
        enrollment_id uuid,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX offline_events_user_idx ON offline_events (user_id, received_at DESC)`);
    // An attempt started to be answered offline: its deadline is the quiz's offline days, not its time limit.
    await q.query(`ALTER TABLE quiz_attempts ADD COLUMN offline boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quiz_attempts DROP COLUMN offline`);
    await q.query(`DROP TABLE offline_events`);
  }
}
