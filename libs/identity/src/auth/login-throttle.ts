// Sign-in limits, shared through Redis by every API process. Each guess takes its point before the
// password is checked, so concurrent guesses cannot all pass a check made before any was counted.
//  - account × address: 10 failures a minute, then 429. Only the guesser is refused.
//  - account (all addresses): 10 failures a minute stop guessing from many addresses, but never
//    refuse the owner at an address they signed in from before (30 days): other people's failures
//    must not lock a person out of their own account.
//  - address (all accounts): a government office is one address, so past 10 failures a minute its
//    sign-ins are slowed to one check a second, not refused: guessing across accounts slows down
//    while the office's correct passwords still go through.
import { HttpException, HttpStatus, Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, FailureLimiter } from '@chadavkhi/platform';
import { SignInAddressesRepository } from './sign-in-addresses.repository';

export const MAX_FAILURES_PER_MINUTE = 10;
/** How long a slowed sign-in may wait for its turn before it is refused (the address is flooded). */
const MAX_PACED_WAIT_MS = 5000;

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
}

@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly byPair: FailureLimiter;
  private readonly byAccount: FailureLimiter;
  private readonly byAddress: FailureLimiter;
  /** One password check a second per address once the address has used its failures. */
  private readonly addressPace: FailureLimiter;

  constructor(
    config: AppConfig,
    private readonly knownAddresses: SignInAddressesRepository,
  ) {
    const prefix = `${config.REDIS_PREFIX}:login-fail`;
    this.byPair = new FailureLimiter(config.REDIS_URL, `${prefix}:pair`, MAX_FAILURES_PER_MINUTE, 60);
    this.byAccount = new FailureLimiter(config.REDIS_URL, `${prefix}:account`, MAX_FAILURES_PER_MINUTE, 60);
    this.byAddress = new FailureLimiter(config.REDIS_URL, `${prefix}:ip`, MAX_FAILURES_PER_MINUTE, 60);
    this.addressPace = new FailureLimiter(config.REDIS_URL, `${prefix}:ip-pace`, 1, 1);
  }

  /** Takes this attempt's points before the password is checked; refuses (429) when it may not be checked now. */
  async begin(email: string, ip: string): Promise<LoginAttempt> {
    const pair = pairKey(email, ip);
    const pairWait = await this.byPair.take(pair);
    if (pairWait) throw new TooManyLoginAttemptsException(pairWait);
    const accountWait = await this.byAccount.retryAfterSeconds(email);
    if (accountWait && !(await this.knownAddresses.isKnown(email, ip))) {
      await this.byPair.refund(pair); // not checked, so not this address's failure
      throw new TooManyLoginAttemptsException(accountWait);
    }
    if (await this.byAddress.take(ip)) await this.waitForTurn(ip);
    return { email, ip };
  }

  async failed(attempt: LoginAttempt): Promise<void> {
    await this.byAccount.recordFailure(attempt.email);
  }

  /** The account's own counter is left alone: an attack on it from elsewhere keeps being limited. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await Promise.all([
      this.byPair.reset(pairKey(attempt.email, attempt.ip)),
      this.byAddress.refund(attempt.ip),
      this.knownAddresses.remember(attempt.email, attempt.ip),
    ]);
  }

  private async waitForTurn(ip: string): Promise<void> {
    const end = Date.now() + MAX_PACED_WAIT_MS;
    for (;;) {
      const wait = await this.addressPace.take(ip);
      if (!wait) return;
      if (Date.now() + 1000 > end) throw new TooManyLoginAttemptsException(wait);
      await new Promise((resolve) => setTimeout(resolve, 250 + Math.random() * 750));
    }
  }

  onModuleDestroy(): void {
    for (const limiter of [this.byPair, this.byAccount, this.byAddress, this.addressPace]) limiter.close();
  }
}

function pairKey(email: string, ip: string): string {
  return `${email}|${ip}`;
}
