// SCIM's own error shape (RFC 7644 §3.12): every answer under /scim/v2 that is not a success is one of
// these, whatever raised it (this code, Nest, the validation pipe, the staff records service).
import {
  ArgumentsHost,
  Catch,
  ConflictException,
  ExceptionFilter,
  ForbiddenException,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem, toProblem, ValidationProblemException } from '@chadavkhi/platform';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** The scimType values RFC 7644 §3.12 defines (and that this server uses). */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail?: string;
}

export class ScimError extends HttpException {
  constructor(
    status: number,
    detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail, status);
  }
}

/** Whatever was thrown, as the SCIM error a client gets (never internals: a 500 says only that it was logged). */
export function toScimError(error: unknown): ScimErrorBody {
  const body = (status: number, detail: string | undefined, scimType?: ScimType): ScimErrorBody => ({
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    ...(detail ? { detail } : {}),
  });
  if (error instanceof ScimError) return body(error.getStatus(), error.message, error.scimType);
  const problems = (error as { problems?: { field: string; message: string }[] })?.problems;
  if (Array.isArray(problems))
    return body(400, problems.map((p) => p.message).join('; ') || 'The resource is not acceptable.', 'invalidValue');
  const problem = toProblem(error);
  if (error instanceof ValidationProblemException) {
    const fields = (problem.errors ?? []).flatMap((e) => e.messages).join('; ');
    return body(400, fields || problem.detail, 'invalidValue');
  }
  if (error instanceof ConflictException) return body(409, problem.detail, 'uniqueness');
  if (error instanceof NotFoundException) return body(404, problem.detail);
  if (error instanceof ForbiddenException) return body(403, problem.detail);
  if (problem.status === 400 && /json/i.test(problem.type)) return body(400, problem.detail, 'invalidSyntax');
  if (problem.status === 422) return body(400, problem.detail, 'invalidValue');
  return body(problem.status, problem.detail);
}

export function sendScimError(reply: FastifyReply, error: ScimErrorBody): void {
  const status = Number(error.status);
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="scim"');
  reply.status(status).header('content-type', SCIM_CONTENT_TYPE).send(error);
}

/**
 * For the app's global problem filter: a refusal under /scim/v2 raised before any SCIM route runs
 * (a body that is not JSON, an unknown path, control characters) is answered in SCIM's shape too.
 */
export function renderScimProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): boolean {
  if (!/^\/scim\/v2(\/|\?|$)/.test(request.url ?? '')) return false;
  const syntax =
    problem.status === 400 &&
    (/malformed-json|json-too-deep|control-characters|bad-content-length/.test(problem.type) ||
      /json/i.test(problem.detail ?? ''));
  sendScimError(reply, {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(problem.status),
    ...(syntax ? { scimType: 'invalidSyntax' as const } : {}),
    ...(problem.detail ? { detail: problem.detail } : {}),
  });
  return true;
}

@Catch()
export class ScimErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('SCIM');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const scim = toScimError(error);
    if (Number(scim.status) >= 500) this.logger.error({ err: error }, 'Unhandled error');
    sendScimError(reply, scim);
  }
}
