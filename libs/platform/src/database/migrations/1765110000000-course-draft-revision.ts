// A course draft's revision: every saved change adds one, and an editor sends back the revision it
// saw, so an edit made on a draft someone else has changed since is refused instead of overwriting it.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CourseDraftRevision1765110000000 implements MigrationInterface {
  name = 'CourseDraftRevision1765110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE courses ADD COLUMN draft_revision integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE courses DROP COLUMN draft_revision`);
  }
}
