// What a SCORM package's runtime reports, per enrolment × lesson × SCO (issue 21 §4): status, score,
// where the learner stopped and what the package keeps between sessions, time and interactions, so
// a second device resumes from the server. `revision` grows with each applied commit and
// (session_id, sequence) is the last one applied: a commit from an older session or an earlier
// sequence is stale and never overwrites. scorm_commits keeps each applied commit's id and answer, so
// a commit sent twice (a retry, a flaky network) answers the same. Owner: learning.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScormTracking1765440000000 implements MigrationInterface {
  name = 'ScormTracking1765440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scorm_tracking (
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        lesson_id uuid NOT NULL,
        sco_id text NOT NULL CHECK (length(sco_id) BETWEEN 1 AND 200),
        lesson_status text CHECK (lesson_status IN ('passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted')),
        completion_status text CHECK (completion_status IN ('completed', 'incomplete', 'not attempted', 'unknown')),
        success_status text CHECK (success_status IN ('passed', 'failed', 'unknown')),
        done boolean NOT NULL DEFAULT false,
        score_raw double precision,
        score_min double precision,
        score_max double precision,
        score_scaled double precision CHECK (score_scaled BETWEEN -1 AND 1),
        location text NOT NULL DEFAULT '' CHECK (length(location) <= 1000),
        suspend_data text NOT NULL DEFAULT '' CHECK (length(suspend_data) <= 64000),
        session_seconds double precision NOT NULL DEFAULT 0,
        total_seconds double precision NOT NULL DEFAULT 0,
        interactions jsonb NOT NULL DEFAULT '[]',
        session_id uuid NOT NULL,
        sequence integer NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (enrollment_id, lesson_id, sco_id)
      )`);
    await q.query(`
      CREATE TABLE scorm_commits (
        commit_id uuid PRIMARY KEY,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        lesson_id uuid NOT NULL,
        sco_id text NOT NULL,
        result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX scorm_commits_enrollment ON scorm_commits (enrollment_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scorm_commits`);
    await q.query(`DROP TABLE scorm_tracking`);
  }
}
