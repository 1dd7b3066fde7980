// One way to answer with a page: status, caching, the layout's model (language, navigation, the
// signed-in user's CSRF token) and the view, so a page controller only builds its own model.
import { Injectable } from '@nestjs/common';
import '@fastify/view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, TokenService } from '@chadavkhi/identity';
import { baseModel, pageLanguage } from './web-request';

export interface PageOptions {
  status?: number;
  /** Signed-in pages are never stored; a public page may say how long it can be reused. */
  cache?: string;
  vary?: string;
  /** False for a page that must not carry a user's token (a page that can be cached or shown to anyone). */
  csrf?: boolean;
}

@Injectable()
export class PageRenderer {
  constructor(private readonly tokens: TokenService) {}

  /**
   * Renders `view` inside the layout. A model's `pagePath` (the page a form post answers with) is the
   * address the layout's language switch and sign-in link come back to.
   */
  render(
    request: FastifyRequest,
    reply: FastifyReply,
    view: string,
    title: string,
    model: Record<string, unknown>,
    { status = 200, cache = 'no-store', vary, csrf = true }: PageOptions = {},
  ) {
    const base = baseModel(request, pageLanguage(request), title);
    const currentPath = typeof model.pagePath === 'string' ? encodeURIComponent(model.pagePath) : base.currentPath;
    const user = request.user as AuthUser | undefined;
    reply.status(status).header('cache-control', cache);
    if (vary) reply.header('vary', vary);
    return reply.view(view, {
      ...base,
      currentPath,
      ...model,
      csrfToken: csrf && user ? this.tokens.csrfToken(user) : undefined,
    });
  }
}
