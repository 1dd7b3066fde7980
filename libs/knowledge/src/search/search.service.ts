// The knowledge search box: one Meilisearch query per request, filtered by what the caller may see
// (so hits, total and facet counts agree), with highlighted snippets made safe to insert as HTML.
// Anonymous searches are limited per address (KNOWLEDGE_ANONYMOUS_SEARCHES_PER_MINUTE), so no one
// can keep the search engine busy without signing in; signed-in users are not limited.
import { HttpException, HttpStatus, Injectable, OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import type { SearchParams } from 'meilisearch';
import { AppConfig, FailureLimiter } from '@chadavkhi/platform';
import { Caller, isStale } from '../documents/document-access';
import { DocumentsRepository } from '../documents/documents.repository';
import { FacetCount, SearchHit, SearchResult } from './dto/search-result.view';
import { SearchQuery } from './dto/search.query';
import { FACETS, IndexedEntry, RETRIEVED } from './knowledge-index';
import { KnowledgeIndexRepository } from './knowledge-index.repository';
import { buildFilter } from './search-filter';

// Private-use characters mark highlights, so the text can be HTML-escaped before <mark> goes in.
const PRE = '\uE000';
const POST = '\uE001';
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Meilisearch returns the stored text with markers around matches; this escapes it, then marks. */
export function safeHighlight(text: string | undefined): string {
  return (text ?? '')
    .replace(/[&<>"']/g, (c) => ESCAPES[c])
    .replaceAll(PRE, '<mark>')
    .replaceAll(POST, '</mark>');
}

/** The Meilisearch request behind GET /knowledge/search (the bench sends the same one straight to Meilisearch). */
export function searchParams(filter: string, query: Pick<SearchQuery, 'limit' | 'page' | 'sort'>): SearchParams {
  return {
    filter: filter || undefined,
    facets: [...FACETS],
    hitsPerPage: query.limit,
    page: query.page,
    attributesToRetrieve: RETRIEVED,
    attributesToHighlight: ['title', 'summary', 'body', 'attachmentText'],
    attributesToCrop: ['summary', 'body', 'attachmentText'],
    cropLength: 32,
    cropMarker: '…',
    highlightPreTag: PRE,
    highlightPostTag: POST,
    sort: query.sort === 'newest' ? ['publishedAt:desc'] : undefined,
  };
}

const counts = (distribution: Record<string, number> | undefined): FacetCount[] =>
  Object.entries(distribution ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));

export class TooManySearchesException extends HttpException {
  constructor(retryAfterSeconds: number) {
    super(
      {
        message: `Too many searches from your address. Wait ${retryAfterSeconds} seconds, or sign in.`,
        retryAfterSeconds,
        slug: 'too-many-searches',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

@Injectable()
export class KnowledgeSearchService implements OnModuleDestroy {
  private readonly anonymousPerAddress: FailureLimiter;

  constructor(
    private readonly index: KnowledgeIndexRepository,
    private readonly documents: DocumentsRepository,
    config: AppConfig,
  ) {
    // Counts searches (not failures), per address and minute, shared by every API process through Redis.
    this.anonymousPerAddress = new FailureLimiter(
      config,
      `${config.REDIS_PREFIX}:knowledge-search:ip`,
      config.KNOWLEDGE_ANONYMOUS_SEARCHES_PER_MINUTE,
      60,
    );
  }

  /** `ip` is the caller's address, which anonymous searches are counted against. */
  async search(caller: Caller, query: SearchQuery, ip: string): Promise<SearchResult> {
    if (!caller) {
      const wait = await this.anonymousPerAddress.take(ip);
      if (wait) throw new TooManySearchesException(wait);
    }
    const filter = buildFilter(caller, {
      type: query.type,
      agencyId: query.agencyId,
      tag: query.tag,
      language: query.language,
      kind: query.kind,
    });
    let response;
    try {
      response = await this.index.index().search<IndexedEntry>(query.q ?? '', searchParams(filter, query));
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === 'index_not_found')
        return {
          items: [],
          total: 0,
          page: query.page,
          limit: query.limit,
          facets: { type: [], agencyId: [], tag: [], language: [] },
          processingTimeMs: 0,
        };
      throw new ServiceUnavailableException(
        'Search is unavailable for a moment; documents can still be opened and saved.',
      );
    }
    const agencyFacet = counts(response.facetDistribution?.agencyId);
    const names = await this.documents.agencyNames(agencyFacet.map((f) => f.value));
    return {
      items: response.hits.map((hit) =>
        this.hit(hit as IndexedEntry & { _formatted?: Partial<Record<keyof IndexedEntry, string>> }),
      ),
      total: (response as { totalHits?: number }).totalHits ?? 0,
      page: query.page,
      limit: query.limit,
      facets: {
        type: counts(response.facetDistribution?.type),
        agencyId: agencyFacet.map((f) => ({
          ...f,
          label: names.has(f.value) ? { mn: names.get(f.value)!.nameMn, en: names.get(f.value)!.nameEn } : undefined,
        })),
        tag: counts(response.facetDistribution?.tags),
        language: counts(response.facetDistribution?.language),
      },
      processingTimeMs: response.processingTimeMs,
    };
  }

  private hit(hit: IndexedEntry & { _formatted?: Partial<Record<keyof IndexedEntry, string>> }): SearchHit {
    const f = hit._formatted ?? {};
    // The snippet comes from the field that matched; the summary when nothing did (an empty query).
    const snippetFrom =
      (['summary', 'body', 'attachmentText'] as const).find((field) => f[field]?.includes(PRE)) ?? null;
    const snippet = (snippetFrom && f[snippetFrom]) ?? f.summary ?? hit.summary;
    return {
      kind: hit.kind,
      id: hit.entityId,
      slug: hit.slug,
      title: hit.title,
      summary: hit.summary,
      type: hit.type,
      tags: hit.tags,
      language: hit.language,
      agencyId: hit.agencyId,
      publishedAt: hit.publishedAt ? new Date(hit.publishedAt * 1000).toISOString() : null,
      reviewBy: hit.reviewBy,
      stale: isStale(hit.reviewBy),
      highlight: { title: safeHighlight(f.title ?? hit.title), snippet: safeHighlight(snippet), snippetFrom },
      url: hit.kind === 'document' ? `/api/v1/knowledge/documents/${hit.entityId}` : `/api/v1/courses/${hit.entityId}`,
    };
  }

  onModuleDestroy(): void {
    this.anonymousPerAddress.close();
  }
}
