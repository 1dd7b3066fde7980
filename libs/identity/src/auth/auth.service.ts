import { Injectable, UnauthorizedException } from '@nestjs/common';
import { UserView } from '../users/dto/user.view';
import { UsersRepository } from '../users/users.repository';
import type { AuthUser } from './auth-user';
import { LoginThrottle } from './login-throttle';
import { decoyHash, verifyPassword } from './password-hasher';
import { RevokedSessionsRepository } from './revoked-sessions.repository';
import { AccessClaims, TokenService } from './token.service';

export interface LoginResult {
  accessToken: string;
  claims: AccessClaims;
  user: UserView;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly revoked: RevokedSessionsRepository,
  ) {}

  /**
   * One answer for an unknown email, a wrong password, a disabled account or one without a
   * password yet (invited), so none can be told apart.
   */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const normalized = email.trim().toLowerCase();
    const attempt = await this.throttle.begin(normalized, ip);
    const user = await this.users.findByEmailWithHash(normalized);
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    if (!user || !ok || !user.isActive) {
      await this.throttle.failed(attempt);
      throw new UnauthorizedException('The email or password is wrong.');
    }
    await this.throttle.succeeded(attempt);
    await this.users.markSignedIn(user.id);
    const { token, claims } = await this.tokens.issue(user);
    return { accessToken: token, claims, user: (await this.users.findProfile(user.id))!.view };
  }

  /** Ends this session (every copy of its token, cookie or bearer) until it would have expired anyway. */
  async logout(user: AuthUser): Promise<void> {
    await this.revoked.revoke(
      user.sessionId,
      user.id,
      new Date(this.tokens.sessionEndsAt(user.sessionStartedAt) * 1000),
    );
  }
}
