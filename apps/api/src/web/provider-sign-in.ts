// The end of a sign-in through an identity provider, whatever its protocol: a session cookie and
// the page the person was going to, or a page saying why not (never a session). Each protocol's
// controller (sign-in-oidc, sign-in-saml, sign-in-dan) checks the provider's answer, then calls
// finish() with the identity it proved, or refused() with the refusal.
import { HttpException, HttpStatus, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ExternalIdentity,
  FederatedSignInService,
  setSessionCookie,
  SignInProvider,
  SignInProviders,
  SignInRefusal,
} from '@chadavkhi/identity';
import { AppConfig, FailureLimiter } from '@chadavkhi/platform';
import { translate } from './i18n';
import { PageRenderer } from './page-renderer';
import { pageLanguage, safeNext } from './web-request';

/**
 * Sign-ins begun at a provider (each one a row kept ten minutes) and answers posted back (each
 * refusal an audit entry) an address may send a minute: enough for a whole office signing in at
 * nine, not for filling the tables from one machine.
 */
export const PROVIDER_REQUESTS_PER_MINUTE = 300;

@Injectable()
export class ProviderSignIn implements OnModuleDestroy {
  private readonly perAddress: FailureLimiter;

  constructor(
    private readonly federated: FederatedSignInService,
    private readonly providers: SignInProviders,
    private readonly pages: PageRenderer,
    private readonly config: AppConfig,
  ) {
    this.perAddress = new FailureLimiter(
      config,
      `${config.REDIS_PREFIX}:provider-sign-in:ip`,
      PROVIDER_REQUESTS_PER_MINUTE,
      60,
    );
  }

  /** Counts a sign-in begun or an answer posted from this address; 429 past the minute's share. */
  async limit(request: FastifyRequest): Promise<void> {
    const wait = await this.perAddress.take(request.ip);
    if (wait)
      throw new HttpException(
        {
          message: `Too many sign-ins from this address. Wait ${wait} seconds and try again.`,
          retryAfterSeconds: wait,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
  }

  onModuleDestroy(): void {
    this.perAddress.close();
  }

  /** The buttons on /signin: one per provider, carrying ?next= along. */
  buttons(lang: 'mn' | 'en', next: string | undefined): { href: string; label: string; kind: string }[] {
    const query = next && safeNext(next) === next ? `?next=${encodeURIComponent(next)}` : '';
    return this.providers
      .list()
      .map((p) => ({ href: `/signin/${p.kind}/${p.id}${query}`, label: p.label[lang], kind: p.kind }));
  }

  /** Opens the session for a proved identity and sends the browser on, or shows the refusal. */
  async finish(
    request: FastifyRequest,
    reply: FastifyReply,
    provider: SignInProvider,
    identity: ExternalIdentity,
    next: string | undefined,
  ) {
    try {
      const result = await this.federated.signIn(provider, identity, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, result.accessToken, result.claims.exp - result.claims.iat, this.config.cookieSecure);
      return reply.redirect(safeNext(next), 303);
    } catch (error) {
      if (error instanceof SignInRefusal) return this.refused(request, reply, error);
      throw error;
    }
  }

  /** Audits a protocol's own refusal (bad signature, replay, state mismatch, …) and shows it. */
  async refuse(request: FastifyRequest, reply: FastifyReply, provider: Pick<SignInProvider, 'id'>, detail: string) {
    const refusal = await this.federated.refuse(provider, 'invalid-response', detail, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    return this.refused(request, reply, refusal);
  }

  /** The refusal page: what happened and what to do, in the person's language; 403, never a session. */
  refused(request: FastifyRequest, reply: FastifyReply, refusal: SignInRefusal) {
    const lang = pageLanguage(request);
    const provider = this.providers.list().find((p) => p.id === refusal.providerId);
    return this.pages.render(
      request,
      reply,
      'sign-in-refused.hbs',
      translate(lang, 'provider.refused.title'),
      {
        reason: refusal.reason,
        explanation: translate(lang, `provider.refused.${refusal.reason}`, {
          provider: provider?.label[lang] ?? refusal.providerId,
        }),
        advice: translate(lang, `provider.advice.${refusal.reason}`),
      },
      { status: 403 },
    );
  }
}
