// Knowledge's public surface.
export { KnowledgeModule } from './knowledge.module';
export { KnowledgeWorkerModule } from './knowledge-worker.module';
export { KnowledgeDocumentsService } from './documents/documents.service';
export { DocumentReviewService } from './documents/document-review.service';
export { DocumentVersionsService } from './documents/document-versions.service';
export { DocumentVersionDiff, VersionSummary } from './documents/dto/document-version.view';
export { AttachmentsService } from './attachments/attachments.service';
export { CommentsService, CommentSubject } from './comments/comments.service';
export { CommentView, CommentPageView } from './comments/dto/comment.view';
export { CreateCommentDto } from './comments/dto/comment.dto';
export { KnowledgeSearchService, searchParams } from './search/search.service';
export { SearchHit, SearchResult, FacetCount } from './search/dto/search-result.view';
export { SearchIndexerService, ReindexProgress } from './search/search-indexer.service';
export { DocumentView, DocumentSummaryView, AttachmentView } from './documents/dto/document.view';
export { CreateDocumentDto, UpdateDocumentDto } from './documents/dto/document.dto';
export { SearchQuery } from './search/dto/search.query';
export {
  DOCUMENT_TYPES,
  DocumentType,
  VISIBILITIES,
  Visibility,
  STATUSES,
  DocumentStatus,
  WorkflowStep,
  isStale,
} from './documents/document-access';
export {
  knowledgeFileNames,
  parseKnowledgeFile,
  KnowledgeSource,
  KnowledgeImportResult,
} from './content/knowledge-content';
export { KnowledgeContentService } from './content/knowledge-content.service';
export { KnowledgeHandoverService } from './handover/knowledge-handover.service';
export { KnowledgeHandoverItemView } from './handover/dto/knowledge-handover-item.view';
export { buildFilter, visibilityFilter } from './search/search-filter';
