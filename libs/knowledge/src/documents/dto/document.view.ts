// How a knowledge document, its attachments and lists of documents read in API answers.
import { ApiProperty } from '@nestjs/swagger';
import { PageView, renderSafeMarkdown } from '@chadavkhi/platform';
import { TEXT_STATUSES, TextStatus } from '../../attachments/attachment-text';
import {
  DOCUMENT_TYPES,
  DocumentStatus,
  DocumentType,
  isStale,
  STATUSES,
  Visibility,
  VISIBILITIES,
  WORKFLOW_STEPS,
  WorkflowStep,
  workflowSteps,
} from '../document-access';
import type { AgencyRef } from '../documents.repository';
import type { DocumentSnapshot } from '../knowledge-document-version.entity';
import type { KnowledgeDocument } from '../knowledge-document.entity';

/** A file attached to a document, as its readers list it. */
export class AttachmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() filename: string;
  @ApiProperty({ description: 'The type detected from the content on upload', example: 'application/pdf' })
  mediaType: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex', pattern: '^[0-9a-f]{64}$' }) sha256: string;
  @ApiProperty({
    enum: TEXT_STATUSES,
    description:
      'extracted: its words are searchable; too_large, timed_out, unreadable: stored, but its text was not read; not_applicable: an image',
  })
  textStatus: TextStatus;
  @ApiProperty({ description: 'Where to download it (GET)' }) url: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class AgencyNamesView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() nameMn: string;
  @ApiProperty() nameEn: string;
}

/** What editors (author, owner, reviewers of the owning agency) see beside the content. */
export class DocumentEditorView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null once the author is gone' })
  authorId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The steward answering for it' })
  ownerId: string | null;
  @ApiProperty({ type: 'integer', description: 'The working copy' }) currentVersion: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null until first published' })
  publishedVersion: number | null;
  @ApiProperty() hasUnpublishedChanges: boolean;
  @ApiProperty() requiresApproval: boolean;
  @ApiProperty({ description: 'The caller reviews for the owning agency' }) canReview: boolean;
  @ApiProperty({ type: String, nullable: true, description: "The reviewer's note when sent back or approved" })
  reviewNote: string | null;
  @ApiProperty({
    enum: WORKFLOW_STEPS,
    isArray: true,
    description: 'The workflow steps the caller may take now: the POST sub-resources of the same names',
  })
  steps: WorkflowStep[];
}

/** A document as one caller sees it: the published version to readers, the working copy to editors. */
export class DocumentView implements DocumentSnapshot {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) slug: string | null;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ description: 'Markdown' }) body: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) type: DocumentType;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ enum: ['mn', 'en'] }) language: 'mn' | 'en';
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ApiProperty({ description: 'The Markdown body rendered and sanitised: safe to insert into a page' }) html: string;
  @ApiProperty({ type: AgencyNamesView }) ownerAgency: AgencyNamesView;
  @ApiProperty({ enum: STATUSES }) status: DocumentStatus;
  @ApiProperty({ type: 'integer', description: 'The version shown' }) version: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Past this day it is stale' })
  reviewBy: string | null;
  @ApiProperty({ description: 'Past its review-by date' }) stale: boolean;
  @ApiProperty({ type: [AttachmentView] }) attachments: AttachmentView[];
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({
    type: DocumentEditorView,
    required: false,
    description: 'Present for editors (author, owner, reviewers of the owning agency) only',
  })
  editor?: DocumentEditorView;
}

/** A line of a list of documents. */
export class DocumentSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) slug: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) type: string;
  @ApiProperty({ enum: ['mn', 'en'] }) language: string;
  @ApiProperty({ enum: VISIBILITIES }) visibility: string;
  @ApiProperty({ enum: STATUSES }) status: DocumentStatus;
  @ApiProperty({ format: 'uuid' }) ownerAgencyId: string;
  @ApiProperty({ type: 'integer' }) currentVersion: number;
  @ApiProperty({ type: 'integer', nullable: true }) publishedVersion: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) reviewBy: string | null;
  @ApiProperty() stale: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class DocumentPageView extends PageView(DocumentSummaryView) {}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function documentView(
  doc: KnowledgeDocument,
  owner: AgencyRef,
  shown: { version: number; snapshot: DocumentSnapshot },
  attachments: AttachmentView[],
  editor: { canReview: boolean; approves: boolean } | null,
): DocumentView {
  return {
    id: doc.id,
    slug: doc.slug,
    ...shown.snapshot,
    html: renderSafeMarkdown(shown.snapshot.body),
    ownerAgency: { id: owner.id, code: owner.code, nameMn: owner.nameMn, nameEn: owner.nameEn },
    status: doc.status,
    version: shown.version,
    publishedAt: iso(doc.publishedAt),
    reviewBy: doc.reviewBy,
    stale: isStale(doc.reviewBy),
    attachments,
    updatedAt: iso(doc.updatedAt)!,
    ...(editor
      ? {
          editor: {
            authorId: doc.authorId,
            ownerId: doc.ownerId,
            currentVersion: doc.currentVersion,
            publishedVersion: doc.publishedVersion,
            hasUnpublishedChanges: doc.publishedVersion !== doc.currentVersion,
            requiresApproval: doc.requiresApproval,
            canReview: editor.canReview,
            reviewNote: doc.reviewNote,
            steps: workflowSteps(editor.canReview, doc, editor.approves),
          },
        }
      : {}),
  };
}

export function documentSummary(doc: KnowledgeDocument): DocumentSummaryView {
  return {
    id: doc.id,
    slug: doc.slug,
    title: doc.title,
    type: doc.type,
    language: doc.language,
    visibility: doc.visibility,
    status: doc.status,
    ownerAgencyId: doc.ownerAgencyId,
    currentVersion: doc.currentVersion,
    publishedVersion: doc.publishedVersion,
    reviewBy: doc.reviewBy,
    stale: isStale(doc.reviewBy),
    updatedAt: iso(doc.updatedAt)!,
  };
}
