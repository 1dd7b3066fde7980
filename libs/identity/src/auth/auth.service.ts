import { randomUUID } from 'node:crypto';
import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, recordAudit } from '@chadavkhi/platform';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { SecondFactorRequiredException } from '../second-factor/second-factor-errors';
import { SecondFactorService } from '../second-factor/second-factor.service';
import { UserView } from '../users/dto/user.view';
import { UsersRepository } from '../users/users.repository';
import type { AuthUser } from './auth-user';
import { deviceOf, deviceToken } from './device-cookie';
import { LoginThrottle } from './login-throttle';
import { decoyHash, verifyPassword } from './password-hasher';
import { SessionsRepository } from './sessions.repository';
import { AccessClaims, TokenService } from './token.service';

export interface LoginResult {
  accessToken: string;
  claims: AccessClaims;
  user: UserView;
}

/** Where a sign-in came from and how it proved who it is, as the person's sessions list shows it. */
export interface SignInContext {
  ip: string | null;
  userAgent?: string | null;
  /** Set for a sign-in through an identity provider (its configured id); absent for a password. */
  providerId?: string;
  /** A second factor (TOTP or a recovery code) was checked. */
  secondFactor?: boolean;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsRepository,
    private readonly agencies: AgenciesRepository,
    private readonly secondFactor: SecondFactorService,
    private readonly config: AppConfig,
  ) {}

  /**
   * One answer for an unknown email, a wrong password, a disabled account or one without a
   * password yet (invited), so none can be told apart. Only after a correct password: a refusal
   * where the agency has passwords switched off (it tells a guesser nothing), or, for roles that
   * need a second factor, a challenge instead of a session (SecondFactorRequiredException). `device` is the browser's device
   * cookie, if any (device-cookie.ts); a sign-in that opens a session answers with a new one to keep.
   */
  async login(
    email: string,
    password: string,
    ip: string,
    userAgent?: string | null,
    device?: unknown,
  ): Promise<LoginResult & { deviceToken: string }> {
    const normalized = email.trim().toLowerCase();
    const attempt = await this.throttle.begin(normalized, ip, deviceOf(this.config.JWT_SECRET, normalized, device));
    const user = await this.users.findByEmailWithHash(normalized);
    const ok =
      this.throttle.worthChecking(attempt, !!user?.passwordHash && user.isActive) &&
      (await this.throttle.check(attempt, async () =>
        verifyPassword(user?.passwordHash ?? (await decoyHash()), password),
      ));
    if (!user || !ok || !user.isActive) {
      throw (await this.throttle.failed(attempt)) ?? new UnauthorizedException('The email or password is wrong.');
    }
    await this.throttle.succeeded(attempt);
    if (!user.roles.includes('admin') && !(await this.agencies.passwordSignInAllowed(user.agencyId))) {
      // The right password where it may not be used: someone may be going round the agency's provider.
      await recordAudit(
        this.dataSource.manager,
        { id: user.id, email: user.email, ip },
        'auth.password.refused',
        { type: 'user', id: user.id },
        { reason: 'password-sign-in-off' },
      );
      throw new ForbiddenException({
        message:
          'Your agency has switched off password sign-in: sign in through its identity provider (the buttons on the sign-in page).',
        slug: 'password-sign-in-off',
      });
    }
    if (this.secondFactor.requiredFor(user.roles)) {
      const { challenge, enrolled } = await this.secondFactor.challenge(user);
      throw new SecondFactorRequiredException(challenge, enrolled);
    }
    const result = await this.startSession(user, { ip, userAgent });
    return { ...result, deviceToken: deviceToken(this.config.JWT_SECRET, normalized) };
  }

  /** The second step of a password sign-in: the challenge and a TOTP or recovery code open the session. */
  async loginWithSecondFactor(
    answer: { challenge: string; code?: string; recoveryCode?: string },
    ip: string,
    userAgent?: string | null,
  ): Promise<LoginResult & { recoveryCodesLeft?: number; deviceToken?: string }> {
    const { user, recoveryCodesLeft } = await this.secondFactor.verify(answer, ip);
    const result = await this.startSession(user, { ip, userAgent, secondFactor: true });
    return { ...result, recoveryCodesLeft, deviceToken: this.deviceTokenFor(result.user.email) };
  }

  /** The first enrolment, at sign-in: a code for the new secret opens the session; the recovery codes come once. */
  async loginWithNewSecondFactor(
    answer: { challenge: string; code: string },
    ip: string,
    userAgent?: string | null,
  ): Promise<LoginResult & { recoveryCodes: string[]; deviceToken?: string }> {
    const { user, recoveryCodes } = await this.secondFactor.confirmEnrolment(answer, ip);
    const result = await this.startSession(user, { ip, userAgent, secondFactor: true });
    return { ...result, recoveryCodes, deviceToken: this.deviceTokenFor(result.user.email) };
  }

  /** The device cookie a password sign-in (finished with its second factor) leaves in the browser. */
  private deviceTokenFor(email: string | null): string | undefined {
    return email ? deviceToken(this.config.JWT_SECRET, email.trim().toLowerCase()) : undefined;
  }

  /**
   * Opens a session for a person whose identity has been proved (password, provider, second
   * factor) and issues its first token. The only way a session begins.
   */
  async startSession(user: { id: string; tokenVersion: number }, context: SignInContext): Promise<LoginResult> {
    const sid = randomUUID();
    const { token, claims } = await this.tokens.issue(user, { sid, sst: Math.floor(Date.now() / 1000) });
    await this.sessions.open({
      id: sid,
      userId: user.id,
      tokenVersion: user.tokenVersion,
      method: context.providerId ? 'provider' : 'password',
      providerId: context.providerId ?? null,
      secondFactor: context.secondFactor ?? false,
      ip: context.ip,
      userAgent: context.userAgent ?? null,
      expiresAt: new Date(this.tokens.sessionEndsAt(claims.sst) * 1000),
    });
    await this.users.markSignedIn(user.id);
    return { accessToken: token, claims, user: (await this.users.findProfile(user.id))!.view };
  }

  /** Ends this session (every copy of its token, cookie or bearer). */
  async logout(user: AuthUser): Promise<void> {
    await this.sessions.end(user.id, user.sessionId, 'signed-out');
  }
}
