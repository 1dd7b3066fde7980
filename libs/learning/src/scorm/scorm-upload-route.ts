// SCORM packages arrive as multipart/form-data (the draft page's form, curl -F), far larger than any
// other form: up to SCORM_MAX_PACKAGE_BYTES, on the route marked @RouteConfig(scormUploadRoute())
// only (everything else keeps the small global multipart limits). Before any of such a body is
// read, the route wants a valid session (the guard checks roles after, the service the course), so
// an anonymous 100 MiB upload costs a 401 and no bytes.
import { UnauthorizedException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { SESSION_COOKIE, TokenService } from '@chadavkhi/identity';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set through scormUploadRoute() on the package upload routes. */
    scormUpload?: boolean;
  }
}

export const DEFAULT_SCORM_MAX_PACKAGE_BYTES = 100 * 1024 * 1024;

/** Read when the routes are declared, from the variable AppConfig validates, so the stream stops at the limit (the service checks it too). */
export function scormUploadRoute(): Record<string, unknown> {
  const configured = Number(process.env.SCORM_MAX_PACKAGE_BYTES);
  const fileSize = Number.isInteger(configured) && configured >= 1024 ? configured : DEFAULT_SCORM_MAX_PACKAGE_BYTES;
  return { scormUpload: true, multipartOptions: { limits: { fileSize, files: 1, fields: 10, parts: 11 } } };
}

function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : request.cookies?.[SESSION_COOKIE];
}

export function registerScormUploads(fastify: FastifyInstance, tokens: TokenService): void {
  if (fastify.hasDecorator('scormUploadsRegistered')) return; // an earlier app in this process
  fastify.decorate('scormUploadsRegistered', true);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.is404 || request.routeOptions.config?.scormUpload !== true) return;
    const token = sessionToken(request);
    if (!token || !(await tokens.verify(token))) {
      reply.header('connection', 'close');
      throw new UnauthorizedException(
        'Sign in first: send a valid Bearer token (POST /api/v1/auth/login) or the session cookie.',
      );
    }
  });
}
