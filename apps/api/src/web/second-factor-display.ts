// What the second-factor pages show of a secret, and their refusals in the page's language.
import { HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { ValidationProblemException } from '@chadavkhi/platform';
import { formRefusal } from './form-refusal';
import { Language, translate } from './i18n';

/** The secret as people type it: groups of four. */
export function secretGroups(secret: string): string {
  return secret.match(/.{1,4}/g)!.join(' ');
}

/** The otpauth:// address as a PNG data URI (the page's CSP allows data: images). */
export function qrDataUri(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 232 });
}

/** A refusal the page shows beside its form; `ended`: the challenge is gone, so sign in again. */
export interface CodeRefusal {
  status: number;
  message: string;
  slug?: string;
  ended: boolean;
}

const ENDED = new Set(['second-factor-challenge-invalid', 'second-factor-too-many-wrong-codes']);

export function codeRefused(error: unknown, lang: Language, reply: FastifyReply): CodeRefusal | undefined {
  if (error instanceof ValidationProblemException) {
    const recovery = error.rules.some((r) => r.field === 'recoveryCode');
    return {
      status: HttpStatus.BAD_REQUEST,
      message: translate(lang, recovery ? 'secondFactor.recoveryInvalid' : 'secondFactor.codeInvalid'),
      ended: false,
    };
  }
  const refused = formRefusal(error, [
    HttpStatus.UNAUTHORIZED,
    HttpStatus.CONFLICT,
    HttpStatus.UNPROCESSABLE_ENTITY,
    HttpStatus.TOO_MANY_REQUESTS,
  ]);
  if (!refused?.slug?.includes('second-factor')) return undefined;
  const seconds = refused.retryAfter ?? 60;
  if (refused.status === HttpStatus.TOO_MANY_REQUESTS) reply.header('retry-after', String(seconds));
  const left = refused.values.attemptsLeft;
  const message =
    refused.slug === 'second-factor-code-wrong' && left !== undefined
      ? translate(lang, 'secondFactor.wrongLeft', { left })
      : translate(lang, `secondFactor.refused.${refused.slug}`, { seconds });
  return { status: refused.status, message, slug: refused.slug, ended: ENDED.has(refused.slug) };
}
