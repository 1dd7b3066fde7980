import type { FastifyRequest } from 'fastify';
import '@fastify/cookie';
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

export function baseModel(request: FastifyRequest, lang: Language, title: string) {
  return { t: dictionary(lang), title, currentPath: encodeURIComponent(request.url.split('?')[0]), user: request.user };
}
