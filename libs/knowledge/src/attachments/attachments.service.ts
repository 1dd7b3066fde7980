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
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@chadavkhi/identity';
import { addOutboxEvent, AppConfig } from '@chadavkhi/platform';
import { Caller } from '../documents/document-access';
import { DocumentsRepository } from '../documents/documents.repository';
import { KnowledgeDocumentsService } from '../documents/documents.service';
import { AttachmentView } from '../documents/dto/document.view';
import { AttachmentTextExtractor } from './attachment-text-extractor';
import { checkAttachment, cleanFilename } from './attachment-type';
import { AttachmentsRepository } from './attachments.repository';
import { inVersion } from './knowledge-attachment.entity';

@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    private readonly attachments: AttachmentsRepository,
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
    await this.service.editable(this.dataSource.manager, actor, documentId);
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
    return this.dataSource.transaction(async (manager) => {
      const loaded = await this.service.editable(manager, actor, documentId); // locks the document: one change at a time
      const { version, publishedVersion } = await this.service.versionForAttachments(
        manager,
        actor,
        loaded,
        `Attached ${filename}`,
      );
      // A file readers have keeps its row (and link) until the replacement is approved; otherwise it is replaced in place.
      const previous = await this.attachments.currentByName(manager, documentId, filename);
      if (previous && publishedVersion !== null && publishedVersion < version && inVersion(previous, publishedVersion))
        await this.attachments.retire(manager, documentId, previous.id, version);
      const row = await this.attachments.upsert(manager, {
        documentId,
        filename,
        mediaType: check.mediaType,
        size: bytes.length,
        sha256,
        bytes,
        extractedText: extracted.text,
        textStatus: extracted.status,
        uploadedBy: actor.id,
        addedInVersion: version,
      });
      await this.documents.dropUnreachableAttachments(manager, documentId);
      await this.documents.touch(manager, documentId);
      await addOutboxEvent(manager, 'knowledge.document.changed', { documentId });
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
    const { doc, editor } = await this.service.readable(this.dataSource.manager, caller, documentId);
    const file = await this.attachments.withBytes(documentId, attachmentId);
    if (!file || (!editor && !inVersion(file, doc.publishedVersion!)))
      throw new NotFoundException('This document has no such attachment.');
    return file;
  }

  async remove(actor: AuthUser, documentId: string, attachmentId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const loaded = await this.service.editable(manager, actor, documentId);
      const file = await this.attachments.currentById(manager, documentId, attachmentId);
      if (!file) throw new NotFoundException('This document has no such attachment.');
      const { version } = await this.service.versionForAttachments(manager, actor, loaded, `Removed ${file.filename}`);
      // Readers keep the file until the change is published.
      await this.attachments.retire(manager, documentId, attachmentId, version);
      await this.documents.dropUnreachableAttachments(manager, documentId);
      await this.documents.touch(manager, documentId);
      await addOutboxEvent(manager, 'knowledge.document.changed', { documentId });
    });
  }
}
