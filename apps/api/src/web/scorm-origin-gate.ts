// Two origins, one process: a request whose Host is the SCORM content origin reaches only the
// content routes (a package's files, the player), and those routes answer 404 on the product's
// host — so package code can never load a product page or API answer from its own origin, and a
// package file is never served where the session cookie is sent.
import { NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { scormContentHostTest } from '@chadavkhi/learning';
import type { AppConfig } from '@chadavkhi/platform';

const CONTENT_ROUTES = /^\/scorm-(content|player)\//;

export function scormOriginGate(config: AppConfig) {
  const isContentHost = scormContentHostTest(config);
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (isContentHost(request.host) !== CONTENT_ROUTES.test(request.url))
      return done(new NotFoundException('Nothing here.'));
    done();
  };
}
