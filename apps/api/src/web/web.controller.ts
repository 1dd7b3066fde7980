// Server-rendered pages: sign in, sign out, home, language switch. Plain forms, no JavaScript needed.
import { Controller, Get, HttpException, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AuthService,
  clearSessionCookie,
  DEVICE_COOKIE,
  SecondFactorRequiredException,
  setDeviceCookie,
  setSessionCookie,
  TokenService,
} from '@chadavkhi/identity';
import { AppConfig, Public } from '@chadavkhi/platform';
import { HomePageService } from './home-page.service';
import { isLanguage, LANG_COOKIE, translate } from './i18n';
import { PageRenderer } from './page-renderer';
import { ProviderSignIn } from './provider-sign-in';
import { setChallengeCookie } from './second-factor-pages.controller';
import { assertSameOrigin, pageLanguage, safeNext } from './web-request';

const DEMO_ACCOUNTS = [
  'admin@demo.chadavkhi.mn',
  'trainer@demo.chadavkhi.mn',
  'hr@demo.chadavkhi.mn',
  'learner@demo.chadavkhi.mn',
];

/** Keeps ?next= on the sign-in form so the browser returns to the page that asked for it. */
function nextQuery(request: FastifyRequest): string {
  const next = (request.query as Record<string, unknown> | undefined)?.next;
  return typeof next === 'string' && safeNext(next) === next ? `?next=${encodeURIComponent(next)}` : '';
}

@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
    private readonly pages: PageRenderer,
    private readonly home: HomePageService,
    private readonly providers: ProviderSignIn,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async index(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!request.user) return reply.redirect('/signin', 303);
    const lang = pageLanguage(request);
    const model = await this.home.model(request.user, lang);
    return this.pages.render(request, reply, 'home.hbs', translate(lang, 'nav.home'), model);
  }

  @Get('signin')
  async signInPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('signedOut') signedOut?: string,
    @Query('passwordSet') passwordSet?: string,
    @Query('signedOutEverywhere') signedOutEverywhere?: string,
  ) {
    if (request.user) return reply.redirect('/', 303);
    const lang = pageLanguage(request);
    const notice = signedOut
      ? translate(lang, 'signout.done')
      : passwordSet
        ? translate(lang, 'account.passwordSet')
        : signedOutEverywhere
          ? translate(lang, 'accountSessions.signedOutEverywhere')
          : undefined;
    return this.renderSignIn(request, reply, lang, 200, { notice });
  }

  @Post('signin')
  async signIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    assertSameOrigin(request, this.config);
    const lang = pageLanguage(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim().slice(0, 254) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 128) : '';
    if (!email || !password)
      return this.renderSignIn(request, reply, lang, 400, { email, error: translate(lang, 'signin.invalid') });
    try {
      const result = await this.auth.login(
        email,
        password,
        request.ip,
        request.headers['user-agent'],
        request.cookies?.[DEVICE_COOKIE],
      );
      setSessionCookie(reply, result.accessToken, result.claims.exp - result.claims.iat, this.config.cookieSecure);
      setDeviceCookie(reply, result.deviceToken, this.config.cookieSecure);
      return reply.redirect(safeNext((request.query as Record<string, unknown>)?.next), 303);
    } catch (error) {
      if (error instanceof SecondFactorRequiredException) {
        // The password was right; the session waits for the code (or, the first time, the set-up).
        setChallengeCookie(reply, error.challenge, this.config.cookieSecure);
        const step = error.enrolled ? '/signin/second-factor' : '/signin/second-factor/enrol';
        return reply.redirect(`${step}${nextQuery(request)}`, 303);
      }
      if (!(error instanceof HttpException)) throw error;
      const status = error.getStatus();
      if ((error.getResponse() as { slug?: string }).slug === 'password-sign-in-off') {
        const providers = this.providers.buttons(lang, undefined).map((p) => p.label);
        const message = providers.length
          ? translate(lang, 'passwordSignIn.off', { providers: providers.join(', ') })
          : translate(lang, 'passwordSignIn.offNoProvider');
        return this.renderSignIn(request, reply, lang, status, { email, error: message });
      }
      const seconds = (error.getResponse() as { retryAfterSeconds?: number }).retryAfterSeconds ?? 60;
      if (status === HttpStatus.TOO_MANY_REQUESTS) reply.header('retry-after', String(seconds));
      const message =
        status === HttpStatus.TOO_MANY_REQUESTS
          ? translate(lang, 'signin.tooMany', { seconds })
          : translate(lang, 'signin.wrong');
      return this.renderSignIn(request, reply, lang, status, { email, error: message });
    }
  }

  @Post('signout')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    assertSameOrigin(request, this.config);
    if (
      request.user &&
      !this.tokens.checkCsrf(request.user, (request.body as Record<string, unknown> | undefined)?._csrf)
    ) {
      throw new HttpException('This form has expired. Reload the page and try again.', HttpStatus.FORBIDDEN);
    }
    if (request.user) await this.auth.logout(request.user);
    clearSessionCookie(reply, this.config.cookieSecure);
    return reply.redirect('/signin?signedOut=1', 303);
  }

  @Get('lang/:lang')
  setLanguage(@Param('lang') lang: string, @Query('next') next: string, @Res() reply: FastifyReply) {
    if (!isLanguage(lang)) throw new HttpException('Unknown language; use mn or en.', HttpStatus.NOT_FOUND);
    reply.setCookie(LANG_COOKIE, lang, {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      secure: this.config.cookieSecure,
      maxAge: 365 * 24 * 3600,
    });
    return reply.redirect(safeNext(next), 303);
  }

  private async renderSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: 'mn' | 'en',
    status: number,
    extra: Record<string, unknown>,
  ) {
    const demo = await this.home.demoAccountsLoaded();
    return this.pages.render(
      request,
      reply,
      'sign-in.hbs',
      translate(lang, 'signin.title'),
      {
        ...extra,
        nextQuery: nextQuery(request),
        providers: this.providers.buttons(lang, (request.query as Record<string, unknown> | undefined)?.next as string),
        demoAccounts: demo ? DEMO_ACCOUNTS : undefined,
        demoPassword: demo ? 'Demo-2026!' : undefined,
      },
      { status },
    );
  }
}
