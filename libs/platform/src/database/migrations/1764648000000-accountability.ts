// HR accountability: the competency framework and what positions require and courses build;
// mandatory training assignments and the people they reach; when people took up their agency and
// position (for relative due dates); per-agency figures kept as each agency's own counts plus
// subtree roll-ups; and the notification kinds for due-date reminders and the weekly HR digest.
import { MigrationInterface, QueryRunner } from 'typeorm';

const NOTIFICATION_KINDS_BEFORE = `'certificate.issued','certificate.revoked','certificate.expiring','certificate.recertification'`;
const NOTIFICATION_KINDS_AFTER = `${NOTIFICATION_KINDS_BEFORE},'assignment.due','assignment.digest'`;

export class Accountability1764648000000 implements MigrationInterface {
  name = 'Accountability1764648000000';

  async up(q: QueryRunner): Promise<void> {
    // ── Competencies ─────────────────────────────────────────────────────
    await q.query(`
      CREATE TABLE competencies (
        code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,59}$'),
        name_mn text NOT NULL,
        name_en text NOT NULL,
        description_mn text NOT NULL DEFAULT '',
        description_en text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE competency_levels (
        competency_code text NOT NULL REFERENCES competencies(code) ON DELETE CASCADE,
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
        description_mn text NOT NULL,
        description_en text NOT NULL,
        PRIMARY KEY (competency_code, level)
      )`);
    await q.query(`
      CREATE TABLE position_competencies (
        position_id uuid NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
        competency_code text NOT NULL REFERENCES competencies(code) ON DELETE CASCADE,
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
        PRIMARY KEY (position_id, competency_code)
      )`);
    // Levels a course builds, by course (every version): a code listed on a version without a row
    // here counts at level 1, so courses written in the authoring UI count too.
    await q.query(`
      CREATE TABLE course_competencies (
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        competency_code text NOT NULL REFERENCES competencies(code) ON DELETE CASCADE,
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
        PRIMARY KEY (course_id, competency_code)
      )`);
    await q.query(`
      CREATE VIEW course_version_competencies AS
      SELECT v.id AS course_version_id, v.course_id, code AS competency_code, COALESCE(cc.level, 1)::int AS level
        FROM course_versions v CROSS JOIN LATERAL unnest(v.competency_codes) AS code
        LEFT JOIN course_competencies cc ON cc.course_id = v.course_id AND cc.competency_code = code`);

    // ── When people took up their agency and position ────────────────────
    // Kept by a trigger, so every path that moves a person (API, import, SQL) dates it and emits
    // user.moved in the same transaction; assignments then reach them with their own deadline.
    await q.query(`ALTER TABLE users ADD COLUMN agency_since date, ADD COLUMN position_since date`);
    await q.query(
      `UPDATE users SET agency_since = (created_at AT TIME ZONE 'Asia/Ulaanbaatar')::date, position_since = (created_at AT TIME ZONE 'Asia/Ulaanbaatar')::date`,
    );
    await q.query(`ALTER TABLE users ALTER COLUMN agency_since SET DEFAULT (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date, ALTER COLUMN agency_since SET NOT NULL,
                   ALTER COLUMN position_since SET DEFAULT (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date, ALTER COLUMN position_since SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION users_track_moves() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.agency_id IS DISTINCT FROM OLD.agency_id AND NEW.agency_since IS NOT DISTINCT FROM OLD.agency_since THEN
          NEW.agency_since := (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date;
        END IF;
        IF NEW.position_id IS DISTINCT FROM OLD.position_id AND NEW.position_since IS NOT DISTINCT FROM OLD.position_since THEN
          NEW.position_since := (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date;
        END IF;
        IF NEW.agency_id IS DISTINCT FROM OLD.agency_id OR NEW.position_id IS DISTINCT FROM OLD.position_id OR NEW.is_active IS DISTINCT FROM OLD.is_active THEN
          INSERT INTO outbox_events (type, payload) VALUES ('user.moved', jsonb_build_object(
            'userId', NEW.id, 'agencyId', NEW.agency_id, 'previousAgencyId', OLD.agency_id, 'positionId', NEW.position_id));
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER users_track_moves BEFORE UPDATE OF agency_id, position_id, is_active ON users FOR EACH ROW EXECUTE FUNCTION users_track_moves()`,
    );

    // ── Assignments ──────────────────────────────────────────────────────
    // A yearly renewal re-enrols a person on the same version: enrolments are unique per
    // (user, version, renewal), self-enrolment always uses renewal 0, so it stays idempotent.
    await q.query(`ALTER TABLE enrollments ADD COLUMN renewal integer NOT NULL DEFAULT 0 CHECK (renewal >= 0)`);
    await q.query(`ALTER TABLE enrollments DROP CONSTRAINT enrollments_user_id_course_version_id_key`);
    await q.query(
      `ALTER TABLE enrollments ADD CONSTRAINT enrollments_user_version_renewal_key UNIQUE (user_id, course_version_id, renewal)`,
    );
    await q.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE RESTRICT,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        scope_agency_id uuid REFERENCES agencies(id) ON DELETE RESTRICT,
        target_kind text NOT NULL CHECK (target_kind IN ('agency','position','users')),
        position_id uuid REFERENCES positions(id) ON DELETE RESTRICT,
        user_ids uuid[] CHECK (user_ids IS NULL OR cardinality(user_ids) BETWEEN 1 AND 1000),
        due_kind text NOT NULL CHECK (due_kind IN ('date','after_appointment','after_joining')),
        due_date date,
        due_days integer CHECK (due_days BETWEEN 1 AND 730),
        renew_yearly boolean NOT NULL DEFAULT false,
        fingerprint text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        CHECK ((due_kind = 'date') = (due_date IS NOT NULL) AND (due_kind = 'date') = (due_days IS NULL)),
        CHECK ((target_kind = 'position') = (position_id IS NOT NULL) AND (target_kind = 'users') = (user_ids IS NOT NULL)),
        CHECK (target_kind <> 'agency' OR scope_agency_id IS NOT NULL)
      )`);
    // The same assignment posted twice is one assignment.
    await q.query(
      `CREATE UNIQUE INDEX assignments_fingerprint_idx ON assignments (fingerprint) WHERE cancelled_at IS NULL`,
    );
    await q.query(`CREATE INDEX assignments_scope_idx ON assignments (scope_agency_id)`);
    await q.query(`
      CREATE TABLE assignment_users (
        assignment_id uuid NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        cycle integer NOT NULL DEFAULT 1,
        due_on date NOT NULL,
        reminded_days integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (assignment_id, user_id)
      )`);
    await q.query(`CREATE INDEX assignment_users_user_idx ON assignment_users (user_id)`);
    await q.query(`CREATE INDEX assignment_users_enrollment_idx ON assignment_users (enrollment_id)`);
    await q.query(`CREATE INDEX assignment_users_due_idx ON assignment_users (due_on)`);

    // ── Figures: each agency's own people, and subtree roll-ups ──────────
    await q.query(`
      CREATE TABLE agency_own_metrics (
        agency_id uuid PRIMARY KEY REFERENCES agencies(id) ON DELETE CASCADE,
        headcount integer NOT NULL,
        enrolled integer NOT NULL,
        completed integer NOT NULL,
        assigned integer NOT NULL,
        assigned_completed integer NOT NULL,
        overdue integer NOT NULL,
        certified_people integer NOT NULL,
        valid_certificates integer NOT NULL,
        score_sum numeric NOT NULL,
        score_count integer NOT NULL,
        learning_minutes bigint NOT NULL,
        required_competencies integer NOT NULL,
        covered_competencies integer NOT NULL,
        computed_at timestamptz NOT NULL
      )`);
    for (const table of ['agency_metrics', 'agency_metrics_history']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN assigned_completed integer NOT NULL DEFAULT 0, ADD COLUMN required_competencies integer NOT NULL DEFAULT 0,
                     ADD COLUMN covered_competencies integer NOT NULL DEFAULT 0`);
    }
    await q.query(
      `CREATE INDEX certificates_user_valid_idx ON certificates (user_id) INCLUDE (course_version_id, score, expires_at) WHERE revoked_at IS NULL`,
    );

    // ── Notifications for assignments ────────────────────────────────────
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS_AFTER}))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE kind IN ('assignment.due','assignment.digest')`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS_BEFORE}))`,
    );
    await q.query(`DROP INDEX certificates_user_valid_idx`);
    for (const table of ['agency_metrics', 'agency_metrics_history']) {
      await q.query(
        `ALTER TABLE ${table} DROP COLUMN assigned_completed, DROP COLUMN required_competencies, DROP COLUMN covered_competencies`,
      );
    }
    await q.query(`DROP TABLE agency_own_metrics`);
    await q.query(`DROP TABLE assignment_users`);
    await q.query(`DROP TABLE assignments`);
    await q.query(`DELETE FROM enrollments WHERE renewal > 0`);
    await q.query(`ALTER TABLE enrollments DROP CONSTRAINT enrollments_user_version_renewal_key`);
    await q.query(
      `ALTER TABLE enrollments ADD CONSTRAINT enrollments_user_id_course_version_id_key UNIQUE (user_id, course_version_id)`,
    );
    await q.query(`ALTER TABLE enrollments DROP COLUMN renewal`);
    await q.query(`DROP TRIGGER users_track_moves ON users`);
    await q.query(`DROP FUNCTION users_track_moves()`);
    await q.query(`ALTER TABLE users DROP COLUMN agency_since, DROP COLUMN position_since`);
    await q.query(`DROP VIEW course_version_competencies`);
    await q.query(`DROP TABLE course_competencies`);
    await q.query(`DROP TABLE position_competencies`);
    await q.query(`DROP TABLE competency_levels`);
    await q.query(`DROP TABLE competencies`);
  }
}
