// In-app notifications with their e-mail delivery state; course versions that require earlier
// certificate holders to recertify; and re-enrolment on a newer version once an older one is completed.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764561600000 implements MigrationInterface {
  name = 'Notifications1764561600000';

  async up(q: QueryRunner): Promise<void> {
    // dedupe_key says what caused the notification — 'event:<outbox event id>' or
    // 'expiry:<certificate id>:<days>' — so a retried job or a second daily run never makes two.
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('certificate.issued','certificate.revoked','certificate.expiring','certificate.recertification')),
        dedupe_key text NOT NULL CHECK (length(dedupe_key) <= 200),
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        email_claimed_at timestamptz,
        email_sent_at timestamptz,
        email_message_id text,
        email_attempts integer NOT NULL DEFAULT 0,
        email_last_error text,
        UNIQUE (user_id, dedupe_key)
      )`);
    await q.query(`CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX notifications_email_pending_idx ON notifications (created_at) WHERE email_sent_at IS NULL`,
    );

    await q.query(`ALTER TABLE course_versions ADD COLUMN requires_recertification boolean NOT NULL DEFAULT false`);

    // One enrolment per version (not per course), and at most one in progress per course.
    await q.query(`ALTER TABLE enrollments DROP CONSTRAINT enrollments_user_id_course_id_key`);
    await q.query(
      `ALTER TABLE enrollments ADD CONSTRAINT enrollments_user_id_course_version_id_key UNIQUE (user_id, course_version_id)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX enrollments_one_in_progress_idx ON enrollments (user_id, course_id) WHERE status = 'in_progress'`,
    );
    await q.query(`CREATE INDEX enrollments_user_course_idx ON enrollments (user_id, course_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX enrollments_user_course_idx`);
    await q.query(`DROP INDEX enrollments_one_in_progress_idx`);
    await q.query(`ALTER TABLE enrollments DROP CONSTRAINT enrollments_user_id_course_version_id_key`);
    await q.query(
      `ALTER TABLE enrollments ADD CONSTRAINT enrollments_user_id_course_id_key UNIQUE (user_id, course_id)`,
    );
    await q.query(`ALTER TABLE course_versions DROP COLUMN requires_recertification`);
    await q.query(`DROP TABLE notifications`);
  }
}
