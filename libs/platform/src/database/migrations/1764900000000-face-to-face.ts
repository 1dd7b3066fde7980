// Face-to-face sessions: a trainer's classroom session of a course at a place in the agency tree,
// the people registered (seated or waiting, in order) with their attendance and paper quiz score;
// how an enrolment was completed; face-to-face completions counted apart in the figures; and a
// notification kind for a cancelled session.
import { MigrationInterface, QueryRunner } from 'typeorm';

const NOTIFICATION_KINDS_BEFORE = `'certificate.issued','certificate.revoked','certificate.expiring','certificate.recertification','assignment.due','assignment.digest'`;
const NOTIFICATION_KINDS_AFTER = `${NOTIFICATION_KINDS_BEFORE},'session.cancelled'`;

export class FaceToFace1764900000000 implements MigrationInterface {
  name = 'FaceToFace1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE training_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE RESTRICT,
        trainer_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        place text NOT NULL CHECK (length(place) BETWEEN 1 AND 300),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 500),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX training_sessions_course_idx ON training_sessions (course_id, starts_at)`);
    await q.query(`CREATE INDEX training_sessions_agency_idx ON training_sessions (agency_id, starts_at)`);
    await q.query(`CREATE INDEX training_sessions_starts_idx ON training_sessions (starts_at)`);

    // One row per person and session; re-registering after cancelling reuses it with a new place
    // in the queue, so the waiting list is "status = 'waitlisted' ORDER BY queue_position".
    await q.query(`CREATE SEQUENCE session_registrations_queue_seq`);
    await q.query(`
      CREATE TABLE session_registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE RESTRICT,
        status text NOT NULL CHECK (status IN ('registered','waitlisted','cancelled')),
        queue_position bigint NOT NULL DEFAULT nextval('session_registrations_queue_seq'),
        registered_by uuid REFERENCES users(id) ON DELETE SET NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        attended boolean,
        paper_score numeric(5,2) CHECK (paper_score BETWEEN 0 AND 100),
        attendance_recorded_at timestamptz,
        attendance_recorded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        UNIQUE (session_id, user_id)
      )`);
    await q.query(
      `CREATE INDEX session_registrations_queue_idx ON session_registrations (session_id, status, queue_position)`,
    );
    await q.query(`CREATE INDEX session_registrations_user_idx ON session_registrations (user_id)`);

    // How an enrolment was completed, and the paper quiz score when a session completed it.
    await q.query(`ALTER TABLE enrollments ADD COLUMN completion_mode text NOT NULL DEFAULT 'online' CHECK (completion_mode IN ('online','face_to_face')),
                   ADD COLUMN final_score numeric(5,2) CHECK (final_score BETWEEN 0 AND 100)`);
    // The recount reads the mode with the rest of a person's enrolments from the covering index.
    await q.query(
      `CREATE INDEX enrollments_user_cover2_idx ON enrollments (user_id) INCLUDE (id, status, course_version_id, completion_mode)`,
    );
    await q.query(`DROP INDEX enrollments_user_cover_idx`);
    await q.query(`ALTER INDEX enrollments_user_cover2_idx RENAME TO enrollments_user_cover_idx`);

    for (const table of ['agency_own_metrics', 'agency_metrics', 'agency_metrics_history']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN completed_face_to_face integer NOT NULL DEFAULT 0`);
    }

    // People registered for a session that is cancelled are told (notification.requested).
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS_AFTER}))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE kind = 'session.cancelled'`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS_BEFORE}))`,
    );
    for (const table of ['agency_own_metrics', 'agency_metrics', 'agency_metrics_history']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN completed_face_to_face`);
    }
    await q.query(
      `CREATE INDEX enrollments_user_cover_old_idx ON enrollments (user_id) INCLUDE (id, status, course_version_id)`,
    );
    await q.query(`ALTER TABLE enrollments DROP COLUMN completion_mode, DROP COLUMN final_score`);
    await q.query(`ALTER INDEX enrollments_user_cover_old_idx RENAME TO enrollments_user_cover_idx`);
    await q.query(`DROP TABLE session_registrations`);
    await q.query(`DROP SEQUENCE session_registrations_queue_seq`);
    await q.query(`DROP TABLE training_sessions`);
  }
}
