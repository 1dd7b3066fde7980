// The daily SCORM clean-up deletes applied commits' ids once they are older than the window a retry
// is answered the same (ScormCommitSweepService): an index on scorm_commits.created_at lets each
// bounded batch take the oldest rows without reading the whole table. Owner: learning.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScormCommitAge1765460000000 implements MigrationInterface {
  name = 'ScormCommitAge1765460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX scorm_commits_created_at ON scorm_commits (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX scorm_commits_created_at`);
  }
}
