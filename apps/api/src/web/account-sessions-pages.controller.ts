// The signed-in person's sessions on the web, without JavaScript: one card per sign-in (this
// device marked), a button to sign each other one out, and signing out everywhere else or
// everywhere (this one too, back to the sign-in page). CSRF is checked by the guard.
import { Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clearSessionCookie, SignInSessionsService, SignInSessionView, SignInProviders } from '@chadavkhi/identity';
import { AppConfig, ValidationProblemException } from '@chadavkhi/platform';
import { FormReader } from './form-fields';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { Form, PageLanguage, PageQueryParams } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

@ApiExcludeController()
@Controller('account/sessions')
export class AccountSessionsPagesController {
  constructor(
    private readonly sessions: SignInSessionsService,
    private readonly providers: SignInProviders,
    private readonly pages: PageRenderer,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async page(
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const endedOthers = typeof query.endedOthers === 'string' && /^\d{1,4}$/.test(query.endedOthers);
    const notice = query.ended
      ? translate(lang, 'accountSessions.ended')
      : endedOthers
        ? translate(lang, 'accountSessions.endedOthers', { count: String(query.endedOthers) })
        : undefined;
    return this.render(request, reply, lang, 200, { notice });
  }

  @Post(':id/end')
  async end(
    @Param('id') id: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      await this.sessions.end(request.user!, id, request.ip);
    } catch (error) {
      if (!(error instanceof NotFoundException)) throw error;
      return this.render(request, reply, lang, 404, { error: translate(lang, 'accountSessions.notFound') });
    }
    return reply.redirect('/account/sessions?ended=1', 303);
  }

  @Post('end-all')
  async endAll(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const keep = new FormReader(body, lang).raw('keepCurrent');
    const keepCurrent = keep === 'true' ? true : keep === 'false' ? false : keep;
    let ended: number;
    try {
      ended = await this.sessions.endAll(request.user!, { keepCurrent }, request.ip);
    } catch (error) {
      if (!(error instanceof ValidationProblemException)) throw error;
      return this.render(request, reply, lang, 400, { error: translate(lang, 'accountSessions.invalid') });
    }
    if (keepCurrent) return reply.redirect(`/account/sessions?endedOthers=${ended}`, 303);
    clearSessionCookie(reply, this.config.cookieSecure);
    return reply.redirect('/signin?signedOutEverywhere=1', 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    status: number,
    extra: Record<string, unknown>,
  ) {
    const sessions = (await this.sessions.list(request.user!)).map((s) => this.card(s, lang));
    return this.pages.render(
      request,
      reply,
      'account-sessions.hbs',
      translate(lang, 'accountSessions.title'),
      { sessions, others: sessions.some((s) => !s.current), pagePath: '/account/sessions', ...extra },
      { status },
    );
  }

  private card(session: SignInSessionView, lang: Language) {
    const name =
      session.browser && session.system
        ? translate(lang, 'accountSessions.browserOn', { browser: session.browser, system: session.system })
        : (session.browser ?? session.system ?? translate(lang, 'accountSessions.unknownBrowser'));
    const provider = session.providerId
      ? (this.providers.list().find((p) => p.id === session.providerId)?.label[lang] ?? session.providerId)
      : undefined;
    const how = provider ?? translate(lang, 'accountSessions.password');
    const lastSeen = formatDate(lang, session.lastSeenAt, true);
    return {
      name,
      current: session.current,
      how: session.secondFactor ? `${how} ${translate(lang, 'accountSessions.secondFactor')}` : how,
      address: session.ip ?? translate(lang, 'accountSessions.unknownAddress'),
      started: formatDate(lang, session.startedAt, true),
      lastSeen,
      expires: formatDate(lang, session.expiresAt, true),
      endAction: `/account/sessions/${encodeURIComponent(session.id)}/end`,
      endLabel: translate(lang, 'accountSessions.endNamed', { name, lastSeen }),
    };
  }
}
