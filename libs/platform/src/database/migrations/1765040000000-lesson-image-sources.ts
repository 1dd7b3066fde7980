// Published lessons keep the HTML rendered when they were published. Markdown images may now come
// only from sources that change nothing when fetched (see imageSource), so every stored lesson is
// rendered again from its Markdown: an image that pointed at an /api route becomes its alt text.
import { MigrationInterface, QueryRunner } from 'typeorm';
import { renderSafeMarkdown } from '../../markdown/safe-markdown';

const BATCH = 500;

export class LessonImageSources1765040000000 implements MigrationInterface {
  name = 'LessonImageSources1765040000000';

  async up(q: QueryRunner): Promise<void> {
    let after: [string, string] = ['00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000'];
    for (;;) {
      const rows: { course_version_id: string; lesson_id: string; body_markdown: string; body_html: string }[] =
        await q.query(
          `SELECT course_version_id, lesson_id, body_markdown, body_html FROM course_lessons
          WHERE (course_version_id, lesson_id) > ($1, $2) ORDER BY course_version_id, lesson_id LIMIT ${BATCH}`,
          after,
        );
      for (const row of rows) {
        const html = renderSafeMarkdown(row.body_markdown);
        if (html !== row.body_html)
          await q.query(`UPDATE course_lessons SET body_html = $3 WHERE course_version_id = $1 AND lesson_id = $2`, [
            row.course_version_id,
            row.lesson_id,
            html,
          ]);
      }
      if (rows.length < BATCH) return;
      after = [rows[rows.length - 1].course_version_id, rows[rows.length - 1].lesson_id];
    }
  }

  async down(): Promise<void> {
    // Nothing to undo: the HTML is what the lessons' Markdown renders to today.
  }
}
