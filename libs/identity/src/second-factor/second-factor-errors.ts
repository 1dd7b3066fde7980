// What the second factor answers when it says no, each with a stable slug pages turn into words.
import { HttpException, HttpStatus } from '@nestjs/common';

export const CHALLENGE_SECONDS = 300;
export const MAX_WRONG_CODES_PER_CHALLENGE = 5;

/** A correct password from someone whose roles need a second factor: no session yet, a challenge instead. */
export class SecondFactorRequiredException extends HttpException {
  constructor(
    readonly challenge: string,
    readonly enrolled: boolean,
  ) {
    super(
      {
        message: enrolled
          ? 'Your roles need a second factor: send the 6-digit code from your authenticator app (or a recovery code) with this challenge to POST /api/v1/auth/login/second-factor.'
          : 'Your roles need a second factor, and you have none yet: start with POST /api/v1/auth/second-factor/enrolment with this challenge.',
        slug: enrolled ? 'second-factor-required' : 'second-factor-enrolment-required',
        challenge,
        expiresIn: CHALLENGE_SECONDS,
      },
      HttpStatus.UNAUTHORIZED,
    );
  }
}

/** Refusals with a slug; `extra` lands in the problem's body (attemptsLeft, retryAfterSeconds). */
export class SecondFactorRefusal extends HttpException {
  constructor(
    status: HttpStatus,
    readonly slug: string,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super({ message, slug, ...extra }, status);
  }
}

export const challengeInvalid = () =>
  new SecondFactorRefusal(
    HttpStatus.UNAUTHORIZED,
    'second-factor-challenge-invalid',
    'This sign-in has expired or was already used. Sign in with your password again.',
  );

export const codeWrong = (attemptsLeft?: number) =>
  new SecondFactorRefusal(
    HttpStatus.UNAUTHORIZED,
    'second-factor-code-wrong',
    'The code is wrong or was already used. Enter the code your app shows now.',
    attemptsLeft === undefined ? {} : { attemptsLeft },
  );

export const tooManyWrongCodes = () =>
  new SecondFactorRefusal(
    HttpStatus.UNAUTHORIZED,
    'second-factor-too-many-wrong-codes',
    `${MAX_WRONG_CODES_PER_CHALLENGE} wrong codes: this sign-in is void. Sign in with your password again.`,
  );

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new SecondFactorRefusal(
    HttpStatus.TOO_MANY_REQUESTS,
    'too-many-second-factor-attempts',
    `Too many wrong codes for this account. Wait ${retryAfterSeconds} seconds and try again.`,
    { retryAfterSeconds },
  );
