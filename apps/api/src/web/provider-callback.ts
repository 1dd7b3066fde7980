// What the OpenID Connect and DAN page controllers share: the callback address registered at the
// provider, the provider named in the address (or a 404), the sign-in bound to the browser that
// started it, and the "try again later" page for a provider that cannot be reached (503, not a 500).
import { Injectable, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProviderKind, SignInProvider, SignInProviders } from '@chadavkhi/identity';
import { AppConfig } from '@chadavkhi/platform';
import { translate } from './i18n';
import { PageRenderer } from './page-renderer';
import { pageLanguage } from './web-request';

const STATE_COOKIE = 'chadavkhi_provider_state';
const STATE_PATH = '/signin/';

@Injectable()
export class ProviderCallback {
  constructor(
    private readonly providers: SignInProviders,
    private readonly pages: PageRenderer,
    private readonly config: AppConfig,
  ) {}

  /** The configured provider of this kind, or a 404 page. */
  provider(kind: ProviderKind, id: string): SignInProvider {
    const provider = this.providers.find(kind, id);
    if (!provider) throw new NotFoundException('No sign-in provider has this address.');
    return provider;
  }

  /**
   * `${PUBLIC_URL}/signin/{kind}/{id}/callback` — the address to register at the provider. Without
   * PUBLIC_URL, the address the browser used (behind a proxy, set PUBLIC_URL or TRUST_PROXY).
   */
  redirectUri(request: FastifyRequest, provider: SignInProvider): string {
    const origin = this.config.PUBLIC_URL?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`;
    return `${origin}/signin/${provider.kind}/${provider.id}/callback`;
  }

  /**
   * Remembers the sign-in's state in this browser (RFC 6749 §10.12), so a callback address made in
   * another browser — someone else's sign-in sent as a link — cannot sign this person in as them.
   */
  bindToBrowser(reply: FastifyReply, authorizationUrl: string): void {
    reply.setCookie(STATE_COOKIE, new URL(authorizationUrl).searchParams.get('state') ?? '', {
      path: STATE_PATH,
      httpOnly: true,
      // Lax: the provider sends the browser back with a top-level GET, which carries it.
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      maxAge: 10 * 60,
    });
  }

  /** Whether this browser started the sign-in the callback answers; the cookie is used up either way. */
  startedHere(request: FastifyRequest, reply: FastifyReply, query: URLSearchParams): boolean {
    const state = request.cookies?.[STATE_COOKIE];
    reply.clearCookie(STATE_COOKIE, { path: STATE_PATH });
    return !!state && state === query.get('state');
  }

  /** The provider is down or slow: say so, and that nothing is wrong with the person's account. */
  unavailable(request: FastifyRequest, reply: FastifyReply, provider: SignInProvider) {
    const lang = pageLanguage(request);
    reply.header('retry-after', '60');
    return this.pages.render(
      request,
      reply,
      'sign-in-unavailable.hbs',
      translate(lang, 'providerProtocols.unavailable.title'),
      { explanation: translate(lang, 'providerProtocols.unavailable.explanation', { provider: provider.label[lang] }) },
      { status: 503 },
    );
  }
}
