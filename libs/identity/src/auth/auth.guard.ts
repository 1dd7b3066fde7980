// Every route needs a user unless marked @Public(); roles come from @Roles(). Cookie sessions must
// also prove same-origin intent (CSRF token) on anything that changes state, audited downloads included.
import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IS_PUBLIC } from '@chadavkhi/platform';
import type { Role } from '../roles';
import { AUDITED_DOWNLOAD } from './audited-download.decorator';
import { REQUIRED_ROLES } from './roles.decorator';
import { assertRoles, RequestAuthenticator, SIGN_IN_FIRST } from './request-authenticator';
import { TokenService } from './token.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a route's decorators say about access; read once per route (metadata does not change). */
interface RouteAccess {
  isPublic: boolean;
  auditedDownload: boolean;
  roles: Role[] | undefined;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly authenticator: RequestAuthenticator,
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
    const user = await this.authenticator.authenticate(request, reply);
    if (isPublic) return true;
    if (!user) throw new UnauthorizedException(SIGN_IN_FIRST);
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
    assertRoles(user, roles);
    return true;
  }
}
