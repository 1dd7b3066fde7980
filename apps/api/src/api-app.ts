// Builds the HTTP application; shared by main.ts, the end-to-end tests and the benchmark.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { constants as zlib } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { BadRequestException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { buildApiDocument } from './openapi/api-document';
import helmet from 'helmet';
import type { Logger } from 'pino';
import {
  AppConfig,
  boundedJsonParser,
  compressInMemory,
  createLogger,
  createValidationPipe,
  PinoNestLogger,
  ProblemDetailsFilter,
  refuseControlCharacters,
  trackAllowedMethods,
  resolveDeployment,
} from '@chadavkhi/platform';
import { renderScimProblem } from '@chadavkhi/identity';
import { AppModule } from './app.module';
import { renderHtmlProblem } from './web/html-problem';
import { registerAssets } from './web/static-assets';
import { scormOriginGate } from './web/scorm-origin-gate';
import { registerViews } from './web/views';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function createApiApp(
  config: AppConfig,
  logger: Logger = createLogger(config.LOG_LEVEL, 'api'),
): Promise<NestFastifyApplication> {
  await resolveDeployment(config, { checkRedis: true });
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // A client's X-Request-Id is kept for tracing only if it is a plain token; anything else (a
    // line break, markup, a kilobyte of text) would go into every log line, so it gets a fresh id.
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    // A module that cannot start (a wrong identity provider file) rejects here, so main.ts can say
    // why in one line instead of Nest exiting with a stack trace.
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Before Nest registers the routes (at init), so every route is known for 405s.
  const allowedMethods = trackAllowedMethods(fastify);
  // Nest's body parsers (urlencoded forms, JSON), registered now so the JSON one can be swapped for
  // one that refuses deep nesting before JSON.parse (Fastify's own parser, which refuses prototype keys).
  adapter.registerParserMiddleware();
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: config.BODY_LIMIT_BYTES },
    boundedJsonParser(fastify.getDefaultJsonParser('error', 'error')),
  );
  // Nothing takes plain text: Fastify's default parser would hand a string to routes that expect an
  // object and answer 400; without it the answer is 415, which says what is wrong.
  fastify.removeContentTypeParser('text/plain');
  // SCIM clients (/scim/v2) send their bodies as application/scim+json (RFC 7644 §3.1): the same JSON, the same bounds.
  fastify.addContentTypeParser(
    'application/scim+json',
    { parseAs: 'string', bodyLimit: config.BODY_LIMIT_BYTES },
    boundedJsonParser(fastify.getDefaultJsonParser('error', 'error')),
  );
  // Control characters (NUL above all: PostgreSQL cannot store it) refused in every route's input.
  fastify.addHook('preValidation', refuseControlCharacters);
  // The per-request hooks take a callback rather than returning a promise: every request runs them.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    // Whatever is answered to a signed-in caller may carry who they are (their data, their name in a
    // page's header, even on a public page): no browser or proxy keeps it. Anonymous answers keep
    // the caching their route chose (open data, assets).
    if (request.user) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  fastify.addHook('onRequest', (request, _reply, done) => {
    // A multipart body without its boundary cannot be split into parts (the parser would throw): 400.
    const type = request.headers['content-type'];
    if (type && /^multipart\//i.test(type) && !/;\s*boundary=/i.test(type))
      return done(
        new BadRequestException({
          message: 'A multipart body needs its boundary in the Content-Type header (multipart/form-data; boundary=…).',
          slug: 'multipart-without-boundary',
        }),
      );
    // Many clients send "Content-Type: application/json" with no body on action endpoints
    // (publish, enrol, start an attempt); Fastify would answer 400. An empty body is no body.
    const length = request.headers['content-length'];
    if (!request.headers['transfer-encoding'] && (length === undefined || length === '0'))
      delete request.headers['content-type'];
    done();
  });
  // Pages and API answers compressed for slow connections; Brotli at a quality cheap enough per request.
  // Answers in memory in one call (compressInMemory); streams (files, PDFs) by @fastify/compress.
  fastify.addHook('onSend', compressInMemory);
  await app.register(fastifyCompress as never, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyCookie as never);
  // File uploads from plain HTML forms (the attendance sheet): fields and the one small file land
  // in request.body, so the CSRF check and the page controller read them like any form.
  await app.register(fastifyMultipart as never, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 256 * 1024, files: 1, fields: 20, parts: 21 },
  });
  // Security headers from helmet, built once: @fastify/helmet rebuilds the helmet middleware (and
  // re-parses the CSP) on every request, a tenth of a millisecond each.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    hsts: config.publicUrl.startsWith('https://'),
    // Not no-referrer: under it browsers send "Origin: null" with our own form posts, which the
    // same-origin check must refuse. same-origin still tells other sites nothing.
    referrerPolicy: { policy: 'same-origin' },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  fastify.addHook('onRequest', scormOriginGate(config));
  registerViews(app);
  registerAssets(app, join(__dirname, 'web', 'public'));
  // Never a source map, should a build leave one beside the scripts: it would publish the sources.
  app.useStaticAssets({
    root: join(__dirname, 'web', 'public'),
    prefix: '/assets/',
    maxAge: '1d',
    allowedPath: (path: string) => !/\.map$/i.test(path),
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(
    new ProblemDetailsFilter(
      (request, reply, problem) =>
        renderScimProblem(request, reply, problem) || renderHtmlProblem(request, reply, problem),
      allowedMethods,
    ),
  );

  const document = buildApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
  });
  return app;
}
