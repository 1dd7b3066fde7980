// The daily SCORM clean-up asks, for each package, whether a published lesson refers to it: an index
// on course_lessons.scorm_package (only package lessons) answers without reading every lesson.
// Owner: learning.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScormPackageReferences1765451000000 implements MigrationInterface {
  name = 'ScormPackageReferences1765451000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX course_lessons_scorm_package ON course_lessons (scorm_package) WHERE scorm_package IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX course_lessons_scorm_package`);
  }
}
