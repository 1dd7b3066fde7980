// Attachments: typed by their content (a lying name is refused), checksummed, their text extracted
// for search off the event loop (or the reason it was not), and stored with the document's reindex
// event in one transaction.
import { createHash } from 'node:crypto';
import { Injectable, NotFoundException, PayloadTooLargeException, UnprocessableEntityException, UnsupportedMediaTypeException } from '@nestjs/common';
import { AuthUser } from '@chadavkhi/identity';
import { AppConfig } from '@chadavkhi/platform';
import { Caller } from '../documents/document-access';
import { DocumentsRepository } from '../documents/documents.repository';
import { KnowledgeDocumentsService } from '../documents/documents.service';
import { AttachmentView } from '../documents/dto/document.view';
import { AttachmentTextExtractor } from './attachment-text-extractor';
import { checkAttachment, cleanFilename } from './attachment-type';
import { KnowledgeAttachment } from './knowledge-attachment.entity';

@Injectable()
export class AttachmentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly service: KnowledgeDocumentsService,
    private readonly config: AppConfig,
    private readonly texts: AttachmentTextExtractor,
  ) {}

  async upload(actor: AuthUser, documentId: string, rawName: string, bytes: Buffer | undefined): Promise<{ created: boolean; attachment: AttachmentView }> {
    await this.service.editable(this.documents.dataSource.manager, actor, documentId);
    const filename = cleanFilename(rawName);
    if (!filename) throw new UnprocessableEntityException('The file needs a name.');
    if (!Buffer.isBuffer(bytes) || !bytes.length) throw new UnprocessableEntityException('Send the file as the request body with Content-Type: application/octet-stream.');
    if (bytes.length > this.config.KNOWLEDGE_ATTACHMENT_MAX_BYTES) throw new PayloadTooLargeException(`Attachments may be at most ${this.config.KNOWLEDGE_ATTACHMENT_MAX_BYTES} bytes.`);
    const check = checkAttachment(filename, bytes);
    if (!check.ok) throw new UnsupportedMediaTypeException(check.reason);
    const extracted = await this.texts.extract(check.kind, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.documents.dataSource.transaction(async (manager) => {
      await this.service.editable(manager, actor, documentId); // locks the document: one change at a time
      const rows: { id: string; created: boolean; created_at: Date }[] = await manager.query(
        `INSERT INTO knowledge_attachments (document_id, filename, media_type, size, sha256, bytes, extracted_text, text_status, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (document_id, filename) DO UPDATE SET media_type = EXCLUDED.media_type, size = EXCLUDED.size, sha256 = EXCLUDED.sha256,
           bytes = EXCLUDED.bytes, extracted_text = EXCLUDED.extracted_text, text_status = EXCLUDED.text_status, uploaded_by = EXCLUDED.uploaded_by, created_at = now()
         RETURNING id, (xmax = 0) AS created, created_at`,
        [documentId, filename, check.mediaType, bytes.length, sha256, bytes, extracted.text, extracted.status, actor.id],
      );
      await this.documents.changed(manager, documentId);
      const row = rows[0];
      return {
        created: row.created,
        attachment: { id: row.id, filename, mediaType: check.mediaType, size: bytes.length, sha256, textStatus: extracted.status, url: `/api/v1/knowledge/documents/${documentId}/attachments/${row.id}`, createdAt: new Date(row.created_at).toISOString() },
      };
    });
  }

  async download(caller: Caller, documentId: string, attachmentId: string): Promise<{ filename: string; mediaType: string; sha256: string; bytes: Buffer }> {
    await this.service.readable(this.documents.dataSource.manager, caller, documentId);
    const file = await this.documents.dataSource.getRepository(KnowledgeAttachment).findOne({
      where: { id: attachmentId, documentId },
      select: { id: true, filename: true, mediaType: true, sha256: true, bytes: true },
    });
    if (!file) throw new NotFoundException('This document has no such attachment.');
    return file;
  }

  async remove(actor: AuthUser, documentId: string, attachmentId: string): Promise<void> {
    await this.documents.dataSource.transaction(async (manager) => {
      await this.service.editable(manager, actor, documentId);
      const result = await manager.delete(KnowledgeAttachment, { id: attachmentId, documentId });
      if (!result.affected) throw new NotFoundException('This document has no such attachment.');
      await this.documents.changed(manager, documentId);
    });
  }
}
