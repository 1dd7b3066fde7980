// Sign-in limits, shared through Redis by every API process. Each guess takes its points before the
// password is checked, so concurrent guesses cannot all pass a check made before any was counted.
//  - account × address: 10 failures a minute, then 429. Only the guesser is refused.
//  - account (all addresses): 10 failures a minute stop guessing from many addresses, but never
//    refuse the owner at an address they signed in from before (30 days): other people's failures
//    must not lock a person out of their own account.
//  - address (all accounts): a government office is one address, so its budget (10 failures a
//    minute) never refuses a correct password for an account that is not itself locked, and never
//    makes one wait. Past the budget the address gets fewer checks, not slower ones: each account
//    may be tried from there 3 times a minute (whoever is trying: a colleague's first sign-in is
//    one of them), an address that opens no account is not checked at all, and a wrong password is
//    answered 429 with Retry-After instead of 401. What a guesser at a flooded address gets is then
//    at most budget + 3 × the accounts that exist, a minute, however many requests it sends.
// Why not pace or tarpit: a paced queue is shared by the guesser and the new colleague (who has no
// trusted address or device yet), so a flood pushes the colleague past any bounded wait; and a
// delayed answer costs a concurrent guesser nothing while holding a timer per request here. Refusing
// unchecked attempts at once holds nothing.
//  - a device the person signed in on before (OWASP's device cookie, device-cookie.ts) skips the
//    three limits above, so the colleague whose account is the target still gets in at the shared
//    address from their own browser; the device has its own limit (10 failures a minute). Without
//    one, they are refused there while the guessing lasts (the pair is locked).
// Past the budget an address without an account is answered sooner than a wrong password (no decoy
// check): a flood of made-up addresses must not cost a password check each; the guesser there can
// tell by the timing which e-mail addresses have no account, a trade accepted because work
// addresses follow a known pattern anyway.
import { HttpException, HttpStatus, Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, FailureLimiter } from '@chadavkhi/platform';
import { SignInAddressesRepository } from './sign-in-addresses.repository';

export const MAX_FAILURES_PER_MINUTE = 10;
/** Checks per account a minute from an address past its budget; a typo or two for the person who owns it. */
export const CHECKS_PER_ACCOUNT_PAST_BUDGET = 3;
/** Counted only so that what an address costs can be read back (checksFrom); never refuses. */
const COUNTED_CHECKS_CEILING = 1_000_000_000;

export class TooManyLoginAttemptsException extends HttpException {
  constructor(retryAfterSeconds: number) {
    super(
      {
        message: `Too many failed sign-ins. Wait ${retryAfterSeconds} seconds and try again.`,
        retryAfterSeconds,
        slug: 'too-many-login-attempts',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** One sign-in attempt that has taken its points; report how it ended. */
export interface LoginAttempt {
  email: string;
  ip: string;
  /** Seconds until the address's budget renews when this attempt came past it; 0 within it. */
  pastBudget: number;
  /** The nonce of a genuine device cookie for this account, when one was presented. */
  device?: string;
}

@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly byPair: FailureLimiter;
  private readonly byAccount: FailureLimiter;
  private readonly byAddress: FailureLimiter;
  private readonly byPairPastBudget: FailureLimiter;
  private readonly checks: FailureLimiter;
  private readonly byDevice: FailureLimiter;

  constructor(
    config: AppConfig,
    private readonly knownAddresses: SignInAddressesRepository,
  ) {
    const prefix = `${config.REDIS_PREFIX}:login-fail`;
    this.byPair = new FailureLimiter(config, `${prefix}:pair`, MAX_FAILURES_PER_MINUTE, 60);
    this.byAccount = new FailureLimiter(config, `${prefix}:account`, MAX_FAILURES_PER_MINUTE, 60);
    this.byAddress = new FailureLimiter(config, `${prefix}:ip`, MAX_FAILURES_PER_MINUTE, 60);
    this.byPairPastBudget = new FailureLimiter(
      config,
      `${prefix}:pair-past-budget`,
      CHECKS_PER_ACCOUNT_PAST_BUDGET,
      60,
    );
    this.byDevice = new FailureLimiter(config, `${prefix}:device`, MAX_FAILURES_PER_MINUTE, 60);
    this.checks = new FailureLimiter(config, `${config.REDIS_PREFIX}:login-checks`, COUNTED_CHECKS_CEILING, 60);
  }

  /** Takes this attempt's points before the password is checked; refuses (429) when it may not be checked now. */
  async begin(email: string, ip: string, device?: string): Promise<LoginAttempt> {
    if (device) {
      const deviceWait = await this.byDevice.take(device);
      if (deviceWait) throw new TooManyLoginAttemptsException(deviceWait);
      return { email, ip, pastBudget: 0, device };
    }
    const pair = pairKey(email, ip);
    const pairWait = await this.byPair.take(pair);
    if (pairWait) throw new TooManyLoginAttemptsException(pairWait);
    const accountWait = await this.byAccount.retryAfterSeconds(email);
    if (accountWait && !(await this.knownAddresses.isKnown(email, ip))) {
      await this.byPair.refund(pair); // not checked, so not this address's failure
      throw new TooManyLoginAttemptsException(accountWait);
    }
    const pastBudget = await this.byAddress.take(ip);
    if (pastBudget) {
      const pairPastBudgetWait = await this.byPairPastBudget.take(pair);
      if (pairPastBudgetWait) throw new TooManyLoginAttemptsException(Math.max(pastBudget, pairPastBudgetWait));
    }
    return { email, ip, pastBudget };
  }

  /**
   * Whether the password is worth checking: past the address's budget, only one that could open an
   * account (an active person with a password). Within it every attempt is checked (a decoy hash for
   * an unknown address), so no answer tells which addresses have accounts.
   */
  worthChecking(attempt: LoginAttempt, opensAnAccount: boolean): boolean {
    return opensAnAccount || !attempt.pastBudget;
  }

  /** Runs the password check, counting it against the address (checksFrom). */
  async check(attempt: LoginAttempt, verify: () => Promise<boolean>): Promise<boolean> {
    await this.checks.take(attempt.ip);
    return verify();
  }

  /** Password checks made for this address within the current minute. */
  checksFrom(ip: string): Promise<number> {
    return this.checks.used(ip);
  }

  /** Records the failure; past the address's budget it is answered 429 (returned), otherwise the caller's own 401. */
  async failed(attempt: LoginAttempt): Promise<TooManyLoginAttemptsException | undefined> {
    await this.byAccount.recordFailure(attempt.email);
    return attempt.pastBudget ? new TooManyLoginAttemptsException(attempt.pastBudget) : undefined;
  }

  /** The account's own counter is left alone: an attack on it from elsewhere keeps being limited. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    if (attempt.device) return this.byDevice.reset(attempt.device);
    const pair = pairKey(attempt.email, attempt.ip);
    await Promise.all([
      this.byPair.reset(pair),
      this.byPairPastBudget.reset(pair),
      this.byAddress.refund(attempt.ip),
      this.knownAddresses.remember(attempt.email, attempt.ip),
    ]);
  }

  onModuleDestroy(): void {
    for (const limiter of [
      this.byPair,
      this.byAccount,
      this.byAddress,
      this.byPairPastBudget,
      this.byDevice,
      this.checks,
    ])
      limiter.close();
  }
}

function pairKey(email: string, ip: string): string {
  return `${email}|${ip}`;
}
