// Paper survey sheets (issue 20 §4): handed out at a face-to-face session and typed in later by its
// trainer or an HR officer. A paper sheet names no one, so it belongs to the session, numbered as the
// stack was numbered when typing: typing the same sheet again is absorbed, never counted twice.
// Owner: evaluation.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaperSurveys1765410003000 implements MigrationInterface {
  name = 'PaperSurveys1765410003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evaluation_responses
        ALTER COLUMN enrollment_id DROP NOT NULL,
        ADD COLUMN session_id uuid REFERENCES training_sessions(id) ON DELETE CASCADE,
        ADD COLUMN sheet_number integer CHECK (sheet_number BETWEEN 1 AND 100000),
        ADD CONSTRAINT evaluation_responses_paper_check CHECK (
          (channel = 'paper' AND enrollment_id IS NULL AND session_id IS NOT NULL AND sheet_number IS NOT NULL)
          OR (channel <> 'paper' AND enrollment_id IS NOT NULL AND session_id IS NULL AND sheet_number IS NULL)),
        ADD CONSTRAINT evaluation_responses_sheet_key UNIQUE (session_id, survey, sheet_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM evaluation_responses WHERE channel = 'paper'`);
    await q.query(`ALTER TABLE evaluation_responses
        DROP CONSTRAINT evaluation_responses_sheet_key,
        DROP CONSTRAINT evaluation_responses_paper_check,
        DROP COLUMN sheet_number,
        DROP COLUMN session_id,
        ALTER COLUMN enrollment_id SET NOT NULL`);
  }
}
