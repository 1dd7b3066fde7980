// Public comments with a mandated response (knowledge_comments) on more than documents (issue 20 §6):
// a comment is about a subject — a knowledge document, or an agency's published capacity-building
// plan — with the subject's title kept for the owning agency's list. document_id stays for comments
// on documents (its foreign key and cascade keep working). Owner: knowledge.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CommentSubjects1765401000000 implements MigrationInterface {
  name = 'CommentSubjects1765401000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE knowledge_comments
      ADD COLUMN subject_kind text NOT NULL DEFAULT 'document' CHECK (subject_kind IN ('document','capacity_plan')),
      ADD COLUMN subject_id uuid,
      ADD COLUMN subject_title text CHECK (length(subject_title) <= 300)`);
    await q.query(`UPDATE knowledge_comments SET subject_id = document_id`);
    await q.query(`ALTER TABLE knowledge_comments ALTER COLUMN subject_id SET NOT NULL, ALTER COLUMN document_id DROP NOT NULL,
      ADD CONSTRAINT knowledge_comments_subject_check CHECK ((subject_kind = 'document') = (document_id IS NOT NULL AND document_id = subject_id))`);
    await q.query(
      `CREATE INDEX knowledge_comments_subject_idx ON knowledge_comments (subject_kind, subject_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM knowledge_comments WHERE subject_kind <> 'document'`);
    await q.query(`DROP INDEX knowledge_comments_subject_idx`);
    await q.query(`ALTER TABLE knowledge_comments DROP CONSTRAINT knowledge_comments_subject_check,
      ALTER COLUMN document_id SET NOT NULL, DROP COLUMN subject_title, DROP COLUMN subject_id, DROP COLUMN subject_kind`);
  }
}
