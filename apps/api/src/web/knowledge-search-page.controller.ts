// The knowledge repository's search page (anyone, no sign-in): facets and highlighted snippets over
// documents and courses, through KnowledgeSearchService.
import { Controller, Get, HttpStatus, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasRole } from '@chadavkhi/identity';
import { DOCUMENT_TYPES, KnowledgeSearchService, SearchQuery } from '@chadavkhi/knowledge';
import { Public } from '@chadavkhi/platform';
import { isUuid } from './form-fields';
import { formRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { knowledgePageOptions } from './knowledge-document-page';
import { formatDate } from './learning-display';
import { PageLanguage, PageQueryParams } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { pageNumber, pagerModel } from './pager';

const PAGE_SIZE = 10;

/** A query string's text as typed, trimmed and cut to `length` (a search box, not a form the service refuses). */
const queryText = (value: unknown, length: number) => (typeof value === 'string' ? value.trim().slice(0, length) : '');

@ApiExcludeController()
@Controller('knowledge')
export class KnowledgeSearchPageController {
  constructor(
    private readonly search: KnowledgeSearchService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Public()
  async searchPage(
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const filters = {
      q: queryText(params.q, 200) || undefined,
      type: [...DOCUMENT_TYPES, 'course'].find((t) => t === params.type),
      language: (['mn', 'en'] as const).find((l) => l === params.language),
      tag: queryText(params.tag, 60).toLowerCase() || undefined,
      agencyId: isUuid(params.agencyId) ? params.agencyId : undefined,
    };
    const page = pageNumber(params.page);
    const searchQuery = Object.assign(new SearchQuery(), {
      ...filters,
      page,
      limit: PAGE_SIZE,
      sort: params.sort === 'newest' ? 'newest' : 'relevance',
    });
    const title = translate(lang, 'knowledge.title');
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
      return this.pages.render(
        request,
        reply,
        'knowledge-search.hbs',
        title,
        { ...searchForm(lang, filters), unavailable },
        knowledgePageOptions(request, refused.status),
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
    return this.pages.render(
      request,
      reply,
      'knowledge-search.hbs',
      title,
      {
        ...searchForm(lang, filters),
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
      },
      knowledgePageOptions(request),
    );
  }
}

function searchForm(lang: Language, filters: { q?: string; type?: string; language?: string }) {
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
