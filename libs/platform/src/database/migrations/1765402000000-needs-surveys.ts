// The training needs survey (issue 20 §1): an agency opens it for a year with a window; each person
// rates themselves against the competencies their position requires, their supervisor gives their
// view, online or on paper (typed in by HR). One answer per person, rater and competency: sending it
// again replaces it. Owner: planning.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class NeedsSurveys1765402000000 implements MigrationInterface {
  name = 'NeedsSurveys1765402000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE needs_surveys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE RESTRICT,
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        opens_on date NOT NULL,
        closes_on date NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (closes_on >= opens_on),
        UNIQUE (agency_id, year)
      )`);
    await q.query(`
      CREATE TABLE needs_survey_answers (
        survey_id uuid NOT NULL REFERENCES needs_surveys(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        rater text NOT NULL CHECK (rater IN ('self','supervisor')),
        competency_code text NOT NULL REFERENCES competencies(code) ON DELETE CASCADE,
        level smallint NOT NULL CHECK (level BETWEEN 0 AND 4),
        source text NOT NULL CHECK (source IN ('online','paper')),
        entered_by uuid REFERENCES users(id) ON DELETE SET NULL,
        answered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (survey_id, user_id, rater, competency_code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE needs_survey_answers`);
    await q.query(`DROP TABLE needs_surveys`);
  }
}
