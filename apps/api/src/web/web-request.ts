import { ForbiddenException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { hasRole } from '@chadavkhi/identity';
import type { AppConfig } from '@chadavkhi/platform';
import { dictionary, isLanguage, Language, LANG_COOKIE } from './i18n';
import { assetUrls } from './static-assets';

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
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : fallback;
}

/** Which part of the site a path is in, for aria-current in the header navigation. */
function sectionOf(path: string): 'home' | 'courses' | 'author' | 'knowledge' | 'hr' | 'account' | undefined {
  if (path === '/') return 'home';
  if (path.startsWith('/knowledge')) return 'knowledge';
  if (path.startsWith('/courses') || path.startsWith('/learn')) return 'courses';
  if (path.startsWith('/author')) return 'author';
  if (path.startsWith('/hr')) return 'hr';
  if (path === '/account') return 'account';
  return undefined;
}

export function baseModel(request: FastifyRequest, lang: Language, title: string) {
  const url = new URL(request.url, 'http://page.invalid');
  url.searchParams.delete('lang');
  // A page shown in answer to a form post passes its own address instead (see pageModel callers).
  const current = request.method === 'GET' ? url.pathname + url.search : url.pathname;
  const nav = {
    section: sectionOf(url.pathname),
    signedIn: !!request.user,
    author: !!request.user && hasRole(request.user, 'trainer', 'admin'),
    hr: !!request.user && hasRole(request.user, 'hr_officer', 'admin'),
    // An agency's head approves its plans without HR's other pages.
    plans: !!request.user && hasRole(request.user, 'agency_head') && !hasRole(request.user, 'hr_officer', 'admin'),
    signIn: !request.user && url.pathname !== '/signin',
  };
  return {
    t: dictionary(lang),
    title,
    currentPath: encodeURIComponent(current),
    user: request.user,
    nav,
    assets: assetUrls(),
  };
}

/**
 * Forms post only from our own pages: a browser always sends Origin on a cross-site POST. Signed-in
 * forms also carry the CSRF token (checked by the auth guard); this covers forms anyone may send.
 */
export function assertSameOrigin(request: FastifyRequest, config: AppConfig): void {
  const origin = request.headers.origin;
  if (!origin) return;
  const host =
    request.headers['x-forwarded-host'] && config.TRUST_PROXY
      ? request.headers['x-forwarded-host']
      : request.headers.host;
  let ok: boolean;
  try {
    ok = new URL(origin).host === host || new URL(origin).origin === new URL(config.publicUrl).origin;
  } catch {
    ok = false;
  }
  if (!ok) throw new ForbiddenException('Forms must be sent from this site.');
}
