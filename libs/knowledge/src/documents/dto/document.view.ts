import { renderSafeMarkdown } from '@chadavkhi/platform';
import type { TextStatus } from '../../attachments/attachment-text';
import { DocumentStatus, isStale, WorkflowStep, workflowSteps } from '../document-access';
import type { AgencyRef } from '../documents.repository';
import type { DocumentSnapshot } from '../knowledge-document-version.entity';
import type { KnowledgeDocument } from '../knowledge-document.entity';

export interface AttachmentView {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** extracted: its words are searchable; too_large, timed_out, unreadable: stored, but its text was not read; not_applicable: an image. */
  textStatus: TextStatus;
  url: string;
  createdAt: string;
}

export interface DocumentView extends DocumentSnapshot {
  id: string;
  slug: string | null;
  /** The Markdown body rendered and sanitised: safe to insert into a page. */
  html: string;
  ownerAgency: { id: string; code: string; nameMn: string; nameEn: string };
  status: DocumentStatus;
  /** The version shown: the published one to readers, the working copy to editors. */
  version: number;
  publishedAt: string | null;
  reviewBy: string | null;
  stale: boolean;
  attachments: AttachmentView[];
  updatedAt: string;
  /** Present for editors (author, owner, reviewers of the owning agency) only. */
  editor?: {
    authorId: string | null;
    ownerId: string | null;
    currentVersion: number;
    publishedVersion: number | null;
    hasUnpublishedChanges: boolean;
    requiresApproval: boolean;
    canReview: boolean;
    reviewNote: string | null;
    /** The workflow steps the caller may take now (POST …/approve, …/reject, …/publish, …/submit, …/archive). */
    steps: WorkflowStep[];
  };
}

export interface DocumentSummaryView {
  id: string;
  slug: string | null;
  title: string;
  type: string;
  language: string;
  visibility: string;
  status: DocumentStatus;
  ownerAgencyId: string;
  currentVersion: number;
  publishedVersion: number | null;
  reviewBy: string | null;
  stale: boolean;
  updatedAt: string;
}

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
