// Training evaluation (issue 20 §4): the reaction survey offered at completion and the follow-ups
// about 90 days later to the learner and their supervisor, with reminders. Answers are kept per
// enrolment and survey (one sheet each, so a repeat is absorbed), without the respondent's name;
// reports show them only in groups at or above the open-data threshold. Owner: evaluation.
import { MigrationInterface, QueryRunner } from 'typeorm';

const NOTIFICATION_KINDS_BEFORE = `'certificate.issued','certificate.revoked','certificate.expiring','certificate.recertification','assignment.due','assignment.digest','session.cancelled','account.invitation','account.password_reset','session.nominated','session.requested','session.request_approved','session.request_declined','team.digest'`;
const NOTIFICATION_KINDS_AFTER = `${NOTIFICATION_KINDS_BEFORE},'evaluation.follow_up','evaluation.follow_up_reminder'`;

export class Evaluation1765410000000 implements MigrationInterface {
  name = 'Evaluation1765410000000';

  async up(q: QueryRunner): Promise<void> {
    // A trainer's own questions for a course, asked after the standard bank's (a few per survey).
    await q.query(`
      CREATE TABLE evaluation_course_questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        survey text NOT NULL CHECK (survey IN ('reaction','learner_follow_up','supervisor_follow_up')),
        kind text NOT NULL CHECK (kind IN ('rating','text')),
        text_mn text NOT NULL CHECK (length(text_mn) BETWEEN 3 AND 300),
        text_en text CHECK (text_en IS NULL OR length(text_en) BETWEEN 3 AND 300),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX evaluation_course_questions_course_idx ON evaluation_course_questions (course_id, survey, created_at) WHERE removed_at IS NULL`,
    );
    // One answer sheet per enrolment and survey. The respondent is not named: the enrolment says
    // whose sheet it is only to refuse a second one and someone else's.
    await q.query(`
      CREATE TABLE evaluation_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        survey text NOT NULL CHECK (survey IN ('reaction','learner_follow_up','supervisor_follow_up')),
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        course_version_id uuid NOT NULL REFERENCES course_versions(id) ON DELETE CASCADE,
        course_version integer NOT NULL,
        trainer_id uuid REFERENCES users(id) ON DELETE SET NULL,
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        channel text NOT NULL CHECK (channel IN ('online','offline','paper')),
        answers jsonb NOT NULL,
        entered_by uuid REFERENCES users(id) ON DELETE SET NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (enrollment_id, survey)
      )`);
    await q.query(`CREATE INDEX evaluation_responses_course_idx ON evaluation_responses (course_id, survey)`);
    await q.query(`CREATE INDEX evaluation_responses_agency_idx ON evaluation_responses (agency_id, survey)`);
    // A follow-up asked of one person (the learner, or their supervisor) about one completion.
    await q.query(`
      CREATE TABLE evaluation_follow_ups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('learner','supervisor')),
        respondent_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        learner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        completed_at timestamptz NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        reminders_sent smallint NOT NULL DEFAULT 0 CHECK (reminders_sent BETWEEN 0 AND 5),
        last_reminded_at timestamptz,
        answered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (enrollment_id, role),
        CHECK (closes_at > opens_at)
      )`);
    await q.query(
      `CREATE INDEX evaluation_follow_ups_respondent_idx ON evaluation_follow_ups (respondent_id, closes_at DESC)`,
    );
    await q.query(
      `CREATE INDEX evaluation_follow_ups_open_idx ON evaluation_follow_ups (opens_at) WHERE answered_at IS NULL`,
    );
    // The daily follow-up round reads the completions of one day 90 days back.
    await q.query(`CREATE INDEX enrollments_completed_at_idx ON enrollments (completed_at) WHERE status = 'completed'`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS_AFTER}))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE kind IN ('evaluation.follow_up','evaluation.follow_up_reminder')`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS_BEFORE}))`,
    );
    await q.query(`DROP INDEX enrollments_completed_at_idx`);
    await q.query(`DROP TABLE evaluation_follow_ups`);
    await q.query(`DROP TABLE evaluation_responses`);
    await q.query(`DROP TABLE evaluation_course_questions`);
  }
}
