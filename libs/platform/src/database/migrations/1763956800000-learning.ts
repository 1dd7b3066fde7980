// Courses with an editable draft and immutable published versions; enrolments pinned to a version.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Learning1763956800000 implements MigrationInterface {
  name = 'Learning1763956800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
        owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
        draft jsonb NOT NULL,
        draft_hash text NOT NULL,
        current_version_id uuid,
        current_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX courses_owner_idx ON courses (owner_id)`);

    await q.query(`
      CREATE TABLE course_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE RESTRICT,
        version integer NOT NULL CHECK (version > 0),
        title text NOT NULL,
        title_en text,
        summary text NOT NULL,
        summary_en text,
        language text NOT NULL CHECK (language IN ('mn','en')),
        estimated_minutes integer NOT NULL CHECK (estimated_minutes > 0),
        validity_months integer CHECK (validity_months > 0),
        competency_codes text[] NOT NULL DEFAULT '{}',
        modules jsonb NOT NULL,
        content_hash text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid REFERENCES users(id) ON DELETE SET NULL,
        UNIQUE (course_id, version)
      )`);
    await q.query(
      `ALTER TABLE courses ADD CONSTRAINT courses_current_version_fk FOREIGN KEY (current_version_id) REFERENCES course_versions(id)`,
    );
    await q.query(`CREATE INDEX course_versions_published_idx ON course_versions (published_at DESC)`);

    await q.query(`
      CREATE TABLE course_lessons (
        course_version_id uuid NOT NULL REFERENCES course_versions(id) ON DELETE RESTRICT,
        lesson_id uuid NOT NULL,
        module_id uuid NOT NULL,
        module_position integer NOT NULL,
        position integer NOT NULL,
        title text NOT NULL,
        body_markdown text NOT NULL,
        body_html text NOT NULL,
        video_url text,
        required boolean NOT NULL DEFAULT true,
        PRIMARY KEY (course_version_id, lesson_id)
      )`);

    await q.query(`
      CREATE TABLE enrollments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE RESTRICT,
        course_version_id uuid NOT NULL REFERENCES course_versions(id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress','completed')),
        source text NOT NULL DEFAULT 'self' CHECK (source IN ('self','assigned')),
        due_at timestamptz,
        progress_percent integer NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz,
        completed_at timestamptz,
        UNIQUE (user_id, course_id)
      )`);
    await q.query(`CREATE INDEX enrollments_course_idx ON enrollments (course_id)`);
    await q.query(`CREATE INDEX enrollments_version_idx ON enrollments (course_version_id)`);

    await q.query(`
      CREATE TABLE lesson_completions (
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        lesson_id uuid NOT NULL,
        completed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (enrollment_id, lesson_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lesson_completions`);
    await q.query(`DROP TABLE enrollments`);
    await q.query(`DROP TABLE course_lessons`);
    await q.query(`ALTER TABLE courses DROP CONSTRAINT courses_current_version_fk`);
    await q.query(`DROP TABLE course_versions`);
    await q.query(`DROP TABLE courses`);
  }
}
