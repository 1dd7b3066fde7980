// Routes that take a large upload (a SCORM package, a staff file, a knowledge attachment) say who may
// send it where the route is declared, and that is checked in an onRequest hook, before a byte of the
// body is read: the same session lookup as the guard (RequestAuthenticator, its answer kept on the
// request for the guard) and the same roles (the decorator also sets @Roles, so they cannot differ).
// A refusal answers at once and closes the connection, so the rest of the body is never read either.
// What the service checks on the data (this course, this agency) still comes after the body.
import { applyDecorators, UnauthorizedException } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../roles';
import { assertRoles, RequestAuthenticator, SIGN_IN_FIRST } from './request-authenticator';
import { Roles } from './roles.decorator';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set through UploadRoute: the roles that may send this route's body (empty: anyone signed in). */
    uploadAccess?: { roles: Role[] };
  }
}

export interface UploadRouteOptions {
  /** Who may upload; empty: anyone signed in (the service decides on the data). */
  roles: Role[];
  /** A multipart file part stops at this many bytes; omit for a route that takes its body raw. */
  multipartFileBytes?: number;
  /** More route config (a raw-body route's own marker). */
  config?: Record<string, unknown>;
}

/** Declares an upload route: its roles (as @Roles) and the early check of them, and its multipart limits. */
export function UploadRoute(options: UploadRouteOptions): MethodDecorator {
  const limits = options.multipartFileBytes
    ? { multipartOptions: { limits: { fileSize: options.multipartFileBytes, files: 1, fields: 10, parts: 11 } } }
    : {};
  const config = { ...options.config, ...limits, uploadAccess: { roles: options.roles } };
  return applyDecorators(
    ...(options.roles.length ? [Roles(...options.roles)] : []),
    RouteConfig(config) as MethodDecorator,
  );
}

/** A limit read when routes are declared, from the variable AppConfig validates, so the stream stops there (the service checks it too). */
export function declaredByteLimit(variable: string, fallback: number): number {
  const configured = Number(process.env[variable]);
  return Number.isInteger(configured) && configured >= 1024 ? configured : fallback;
}

export function registerUploadAccess(fastify: FastifyInstance, authenticator: RequestAuthenticator): void {
  if (fastify.hasDecorator('uploadAccessRegistered')) return; // an earlier app in this process
  fastify.decorate('uploadAccessRegistered', true);
  // Callback style: the hook runs on every request, and most have nothing to check.
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    const access = request.is404 ? undefined : request.routeOptions.config?.uploadAccess;
    if (!access) return done();
    authenticator.authenticate(request, reply).then(
      (user) => {
        if (!user) return refuse(new UnauthorizedException(SIGN_IN_FIRST));
        try {
          assertRoles(user, access.roles);
        } catch (error) {
          return refuse(error as Error);
        }
        done();
      },
      (error: Error) => refuse(error),
    );
    function refuse(error: Error) {
      reply.header('connection', 'close');
      done(error);
    }
  });
}
