// Failed sign-ins counted per account and per address (10 a minute each), shared through Redis.
import { HttpException, HttpStatus, Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, FailureLimiter } from '@chadavkhi/platform';

export const MAX_FAILURES_PER_MINUTE = 10;

export class TooManyLoginAttemptsException extends HttpException {
  constructor(retryAfterSeconds: number) {
    super(
      { message: `Too many failed sign-ins. Wait ${retryAfterSeconds} seconds and try again.`, retryAfterSeconds, slug: 'too-many-login-attempts' },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly byAccount: FailureLimiter;
  private readonly byAddress: FailureLimiter;

  constructor(config: AppConfig) {
    this.byAccount = new FailureLimiter(config.REDIS_URL, `${config.REDIS_PREFIX}:login-fail:account`, MAX_FAILURES_PER_MINUTE, 60);
    this.byAddress = new FailureLimiter(config.REDIS_URL, `${config.REDIS_PREFIX}:login-fail:ip`, MAX_FAILURES_PER_MINUTE, 60);
  }

  /** Refuses (429) when the account or the address already has 10 failures in the current minute. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const wait = Math.max(await this.byAccount.retryAfterSeconds(email), await this.byAddress.retryAfterSeconds(ip));
    if (wait) throw new TooManyLoginAttemptsException(wait);
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.byAccount.recordFailure(email), this.byAddress.recordFailure(ip)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.reset(email);
  }

  onModuleDestroy(): void {
    this.byAccount.close();
    this.byAddress.close();
  }
}
