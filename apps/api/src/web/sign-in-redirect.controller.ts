// Sign-in through the providers that send the browser out and back by redirects — OpenID Connect
// and DAN (OAuth 2.0): out to the provider, and back at the callback. Each protocol's checks are its
// service's (OidcSignInService, DanSignInService); this adapts HTTP (pages, cookie, redirects).
import { Controller, Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DanSignInService,
  ExternalIdentity,
  OidcSignInService,
  ProviderSignInContext,
  ProviderUnavailableError,
  SignInProvider,
  SignInRefusal,
} from '@chadavkhi/identity';
import { Public } from '@chadavkhi/platform';
import { ProviderCallback } from './provider-callback';
import { ProviderSignIn } from './provider-sign-in';
import { safeNext } from './web-request';

type RedirectKind = 'oidc' | 'dan';

/** What OidcSignInService and DanSignInService both do. */
interface RedirectProtocol {
  begin(provider: SignInProvider, redirectUri: string, nextPath: string): Promise<string>;
  complete(
    provider: SignInProvider,
    redirectUri: string,
    query: URLSearchParams,
    context: ProviderSignInContext,
  ): Promise<{ identity: ExternalIdentity; nextPath: string | null }>;
}

@ApiExcludeController()
@Public()
@Controller('signin')
export class SignInRedirectController {
  private readonly protocols: Record<RedirectKind, RedirectProtocol>;

  constructor(
    oidc: OidcSignInService,
    dan: DanSignInService,
    private readonly callback: ProviderCallback,
    private readonly signIns: ProviderSignIn,
  ) {
    this.protocols = { oidc, dan };
  }

  @Get(['oidc/:id', 'dan/:id'])
  async start(
    @Param('id') id: string,
    @Query('next') next: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const kind = kindOf(request);
    const provider = this.callback.provider(kind, id);
    await this.signIns.limit(request);
    try {
      const url = await this.protocols[kind].begin(
        provider,
        this.callback.redirectUri(request, provider),
        safeNext(next),
      );
      this.callback.bindToBrowser(reply, url);
      return reply.header('cache-control', 'no-store').redirect(url, 303);
    } catch (error) {
      if (error instanceof ProviderUnavailableError) return this.callback.unavailable(request, reply, provider);
      throw error;
    }
  }

  @Get(['oidc/:id/callback', 'dan/:id/callback'])
  async finish(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const kind = kindOf(request);
    const provider = this.callback.provider(kind, id);
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    if (!this.callback.startedHere(request, reply, query))
      return this.signIns.refuse(
        request,
        reply,
        provider,
        'the sign-in was not started in this browser (no matching state cookie)',
      );
    try {
      const { identity, nextPath } = await this.protocols[kind].complete(
        provider,
        this.callback.redirectUri(request, provider),
        query,
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
      );
      return await this.signIns.finish(request, reply, provider, identity, nextPath ?? undefined);
    } catch (error) {
      if (error instanceof SignInRefusal) return this.signIns.refused(request, reply, error);
      if (error instanceof ProviderUnavailableError) return this.callback.unavailable(request, reply, provider);
      throw error;
    }
  }
}

/** /signin/{oidc|dan}/… — the route matched says which. */
function kindOf(request: FastifyRequest): RedirectKind {
  const kind = request.url.split('/')[2];
  if (kind !== 'oidc' && kind !== 'dan') throw new NotFoundException('No sign-in provider has this address.');
  return kind;
}
