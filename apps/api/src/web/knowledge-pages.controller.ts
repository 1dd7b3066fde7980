// The knowledge repository in the browser: search with facets and highlighted snippets, reading a
// document, public comments and their answers (anyone, no sign-in), and for civil servants writing,
// reviewing and publishing documents and answering comments. The rules stay in libs/knowledge.
import {
  Controller,
  ForbiddenException,
  Get,
  HttpException,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import '@fastify/view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, hasRole, TokenService } from '@chadavkhi/identity';
import {
  CommentsService,
  CreateDocumentDto,
  DOCUMENT_TYPES,
  DocumentReviewService,
  DocumentVersionsService,
  DocumentView,
  KnowledgeDocumentsService,
  KnowledgeSearchService,
  SearchQuery,
  VISIBILITIES,
} from '@chadavkhi/knowledge';
import { AppConfig, PageQuery, Public, renderSafeMarkdown } from '@chadavkhi/platform';
import { FieldErrors, FormReader, formBody, isUuid } from './form-fields';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { pageNumber, pagerModel } from './pager';
import { assertSameOrigin, baseModel, pageLanguage } from './web-request';
import { formRefusal } from './form-refusal';

const PAGE_SIZE = 10;
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

function uuidParam(value: string): string {
  if (!isUuid(value)) throw new NotFoundException('No such page.');
  return value;
}

function query(request: FastifyRequest): Record<string, unknown> {
  return (request.query as Record<string, unknown> | undefined) ?? {};
}

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');

/** The message of a 4xx from the service that a page can show beside its form; anything else is rethrown. */
const refusal = (error: unknown) =>
  formRefusal(error, [
    HttpStatus.CONFLICT,
    HttpStatus.UNPROCESSABLE_ENTITY,
    HttpStatus.TOO_MANY_REQUESTS,
    HttpStatus.FORBIDDEN,
  ]);

@ApiExcludeController()
@Controller('knowledge')
export class KnowledgePagesController {
  constructor(
    private readonly search: KnowledgeSearchService,
    private readonly documents: KnowledgeDocumentsService,
    private readonly review: DocumentReviewService,
    private readonly versions: DocumentVersionsService,
    private readonly comments: CommentsService,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
  ) {}

  // ---- search ----

  @Get()
  @Public()
  async searchPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = pageLanguage(request);
    const params = query(request);
    const filters = {
      q: text(params.q, 200) || undefined,
      type: [...DOCUMENT_TYPES, 'course'].find((t) => t === params.type),
      language: (['mn', 'en'] as const).find((l) => l === params.language),
      tag: text(params.tag, 60).toLowerCase() || undefined,
      agencyId: isUuid(params.agencyId) ? params.agencyId : undefined,
    };
    const page = pageNumber(params.page);
    const searchQuery = Object.assign(new SearchQuery(), {
      ...filters,
      page,
      limit: PAGE_SIZE,
      sort: params.sort === 'newest' ? 'newest' : 'relevance',
    });
    let result;
    try {
      result = await this.search.search(request.user, searchQuery, request.ip);
    } catch (error) {
      const refused = formRefusal(error, [HttpStatus.TOO_MANY_REQUESTS, HttpStatus.SERVICE_UNAVAILABLE]);
      if (!refused) throw error;
      if (refused.retryAfter) reply.header('retry-after', String(refused.retryAfter));
      const unavailable = translate(
        lang,
        refused.status === HttpStatus.TOO_MANY_REQUESTS ? 'knowledge.search.tooMany' : 'knowledge.unavailable',
      );
      return this.render(
        request,
        reply,
        'knowledge-search.hbs',
        translate(lang, 'knowledge.title'),
        { ...this.searchForm(lang, filters), unavailable },
        refused.status,
      );
    }
    const current = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>;
    const withFilter = (key: string, value: string | undefined) => {
      const next = new URLSearchParams({ ...current });
      if (value === undefined) next.delete(key);
      else next.set(key, value);
      const search = next.toString();
      return search ? `/knowledge?${search}` : '/knowledge';
    };
    const facet = (
      key: string,
      counts: { value: string; count: number; label?: { mn: string; en: string } }[],
      label: (v: string, l?: { mn: string; en: string }) => string,
    ) =>
      counts.slice(0, 12).map((c) => ({
        text: label(c.value, c.label),
        count: c.count,
        href: withFilter(key, c.value),
        selected: current[key] === c.value,
      }));
    return this.render(request, reply, 'knowledge-search.hbs', translate(lang, 'knowledge.title'), {
      ...this.searchForm(lang, filters),
      countText: translate(lang, 'knowledge.count', { count: result.total }),
      hits: result.items.map((hit) => ({
        href: hit.kind === 'course' ? `/courses/${hit.id}` : `/knowledge/documents/${hit.id}`,
        titleHtml: hit.highlight.title,
        snippetHtml: hit.highlight.snippet,
        kindText:
          hit.kind === 'course'
            ? translate(lang, 'knowledge.kind.course')
            : translate(lang, `knowledge.type.${hit.type}`),
        textLang: hit.language,
        date: hit.publishedAt ? formatDate(lang, hit.publishedAt) : undefined,
        stale: hit.stale,
        tags: hit.tags.slice(0, 5).map((t) => ({ text: t, href: withFilter('tag', t) })),
      })),
      emptyText: translate(lang, filters.q || Object.keys(current).length ? 'knowledge.noMatch' : 'knowledge.empty'),
      facets: [
        {
          title: translate(lang, 'knowledge.facet.type'),
          items: facet('type', result.facets.type, (v) =>
            translate(lang, v === 'course' ? 'knowledge.kind.course' : `knowledge.type.${v}`),
          ),
          clear: current.type ? withFilter('type', undefined) : undefined,
        },
        {
          title: translate(lang, 'knowledge.facet.agency'),
          items: facet('agencyId', result.facets.agencyId, (v, l) => (l ? l[lang] : v)),
          clear: current.agencyId ? withFilter('agencyId', undefined) : undefined,
        },
        {
          title: translate(lang, 'knowledge.facet.tag'),
          items: facet('tag', result.facets.tag, (v) => v),
          clear: current.tag ? withFilter('tag', undefined) : undefined,
        },
        {
          title: translate(lang, 'knowledge.facet.language'),
          items: facet('language', result.facets.language, (v) => translate(lang, `language.${v}`)),
          clear: current.language ? withFilter('language', undefined) : undefined,
        },
      ].filter((f) => f.items.length),
      pager: pagerModel(lang, '/knowledge', current, page, PAGE_SIZE, result.total),
      canWrite: !!request.user,
      canAnswer: !!request.user && hasRole(request.user, 'hr_officer', 'admin'),
    });
  }

  private searchForm(lang: Language, filters: { q?: string; type?: string; language?: string }) {
    return {
      q: filters.q ?? '',
      typeOptions: [
        { value: '', label: translate(lang, 'knowledge.allTypes'), selected: !filters.type },
        ...[...DOCUMENT_TYPES, 'course'].map((t) => ({
          value: t,
          label: translate(lang, t === 'course' ? 'knowledge.kind.course' : `knowledge.type.${t}`),
          selected: filters.type === t,
        })),
      ],
      languageOptions: [
        { value: '', label: translate(lang, 'catalogue.allLanguages'), selected: !filters.language },
        ...(['mn', 'en'] as const).map((l) => ({
          value: l,
          label: translate(lang, `language.${l}`),
          selected: filters.language === l,
        })),
      ],
    };
  }

  // ---- reading and commenting ----

  @Get('documents/:id')
  @Public()
  async document(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderDocument(request, reply, uuidParam(id), {});
  }

  @Post('documents/:id/comments')
  @Public()
  async comment(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    assertSameOrigin(request, this.config);
    const lang = pageLanguage(request);
    const form = new FormReader(formBody(request), lang);
    const dto = { name: form.text('name'), email: form.text('email') || undefined, body: form.text('body') };
    try {
      await this.comments.create(request.user, uuidParam(id), dto, request.ip);
    } catch (error) {
      if (form.refusedBy(error, 'body'))
        return this.renderDocument(request, reply, id, {
          status: 422,
          comment: { values: form.values, errors: form.errors },
        });
      const refused = refusal(error);
      if (!refused) throw error;
      if (refused.retryAfter) reply.header('retry-after', String(refused.retryAfter));
      const message =
        refused.status === HttpStatus.TOO_MANY_REQUESTS
          ? translate(lang, 'knowledge.comment.tooMany')
          : translate(lang, 'author.refused', { message: refused.message });
      form.fail('body', 'knowledge.comment.refused', { message });
      return this.renderDocument(request, reply, id, {
        status: refused.status,
        comment: { values: form.values, errors: form.errors },
      });
    }
    return reply.redirect(`/knowledge/documents/${id}?notice=commented#comments`, 303);
  }

  private async renderDocument(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: { status?: number; comment?: { values: Record<string, string>; errors: FieldErrors }; actionError?: string },
  ) {
    const lang = pageLanguage(request);
    const user = request.user;
    const doc = await this.documents.get(user, id);
    const comments =
      doc.visibility === 'public' && doc.publishedAt
        ? await this.comments.forDocument(user, id, { offset: 0, limit: 100, page: 1 })
        : undefined;
    const notice = NOTICES.find((n) => n === query(request).notice);
    const editor = doc.editor;
    const agencyName = lang === 'en' ? doc.ownerAgency.nameEn : doc.ownerAgency.nameMn;
    return this.render(
      request,
      reply,
      'knowledge-document.hbs',
      doc.title,
      {
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
              actions: this.actions(lang, doc),
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
      state.status,
    );
  }

  /** The workflow buttons the caller may press on this document now. */
  private actions(lang: Language, doc: DocumentView) {
    const e = doc.editor!;
    const base = `/knowledge/documents/${doc.id}`;
    const list: { action: string; text: string; danger?: boolean; version?: number }[] = [];
    const pending = e.hasUnpublishedChanges || doc.status === 'draft';
    // Approving names the version on this page, so an edit made meanwhile is never approved unseen.
    if (doc.status === 'in_review' && e.canReview)
      list.push(
        { action: `${base}/approve`, text: translate(lang, 'knowledge.action.approve'), version: e.currentVersion },
        { action: `${base}/reject`, text: translate(lang, 'knowledge.action.reject'), danger: true },
      );
    else if (pending && (!e.requiresApproval || e.canReview) && doc.status !== 'archived')
      list.push({ action: `${base}/publish`, text: translate(lang, 'knowledge.action.publish') });
    else if (pending && doc.status !== 'in_review' && doc.status !== 'archived')
      list.push({ action: `${base}/submit`, text: translate(lang, 'knowledge.action.submit') });
    if (doc.status === 'published')
      list.push({ action: `${base}/archive`, text: translate(lang, 'knowledge.action.archive'), danger: true });
    return list;
  }

  @Post('documents/:id/submit')
  submit(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.workflow('submit', id, request, reply);
  }

  @Post('documents/:id/publish')
  publish(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.workflow('publish', id, request, reply);
  }

  @Post('documents/:id/approve')
  approve(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.workflow('approve', id, request, reply);
  }

  @Post('documents/:id/reject')
  reject(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.workflow('reject', id, request, reply);
  }

  @Post('documents/:id/archive')
  archive(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.workflow('archive', id, request, reply);
  }

  private async workflow(
    action: 'submit' | 'publish' | 'approve' | 'reject' | 'archive',
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const user = request.user!;
    const lang = pageLanguage(request);
    const form = formBody(request);
    const note = text(form.note, 2000) || undefined;
    const version = text(form.version, 7); // the version the reviewer saw (a hidden field of the page)
    try {
      if (action === 'submit') await this.review.submit(user, uuidParam(id));
      if (action === 'publish') await this.review.publish(user, uuidParam(id), request.ip);
      if (action === 'approve')
        await this.review.approve(
          user,
          uuidParam(id),
          /^\d{1,7}$/.test(version) ? Number(version) : 0,
          note,
          request.ip,
        );
      if (action === 'reject') await this.review.reject(user, uuidParam(id), note, request.ip);
      if (action === 'archive') await this.review.archive(user, uuidParam(id), request.ip);
    } catch (error) {
      const refused = refusal(error);
      if (!refused || refused.status === HttpStatus.FORBIDDEN) throw error;
      const message =
        refused.slug === 'review-version-changed' || refused.slug === 'not-in-review'
          ? translate(lang, `knowledge.refused.${refused.slug}`)
          : translate(lang, 'author.refused', { message: refused.message });
      return this.renderDocument(request, reply, id, { status: refused.status, actionError: message });
    }
    const notice = {
      submit: 'submitted',
      publish: 'published',
      approve: 'approved',
      reject: 'rejected',
      archive: 'archived',
    }[action];
    return reply.redirect(`/knowledge/documents/${id}?notice=${notice}`, 303);
  }

  // ---- writing ----

  @Get('new')
  async newDocument(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const values = {
      title: '',
      summary: '',
      body: '',
      type: 'guideline',
      language: pageLanguage(request),
      visibility: 'internal',
      tags: '',
      reviewBy: '',
    };
    return this.renderEditor(request, reply, undefined, { values });
  }

  @Post('new')
  async create(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.saveFromForm(request, reply, undefined);
  }

  @Get('documents/:id/edit')
  async edit(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const doc = await this.documents.get(request.user, uuidParam(id));
    if (!doc.editor)
      throw new ForbiddenException(
        'Only the author, the owner or a reviewer of the owning agency can edit this document.',
      );
    const values = {
      title: doc.title,
      summary: doc.summary ?? '',
      body: doc.body,
      type: doc.type,
      language: doc.language,
      visibility: doc.visibility,
      tags: doc.tags.join(', '),
      reviewBy: doc.reviewBy ?? '',
    };
    return this.renderEditor(request, reply, doc, { values });
  }

  @Post('documents/:id/edit')
  async save(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const doc = await this.documents.get(request.user, uuidParam(id));
    if (!doc.editor)
      throw new ForbiddenException(
        'Only the author, the owner or a reviewer of the owning agency can edit this document.',
      );
    return this.saveFromForm(request, reply, doc);
  }

  /** "Preview" renders the typed Markdown and saves nothing; "Save" validates with the API's own rules and saves a version. */
  private async saveFromForm(request: FastifyRequest, reply: FastifyReply, doc: DocumentView | undefined) {
    const lang = pageLanguage(request);
    const body = formBody(request);
    const form = new FormReader(body, lang);
    const tags = form.text('tags', { max: 1000 });
    const input = {
      title: form.text('title', { min: 3, max: 300 }),
      summary: form.text('summary', { max: 2000 }),
      body: form.text('body', { max: 200_000, trim: false }),
      type: form.choice('type', DOCUMENT_TYPES),
      language: form.choice('language', ['mn', 'en'] as const),
      visibility: form.choice('visibility', VISIBILITIES),
      tags: [
        ...new Set(
          tags
            .split(',')
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean),
        ),
      ],
      reviewBy: form.text('reviewBy', { max: 10 }) || null,
    };
    if (input.reviewBy && !/^\d{4}-\d{2}-\d{2}$/.test(input.reviewBy)) form.fail('reviewBy', 'knowledge.form.date');
    // The API's own rules (tag pattern, counts) apply to the form too.
    const problems = await validate(plainToInstance(CreateDocumentDto, input), { whitelist: true });
    for (const p of problems)
      if (!form.errors[p.property])
        form.errors[p.property] = Object.values(p.constraints ?? {})[0] ?? translate(lang, 'form.choice');
    if (body.action === 'preview')
      return this.renderEditor(request, reply, doc, {
        values: form.values,
        errors: form.errors,
        preview: renderSafeMarkdown(input.body),
      });
    if (!form.ok)
      return this.renderEditor(request, reply, doc, { status: 422, values: form.values, errors: form.errors });
    try {
      const saved = doc
        ? await this.documents.update(request.user!, doc.id, { ...input, note: text(body.note, 500) || undefined })
        : await this.documents.create(request.user!, input);
      const notice = !doc
        ? 'created'
        : doc.status === 'in_review' && saved.status !== 'in_review'
          ? 'savedReviewWithdrawn'
          : 'saved';
      return reply.redirect(`/knowledge/documents/${saved.id}?notice=${notice}`, 303);
    } catch (error) {
      const refused = refusal(error);
      if (!refused || refused.status === HttpStatus.FORBIDDEN) throw error;
      form.fail('title', 'author.refused', { message: refused.message });
      return this.renderEditor(request, reply, doc, {
        status: refused.status,
        values: form.values,
        errors: form.errors,
      });
    }
  }

  private renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    doc: DocumentView | undefined,
    state: { status?: number; values: Record<string, string>; errors?: FieldErrors; preview?: string },
  ) {
    const lang = pageLanguage(request);
    const errors = state.errors ?? {};
    const option = (value: string, label: string) => ({
      value,
      label,
      selected: state.values.type === value || state.values.language === value || state.values.visibility === value,
    });
    const heading = doc
      ? translate(lang, 'knowledge.edit.title', { title: doc.title })
      : translate(lang, 'knowledge.new.title');
    const errorList = Object.entries(errors).map(([field, message]) => ({ href: `#doc-${field}`, message }));
    return this.render(
      request,
      reply,
      'knowledge-edit.hbs',
      heading,
      {
        heading,
        backHref: doc ? `/knowledge/documents/${doc.id}` : '/knowledge',
        action: doc ? `/knowledge/documents/${doc.id}/edit` : '/knowledge/new',
        isEdit: !!doc,
        inReviewText: doc?.status === 'in_review' ? translate(lang, 'knowledge.edit.inReview') : undefined,
        values: state.values,
        errors,
        errorList: errorList.length ? errorList : undefined,
        typeOptions: DOCUMENT_TYPES.map((t) => ({
          ...option(t, translate(lang, `knowledge.type.${t}`)),
          selected: state.values.type === t,
        })),
        languageOptions: (['mn', 'en'] as const).map((l) => ({
          value: l,
          label: translate(lang, `language.${l}`),
          selected: state.values.language === l,
        })),
        visibilityOptions: VISIBILITIES.map((v) => ({
          value: v,
          label: translate(lang, `knowledge.visibility.${v}`),
          selected: state.values.visibility === v,
        })),
        preview: state.preview !== undefined ? { html: state.preview, empty: !state.preview.trim() } : undefined,
      },
      state.status,
    );
  }

  // ---- versions ----

  @Get('documents/:id/versions')
  async versionsPage(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = pageLanguage(request);
    const user = request.user!;
    const [doc, list] = await Promise.all([this.documents.get(user, uuidParam(id)), this.versions.list(user, id)]);
    const notice = query(request).notice === 'restored' ? translate(lang, 'knowledge.notice.restored') : undefined;
    return this.render(request, reply, 'knowledge-versions.hbs', translate(lang, 'knowledge.versions.title'), {
      docTitle: doc.title,
      docHref: `/knowledge/documents/${id}`,
      notice,
      versions: list.map((v) => ({
        version: v.version,
        label: translate(lang, 'author.versionN', { version: v.version }),
        when: formatDate(lang, v.createdAt, true),
        iso: v.createdAt,
        note: v.note,
        current: v.version === doc.editor?.currentVersion,
        published: v.version === doc.editor?.publishedVersion,
        restoreAction:
          v.version !== doc.editor?.currentVersion
            ? `/knowledge/documents/${id}/versions/${v.version}/restore`
            : undefined,
      })),
    });
  }

  @Post('documents/:id/versions/:version/restore')
  async restore(
    @Param('id') id: string,
    @Param('version') version: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!/^\d{1,6}$/.test(version)) throw new NotFoundException('No such version.');
    await this.versions.restore(request.user!, uuidParam(id), Number(version));
    return reply.redirect(`/knowledge/documents/${id}/versions?notice=restored`, 303);
  }

  // ---- answering comments (the owning agency) ----

  @Get('comments')
  async agencyComments(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = pageLanguage(request);
    const params = query(request);
    const state = (['open', 'overdue', 'answered', 'all'] as const).find((s) => s === params.state) ?? 'open';
    const page = pageNumber(params.page);
    const found = await this.comments.forAgency(
      request.user!,
      Object.assign(new PageQuery(), { state, page, limit: PAGE_SIZE }) as never,
    );
    const notice = params.notice === 'answered' ? translate(lang, 'knowledge.notice.answered') : undefined;
    return this.render(request, reply, 'knowledge-comments.hbs', translate(lang, 'knowledge.comments.title'), {
      notice,
      states: (['open', 'overdue', 'answered', 'all'] as const).map((s) => ({
        href: `/knowledge/comments?state=${s}`,
        text: translate(lang, `knowledge.comments.${s}`),
        current: s === state,
      })),
      countText: translate(lang, 'knowledge.comments.count', { count: found.total }),
      items: found.items.map((c) => ({
        id: c.id,
        docTitle: c.documentTitle,
        docHref: `/knowledge/documents/${c.documentId}#comments`,
        name: c.name,
        when: formatDate(lang, c.createdAt, true),
        body: c.body,
        response: c.response,
        overdue: !c.respondedAt && Date.parse(c.dueAt) < Date.now(),
        dueText: translate(lang, 'knowledge.comment.due', { date: formatDate(lang, c.dueAt) }),
        action: `/knowledge/comments/${c.id}/response`,
      })),
      pager: pagerModel(lang, '/knowledge/comments', { state }, page, PAGE_SIZE, found.total),
    });
  }

  @Post('comments/:commentId/response')
  async respond(@Param('commentId') commentId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const response = text(formBody(request).response, 4000);
    if (!response) throw new HttpException({ message: 'Write the response first.' }, HttpStatus.UNPROCESSABLE_ENTITY);
    await this.comments.respond(request.user!, uuidParam(commentId), response);
    return reply.redirect('/knowledge/comments?notice=answered', 303);
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    view: string,
    title: string,
    model: Record<string, unknown>,
    status = 200,
  ) {
    const lang = pageLanguage(request);
    const user = request.user as AuthUser | undefined;
    // Anonymous readers (slow connections) may reuse a page for a minute; signed-in pages are never stored.
    return reply
      .status(status)
      .header('cache-control', user ? 'no-store' : 'public, max-age=60')
      .header('vary', 'cookie, accept-language')
      .view(view, {
        ...baseModel(request, lang, title),
        ...model,
        csrfToken: user ? this.tokens.csrfToken(user) : undefined,
      });
  }
}
