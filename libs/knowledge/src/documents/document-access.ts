// Who may read, edit and review a knowledge document. Pure rules over the caller and the document,
// so the service, the search filter and the tests share one definition.
import { AuthUser, hasRole, scopeCovers, staffScopeOf } from '@chadavkhi/identity';

export const DOCUMENT_TYPES = [
  'law',
  'policy',
  'guideline',
  'template',
  'case_study',
  'lesson_learned',
  'report',
  'faq',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const VISIBILITIES = ['public', 'internal', 'agency'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type DocumentStatus = (typeof STATUSES)[number];

export type Caller = Pick<AuthUser, 'id' | 'roles' | 'agencyId' | 'agencyPath'> | null | undefined;

export interface AccessFacts {
  ownerAgencyId: string;
  /** The owning agency's path (its ancestors' ids and its own). */
  ownerAgencyPath: string[];
  authorId: string | null;
  ownerId: string | null;
  status: DocumentStatus;
  publishedVersion: number | null;
}

/** Reviewers of an agency's documents: administrators and hr_officers whose subtree holds the agency. */
export function isReviewer(caller: Caller, doc: Pick<AccessFacts, 'ownerAgencyPath'>): boolean {
  return !!caller && scopeCovers(staffScopeOf(caller), doc.ownerAgencyPath);
}

/** Who may publish a document's working copy without a reviewer's approval. */
export function mayPublishDirectly(reviewer: boolean, doc: { requiresApproval: boolean }): boolean {
  return !doc.requiresApproval || reviewer;
}

export const WORKFLOW_STEPS = ['approve', 'reject', 'publish', 'submit', 'archive'] as const;
export type WorkflowStep = (typeof WORKFLOW_STEPS)[number];

export interface WorkflowFacts {
  status: DocumentStatus;
  currentVersion: number;
  publishedVersion: number | null;
  requiresApproval: boolean;
}

/**
 * The workflow steps an editor (`reviewer` or not) is offered on a document now: a reviewer decides on
 * a document waiting for review; otherwise unpublished work is published directly when no approval
 * is needed (or a reviewer holds it) and submitted for review when one is; a published document
 * may be archived. DocumentReviewService accepts each step offered (an approval also needs the
 * version shown, and a reviewer other than the one who submitted it, administrators excepted).
 */
/** A reviewer approves what someone else submitted; an administrator may approve their own submission. */
export function mayApproveSubmission(caller: Pick<AuthUser, 'id' | 'roles'>, submittedBy: string | null): boolean {
  return submittedBy !== caller.id || hasRole(caller, 'admin');
}

/**
 * The workflow steps a caller may take now. `approves` is false for the reviewer who submitted the
 * version waiting (mayApproveSubmission): they may still reject (withdraw) it, not approve it.
 */
export function workflowSteps(reviewer: boolean, doc: WorkflowFacts, approves = true): WorkflowStep[] {
  const steps: WorkflowStep[] = [];
  const pending = doc.publishedVersion !== doc.currentVersion || doc.status === 'draft';
  if (doc.status === 'in_review' && reviewer) steps.push(...(approves ? (['approve'] as const) : []), 'reject');
  else if (pending && doc.status !== 'archived') {
    if (mayPublishDirectly(reviewer, doc)) steps.push('publish');
    else if (doc.status !== 'in_review') steps.push('submit');
  }
  if (doc.status === 'published') steps.push('archive');
  return steps;
}

/** Editors see and change the working copy: the author, the owner and the owning agency's reviewers. */
export function canEdit(caller: Caller, doc: AccessFacts): boolean {
  if (!caller) return false;
  return caller.id === doc.authorId || caller.id === doc.ownerId || isReviewer(caller, doc);
}

/**
 * Readers see the published version: `public` anyone, `internal` any signed-in user, `agency` users
 * of the owning agency's subtree (the owner is one of their ancestors or their own agency).
 */
export function canReadPublished(caller: Caller, visibility: Visibility, ownerAgencyId: string): boolean {
  if (visibility === 'public') return true;
  if (!caller) return false;
  if (visibility === 'internal') return true;
  return hasRole(caller, 'admin') || caller.agencyPath.includes(ownerAgencyId);
}

export function isReadable(doc: Pick<AccessFacts, 'status' | 'publishedVersion'>): boolean {
  return doc.publishedVersion !== null && doc.status !== 'archived';
}

/** A document is stale once its review-by date has passed (dates compared in Ulaanbaatar). */
export function isStale(reviewBy: string | null, today: string = ulaanbaatarDate()): boolean {
  return !!reviewBy && reviewBy < today;
}

/** YYYY-MM-DD of an instant in Ulaanbaatar (UTC+8, no daylight saving). */
export function ulaanbaatarDate(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
