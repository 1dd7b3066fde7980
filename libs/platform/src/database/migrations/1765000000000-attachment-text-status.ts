// Whether an attachment's text went into search, and if not, why not: a file past the extraction
// bounds (too large, too slow, unreadable) is stored all the same, and its page says so.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class AttachmentTextStatus1765000000000 implements MigrationInterface {
  name = 'AttachmentTextStatus1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE knowledge_attachments ADD COLUMN text_status text NOT NULL DEFAULT 'extracted'
        CHECK (text_status IN ('extracted', 'not_applicable', 'too_large', 'timed_out', 'unreadable'))`);
    await q.query(`UPDATE knowledge_attachments SET text_status = 'not_applicable' WHERE media_type LIKE 'image/%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE knowledge_attachments DROP COLUMN text_status`);
  }
}
