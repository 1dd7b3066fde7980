// The attachment upload is the one route that takes a file as its raw body, up to
// KNOWLEDGE_ATTACHMENT_MAX_BYTES. Before any of that body is read, the route wants a signed token
// (the guard still checks the session after), so an anonymous 10 MiB upload costs a 401 and no
// bytes; every other route refuses these types with 415 unread, as it would any type it does not take.
import { UnauthorizedException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { SESSION_COOKIE, TokenService } from '@chadavkhi/identity';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by @RouteConfig on the attachment upload route. */
    attachmentUpload?: boolean;
  }
}

/** Files arrive as these types: application/octet-stream, or the file's own type. */
const RAW_UPLOAD_TYPES =
  /^(application\/(octet-stream|pdf|vnd\.openxmlformats-officedocument\.[a-z.]+)|image\/[a-z0-9.+-]+)(;.*)?$/;

function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : request.cookies?.[SESSION_COOKIE];
}

/** Answers before the body is read; closing the connection spares reading the rest of it too. */
function refuseUnread(reply: FastifyReply, error: Error): never {
  reply.header('connection', 'close');
  throw error;
}

export function registerAttachmentUploads(fastify: FastifyInstance, maxBytes: number, tokens: TokenService): void {
  if (fastify.hasContentTypeParser('application/octet-stream')) return; // registered by an earlier app in this process
  fastify.addContentTypeParser(RAW_UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) =>
    done(null, body),
  );
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.is404) return;
    if (request.routeOptions.config?.attachmentUpload !== true) {
      if (RAW_UPLOAD_TYPES.test(request.headers['content-type'] ?? ''))
        refuseUnread(
          reply,
          new UnsupportedMediaTypeException('This endpoint does not take a file as its body; send JSON.'),
        );
      return;
    }
    const token = sessionToken(request);
    if (!token || !(await tokens.verify(token)))
      refuseUnread(
        reply,
        new UnauthorizedException(
          'Sign in first: send a valid Bearer token (POST /api/v1/auth/login) or the session cookie.',
        ),
      );
  });
}
