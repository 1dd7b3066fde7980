// SCORM packages as course lessons (issue 21). A package is kept once, by the SHA-256 of its zip
// (scorm_packages: the parsed manifest the player needs; scorm_package_files: which file is at which path), and its files
// once each, by the SHA-256 of their bytes (scorm_files), so an unchanged package uploaded again
// stores nothing and a revised one stores only the files that changed. Bytes live in PostgreSQL,
// like knowledge attachments: one transaction covers them and the draft, backups include them, and
// every stateless API process can serve them. A published lesson refers to its package
// (course_lessons.scorm_package): packages are immutable, so the reference freezes it. Owner: learning.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScormPackages1765430000000 implements MigrationInterface {
  name = 'ScormPackages1765430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scorm_files (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size integer NOT NULL,
        bytes bytea NOT NULL
      )`);
    // The bytes are large and never compressed again by PostgreSQL to no avail (zips, images, video).
    await q.query(`ALTER TABLE scorm_files ALTER COLUMN bytes SET STORAGE EXTERNAL`);
    await q.query(`
      CREATE TABLE scorm_packages (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        version text NOT NULL CHECK (version IN ('1.2', '2004-3', '2004-4')),
        title text NOT NULL,
        manifest jsonb NOT NULL,
        file_count integer NOT NULL,
        package_bytes bigint NOT NULL,
        unpacked_bytes bigint NOT NULL,
        uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE scorm_package_files (
        package_sha256 text NOT NULL REFERENCES scorm_packages(sha256) ON DELETE CASCADE,
        path text NOT NULL,
        file_sha256 text NOT NULL REFERENCES scorm_files(sha256),
        PRIMARY KEY (package_sha256, path)
      )`);
    await q.query(`CREATE INDEX scorm_package_files_file ON scorm_package_files (file_sha256)`);
    await q.query(`ALTER TABLE course_lessons ADD COLUMN scorm_package text REFERENCES scorm_packages(sha256)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE course_lessons DROP COLUMN scorm_package`);
    await q.query(`DROP TABLE scorm_package_files`);
    await q.query(`DROP TABLE scorm_packages`);
    await q.query(`DROP TABLE scorm_files`);
  }
}
