// Who sent a request: its bearer token or session cookie, checked against the open session (one
// batched lookup); the answer is kept on the request, so the guard and an upload's early check
// (upload-route.ts) look it up once between them. A web session past half its life is renewed.
import { ForbiddenException, Injectable } from '@nestjs/common';
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@chadavkhi/platform';
import { UsersRepository } from '../users/users.repository';
import type { Role } from '../roles';
import type { AuthUser } from './auth-user';
import { SESSION_COOKIE, setSessionCookie } from './session-cookie';
import { SessionsRepository } from './sessions.repository';
import { TokenService } from './token.service';

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
  }
}

export const SIGN_IN_FIRST =
  'Sign in first: send a valid Bearer token (POST /api/v1/auth/login) or the session cookie.';

/** 403 unless the person holds one of the roles (none listed: anyone signed in). */
export function assertRoles(user: Pick<AuthUser, 'roles'>, roles: readonly Role[] | undefined): void {
  if (roles?.length && !roles.some((r) => user.roles.includes(r)))
    throw new ForbiddenException(`This needs one of the roles: ${roles.join(', ')}.`);
}

@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
  ) {}

  async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<AuthUser | undefined> {
    if (request.user) return request.user;
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const cookie = bearer ? undefined : request.cookies?.[SESSION_COOKIE];
    const token = bearer ?? cookie;
    if (!token) return undefined;
    const claims = await this.tokens.verify(token);
    if (!claims) return undefined;
    const profile = await this.users.findSessionProfile(claims.sub, claims.sid);
    const found = profile?.session;
    // A signed-out session is refused and never renewed, whichever copy of its token comes back.
    if (!profile || !found || profile.revoked || !found.isActive || found.tokenVersion !== claims.ver) return undefined;
    const user: AuthUser = {
      id: found.id,
      email: found.email,
      name: found.name,
      roles: found.roles,
      agencyId: found.agencyId,
      agencyPath: found.agencyPath,
      positionId: found.positionId,
      locale: found.locale,
      via: bearer ? 'bearer' : 'cookie',
      tokenId: claims.jti,
      sessionId: claims.sid,
      sessionStartedAt: claims.sst,
      profile: profile.view,
    };
    request.user = user;
    if (cookie) await this.renewIfHalfSpent(claims, found, request, reply);
    return user;
  }

  /** Sliding web session: past half its life the cookie gets a fresh token, never past SESSION_MAX_HOURS. */
  private async renewIfHalfSpent(
    claims: { exp: number; sst: number; sid: string },
    user: { id: string; tokenVersion: number },
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const now = Math.floor(Date.now() / 1000);
    if (claims.exp - now > this.tokens.ttlSeconds / 2) return;
    if (now >= this.tokens.sessionEndsAt(claims.sst)) return;
    const { token, claims: fresh } = await this.tokens.issue(user, { sid: claims.sid, sst: claims.sst });
    await this.sessions.touch(claims.sid, request.ip);
    setSessionCookie(reply, token, fresh.exp - now, this.config.cookieSecure);
  }
}
