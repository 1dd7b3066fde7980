import '@fastify/view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type HtmlProblemRenderer, problemType } from '@chadavkhi/platform';
import { translate } from './i18n';
import { baseModel, pageLanguage } from './web-request';

/** A browser asking for a page (not /api) gets a readable page in its language, with the same status. */
export const renderHtmlProblem: HtmlProblemRenderer = (request: FastifyRequest, reply: FastifyReply, problem) => {
  if (request.url.startsWith('/api') || !(request.headers.accept ?? '').includes('text/html')) return false;
  if (problem.status === 401) {
    // A page that needs a signed-in user sends the browser to sign in, and back afterwards.
    const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
    reply.redirect(`/signin${next}`, 303);
    return true;
  }
  const lang = pageLanguage(request);
  const key = problem.status === 404 ? 'error.404' : problem.status === 403 ? 'error.403' : 'error.generic';
  const message =
    problem.type === problemType('control-characters')
      ? translate(lang, 'error.controlCharacters', { field: problem.errors?.[0]?.field ?? '' })
      : problem.status < 500 && problem.status !== 404 && problem.status !== 403 && problem.detail
        ? problem.detail
        : translate(lang, key);
  reply
    .status(problem.status)
    .header('cache-control', 'no-store')
    .view('error.hbs', { ...baseModel(request, lang, translate(lang, 'error.title')), message });
  return true;
};
