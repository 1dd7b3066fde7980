// Passwords a person sets themselves: changing theirs (the current one required), and setting one
// through an e-mailed one-time link (invitation, or "forgot password"). Every change ends the
// person's other sessions (token version) and voids their open links. Each input is checked
// against its DTO here, whoever calls (the API, the password pages).
import { HttpException, HttpStatus, Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { addOutboxEvent, AppConfig, FailureLimiter, recordAudit, validateInput } from '@chadavkhi/platform';
import type { AuthUser } from '../auth/auth-user';
import { LoginThrottle } from '../auth/login-throttle';
import { hashPassword, verifyPassword } from '../auth/password-hasher';
import { SessionsRepository } from '../auth/sessions.repository';
import { AccessClaims, TokenService } from '../auth/token.service';
import { UsersRepository } from '../users/users.repository';
import { verifyAccountLinkToken } from './account-link-token';
import { AccountLinkPurpose, AccountLinksRepository } from './account-links.repository';
import { ChangePasswordDto } from './dto/change-password.dto';
import { RequestPasswordResetDto } from './dto/request-password-reset.dto';
import { SetPasswordDto } from './dto/set-password.dto';

export const RESET_LINK_SECONDS = 3600;
export const INVITATION_LINK_SECONDS = 7 * 24 * 3600;
/** Reset requests per address (429 past it) and per account (silently no more mail) within the hour. */
const RESETS_PER_ADDRESS = 10;
const RESETS_PER_ACCOUNT = 3;

export class PasswordRefusal extends HttpException {
  constructor(
    status: HttpStatus,
    slug: 'current-password-wrong' | 'no-password' | 'account-link-invalid' | 'too-many-reset-requests',
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super({ message, slug, ...extra }, status);
  }
}

@Injectable()
export class PasswordsService implements OnModuleDestroy {
  private readonly resetsByAddress: FailureLimiter;
  private readonly resetsByAccount: FailureLimiter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly links: AccountLinksRepository,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
  ) {
    this.resetsByAddress = new FailureLimiter(
      config,
      `${config.REDIS_PREFIX}:password-reset:ip`,
      RESETS_PER_ADDRESS,
      3600,
    );
    this.resetsByAccount = new FailureLimiter(
      config,
      `${config.REDIS_PREFIX}:password-reset:account`,
      RESETS_PER_ACCOUNT,
      3600,
    );
  }

  /**
   * Changes the signed-in person's password. The current password is checked under the sign-in
   * limits (it is a guess like any other); the person's other sessions end, and this one carries
   * on with the token returned.
   */
  async change(
    actor: AuthUser,
    currentPassword: string,
    newPassword: string,
    ip: string,
  ): Promise<{ accessToken: string; claims: AccessClaims }> {
    await validateInput(ChangePasswordDto, { currentPassword, newPassword });
    if (!actor.email)
      throw new PasswordRefusal(
        HttpStatus.CONFLICT,
        'no-password',
        'Your account has no password: you sign in through single sign-on.',
      );
    const attempt = await this.throttle.begin(actor.email, ip);
    const user = await this.users.findByEmailWithHash(actor.email);
    const hash = user?.passwordHash;
    if (!hash || !(await this.throttle.check(attempt, () => verifyPassword(hash, currentPassword)))) {
      throw (
        (await this.throttle.failed(attempt)) ??
        new PasswordRefusal(HttpStatus.UNPROCESSABLE_ENTITY, 'current-password-wrong', 'The current password is wrong.')
      );
    }
    await this.throttle.succeeded(attempt);
    const passwordHash = await hashPassword(newPassword);
    const tokenVersion = await this.dataSource.transaction(async (manager) => {
      const version = await this.setPassword(manager, actor.id, passwordHash);
      await this.sessions.carryOver(actor.sessionId, version, manager);
      await recordAudit(manager, { id: actor.id, email: actor.email, ip }, 'user.password.change', {
        type: 'user',
        id: actor.id,
      });
      return version;
    });
    const { token, claims } = await this.tokens.issue(
      { id: actor.id, tokenVersion },
      { sid: actor.sessionId, sst: actor.sessionStartedAt },
    );
    return { accessToken: token, claims };
  }

  /**
   * "Forgot password": e-mails a one-hour link if the address belongs to an active person, and
   * answers the same either way. Limited per address (429) and per account (quietly no more mail).
   */
  async requestReset(email: string, ip: string): Promise<void> {
    const { email: normalized } = await validateInput(RequestPasswordResetDto, { email });
    const wait = await this.resetsByAddress.take(ip);
    if (wait)
      throw new PasswordRefusal(
        HttpStatus.TOO_MANY_REQUESTS,
        'too-many-reset-requests',
        `Too many reset requests from this address. Wait ${wait} seconds and try again.`,
        { retryAfterSeconds: wait },
      );
    const user = await this.users.findByEmailWithHash(normalized);
    if (!user?.isActive || (await this.resetsByAccount.take(normalized))) return;
    await this.dataSource.transaction((manager) => this.sendLink(manager, user.id, 'password_reset'));
  }

  /** Sets a password through a link (invitation or reset); the link is spent, and every session of the person ends. */
  async setWithLink(token: string, password: string, ip: string): Promise<void> {
    await validateInput(SetPasswordDto, { token, password });
    const linkId = verifyAccountLinkToken(this.config.JWT_SECRET, token);
    const invalid = () =>
      new PasswordRefusal(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'account-link-invalid',
        'This link is not valid: it was used already, has expired, or was replaced by a newer one. Ask for a new one.',
      );
    if (!linkId) throw invalid();
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const link = await this.links.use(manager, linkId);
      const person = link ? await this.users.lock(manager, link.userId) : undefined;
      if (!link || !person?.isActive) throw invalid();
      await this.setPassword(manager, person.id, passwordHash);
      const action = link.purpose === 'invitation' ? 'user.invitation.accept' : 'user.password.reset';
      await recordAudit(manager, { id: person.id, email: person.email, ip }, action, { type: 'user', id: person.id });
    });
  }

  /** Creates a one-time link for the person and asks notifications (through the outbox) to e-mail it. */
  async sendLink(manager: EntityManager, userId: string, purpose: AccountLinkPurpose): Promise<void> {
    if (purpose === 'password_reset') await this.links.voidOpen(manager, userId);
    const link = await this.links.create(
      manager,
      userId,
      purpose,
      purpose === 'invitation' ? INVITATION_LINK_SECONDS : RESET_LINK_SECONDS,
    );
    await addOutboxEvent(manager, 'notification.requested', {
      userId,
      kind: purpose === 'invitation' ? 'account.invitation' : 'account.password_reset',
      dedupeKey: `account-link:${link.id}`,
      data: { linkId: link.id, linkExpiresAt: new Date(link.expiresAt).toISOString() },
    });
  }

  private async setPassword(manager: EntityManager, userId: string, passwordHash: string): Promise<number> {
    await this.links.voidOpen(manager, userId);
    return this.users.setPasswordHash(manager, userId, passwordHash);
  }

  onModuleDestroy(): void {
    this.resetsByAddress.close();
    this.resetsByAccount.close();
  }
}
