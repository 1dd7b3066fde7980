// The visible text of a SCORM package's HTML pages, read at import (scripts and styles dropped, at
// most 200,000 characters), so course search finds a word that appears only inside the package.
// Packages imported before this have none (they are indexed by their manifest's titles as before).
// Owner: learning.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScormPackageText1765450000000 implements MigrationInterface {
  name = 'ScormPackageText1765450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE scorm_packages ADD COLUMN page_text text NOT NULL DEFAULT '' CHECK (length(page_text) <= 200000)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scorm_packages DROP COLUMN page_text`);
  }
}
