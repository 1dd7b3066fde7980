// The public page a QR code on a certificate opens: valid, expired or revoked in plain words.
import { Controller, Get, HttpException, HttpStatus, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CertificatesService, VerificationView } from '@chadavkhi/certification';
import { Public } from '@chadavkhi/platform';
import { Language, translate } from './i18n';
import { PageLanguage } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

@ApiExcludeController()
@Public()
@Controller('verify')
export class VerifyPageController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  form(
    @Query('code') code: string | undefined,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (code?.trim()) return reply.redirect(`/verify/${encodeURIComponent(code.trim().slice(0, 20))}`, 303);
    return this.render(request, reply, lang, 200, {});
  }

  @Get(':code')
  async show(
    @Param('code') code: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      const result = await this.certificates.verify(code.slice(0, 40), request.ip);
      const fmt = (iso: string | null) =>
        iso
          ? new Intl.DateTimeFormat(lang === 'mn' ? 'mn-MN' : 'en-GB', {
              dateStyle: 'long',
              timeZone: 'Asia/Ulaanbaatar',
            }).format(new Date(iso))
          : null;
      return this.render(request, reply, lang, 200, {
        result,
        code: result.code,
        statusTitle: translate(lang, `verify.${result.status}`),
        statusText: translate(lang, `verify.${result.status}Text`),
        holderName: lang === 'en' && result.holderNameLatin ? result.holderNameLatin : result.holderName,
        courseTitle: lang === 'en' && result.courseTitleEn ? result.courseTitleEn : result.courseTitle,
        issuedOn: fmt(result.issuedAt),
        expiresOn: fmt(result.expiresAt),
        revokedOn: fmt(result.revokedAt),
      } satisfies Record<string, unknown> & { result: VerificationView });
    } catch (error) {
      if (error instanceof NotFoundException)
        return this.render(request, reply, lang, 404, { code, error: translate(lang, 'verify.notFound') });
      if (error instanceof HttpException && error.getStatus() === HttpStatus.TOO_MANY_REQUESTS) {
        const seconds = (error.getResponse() as { retryAfterSeconds?: number }).retryAfterSeconds ?? 60;
        reply.header('retry-after', String(seconds));
        return this.render(request, reply, lang, 429, { code, error: translate(lang, 'verify.tooMany', { seconds }) });
      }
      throw error;
    }
  }

  /** Anyone's page, never stored nor indexed, and without a user's token: the QR code is public. */
  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    status: number,
    model: Record<string, unknown>,
  ) {
    reply.header('x-robots-tag', 'noindex');
    return this.pages.render(request, reply, 'verify.hbs', translate(lang, 'verify.title'), model, {
      status,
      csrf: false,
    });
  }
}
