// What every request's input must be before any controller, pipe or logger walks it: JSON nested at
// most MAX_JSON_DEPTH deep (checked on the text, before JSON.parse builds it), and no control
// characters in any field, key, query value or path parameter. PostgreSQL refuses NUL in text
// (error 22021) and a 10,000-deep body overflows class-transformer's recursion: both were 500s.
import { BadRequestException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/problem';
import { ValidationProblemException } from '../errors/validation-problem.exception';

export const MAX_JSON_DEPTH = 64;

/** C0 controls other than tab, line feed and carriage return (which text fields may hold). */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** True if the JSON text opens more than `max` arrays/objects inside each other; brackets in strings do not count. */
export function jsonNestingExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true; // [ {
    } else if (c === 0x5d || c === 0x7d) depth--; // ] }
  }
  return false;
}

type BodyParser = (request: FastifyRequest, body: string, done: (error: Error | null, body?: unknown) => void) => void;

/** Wraps Fastify's JSON parser (which keeps refusing prototype keys) with the nesting bound. */
export function boundedJsonParser(parse: BodyParser): BodyParser {
  return (request, body, done) => {
    if (jsonNestingExceeds(body)) {
      done(
        new BadRequestException({
          message: `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`,
          slug: 'json-too-deep',
        }),
      );
      return;
    }
    parse(request, body, done);
  };
}

/**
 * The dotted paths of every string (or object key) holding a control character, at most `limit`.
 * Iterative, so nothing here can overflow the stack; binary values (an uploaded file) are skipped.
 */
export function fieldsWithControlCharacters(value: unknown, path = '', limit = 20): string[] {
  const found: string[] = [];
  const pending: [unknown, string][] = [[value, path]];
  while (pending.length && found.length < limit) {
    const [current, at] = pending.pop()!;
    if (typeof current === 'string') {
      if (CONTROL_CHARACTER.test(current)) found.push(at || 'body');
    } else if (current && typeof current === 'object' && !Buffer.isBuffer(current) && !ArrayBuffer.isView(current)) {
      const entries = Array.isArray(current) ? current.map((v, i) => [String(i), v] as const) : Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const childPath = at ? `${at}.${key}` : key;
        if (CONTROL_CHARACTER.test(key)) found.push(at || 'body');
        else pending.push([child, childPath]);
      }
    }
  }
  return [...new Set(found)].slice(0, limit);
}

/** A preValidation hook: refuses control characters in the path parameters, the query string and the body. */
export function refuseControlCharacters(
  request: FastifyRequest,
  _reply: FastifyReply | undefined,
  done: (error?: Error) => void,
): void {
  const fields = [
    ...fieldsWithControlCharacters(request.params),
    ...fieldsWithControlCharacters(request.query),
    ...fieldsWithControlCharacters(request.body),
  ];
  if (!fields.length) return done();
  const errors: FieldError[] = fields.map((field) => ({
    field,
    messages: [`${field} contains a control character (such as NUL), which text may not hold`],
  }));
  done(
    new ValidationProblemException(errors, {
      slug: 'control-characters',
      detail: 'A field contains a control character (such as NUL). Remove it and send again.',
    }),
  );
}
