// Quizzes frozen into course versions, and learners' attempts graded on the server.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Assessment1764129600000 implements MigrationInterface {
  name = 'Assessment1764129600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE course_versions
      ADD COLUMN question_banks jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN quizzes jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN has_final_quiz boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE enrollments ADD COLUMN final_quiz_passed_at timestamptz`);
    await q.query(`
      CREATE TABLE quiz_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quiz_id uuid NOT NULL,
        course_version_id uuid NOT NULL REFERENCES course_versions(id) ON DELETE RESTRICT,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        attempt_number integer NOT NULL CHECK (attempt_number > 0),
        questions jsonb NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        deadline_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','submitted','expired')),
        submitted_at timestamptz,
        answers jsonb,
        results jsonb,
        score numeric(8,2),
        max_score numeric(8,2),
        percent numeric(5,2),
        passed boolean,
        UNIQUE (quiz_id, enrollment_id, attempt_number)
      )`);
    await q.query(`CREATE INDEX quiz_attempts_quiz_idx ON quiz_attempts (quiz_id, course_version_id)`);
    await q.query(`CREATE INDEX quiz_attempts_user_idx ON quiz_attempts (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE quiz_attempts`);
    await q.query(`ALTER TABLE enrollments DROP COLUMN final_quiz_passed_at`);
    await q.query(
      `ALTER TABLE course_versions DROP COLUMN question_banks, DROP COLUMN quizzes, DROP COLUMN has_final_quiz`,
    );
  }
}
