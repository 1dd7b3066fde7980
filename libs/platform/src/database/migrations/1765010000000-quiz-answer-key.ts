// A quiz's answer key is shown by a rule of three values (showAnswers) instead of a yes/no
// (reviewAfterSubmit): review off becomes "never", review on the new default, "once passed or out
// of attempts", so an empty first submit no longer hands out the key. Drafts and published versions
// both change; the content hash reads the new rule in the old spelling, so nothing is republished.
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The quizzes array with each quiz's rule rewritten by `rule` (SQL on q), in order. */
const rewritten = (quizzes: string, rule: string) => `(
  SELECT coalesce(jsonb_agg(${rule} ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(${quizzes}) WITH ORDINALITY AS x(q, n))`;

const TO_RULE = `(q - 'reviewAfterSubmit') || jsonb_build_object('showAnswers',
  CASE WHEN q ? 'showAnswers' THEN q->'showAnswers' WHEN q->'reviewAfterSubmit' = 'false'::jsonb THEN '"never"'::jsonb ELSE '"after-passing-or-last-attempt"'::jsonb END)`;
const TO_FLAG = `(q - 'showAnswers') || jsonb_build_object('reviewAfterSubmit', coalesce(q->>'showAnswers', '') <> 'never')`;

export class QuizAnswerKey1765010000000 implements MigrationInterface {
  name = 'QuizAnswerKey1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await this.rewrite(q, TO_RULE);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.rewrite(q, TO_FLAG);
  }

  private async rewrite(q: QueryRunner, rule: string): Promise<void> {
    await q.query(
      `UPDATE course_versions SET quizzes = ${rewritten('quizzes', rule)} WHERE jsonb_array_length(quizzes) > 0`,
    );
    await q.query(
      `UPDATE courses SET draft = jsonb_set(draft, '{quizzes}', ${rewritten(`draft->'quizzes'`, rule)})
        WHERE jsonb_typeof(draft->'quizzes') = 'array' AND jsonb_array_length(draft->'quizzes') > 0`,
    );
  }
}
