// Attachments belong to document versions, so review covers them: a file is in the versions from
// added_in_version up to (not including) removed_in_version. Readers and search see the published
// version's files; a replaced or removed file stays for them until the change is published. Files
// already stored were public at once, so they count from version 1.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class KnowledgeAttachmentVersions1765020000000 implements MigrationInterface {
  name = 'KnowledgeAttachmentVersions1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE knowledge_attachments ADD COLUMN added_in_version integer NOT NULL DEFAULT 1 CHECK (added_in_version > 0)`,
    );
    await q.query(`ALTER TABLE knowledge_attachments ALTER COLUMN added_in_version DROP DEFAULT`);
    await q.query(
      `ALTER TABLE knowledge_attachments ADD COLUMN removed_in_version integer CHECK (removed_in_version > added_in_version)`,
    );
    // One file of a name in the working copy; the published one it replaces may wait beside it.
    await q.query(`ALTER TABLE knowledge_attachments DROP CONSTRAINT knowledge_attachments_document_id_filename_key`);
    await q.query(
      `CREATE UNIQUE INDEX knowledge_attachments_working_name ON knowledge_attachments (document_id, filename) WHERE removed_in_version IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM knowledge_attachments WHERE removed_in_version IS NOT NULL`);
    await q.query(`DROP INDEX knowledge_attachments_working_name`);
    await q.query(
      `ALTER TABLE knowledge_attachments ADD CONSTRAINT knowledge_attachments_document_id_filename_key UNIQUE (document_id, filename)`,
    );
    await q.query(`ALTER TABLE knowledge_attachments DROP COLUMN removed_in_version, DROP COLUMN added_in_version`);
  }
}
