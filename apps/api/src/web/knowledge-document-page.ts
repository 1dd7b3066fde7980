// One knowledge document as a page: its text, facts, attachments, the workflow buttons its editors
// may press, and its public comments with the comment form. The document and comments pages both
// show it (again, with a message, when a form on it was refused).
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommentsService, DocumentView, KnowledgeDocumentsService, WorkflowStep } from '@chadavkhi/knowledge';
import { FieldErrors } from './form-fields';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { PageRenderer } from './page-renderer';
import { pageLanguage } from './web-request';

const NOTICES = [
  'created',
  'saved',
  'savedReviewWithdrawn',
  'submitted',
  'published',
  'approved',
  'rejected',
  'archived',
  'restored',
  'commented',
  'answered',
] as const;

export interface DocumentPageState {
  status?: number;
  comment?: { values: Record<string, string>; errors: FieldErrors };
  actionError?: string;
}

@Injectable()
export class KnowledgeDocumentPage {
  constructor(
    private readonly documents: KnowledgeDocumentsService,
    private readonly comments: CommentsService,
    private readonly pages: PageRenderer,
  ) {}

  async render(request: FastifyRequest, reply: FastifyReply, id: string, state: DocumentPageState) {
    const lang = pageLanguage(request);
    const user = request.user;
    const doc = await this.documents.get(user, id);
    const comments =
      doc.visibility === 'public' && doc.publishedAt
        ? await this.comments.forDocument(user, id, { offset: 0, limit: 100, page: 1 })
        : undefined;
    const notice = NOTICES.find((n) => n === (request.query as Record<string, unknown> | undefined)?.notice);
    const editor = doc.editor;
    const agencyName = lang === 'en' ? doc.ownerAgency.nameEn : doc.ownerAgency.nameMn;
    return this.pages.render(
      request,
      reply,
      'knowledge-document.hbs',
      doc.title,
      {
        description: doc.summary || undefined,
        doc: {
          ...doc,
          typeText: translate(lang, `knowledge.type.${doc.type}`),
          agencyName,
          visibilityText: translate(lang, `knowledge.visibility.${doc.visibility}`),
          statusText: translate(lang, `knowledge.status.${doc.status}`),
        },
        facts: [
          { label: translate(lang, 'knowledge.field.type'), value: translate(lang, `knowledge.type.${doc.type}`) },
          { label: translate(lang, 'knowledge.field.agency'), value: agencyName },
          {
            label: translate(lang, 'knowledge.field.published'),
            value: doc.publishedAt ? formatDate(lang, doc.publishedAt) : translate(lang, 'knowledge.notPublished'),
          },
          {
            label: translate(lang, 'knowledge.field.reviewBy'),
            value: doc.reviewBy ? formatDate(lang, doc.reviewBy) : '–',
          },
          {
            label: translate(lang, 'knowledge.field.visibility'),
            value: translate(lang, `knowledge.visibility.${doc.visibility}`),
          },
          { label: translate(lang, 'knowledge.field.version'), value: String(doc.version) },
        ],
        staleText: doc.stale
          ? translate(lang, 'knowledge.staleText', { date: doc.reviewBy ? formatDate(lang, doc.reviewBy) : '' })
          : undefined,
        notice: notice ? translate(lang, `knowledge.notice.${notice}`) : undefined,
        actionError: state.actionError,
        attachments: doc.attachments.map((a) => ({
          href: `/api/v1/knowledge/documents/${doc.id}/attachments/${a.id}`,
          name: a.filename,
          size: `${Math.max(1, Math.round(a.size / 1024))} KB`,
          type: a.mediaType,
          textNote:
            a.textStatus === 'extracted' || a.textStatus === 'not_applicable'
              ? undefined
              : translate(lang, `knowledge.attachment.text.${a.textStatus}`),
        })),
        tags: doc.tags.map((t) => ({ text: t, href: `/knowledge?tag=${encodeURIComponent(t)}` })),
        editor: editor
          ? {
              editHref: `/knowledge/documents/${doc.id}/edit`,
              versionsHref: `/knowledge/documents/${doc.id}/versions`,
              statusText: translate(lang, `knowledge.status.${doc.status}`),
              unpublished: editor.hasUnpublishedChanges,
              reviewNote: editor.reviewNote,
              actions: workflowActions(lang, doc),
            }
          : undefined,
        comments: comments
          ? {
              items: comments.items.map((c) => ({
                name: c.name,
                when: formatDate(lang, c.createdAt, true),
                iso: c.createdAt,
                body: c.body,
                response: c.response,
                respondedWhen: c.respondedAt ? formatDate(lang, c.respondedAt, true) : undefined,
                dueText: !c.respondedAt
                  ? translate(lang, 'knowledge.comment.due', { date: formatDate(lang, c.dueAt) })
                  : undefined,
              })),
              values: state.comment?.values ?? { name: user?.name ?? '', email: '', body: '' },
              errors: state.comment?.errors ?? {},
              action: `/knowledge/documents/${doc.id}/comments`,
            }
          : undefined,
      },
      knowledgePageOptions(request, state.status),
    );
  }
}

/** Anonymous readers (slow connections) may reuse a knowledge page for a minute; signed-in pages are never stored. */
export function knowledgePageOptions(request: FastifyRequest, status?: number) {
  return {
    status,
    cache: request.user ? 'no-store' : 'public, max-age=60',
    vary: 'cookie, accept-language',
  };
}

/** Buttons that are a refusal or a withdrawal look like one. */
const DANGER: ReadonlySet<WorkflowStep> = new Set(['reject', 'archive']);

/** The workflow steps the knowledge lib offers the caller, as buttons. */
function workflowActions(lang: Language, doc: DocumentView) {
  const editor = doc.editor!;
  return editor.steps.map((step) => ({
    action: `/knowledge/documents/${doc.id}/${step}`,
    text: translate(lang, `knowledge.action.${step}`),
    danger: DANGER.has(step) || undefined,
    // Approving names the version on this page, so an edit made meanwhile is never approved unseen.
    version: step === 'approve' ? editor.currentVersion : undefined,
  }));
}
