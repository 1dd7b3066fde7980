// The second factor's rules. A correct password from someone whose roles need one earns a challenge
// (5 minutes, single use, void once the person's token version moves on or after 5 wrong codes);
// the challenge and a TOTP code (each time step accepted once) or an unused recovery code prove the
// person. Wrong codes also count per account (10 in 15 minutes, then 429), so new challenges do not
// buy more guesses. Every success, lock-out, enrolment, recovery-code use and reset is audited.
import { createHash, randomBytes } from 'node:crypto';
import { ForbiddenException, HttpStatus, Injectable, NotFoundException, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, FailureLimiter, recordAudit, validateInput } from '@chadavkhi/platform';
import type { AuthUser } from '../auth/auth-user';
import { ROLES } from '../roles';
import { UsersRepository } from '../users/users.repository';
import {
  ConfirmEnrolmentDto,
  CurrentCodeDto,
  SecondFactorChallengeDto,
  SecondFactorSignInDto,
} from './dto/second-factor.dto';
import {
  CHALLENGE_SECONDS,
  challengeInvalid,
  codeWrong,
  MAX_WRONG_CODES_PER_CHALLENGE,
  SecondFactorRefusal,
  tooManyAttempts,
  tooManyWrongCodes,
} from './second-factor-errors';
import { newRecoveryCodes, SecondFactorKeys } from './second-factor-keys';
import { ChallengePurpose, ChallengeRow, SecondFactorRepository } from './second-factor.repository';
import { matchingTimeStep, newTotpSecret, totpUri } from './totp';

const MAX_WRONG_CODES_PER_ACCOUNT = 10;
const ACCOUNT_WINDOW_SECONDS = 15 * 60;

/** Whom a check proved, as AuthService.startSession takes them. */
export interface ProvedPerson {
  id: string;
  tokenVersion: number;
}

export interface SecondFactorStatus {
  enrolled: boolean;
  since: Date | null;
  recoveryCodesLeft: number;
}

type Outcome<T> = { kind: 'ok'; result: T } | { kind: 'invalid' } | { kind: 'wrong'; left: number } | { kind: 'void' };

const challengeId = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class SecondFactorService implements OnModuleDestroy {
  private readonly roles: ReadonlySet<string>;
  private readonly accountFailures: FailureLimiter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly factors: SecondFactorRepository,
    private readonly keys: SecondFactorKeys,
    private readonly users: UsersRepository,
    config: AppConfig,
  ) {
    const unknown = config.secondFactorRoles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length)
      throw new Error(`SECOND_FACTOR_ROLES names unknown roles (${unknown.join(', ')}); use ${ROLES.join(', ')}`);
    this.roles = new Set(config.secondFactorRoles);
    this.accountFailures = new FailureLimiter(
      config,
      `${config.REDIS_PREFIX}:second-factor-fail`,
      MAX_WRONG_CODES_PER_ACCOUNT,
      ACCOUNT_WINDOW_SECONDS,
    );
  }

  /** Whether a password sign-in by someone with these roles needs a second factor. */
  requiredFor(roles: readonly string[]): boolean {
    return roles.some((r) => this.roles.has(r));
  }

  /** A challenge for someone whose password was right (or who is re-enrolling); and whether they are enrolled. */
  async challenge(
    user: ProvedPerson,
    purpose: ChallengePurpose = 'sign-in',
  ): Promise<{ challenge: string; enrolled: boolean }> {
    const token = randomBytes(32).toString('base64url');
    await this.factors.addChallenge({
      id: challengeId(token),
      userId: user.id,
      purpose,
      tokenVersion: user.tokenVersion,
      expiresAt: new Date(Date.now() + CHALLENGE_SECONDS * 1000),
    });
    return { challenge: token, enrolled: !!(await this.factors.findFactor(user.id)) };
  }

  /** Finishes a password sign-in with a TOTP code or a recovery code. */
  async verify(
    input: { challenge: string; code?: string; recoveryCode?: string },
    ip: string | null,
  ): Promise<{ user: ProvedPerson; recoveryCodesLeft?: number }> {
    const answer = await validateInput(SecondFactorSignInDto, input);
    const challenge = await this.peek(answer.challenge, 'sign-in');
    if (!(await this.factors.findFactor(challenge.userId)))
      throw new SecondFactorRefusal(
        HttpStatus.CONFLICT,
        'second-factor-enrolment-required',
        'You have no second factor yet: set one up with POST /api/v1/auth/second-factor/enrolment.',
      );
    return this.answer(challenge, ip, async (row, manager) => {
      const factor = await this.factors.findFactor(row.userId, manager);
      if (!factor) return undefined;
      const actor = { id: row.userId, email: row.user.email, ip };
      const user = { id: row.userId, tokenVersion: row.user.tokenVersion };
      if (answer.code !== undefined) {
        const step = matchingTimeStep(this.keys.open(factor.secret, row.userId), answer.code);
        if (step === undefined || !(await this.factors.acceptTimeStep(manager, row.userId, step))) return undefined;
        await recordAudit(
          manager,
          actor,
          'auth.second-factor.sign-in',
          { type: 'user', id: row.userId },
          { via: 'code' },
        );
        return { user };
      }
      const hash = this.keys.hashRecoveryCode(answer.recoveryCode!, row.userId);
      if (!(await this.factors.useRecoveryCode(manager, row.userId, hash))) return undefined;
      const recoveryCodesLeft = await this.factors.recoveryCodesLeft(row.userId, manager);
      await recordAudit(
        manager,
        actor,
        'auth.second-factor.recovery-code-used',
        { type: 'user', id: row.userId },
        { recoveryCodesLeft },
      );
      return { user, recoveryCodesLeft };
    });
  }

  /**
   * The secret to enrol (the same one each time for one challenge). A sign-in challenge enrols only
   * someone with no second factor yet: a password alone never replaces one. A re-enrolment
   * challenge belongs to the signed-in person who proved their current code for it.
   */
  async beginEnrolment(
    input: { challenge: string },
    signedInUserId?: string,
  ): Promise<{ secret: string; uri: string; purpose: ChallengePurpose }> {
    const { challenge: token } = await validateInput(SecondFactorChallengeDto, input);
    const challenge = await this.enrolmentChallenge(token, signedInUserId);
    const secret = challenge.pendingSecret
      ? this.keys.open(challenge.pendingSecret, challenge.userId)
      : newTotpSecret();
    if (!challenge.pendingSecret)
      await this.factors.setPendingSecret(challenge.id, this.keys.seal(secret, challenge.userId));
    const kept = (await this.factors.findChallenge(challenge.id))?.pendingSecret;
    const shown = kept ? this.keys.open(kept, challenge.userId) : secret; // a concurrent request may have set it first
    return { secret: shown, uri: totpUri(shown, challenge.user.email ?? challenge.userId), purpose: challenge.purpose };
  }

  /** Confirms the enrolment with a code for the new secret; returns the new recovery codes (shown once). */
  async confirmEnrolment(
    input: { challenge: string; code: string },
    ip: string | null,
    signedInUserId?: string,
  ): Promise<{ user: ProvedPerson; recoveryCodes: string[]; purpose: ChallengePurpose }> {
    const answer = await validateInput(ConfirmEnrolmentDto, input);
    const challenge = await this.enrolmentChallenge(answer.challenge, signedInUserId);
    if (!challenge.pendingSecret)
      throw new SecondFactorRefusal(
        HttpStatus.CONFLICT,
        'second-factor-enrolment-not-started',
        'Ask for the secret first (POST /api/v1/auth/second-factor/enrolment), then confirm with its code.',
      );
    return this.answer(challenge, ip, async (row, manager) => {
      if (row.purpose === 'sign-in' && (await this.factors.findFactor(row.userId, manager))) return undefined;
      const step = matchingTimeStep(this.keys.open(row.pendingSecret!, row.userId), answer.code);
      if (step === undefined) return undefined;
      const recoveryCodes = newRecoveryCodes();
      await this.factors.enrol(manager, row.userId, {
        secret: row.pendingSecret!,
        lastTimeStep: step,
        codeHashes: recoveryCodes.map((c) => this.keys.hashRecoveryCode(c, row.userId)),
      });
      await recordAudit(
        manager,
        { id: row.userId, email: row.user.email, ip },
        'auth.second-factor.enrolled',
        { type: 'user', id: row.userId },
        { again: row.purpose === 're-enrol' },
      );
      return { user: { id: row.userId, tokenVersion: row.user.tokenVersion }, recoveryCodes, purpose: row.purpose };
    });
  }

  async status(userId: string): Promise<SecondFactorStatus> {
    const factor = await this.factors.findFactor(userId);
    return {
      enrolled: !!factor,
      since: factor?.confirmedAt ?? null,
      recoveryCodesLeft: factor ? await this.factors.recoveryCodesLeft(userId) : 0,
    };
  }

  /** New recovery codes for the signed-in person (their current code first); the old ones stop working. */
  async renewRecoveryCodes(actor: AuthUser, code: string, ip: string | null): Promise<string[]> {
    return this.withCurrentCode(actor, code, ip, async (manager) => {
      const codes = newRecoveryCodes();
      await this.factors.replaceRecoveryCodes(
        manager,
        actor.id,
        codes.map((c) => this.keys.hashRecoveryCode(c, actor.id)),
      );
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        'auth.second-factor.recovery-codes-renewed',
        {
          type: 'user',
          id: actor.id,
        },
      );
      return codes;
    });
  }

  /** A re-enrolment challenge for the signed-in person, once they gave their current code. */
  async startReEnrolment(actor: AuthUser, code: string, ip: string | null): Promise<string> {
    await this.withCurrentCode(actor, code, ip, async () => undefined);
    const user = await this.users.findProfile(actor.id);
    if (!user) throw new NotFoundException('No such person.');
    return (await this.challenge({ id: actor.id, tokenVersion: user.session.tokenVersion }, 're-enrol')).challenge;
  }

  /**
   * An administrator removes someone's second factor (a lost phone and lost codes) and ends their
   * sessions; they enrol again at their next password sign-in.
   */
  async reset(actor: AuthUser, userId: string, ip: string | null): Promise<void> {
    if (!actor.roles.includes('admin'))
      throw new ForbiddenException('Only an administrator can reset a second factor.');
    await this.dataSource.transaction(async (manager) => {
      const person = await this.users.lock(manager, userId);
      if (!person) throw new NotFoundException('No user with this id.');
      const had = await this.factors.remove(manager, userId);
      await this.users.endSessions(manager, userId);
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        'auth.second-factor.reset',
        { type: 'user', id: userId },
        { email: person.email, hadSecondFactor: had },
      );
    });
  }

  /** Enrols a demo account with the documented demo secret, unless it has a second factor already. */
  async enrolWithSecret(manager: EntityManager, userId: string, secret: string): Promise<boolean> {
    if (await this.factors.findFactor(userId, manager)) return false;
    await this.factors.enrol(manager, userId, {
      secret: this.keys.seal(secret, userId),
      lastTimeStep: null,
      codeHashes: [],
    });
    return true;
  }

  onModuleDestroy(): void {
    this.accountFailures.close();
  }

  /** An unexpired challenge for this purpose whose person is still as they were; otherwise a refusal. */
  private async peek(token: string, purpose: ChallengePurpose): Promise<ChallengeRow> {
    const challenge = await this.factors.findChallenge(challengeId(token));
    if (!challenge || challenge.purpose !== purpose || !live(challenge)) throw challengeInvalid();
    return challenge;
  }

  private async enrolmentChallenge(token: string, signedInUserId: string | undefined): Promise<ChallengeRow> {
    const challenge = await this.peek(token, signedInUserId ? 're-enrol' : 'sign-in');
    if (signedInUserId && challenge.userId !== signedInUserId) throw challengeInvalid();
    if (!signedInUserId && (await this.factors.findFactor(challenge.userId)))
      throw new SecondFactorRefusal(
        HttpStatus.CONFLICT,
        'second-factor-already-enrolled',
        'You have a second factor already: sign in with its code (POST /api/v1/auth/login/second-factor).',
      );
    return challenge;
  }

  /**
   * Checks an answer under the challenge's row lock, so two answers to one challenge cannot both
   * pass. `check` returns undefined for a wrong answer. A right one uses the challenge up; a wrong
   * one counts against it (the fifth voids it) and against the account.
   */
  private async answer<T>(
    challenge: ChallengeRow,
    ip: string | null,
    check: (row: ChallengeRow, manager: EntityManager) => Promise<T | undefined>,
  ): Promise<T> {
    await this.takeAttempt(challenge.userId, challenge.user.email, ip);
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome<T>> => {
      const row = await this.factors.findChallenge(challenge.id, manager);
      if (!row || row.purpose !== challenge.purpose || !live(row)) return { kind: 'invalid' };
      const result = await check(row, manager);
      if (result !== undefined) {
        await this.factors.deleteChallenge(manager, row.id);
        return { kind: 'ok', result };
      }
      const failures = await this.factors.addFailure(manager, row.id);
      const actor = { id: row.userId, email: row.user.email, ip };
      await recordAudit(manager, actor, 'auth.second-factor.failed', { type: 'user', id: row.userId }, { failures });
      if (failures < MAX_WRONG_CODES_PER_CHALLENGE)
        return { kind: 'wrong', left: MAX_WRONG_CODES_PER_CHALLENGE - failures };
      await this.factors.deleteChallenge(manager, row.id);
      await recordAudit(
        manager,
        actor,
        'auth.second-factor.locked',
        { type: 'user', id: row.userId },
        { by: 'challenge' },
      );
      return { kind: 'void' };
    });
    if (outcome.kind === 'ok' || outcome.kind === 'invalid') await this.accountFailures.refund(challenge.userId);
    if (outcome.kind === 'ok') return outcome.result;
    if (outcome.kind === 'invalid') throw challengeInvalid();
    if (outcome.kind === 'void') throw tooManyWrongCodes();
    throw codeWrong(outcome.left);
  }

  /** A signed-in person's current code, checked (and its step used up) before `then` runs in the same transaction. */
  private async withCurrentCode<T>(
    actor: AuthUser,
    code: string,
    ip: string | null,
    then: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    await validateInput(CurrentCodeDto, { code });
    await this.takeAttempt(actor.id, actor.email, ip);
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome<T>> => {
      const factor = await this.factors.findFactor(actor.id, manager);
      if (!factor) return { kind: 'invalid' };
      const step = matchingTimeStep(this.keys.open(factor.secret, actor.id), code);
      if (step !== undefined && (await this.factors.acceptTimeStep(manager, actor.id, step)))
        return { kind: 'ok', result: await then(manager) };
      await recordAudit(manager, { id: actor.id, email: actor.email, ip }, 'auth.second-factor.failed', {
        type: 'user',
        id: actor.id,
      });
      return { kind: 'wrong', left: 0 };
    });
    if (outcome.kind === 'ok') {
      await this.accountFailures.refund(actor.id);
      return outcome.result;
    }
    if (outcome.kind === 'invalid') {
      await this.accountFailures.refund(actor.id);
      throw new SecondFactorRefusal(
        HttpStatus.CONFLICT,
        'second-factor-not-enrolled',
        'You have no second factor yet.',
      );
    }
    throw new SecondFactorRefusal(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'second-factor-code-wrong',
      'The code is wrong or was already used. Enter the code your app shows now.',
    );
  }

  /** Takes one of the account's attempts before a code is checked; refuses (429, audited) when none are left. */
  private async takeAttempt(userId: string, email: string | null, ip: string | null): Promise<void> {
    const wait = await this.accountFailures.take(userId);
    if (!wait) return;
    await recordAudit(
      this.dataSource.manager,
      { id: userId, email, ip },
      'auth.second-factor.locked',
      { type: 'user', id: userId },
      { by: 'account', retryAfterSeconds: wait },
    );
    throw tooManyAttempts(wait);
  }
}

/** A challenge dies with its person's sessions: deactivation, a new password or new roles. */
function live(challenge: ChallengeRow): boolean {
  return challenge.user.isActive && challenge.user.tokenVersion === challenge.tokenVersion;
}
