// The catalogue lists courses without reading each version's outline: counts kept beside it.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogueCounts1764043200000 implements MigrationInterface {
  name = 'CatalogueCounts1764043200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE course_versions ADD COLUMN module_count integer NOT NULL DEFAULT 0, ADD COLUMN lesson_count integer NOT NULL DEFAULT 0`,
    );
    await q.query(`
      UPDATE course_versions SET module_count = jsonb_array_length(modules),
             lesson_count = (SELECT COALESCE(sum(jsonb_array_length(m->'lessons')), 0) FROM jsonb_array_elements(modules) m)`);
    await q.query(`CREATE INDEX courses_current_version_idx ON courses (current_version_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX courses_current_version_idx`);
    await q.query(`ALTER TABLE course_versions DROP COLUMN module_count, DROP COLUMN lesson_count`);
  }
}
