// Which methods an address answers, for a 405 with Allow (RFC 9110 §15.5.6) instead of a 404 when
// a client asks a known address with the wrong method. Fastify's own router is not public, so the
// routes are noted as they are registered, into a router of the same kind (find-my-way).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Router from 'find-my-way';

export type AllowedMethods = (request: FastifyRequest) => string[];

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** Notes every route registered from now on; call before the application's routes are registered. */
export function trackAllowedMethods(fastify: FastifyInstance): AllowedMethods {
  const router = Router({ ignoreTrailingSlash: true });
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (!(METHODS as readonly string[]).includes(method) || router.hasRoute(method as never, route.url)) continue;
      router.on(method as never, route.url, () => undefined);
    }
  });
  return (request) => {
    const path = request.url.split('?')[0];
    return METHODS.filter((method) => router.find(method, path) !== null);
  };
}
