// Every route needs a user unless marked @Public(); roles come from @Roles(). Cookie sessions must
// also prove same-origin intent (CSRF token) on anything that changes state, audited downloads included.
import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, IS_PUBLIC } from '@chadavkhi/platform';
import type { Role } from '../roles';
import { UsersRepository } from '../users/users.repository';
import { AUDITED_DOWNLOAD } from './audited-download.decorator';
import type { AuthUser } from './auth-user';
import { REQUIRED_ROLES } from './roles.decorator';
import { SESSION_COOKIE, setSessionCookie } from './session-cookie';
import { SessionsRepository } from './sessions.repository';
import { TokenService } from './token.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a route's decorators say about access; read once per route (metadata does not change). */
interface RouteAccess {
  isPublic: boolean;
  auditedDownload: boolean;
  roles: Role[] | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
  }
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
  ) {}

  private readonly access = new WeakMap<object, WeakMap<object, RouteAccess>>();

  private routeAccess(context: ExecutionContext): RouteAccess {
    const controller = context.getClass();
    const handler = context.getHandler();
    let byHandler = this.access.get(controller);
    if (!byHandler) this.access.set(controller, (byHandler = new WeakMap()));
    let found = byHandler.get(handler);
    if (!found) {
      const targets = [handler, controller];
      found = {
        isPublic: !!this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets),
        auditedDownload: !!this.reflector.getAllAndOverride<boolean>(AUDITED_DOWNLOAD, targets),
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets),
      };
      byHandler.set(handler, found);
    }
    return found;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { isPublic, auditedDownload, roles } = this.routeAccess(context);
    const user = await this.authenticate(request, reply);
    if (isPublic) return true;
    if (!user)
      throw new UnauthorizedException(
        'Sign in first: send a valid Bearer token (POST /api/v1/auth/login) or the session cookie.',
      );
    if (user.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const presented = request.headers['x-csrf-token'] ?? (request.body as Record<string, unknown> | undefined)?._csrf;
      if (!this.tokens.checkCsrf(user, presented))
        throw new ForbiddenException(
          'This form has expired or did not come from this site. Reload the page and try again.',
        );
    }
    if (user.via === 'cookie' && SAFE_METHODS.has(request.method) && auditedDownload) {
      throw new ForbiddenException({
        message:
          'This download is written to the audit log: in the browser, use the download button on its page (it sends a form), not a link or an image.',
        slug: 'download-needs-form',
      });
    }
    if (roles?.length && !roles.some((r) => user.roles.includes(r))) {
      throw new ForbiddenException(`This needs one of the roles: ${roles.join(', ')}.`);
    }
    return true;
  }

  private async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<AuthUser | undefined> {
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
