// Staff files arrive as multipart/form-data (an HTML form on a page, curl -F from a script), larger
// than any other form: up to STAFF_IMPORT_MAX_BYTES, on the routes marked @RouteConfig(STAFF_UPLOAD)
// only (everything else keeps the small global multipart limits). Before any of such a body is read,
// the route wants a valid session (bearer token or cookie; the guard still checks roles after), so
// an anonymous upload costs a 401 and no bytes.
import { UnauthorizedException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { SESSION_COOKIE } from '../auth/session-cookie';
import type { TokenService } from '../auth/token.service';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set through STAFF_UPLOAD on the staff file routes. */
    staffUpload?: boolean;
  }
}

/**
 * The route config of a staff upload. Read when the routes are declared, from the same variable
 * AppConfig validates (STAFF_IMPORT_MAX_BYTES), so the stream stops at the limit; the service checks it too.
 */
export function staffUploadRoute(): Record<string, unknown> {
  const configured = Number(process.env.STAFF_IMPORT_MAX_BYTES);
  const fileSize = Number.isInteger(configured) && configured >= 1024 ? configured : 64 * 1024 * 1024;
  return { staffUpload: true, multipartOptions: { limits: { fileSize, files: 1, fields: 10, parts: 11 } } };
}

function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : request.cookies?.[SESSION_COOKIE];
}

export function registerStaffUploads(fastify: FastifyInstance, tokens: TokenService): void {
  if (fastify.hasDecorator('staffUploadsRegistered')) return; // an earlier app in this process
  fastify.decorate('staffUploadsRegistered', true);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.is404 || request.routeOptions.config?.staffUpload !== true) return;
    const token = sessionToken(request);
    if (!token || !(await tokens.verify(token))) {
      reply.header('connection', 'close');
      throw new UnauthorizedException(
        'Sign in first: send a valid Bearer token (POST /api/v1/auth/login) or the session cookie.',
      );
    }
  });
}
