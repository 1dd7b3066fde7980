// Two-step sign-in on the web, without JavaScript. After a correct password the challenge waits in a
// short-lived cookie (httpOnly, SameSite=Lax, only under /signin) while the person types the code
// from their app, a recovery code, or (the first time) sets the app up from a QR code or the
// secret typed by hand; the recovery codes are then shown once, on a page made for printing. Signed
// in, /account/second-factor shows the state, makes new recovery codes and sets the app up again,
// each after a current code.
import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AuthService,
  CHALLENGE_SECONDS,
  SecondFactorService,
  setDeviceCookie,
  setSessionCookie,
  totpCode,
} from '@chadavkhi/identity';
import { AppConfig, Public } from '@chadavkhi/platform';
import { FormReader } from './form-fields';
import { HomePageService } from './home-page.service';
import { Language, translate } from './i18n';
import { Form, PageLanguage, PageQueryParams } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { codeRefused, CodeRefusal, qrDataUri, secretGroups } from './second-factor-display';
import { assertSameOrigin, safeNext } from './web-request';

export const CHALLENGE_COOKIE = 'chadavkhi_second_factor';
const CHALLENGE_PATH = '/signin';
/** The secret content/demo/users.yaml enrols the demo accounts with (a local trial only). */
const DEMO_SECOND_FACTOR_SECRET = 'CHADAVKHIDEMO234CHADAVKHIDEMO234';

/** Where the challenge waits between the password and the code. */
export function setChallengeCookie(reply: FastifyReply, challenge: string, secure: boolean): void {
  reply.setCookie(CHALLENGE_COOKIE, challenge, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: CHALLENGE_PATH,
    maxAge: CHALLENGE_SECONDS,
  });
}

function nextQuery(query: Record<string, unknown>): string {
  const next = query.next;
  return typeof next === 'string' && safeNext(next) === next ? `?next=${encodeURIComponent(next)}` : '';
}

@ApiExcludeController()
@Controller()
export class SecondFactorPagesController {
  constructor(
    private readonly auth: AuthService,
    private readonly secondFactor: SecondFactorService,
    private readonly pages: PageRenderer,
    private readonly home: HomePageService,
    private readonly config: AppConfig,
  ) {}

  // ---- signing in ----

  @Public()
  @Get('signin/second-factor')
  async codePage(
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (request.user) return reply.redirect(safeNext(query.next), 303);
    if (!this.challengeOf(request)) return reply.redirect(`/signin${nextQuery(query)}`, 303);
    return this.renderCode(request, reply, lang, query, 200, {});
  }

  @Public()
  @Post('signin/second-factor')
  async code(
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    assertSameOrigin(request, this.config);
    const form = new FormReader(body, lang);
    const recovery = form.raw('recoveryCode').trim();
    const answer = recovery ? { recoveryCode: recovery } : { code: codeIn(form) };
    try {
      const result = await this.auth.loginWithSecondFactor(
        { challenge: this.challengeOf(request) ?? '', ...answer },
        request.ip,
        request.headers['user-agent'],
      );
      this.signedIn(reply, result.accessToken, result.claims.exp - result.claims.iat, result.deviceToken);
      if (result.recoveryCodesLeft !== undefined)
        return reply.redirect(`/account/second-factor?recoveryLeft=${result.recoveryCodesLeft}`, 303);
      return reply.redirect(safeNext(query.next), 303);
    } catch (error) {
      const refused = codeRefused(error, lang, reply);
      if (!refused) throw error;
      if (refused.slug === 'second-factor-enrolment-required')
        return reply.redirect(`/signin/second-factor/enrol${nextQuery(query)}`, 303);
      return this.renderCode(request, reply, lang, { ...query, recovery: recovery ? '1' : undefined }, refused.status, {
        refused,
      });
    }
  }

  @Public()
  @Get('signin/second-factor/enrol')
  async enrolPage(
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (request.user) return reply.redirect(safeNext(query.next), 303);
    if (!this.challengeOf(request)) return reply.redirect(`/signin${nextQuery(query)}`, 303);
    return this.renderEnrol(request, reply, lang, `/signin/second-factor/enrol${nextQuery(query)}`, undefined, 200);
  }

  @Public()
  @Post('signin/second-factor/enrol')
  async enrol(
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    assertSameOrigin(request, this.config);
    const code = codeIn(new FormReader(body, lang));
    try {
      const result = await this.auth.loginWithNewSecondFactor(
        { challenge: this.challengeOf(request) ?? '', code },
        request.ip,
        request.headers['user-agent'],
      );
      this.signedIn(reply, result.accessToken, result.claims.exp - result.claims.iat, result.deviceToken);
      return this.renderCodes(request, reply, lang, result.recoveryCodes, safeNext(query.next));
    } catch (error) {
      const refused = codeRefused(error, lang, reply);
      if (!refused) throw error;
      const action = `/signin/second-factor/enrol${nextQuery(query)}`;
      return this.renderEnrol(request, reply, lang, action, undefined, refused.status, refused);
    }
  }

  // ---- signed in: /account/second-factor ----

  @Get('account/second-factor')
  async accountPage(
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const left =
      typeof query.recoveryLeft === 'string' && /^\d{1,2}$/.test(query.recoveryLeft) ? query.recoveryLeft : '';
    return this.renderAccount(request, reply, lang, 200, {
      notice: left ? translate(lang, 'secondFactor.recoveryUsed', { left }) : undefined,
    });
  }

  @Post('account/second-factor/recovery-codes')
  async renewCodes(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const code = codeIn(new FormReader(body, lang));
    try {
      const codes = await this.secondFactor.renewRecoveryCodes(request.user!, code, request.ip);
      return this.renderCodes(request, reply, lang, codes, '/account/second-factor');
    } catch (error) {
      const refused = codeRefused(error, lang, reply);
      if (!refused) throw error;
      return this.renderAccount(request, reply, lang, refused.status, { renewError: refused.message });
    }
  }

  @Post('account/second-factor/re-enrol')
  async reEnrol(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const code = codeIn(new FormReader(body, lang));
    try {
      const challenge = await this.secondFactor.startReEnrolment(request.user!, code, request.ip);
      return this.renderEnrol(request, reply, lang, '/account/second-factor/re-enrol/confirm', challenge, 200);
    } catch (error) {
      const refused = codeRefused(error, lang, reply);
      if (!refused) throw error;
      return this.renderAccount(request, reply, lang, refused.status, { reEnrolError: refused.message });
    }
  }

  @Post('account/second-factor/re-enrol/confirm')
  async confirmReEnrol(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    const challenge = form.raw('challenge');
    const code = codeIn(form);
    try {
      const { recoveryCodes } = await this.secondFactor.confirmEnrolment(
        { challenge, code },
        request.ip,
        request.user!.id,
      );
      return this.renderCodes(request, reply, lang, recoveryCodes, '/account/second-factor');
    } catch (error) {
      const refused = codeRefused(error, lang, reply);
      if (!refused) throw error;
      if (refused.ended)
        return this.renderAccount(request, reply, lang, refused.status, { reEnrolError: refused.message });
      const action = '/account/second-factor/re-enrol/confirm';
      return this.renderEnrol(request, reply, lang, action, challenge, refused.status, refused);
    }
  }

  private challengeOf(request: FastifyRequest): string | undefined {
    return request.cookies?.[CHALLENGE_COOKIE] || undefined;
  }

  private signedIn(reply: FastifyReply, token: string, maxAge: number, device?: string): void {
    setSessionCookie(reply, token, maxAge, this.config.cookieSecure);
    // The browser is now this person's own device: guessing elsewhere does not lock them out here.
    if (device) setDeviceCookie(reply, device, this.config.cookieSecure);
    reply.clearCookie(CHALLENGE_COOKIE, { path: CHALLENGE_PATH });
  }

  private async renderCode(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    query: Record<string, unknown>,
    status: number,
    { refused }: { refused?: CodeRefusal },
  ) {
    const recovery = query.recovery === '1';
    const next = nextQuery(query);
    const switchQuery = new URLSearchParams(next.slice(1));
    if (!recovery) switchQuery.set('recovery', '1');
    const demo = await this.home.demoAccountsLoaded();
    return this.pages.render(
      request,
      reply,
      'second-factor.hbs',
      translate(lang, 'secondFactor.title'),
      {
        recovery,
        action: `/signin/second-factor${next}`,
        switchHref: `/signin/second-factor${switchQuery.size ? `?${switchQuery}` : ''}`,
        error: refused?.message,
        ended: refused?.ended,
        demoCode: demo ? totpCode(DEMO_SECOND_FACTOR_SECRET) : undefined,
      },
      { status, csrf: false },
    );
  }

  /** The enrolment page: the same secret for the challenge each time it is shown. */
  private async renderEnrol(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    action: string,
    accountChallenge: string | undefined,
    status: number,
    refused?: CodeRefusal,
  ) {
    const title = translate(lang, 'secondFactor.enrol.title');
    if (refused?.ended)
      return this.pages.render(
        request,
        reply,
        'second-factor.hbs',
        title,
        { error: refused.message, ended: true },
        {
          status,
          csrf: false,
        },
      );
    let enrolment: { secret: string; uri: string };
    try {
      enrolment = accountChallenge
        ? await this.secondFactor.beginEnrolment({ challenge: accountChallenge }, request.user!.id)
        : await this.secondFactor.beginEnrolment({ challenge: this.challengeOf(request) ?? '' });
    } catch (error) {
      const gone = codeRefused(error, lang, reply);
      if (!gone) throw error;
      if (gone.slug === 'second-factor-already-enrolled') return reply.redirect('/signin/second-factor', 303);
      return this.pages.render(
        request,
        reply,
        'second-factor.hbs',
        title,
        { error: gone.message, ended: true },
        {
          status: gone.status,
          csrf: false,
        },
      );
    }
    return this.pages.render(
      request,
      reply,
      'second-factor-enrol.hbs',
      title,
      {
        action,
        challenge: accountChallenge,
        qr: await qrDataUri(enrolment.uri),
        secret: secretGroups(enrolment.secret),
        error: refused?.message,
      },
      { status, csrf: !!accountChallenge },
    );
  }

  private renderCodes(request: FastifyRequest, reply: FastifyReply, lang: Language, codes: string[], next: string) {
    return this.pages.render(
      request,
      reply,
      'second-factor-codes.hbs',
      translate(lang, 'secondFactor.codes.title'),
      { codes, next },
      { csrf: false },
    );
  }

  private async renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    status: number,
    extra: Record<string, unknown>,
  ) {
    const user = request.user!;
    const state = await this.secondFactor.status(user.id);
    return this.pages.render(
      request,
      reply,
      'account-second-factor.hbs',
      translate(lang, 'secondFactor.account.title'),
      {
        ...extra,
        enrolled: state.enrolled,
        since: state.since ? state.since.toISOString().slice(0, 10) : undefined,
        left: translate(lang, 'secondFactor.account.left', { left: state.recoveryCodesLeft }),
        required: this.secondFactor.requiredFor(user.roles),
        pagePath: '/account/second-factor',
      },
      { status },
    );
  }
}

/** The six digits as typed, spaces and all ("123 456"): compared without them. */
function codeIn(form: FormReader): string {
  return form.raw('code').replace(/\s/g, '');
}
