// Completion integrity (issue 20 §5): flag, don't block. Learning keeps how long each lesson took
// against its share of the course's estimated minutes, and the flags an enrolment collected
// (a lesson done far too fast; from assessment, a quiz answered implausibly fast, also kept on the
// attempt). Accountability counts completions with a flag per agency, so each agency's evidence
// quality (completions without flags) stands beside its completion figures. Owners: learning
// (lesson_completions, enrollments), assessment (quiz_attempts), accountability (the figures).
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CompletionIntegrity1765410001000 implements MigrationInterface {
  name = 'CompletionIntegrity1765410001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE lesson_completions
        ADD COLUMN seconds_spent integer CHECK (seconds_spent >= 0),
        ADD COLUMN estimated_seconds integer CHECK (estimated_seconds >= 0),
        ADD COLUMN too_fast boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE enrollments ADD COLUMN integrity_flags text[] NOT NULL DEFAULT '{}'
        CHECK (integrity_flags <@ ARRAY['lesson-too-fast','quiz-too-fast']::text[])`);
    await q.query(`ALTER TABLE quiz_attempts ADD COLUMN too_fast boolean NOT NULL DEFAULT false`);
    for (const table of ['agency_own_metrics', 'agency_metrics', 'agency_metrics_history'])
      await q.query(`ALTER TABLE ${table} ADD COLUMN completed_flagged integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['agency_own_metrics', 'agency_metrics', 'agency_metrics_history'])
      await q.query(`ALTER TABLE ${table} DROP COLUMN completed_flagged`);
    await q.query(`ALTER TABLE quiz_attempts DROP COLUMN too_fast`);
    await q.query(`ALTER TABLE enrollments DROP COLUMN integrity_flags`);
    await q.query(
      `ALTER TABLE lesson_completions DROP COLUMN seconds_spent, DROP COLUMN estimated_seconds, DROP COLUMN too_fast`,
    );
  }
}
