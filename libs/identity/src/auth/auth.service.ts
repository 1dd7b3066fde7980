import { randomUUID } from 'node:crypto';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AppConfig } from '@chadavkhi/platform';
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
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * One answer for an unknown email, a wrong password, a disabled account or one without a
   * password yet (invited), so none can be told apart. `device` is the browser's device cookie, if
   * any (device-cookie.ts); a successful sign-in answers with a new one to keep.
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
    const result = await this.startSession(user, { ip, userAgent });
    return { ...result, deviceToken: deviceToken(this.config.JWT_SECRET, normalized) };
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
