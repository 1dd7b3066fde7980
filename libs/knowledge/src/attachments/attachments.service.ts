// Attachments: typed by their content (a lying name is refused), checksummed, their text extracted
// for search off the event loop (or the reason it was not), and stored with the document's reindex
// event in one transaction. Each change is a new version of the document, so a file on a document
// that needs approval reaches readers (and search) only once that version is approved.
import { createHash } from 'node:crypto';
import {
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AuthUser } from '@chadavkhi/identity';
import { AppConfig } from '@chadavkhi/platform';
import { Caller } from '../documents/document-access';
import { DocumentsRepository } from '../documents/documents.repository';
import { KnowledgeDocumentsService } from '../documents/documents.service';
import { AttachmentView } from '../documents/dto/document.view';
import { AttachmentTextExtractor } from './attachment-text-extractor';
import { checkAttachment, cleanFilename } from './attachment-type';
import { inVersion, KnowledgeAttachment } from './knowledge-attachment.entity';

@Injectable()
export class AttachmentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly service: KnowledgeDocumentsService,
    private readonly config: AppConfig,
    private readonly texts: AttachmentTextExtractor,
  ) {}

  async upload(
    actor: AuthUser,
    documentId: string,
    rawName: string,
    bytes: Buffer | undefined,
  ): Promise<{ created: boolean; attachment: AttachmentView }> {
    await this.service.editable(this.documents.dataSource.manager, actor, documentId);
    const filename = cleanFilename(rawName);
    if (!filename) throw new UnprocessableEntityException('The file needs a name.');
    if (!Buffer.isBuffer(bytes) || !bytes.length)
      throw new UnprocessableEntityException(
        'Send the file as the request body with Content-Type: application/octet-stream.',
      );
    if (bytes.length > this.config.KNOWLEDGE_ATTACHMENT_MAX_BYTES)
      throw new PayloadTooLargeException(
        `Attachments may be at most ${this.config.KNOWLEDGE_ATTACHMENT_MAX_BYTES} bytes.`,
      );
    const check = checkAttachment(filename, bytes);
    if (!check.ok) throw new UnsupportedMediaTypeException(check.reason);
    const extracted = await this.texts.extract(check.kind, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.documents.dataSource.transaction(async (manager) => {
      const loaded = await this.service.editable(manager, actor, documentId); // locks the document: one change at a time
      const { version, publishedVersion } = await this.service.versionForAttachments(
        manager,
        actor,
        loaded,
        `Attached ${filename}`,
      );
      // A file readers have keeps its row (and link) until the replacement is approved; otherwise it is replaced in place.
      const previous = await manager
        .getRepository(KnowledgeAttachment)
        .findOneBy({ documentId, filename, removedInVersion: IsNull() });
      if (previous && publishedVersion !== null && publishedVersion < version && inVersion(previous, publishedVersion))
        await this.retire(manager, documentId, { id: previous.id }, version);
      const rows: { id: string; created_at: Date }[] = await manager.query(
        `INSERT INTO knowledge_attachments (document_id, filename, media_type, size, sha256, bytes, extracted_text, text_status, uploaded_by, added_in_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (document_id, filename) WHERE removed_in_version IS NULL DO UPDATE SET media_type = EXCLUDED.media_type, size = EXCLUDED.size, sha256 = EXCLUDED.sha256,
           bytes = EXCLUDED.bytes, extracted_text = EXCLUDED.extracted_text, text_status = EXCLUDED.text_status, uploaded_by = EXCLUDED.uploaded_by, added_in_version = EXCLUDED.added_in_version, created_at = now()
         RETURNING id, created_at`,
        [
          documentId,
          filename,
          check.mediaType,
          bytes.length,
          sha256,
          bytes,
          extracted.text,
          extracted.status,
          actor.id,
          version,
        ],
      );
      await this.documents.dropUnreachableAttachments(manager, documentId);
      await this.documents.changed(manager, documentId);
      const row = rows[0];
      return {
        created: !previous,
        attachment: {
          id: row.id,
          filename,
          mediaType: check.mediaType,
          size: bytes.length,
          sha256,
          textStatus: extracted.status,
          url: `/api/v1/knowledge/documents/${documentId}/attachments/${row.id}`,
          createdAt: new Date(row.created_at).toISOString(),
        },
      };
    });
  }

  /** Readers get the files of the published version; editors those of the working copy, and the published ones it replaces. */
  async download(
    caller: Caller,
    documentId: string,
    attachmentId: string,
  ): Promise<{ filename: string; mediaType: string; sha256: string; bytes: Buffer }> {
    const { doc, editor } = await this.service.readable(this.documents.dataSource.manager, caller, documentId);
    const file = await this.documents.dataSource.getRepository(KnowledgeAttachment).findOne({
      where: { id: attachmentId, documentId },
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
    if (!file || (!editor && !inVersion(file, doc.publishedVersion!)))
      throw new NotFoundException('This document has no such attachment.');
    return file;
  }

  async remove(actor: AuthUser, documentId: string, attachmentId: string): Promise<void> {
    await this.documents.dataSource.transaction(async (manager) => {
      const loaded = await this.service.editable(manager, actor, documentId);
      const file = await manager
        .getRepository(KnowledgeAttachment)
        .findOneBy({ id: attachmentId, documentId, removedInVersion: IsNull() });
      if (!file) throw new NotFoundException('This document has no such attachment.');
      const { version } = await this.service.versionForAttachments(manager, actor, loaded, `Removed ${file.filename}`);
      await this.retire(manager, documentId, { id: attachmentId }, version);
      await this.documents.dropUnreachableAttachments(manager, documentId);
      await this.documents.changed(manager, documentId);
    });
  }

  /** Takes a file out of the working copy from this version on; readers keep it until the change is published. */
  private async retire(
    manager: EntityManager,
    documentId: string,
    which: { id: string },
    version: number,
  ): Promise<void> {
    await manager.update(
      KnowledgeAttachment,
      { documentId, ...which, removedInVersion: IsNull() },
      { removedInVersion: version },
    );
  }
}
