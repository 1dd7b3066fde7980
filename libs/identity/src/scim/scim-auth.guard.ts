// /scim/v2 is not for people: its caller proves itself with a connection's bearer token (hash
// compared, revoked ones refused). Wrong tokens are counted per address in Redis, as sign-in
// failures are; past 20 a minute they are answered 429 with Retry-After instead of 401.
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ScimConnection, ScimConnectionsService } from './scim-connections.service';
import { ScimError } from './scim-error';

declare module 'fastify' {
  interface FastifyRequest {
    scimConnection?: ScimConnection;
  }
}

@Injectable()
export class ScimAuthGuard implements CanActivate {
  constructor(private readonly connections: ScimConnectionsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers.authorization;
    const token = /^Bearer\s+/i.test(header ?? '') ? header!.replace(/^Bearer\s+/i, '').trim() : undefined;
    const connection = token ? await this.connections.authenticate(token) : undefined;
    if (connection) {
      request.scimConnection = connection;
      return true;
    }
    // A valid token always passes, so another system's mistakes behind the same address never lock
    // a working one out; guessing gains nothing either way (a token has 256 random bits).
    if (token) {
      const wait = await this.connections.wrongToken(request.ip);
      if (wait) {
        reply.header('retry-after', String(wait));
        throw new ScimError(429, `Too many wrong tokens from this address. Wait ${wait} seconds.`);
      }
    }
    throw new ScimError(401, 'Send a connected system\'s token: "Authorization: Bearer chs_…".');
  }
}
