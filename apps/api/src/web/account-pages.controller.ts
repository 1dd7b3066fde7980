// Passwords on the web, without JavaScript: "forgot your password?" (the same answer for any
// address), setting one through an e-mailed link (invitation or reset), and the signed-in
// person's account page where they change theirs.
import { Controller, Get, HttpException, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PASSWORD_MAX, PASSWORD_MIN, PasswordsService, setSessionCookie } from '@chadavkhi/identity';
import { AppConfig, Public, ValidationProblemException } from '@chadavkhi/platform';
import { FormReader } from './form-fields';
import { formRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { Form, PageLanguage, PageQueryParams } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { assertSameOrigin } from './web-request';

/** The service's refusals a password form shows beside itself, by their stable slug. */
const REFUSAL_KEYS: Record<string, string> = {
  'current-password-wrong': 'account.currentWrong',
  'no-password': 'account.noPassword',
  'account-link-invalid': 'account.linkInvalid',
  'too-many-reset-requests': 'account.tooManyResets',
  'too-many-login-attempts': 'signin.tooMany',
};

/**
 * The words for PasswordsService's refusal of a form's fields (its DTOs hold the rules): a new
 * password outside the rule, a current password or link that cannot be right; undefined for
 * anything that is not a validation refusal.
 */
function fieldsRefused(error: unknown, lang: Language): string | undefined {
  if (!(error instanceof ValidationProblemException)) return undefined;
  const fields = new Set(error.rules.map((r) => r.field));
  if (fields.has('password') || fields.has('newPassword'))
    return translate(lang, 'account.passwordRule', { min: PASSWORD_MIN, max: PASSWORD_MAX });
  if (fields.has('email')) return translate(lang, 'account.emailNeeded');
  if (fields.has('currentPassword')) return translate(lang, 'account.currentWrong');
  return translate(lang, 'account.linkInvalid');
}

@ApiExcludeController()
@Controller()
export class AccountPagesController {
  constructor(
    private readonly passwords: PasswordsService,
    private readonly pages: PageRenderer,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('password/forgot')
  forgotPage(@PageLanguage() lang: Language, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderForgot(request, reply, lang, 200, {});
  }

  @Public()
  @Post('password/forgot')
  async forgot(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    assertSameOrigin(request, this.config);
    const form = new FormReader(body, lang);
    const email = form.text('email');
    try {
      await this.passwords.requestReset(email, request.ip);
    } catch (error) {
      const invalid = fieldsRefused(error, lang);
      if (invalid) return this.renderForgot(request, reply, lang, 400, { email, error: invalid });
      const refused = this.refusal(error, lang, reply);
      if (!refused) throw error;
      return this.renderForgot(request, reply, lang, refused.status, { email, error: refused.message });
    }
    return this.renderForgot(request, reply, lang, 200, { sent: true, notice: translate(lang, 'account.resetSent') });
  }

  @Public()
  @Get('password/set/:token')
  setPage(
    @Param('token') token: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.renderSet(request, reply, lang, token, 200, {});
  }

  @Public()
  @Post('password/set/:token')
  async set(
    @Param('token') token: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    assertSameOrigin(request, this.config);
    const form = new FormReader(body, lang);
    const password = form.raw('password');
    if (password !== form.raw('confirm'))
      return this.renderSet(request, reply, lang, token, 400, { error: translate(lang, 'account.mismatch') });
    try {
      await this.passwords.setWithLink(token, password, request.ip);
    } catch (error) {
      const invalid = fieldsRefused(error, lang);
      if (invalid) return this.renderSet(request, reply, lang, token, 400, { error: invalid });
      const refused = this.refusal(error, lang, reply);
      if (!refused) throw error;
      return this.renderSet(request, reply, lang, token, refused.status, { error: refused.message });
    }
    return reply.redirect('/signin?passwordSet=1', 303);
  }

  @Get('account')
  accountPage(
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.renderAccount(request, reply, lang, 200, {
      notice: query.changed ? translate(lang, 'account.changed') : undefined,
    });
  }

  @Post('account/password')
  async changePassword(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = request.user!;
    const form = new FormReader(body, lang);
    const current = form.raw('currentPassword');
    const next = form.raw('newPassword');
    const unsendable = !current
      ? translate(lang, 'account.currentWrong')
      : next !== form.raw('confirm')
        ? translate(lang, 'account.mismatch')
        : undefined;
    if (unsendable) return this.renderAccount(request, reply, lang, 400, { error: unsendable });
    try {
      const { accessToken, claims } = await this.passwords.change(user, current, next, request.ip);
      setSessionCookie(reply, accessToken, claims.exp - claims.iat, this.config.cookieSecure);
    } catch (error) {
      const invalid = fieldsRefused(error, lang);
      if (invalid) return this.renderAccount(request, reply, lang, 400, { error: invalid });
      const refused = this.refusal(error, lang, reply);
      if (!refused) throw error;
      return this.renderAccount(request, reply, lang, refused.status, { error: refused.message });
    }
    return reply.redirect('/account?changed=1', 303);
  }

  /** A refusal worded in the page's language (with Retry-After for a limit), or undefined to rethrow. */
  private refusal(
    error: unknown,
    lang: Language,
    reply: FastifyReply,
  ): { status: number; message: string } | undefined {
    const refused = formRefusal(error, [HttpStatus.UNPROCESSABLE_ENTITY, HttpStatus.TOO_MANY_REQUESTS]);
    if (!refused) return undefined;
    const slug = ((error as HttpException).getResponse() as { slug?: string }).slug ?? '';
    const seconds = refused.retryAfter ?? 60;
    if (refused.status === HttpStatus.TOO_MANY_REQUESTS) reply.header('retry-after', String(seconds));
    return {
      status: refused.status,
      message: REFUSAL_KEYS[slug] ? translate(lang, REFUSAL_KEYS[slug], { seconds }) : refused.message,
    };
  }

  private renderForgot(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    status: number,
    extra: Record<string, unknown>,
  ) {
    return this.pages.render(request, reply, 'password-forgot.hbs', translate(lang, 'account.forgotTitle'), extra, {
      status,
      csrf: false,
    });
  }

  private renderSet(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    token: string,
    status: number,
    extra: Record<string, unknown>,
  ) {
    // The link's token is in the address: it must not leak to other sites through the Referer.
    reply.header('referrer-policy', 'no-referrer');
    return this.pages.render(
      request,
      reply,
      'password-set.hbs',
      translate(lang, 'account.setTitle'),
      { action: `/password/set/${encodeURIComponent(token)}`, min: PASSWORD_MIN, max: PASSWORD_MAX, ...extra },
      { status, csrf: false },
    );
  }

  private renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    status: number,
    extra: Record<string, unknown>,
  ) {
    const user = request.user!;
    return this.pages.render(
      request,
      reply,
      'account.hbs',
      translate(lang, 'account.title'),
      {
        profile: {
          name: user.name,
          email: user.email,
          agency: user.profile.agency.name[lang],
          position: user.profile.position.name[lang],
          roles: user.roles.map((r) => translate(lang, `account.role.${r}`)).join(', '),
        },
        min: PASSWORD_MIN,
        max: PASSWORD_MAX,
        ...extra,
      },
      { status },
    );
  }
}
