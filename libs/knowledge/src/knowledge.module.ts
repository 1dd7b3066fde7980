import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { IdentityModule } from '@chadavkhi/identity';
import { AppConfig } from '@chadavkhi/platform';
import { AttachmentTextExtractor } from './attachments/attachment-text-extractor';
import { registerAttachmentUploads } from './attachments/attachment-upload-route';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsRepository } from './attachments/attachments.repository';
import { AttachmentsService } from './attachments/attachments.service';
import { KnowledgeAttachment } from './attachments/knowledge-attachment.entity';
import { KnowledgeContentService } from './content/knowledge-content.service';
import { CommentsController } from './comments/comments.controller';
import { CommentsRepository } from './comments/comments.repository';
import { CommentsService } from './comments/comments.service';
import { KnowledgeComment } from './comments/knowledge-comment.entity';
import { DocumentReviewService } from './documents/document-review.service';
import { DocumentVersionsService } from './documents/document-versions.service';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsRepository } from './documents/documents.repository';
import { KnowledgeDocumentsService } from './documents/documents.service';
import { KnowledgeDocumentVersion } from './documents/knowledge-document-version.entity';
import { KnowledgeDocument } from './documents/knowledge-document.entity';
import { KnowledgeHandoverRepository } from './handover/knowledge-handover.repository';
import { KnowledgeHandoverService } from './handover/knowledge-handover.service';
import { CourseSearchSourceRepository } from './search/course-search-source.repository';
import { DocumentSearchSourceRepository } from './search/document-search-source.repository';
import { KnowledgeIndexRepository } from './search/knowledge-index.repository';
import { SearchIndexerService } from './search/search-indexer.service';
import { SearchController } from './search/search.controller';
import { KnowledgeSearchService } from './search/search.service';

const KNOWLEDGE_ENTITIES = [KnowledgeDocument, KnowledgeDocumentVersion, KnowledgeAttachment, KnowledgeComment];

/** Knowledge documents, versions, governance, attachments, comments and search. */
@Module({
  imports: [TypeOrmModule.forFeature(KNOWLEDGE_ENTITIES), IdentityModule],
  controllers: [DocumentsController, AttachmentsController, CommentsController, SearchController],
  providers: [
    DocumentsRepository,
    KnowledgeDocumentsService,
    DocumentReviewService,
    DocumentVersionsService,
    AttachmentsRepository,
    AttachmentsService,
    AttachmentTextExtractor,
    CommentsRepository,
    CommentsService,
    KnowledgeIndexRepository,
    DocumentSearchSourceRepository,
    CourseSearchSourceRepository,
    SearchIndexerService,
    KnowledgeSearchService,
    KnowledgeContentService,
    KnowledgeHandoverRepository,
    KnowledgeHandoverService,
  ],
  exports: [
    KnowledgeHandoverService,
    KnowledgeDocumentsService,
    DocumentReviewService,
    DocumentVersionsService,
    AttachmentsService,
    CommentsService,
    KnowledgeSearchService,
    SearchIndexerService,
    KnowledgeContentService,
  ],
})
export class KnowledgeModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  /** Attachment uploads arrive as the raw request body, on their route only. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (fastify?.addContentTypeParser) registerAttachmentUploads(fastify, this.config.KNOWLEDGE_ATTACHMENT_MAX_BYTES);
  }
}
