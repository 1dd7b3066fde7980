// Previous/next links for a paged list, keeping the list's other query parameters.
import { Language, translate } from './i18n';

/** The 1-based page from ?page=, bounded; anything else is page 1. */
export function pageNumber(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : 1;
  return Math.max(1, n);
}

export function pagerModel(
  lang: Language,
  path: string,
  params: Record<string, string | undefined>,
  page: number,
  limit: number,
  total: number,
) {
  const pages = Math.max(1, Math.ceil(total / limit));
  if (pages <= 1 && page <= 1) return undefined;
  const href = (n: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    if (n > 1) query.set('page', String(n));
    const search = query.toString();
    return search ? `${path}?${search}` : path;
  };
  return {
    label: translate(lang, 'pager.label'),
    text: translate(lang, 'pager.text', { page: Math.min(page, pages), pages }),
    prev: page > 1 ? href(Math.min(page - 1, pages)) : undefined,
    next: page < pages ? href(page + 1) : undefined,
    prevText: translate(lang, 'pager.prev'),
    nextText: translate(lang, 'pager.next'),
  };
}
