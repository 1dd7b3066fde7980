import { Injectable, UnauthorizedException } from '@nestjs/common';
import { UserView } from '../users/dto/user.view';
import { UsersRepository } from '../users/users.repository';
import { LoginThrottle } from './login-throttle';
import { decoyHash, verifyPassword } from './password-hasher';
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
  ) {}

  /** One answer for an unknown email, a wrong password or a disabled account, so none can be told apart. */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const normalized = email.trim().toLowerCase();
    await this.throttle.assertAllowed(normalized, ip);
    const user = await this.users.findByEmailWithHash(normalized);
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    if (!user || !ok || !user.isActive) {
      await this.throttle.recordFailure(normalized, ip);
      throw new UnauthorizedException('The email or password is wrong.');
    }
    await this.throttle.recordSuccess(normalized);
    await this.users.markSignedIn(user.id);
    const { token, claims } = await this.tokens.issue(user);
    return { accessToken: token, claims, user: (await this.users.findProfile(user.id))!.view };
  }
}
