// Sign-in through a SAML 2.0 identity provider: our metadata, the AuthnRequest (HTTP-Redirect) and
// the assertion consumer service the IdP's page posts to. The ACS is a cross-site form post with
// no session yet, so it has no same-origin check: the signed, single-use assertion is its proof.
import {
  Controller,
  Get,
  NotFoundException,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SamlResponseRefusal, SamlSignInService, SignInProvider, SignInProviders } from '@chadavkhi/identity';
import { Public } from '@chadavkhi/platform';
import { translate } from './i18n';
import { PageRenderer } from './page-renderer';
import { ProviderSignIn } from './provider-sign-in';
import { pageLanguage, safeNext } from './web-request';

@ApiExcludeController()
@Public()
@Controller('signin/saml')
export class SignInSamlController {
  constructor(
    private readonly providers: SignInProviders,
    private readonly saml: SamlSignInService,
    private readonly signIn: ProviderSignIn,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':id/metadata')
  metadata(@Param('id') id: string, @Res() reply: FastifyReply) {
    const provider = this.provider(id);
    return reply.type('application/samlmetadata+xml; charset=utf-8').send(this.saml.metadata(provider));
  }

  @Get(':id')
  async start(
    @Param('id') id: string,
    @Query('next') next: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const provider = this.provider(id);
    await this.signIn.limit(request);
    const nextPath = typeof next === 'string' && safeNext(next) === next ? next : null;
    return reply.header('cache-control', 'no-store').redirect(await this.saml.authorizeUrl(provider, nextPath), 303);
  }

  @Post(':id/acs')
  async acs(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const provider = this.provider(id);
    await this.signIn.limit(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const answer = await this.saml.readResponse(provider, body.SAMLResponse);
      return await this.signIn.finish(request, reply, provider, answer.identity, answer.nextPath ?? undefined);
    } catch (error) {
      if (error instanceof SamlResponseRefusal) return this.signIn.refuse(request, reply, provider, error.message);
      if (error instanceof PayloadTooLargeException) {
        const lang = pageLanguage(request);
        const message = translate(lang, 'saml.tooLarge');
        return this.pages.render(
          request,
          reply,
          'error.hbs',
          translate(lang, 'error.title'),
          { message },
          { status: 413 },
        );
      }
      throw error;
    }
  }

  private provider(id: string): SignInProvider {
    const provider = this.providers.find('saml', id);
    if (!provider) throw new NotFoundException('No SAML identity provider has this id.');
    return provider;
  }
}
