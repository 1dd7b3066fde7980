// Turns every error (Nest, Fastify, validation, unexpected) into RFC 9457 problem+json; never leaks internals.
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AllowedMethods } from '../http/allowed-methods';
import { Problem, PROBLEM_CONTENT_TYPE, problemType, statusTitle } from './problem';
import { ValidationProblemException } from './validation-problem.exception';

/** Fastify's own error codes (body parsing, limits) mapped to what a client can act on. */
const FASTIFY_ERRORS: Record<string, { status: number; slug: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, slug: 'malformed-json', detail: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    slug: 'malformed-json',
    detail: 'The request body is empty but declared as JSON.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    slug: 'body-too-large',
    detail: 'The request body is larger than the server accepts.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    slug: 'unsupported-media-type',
    detail:
      'This body type is not accepted here: send application/json (or the form or file type the endpoint documents).',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    slug: 'bad-content-length',
    detail: 'The Content-Length header does not match the body.',
  },
};

/**
 * PostgreSQL's refusals of text it cannot store (NUL: 22021; a character with no UTF-8 form: 22P05).
 * Request input is checked for these before any handler runs; this catches text from elsewhere in
 * the request (an uploaded file's extracted text) so it is still the client's 400, not a 500.
 */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

/**
 * A backing service gone for a moment: PostgreSQL unreachable (SQLSTATE class 08) or shutting down or
 * starting (57P01–57P03, a restart or a failover), or a connection refused or reset under a request.
 * The request itself was fine, and nothing of it was acknowledged: a 503 the client may send again.
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123])$/;
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET']);
export const UNAVAILABLE_RETRY_SECONDS = 2;

/**
 * TypeORM gives a transaction's connection back the moment it errors (PostgresQueryRunner listens
 * for the socket's "error"), so the transaction's next query reports the runner released: the same
 * lost connection, seen one query later.
 */
const LOST_CONNECTION_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);
/** pg's words (it gives no code) for a socket the server closed under a query, or never answered on. */
const LOST_CONNECTION_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  // A server that accepted the connection and did not answer within the pool's wait.
  'Connection terminated due to connection timeout',
]);

/** pg-pool's words when every connection stayed busy for DATABASE_POOL_WAIT_MS: overloaded, not broken. */
const POOL_BUSY_MESSAGE = 'timeout exceeded when trying to connect';

const isUnavailable = (error: unknown, code: string | undefined) =>
  (code !== undefined && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET.has(code))) ||
  (error instanceof Error && (LOST_CONNECTION_ERRORS.has(error.name) || LOST_CONNECTION_MESSAGES.has(error.message)));

export function toProblem(error: unknown, instance?: string): Problem {
  if (error instanceof ValidationProblemException) {
    return {
      type: problemType(error.slug),
      title: 'Your request has invalid fields',
      status: 400,
      detail: error.message,
      instance,
      errors: error.fieldErrors,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const fromBody = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const detail =
      typeof body === 'string'
        ? body
        : Array.isArray(fromBody.message)
          ? fromBody.message.join('; ')
          : ((fromBody.message as string | undefined) ?? error.message);
    const { message: _m, error: _e, statusCode: _s, ...extensions } = fromBody;
    return {
      type: problemType(extensions.slug as string | undefined),
      title: statusTitle(status),
      status,
      detail,
      instance,
      ...extensions,
      slug: undefined,
    };
  }
  const code = (error as { code?: string })?.code;
  const known = code ? FASTIFY_ERRORS[code] : undefined;
  if (known)
    return {
      type: problemType(known.slug),
      title: statusTitle(known.status),
      status: known.status,
      detail: known.detail,
      instance,
    };
  if (code && UNSTORABLE_TEXT.has(code)) {
    return {
      type: problemType('control-characters'),
      title: statusTitle(400),
      status: 400,
      detail: 'The request holds text that cannot be stored (a NUL or another control character).',
      instance,
    };
  }
  if (error instanceof Error && error.message === POOL_BUSY_MESSAGE) {
    return {
      type: problemType('busy'),
      title: statusTitle(503),
      status: 503,
      detail: 'The service is busy with many requests at once. Try again in a moment.',
      instance,
    };
  }
  if (isUnavailable(error, code)) {
    return {
      type: problemType('temporarily-unavailable'),
      title: statusTitle(503),
      status: 503,
      detail: 'A service this request needs is restarting or failing over. Try again in a moment.',
      instance,
    };
  }
  const status = (error as { statusCode?: number })?.statusCode;
  if (status && status >= 400 && status < 500) {
    return { type: problemType(), title: statusTitle(status), status, detail: (error as Error).message, instance };
  }
  return {
    type: problemType(),
    title: statusTitle(500),
    status: 500,
    detail: 'Something went wrong on our side. It has been logged.',
    instance,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): void {
  const body = JSON.parse(JSON.stringify(problem)); // drops undefined members
  reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

/** Lets the web app answer a browser's page request with an HTML page instead of JSON; returns true if it did. */
export type HtmlProblemRenderer = (request: FastifyRequest, reply: FastifyReply, problem: Problem) => boolean;

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(
    private readonly renderHtml?: HtmlProblemRenderer,
    private readonly allowedMethods?: AllowedMethods,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    let problem = toProblem(error, request?.url?.split('?')[0]);
    // No route for this method: if the address has routes for others, it is a 405 that lists them.
    // (A route of this very method that found nothing, such as a static file missing, stays a 404.)
    const allowed = problem.status === 404 && request?.is404 ? (this.allowedMethods?.(request) ?? []) : [];
    if (allowed.length && !allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '));
      problem = {
        type: problemType('method-not-allowed'),
        title: statusTitle(405),
        status: 405,
        detail: `${request.method} is not answered here; use ${allowed.join(' or ')}.`,
        instance: problem.instance,
      };
    }
    // RFC 9110 §15.5.2 and RFC 6750 §3: a 401 says how to authenticate, and why a token was refused.
    if (problem.status === 401)
      reply.header(
        'www-authenticate',
        /^Bearer /i.test(request?.headers?.authorization ?? '')
          ? 'Bearer realm="chadavkhi", error="invalid_token"'
          : 'Bearer realm="chadavkhi"',
      );
    if (problem.status === 503) {
      reply.header('retry-after', String(UNAVAILABLE_RETRY_SECONDS));
      this.logger.warn({ err: error, reqId: request?.id }, 'A backing service is unavailable');
    } else if (problem.status >= 500) this.logger.error({ err: error, reqId: request?.id }, 'Unhandled error');
    if (problem.status === 429 && (error as HttpException)?.getResponse) {
      const retry = ((error as HttpException).getResponse() as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retry) reply.header('retry-after', String(retry));
    }
    if (this.renderHtml?.(request, reply, problem)) return;
    sendProblem(reply, problem);
  }
}
