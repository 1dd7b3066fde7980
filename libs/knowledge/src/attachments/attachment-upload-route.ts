// The attachment upload is the one route that takes a file as its raw body, up to
// KNOWLEDGE_ATTACHMENT_MAX_BYTES. Before any of that body is read, the route wants someone signed in
// (identity's UploadRoute), so an anonymous 10 MiB upload costs a 401 and no bytes; every other
// route refuses these types with 415 unread, as it would any type it does not take.
import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by @RouteConfig on the attachment upload route. */
    attachmentUpload?: boolean;
  }
}

/** Files arrive as these types: application/octet-stream, or the file's own type. */
const RAW_UPLOAD_TYPES =
  /^(application\/(octet-stream|pdf|vnd\.openxmlformats-officedocument\.[a-z.]+)|image\/[a-z0-9.+-]+)(;.*)?$/;

/** Answers before the body is read; closing the connection spares reading the rest of it too. */
function refuseUnread(reply: FastifyReply, error: Error): never {
  reply.header('connection', 'close');
  throw error;
}

export function registerAttachmentUploads(fastify: FastifyInstance, maxBytes: number): void {
  if (fastify.hasContentTypeParser('application/octet-stream')) return; // registered by an earlier app in this process
  fastify.addContentTypeParser(RAW_UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) =>
    done(null, body),
  );
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.is404 || request.routeOptions.config?.attachmentUpload === true) return;
    if (RAW_UPLOAD_TYPES.test(request.headers['content-type'] ?? ''))
      refuseUnread(
        reply,
        new UnsupportedMediaTypeException('This endpoint does not take a file as its body; send JSON.'),
      );
  });
}
