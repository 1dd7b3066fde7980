import type { FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { hasRole } from '@chadavkhi/identity';
import { dictionary, isLanguage, Language, LANG_COOKIE } from './i18n';

/** The page language: ?lang=, then the language cookie, then the user's own setting, then Mongolian. */
export function pageLanguage(request: FastifyRequest): Language {
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLanguage(query)) return query;
  const cookie = request.cookies?.[LANG_COOKIE];
  if (isLanguage(cookie)) return cookie;
  if (request.user && isLanguage(request.user.locale)) return request.user.locale;
  return 'mn';
}

/** Only same-site relative paths, so ?next= cannot send anyone to another site. */
export function safeNext(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![\/\\])[\x21-\x7e]*$/.test(value) ? value : fallback;
}

/** Which part of the site a path is in, for aria-current in the header navigation. */
function sectionOf(path: string): 'home' | 'courses' | 'author' | undefined {
  if (path === '/') return 'home';
  if (path.startsWith('/courses') || path.startsWith('/learn')) return 'courses';
  if (path.startsWith('/author')) return 'author';
  return undefined;
}

export function baseModel(request: FastifyRequest, lang: Language, title: string) {
  const url = new URL(request.url, 'http://page.invalid');
  url.searchParams.delete('lang');
  // A page shown in answer to a form post passes its own address instead (see pageModel callers).
  const current = request.method === 'GET' ? url.pathname + url.search : url.pathname;
  const nav = request.user ? { section: sectionOf(url.pathname), author: hasRole(request.user, 'trainer', 'admin') } : undefined;
  return { t: dictionary(lang), title, currentPath: encodeURIComponent(current), user: request.user, nav };
}
