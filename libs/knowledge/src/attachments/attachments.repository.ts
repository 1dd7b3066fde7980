// PostgreSQL access for a document's attached files: the current file of a name, a file with its
// bytes, storing a file (replacing the working copy's file of that name) and retiring one.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { TextStatus } from './attachment-text';
import { KnowledgeAttachment } from './knowledge-attachment.entity';

export interface NewAttachment {
  documentId: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  bytes: Buffer;
  extractedText: string;
  textStatus: TextStatus;
  uploadedBy: string;
  addedInVersion: number;
}

@Injectable()
export class AttachmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The working copy's file of this name (not removed), if any. */
  async currentByName(manager: EntityManager, documentId: string, filename: string) {
    return manager.getRepository(KnowledgeAttachment).findOneBy({ documentId, filename, removedInVersion: IsNull() });
  }

  /** The working copy's file with this id (not removed), if any. */
  async currentById(manager: EntityManager, documentId: string, id: string) {
    return manager.getRepository(KnowledgeAttachment).findOneBy({ id, documentId, removedInVersion: IsNull() });
  }

  /** Every file of the document, oldest first (without bytes or text). */
  async ofDocument(manager: EntityManager, documentId: string): Promise<KnowledgeAttachment[]> {
    return manager.getRepository(KnowledgeAttachment).find({ where: { documentId }, order: { createdAt: 'ASC' } });
  }

  /** A file of the document with its bytes, whatever versions it belongs to. */
  async withBytes(documentId: string, id: string) {
    return this.dataSource.getRepository(KnowledgeAttachment).findOne({
      where: { id, documentId },
      select: {
        id: true,
        filename: true,
        mediaType: true,
        sha256: true,
        bytes: true,
        addedInVersion: true,
        removedInVersion: true,
      },
    });
  }

  /** Stores the file, replacing in place the working copy's file of the same name. */
  async upsert(manager: EntityManager, a: NewAttachment): Promise<{ id: string; created_at: Date }> {
    const rows: { id: string; created_at: Date }[] = await manager.query(
      `INSERT INTO knowledge_attachments (document_id, filename, media_type, size, sha256, bytes, extracted_text, text_status, uploaded_by, added_in_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (document_id, filename) WHERE removed_in_version IS NULL DO UPDATE SET media_type = EXCLUDED.media_type, size = EXCLUDED.size, sha256 = EXCLUDED.sha256,
         bytes = EXCLUDED.bytes, extracted_text = EXCLUDED.extracted_text, text_status = EXCLUDED.text_status, uploaded_by = EXCLUDED.uploaded_by, added_in_version = EXCLUDED.added_in_version, created_at = now()
       RETURNING id, created_at`,
      [
        a.documentId,
        a.filename,
        a.mediaType,
        a.size,
        a.sha256,
        a.bytes,
        a.extractedText,
        a.textStatus,
        a.uploadedBy,
        a.addedInVersion,
      ],
    );
    return rows[0];
  }

  /** Takes a file out of the working copy from this version on. */
  async retire(manager: EntityManager, documentId: string, id: string, version: number): Promise<void> {
    await manager.update(
      KnowledgeAttachment,
      { documentId, id, removedInVersion: IsNull() },
      { removedInVersion: version },
    );
  }
}
