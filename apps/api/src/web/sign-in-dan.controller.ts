// Sign-in through DAN (sso.gov.mn), the national sign-in: out to DAN, and back at the callback. The protocol
// and the citizen record are DanSignInService's; this adapts HTTP (pages, cookie, redirects).
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DanSignInService, ProviderUnavailableError, SignInRefusal } from '@chadavkhi/identity';
import { Public } from '@chadavkhi/platform';
import { ProviderCallback } from './provider-callback';
import { ProviderSignIn } from './provider-sign-in';
import { safeNext } from './web-request';

@ApiExcludeController()
@Public()
@Controller()
export class SignInDanController {
  constructor(
    private readonly dan: DanSignInService,
    private readonly callback: ProviderCallback,
    private readonly signIns: ProviderSignIn,
  ) {}

  @Get('signin/dan/:id')
  async start(
    @Param('id') id: string,
    @Query('next') next: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const provider = this.callback.provider('dan', id);
    await this.signIns.limit(request);
    try {
      const url = await this.dan.begin(provider, this.callback.redirectUri(request, provider), safeNext(next));
      this.callback.bindToBrowser(reply, url);
      return reply.header('cache-control', 'no-store').redirect(url, 303);
    } catch (error) {
      if (error instanceof ProviderUnavailableError) return this.callback.unavailable(request, reply, provider);
      throw error;
    }
  }

  @Get('signin/dan/:id/callback')
  async finish(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const provider = this.callback.provider('dan', id);
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    if (!this.callback.startedHere(request, reply, query))
      return this.signIns.refuse(
        request,
        reply,
        provider,
        'the sign-in was not started in this browser (no matching state cookie)',
      );
    try {
      const { identity, nextPath } = await this.dan.complete(
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
