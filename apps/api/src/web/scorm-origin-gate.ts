// Two origins, one process: a request whose Host is the SCORM content origin reaches only the
// content routes (a package's files, the player), and those routes answer 404 on the product's
// host — so package code can never load a product page or API answer from its own origin, and a
// package file is never served where the session cookie is sent. Someone who opens the content
// origin's address in a browser (localhost beside 127.0.0.1, say) is sent on to the product; any
// other request there gets a 404 that says where the product is.
import { NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { scormContentHostTest, scormProductOrigin } from '@chadavkhi/learning';
import type { AppConfig } from '@chadavkhi/platform';

const CONTENT_ROUTES = /^\/scorm-(content|player)\//;

/** A browser opening an address (not a script fetching one): only such a request is sent on. */
function isNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const mode = request.headers['sec-fetch-mode'];
  return mode === undefined ? /\btext\/html\b/.test(String(request.headers.accept ?? '')) : mode === 'navigate';
}

export function scormOriginGate(config: AppConfig) {
  const isContentHost = scormContentHostTest(config);
  return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const contentHost = isContentHost(request.host);
    if (contentHost === CONTENT_ROUTES.test(request.url)) return done();
    if (!contentHost) return done(new NotFoundException('Nothing here.'));
    const product = scormProductOrigin(config, request.protocol, request.host);
    // Only a path goes after the product's origin (never a request line's absolute URL).
    if (isNavigation(request) && request.url.startsWith('/')) return reply.redirect(`${product}${request.url}`, 302);
    done(new NotFoundException(`This address serves e-learning packages only; the product is at ${product}.`));
  };
}
