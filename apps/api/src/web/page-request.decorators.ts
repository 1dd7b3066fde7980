// What a page handler reads from its request, said once: an id in the path (a malformed one is a
// 404 page, as for an id that names nothing), the page's language, the posted form, the query string.
import { createParamDecorator, ExecutionContext, NotFoundException, Param, PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { formBody, isUuid } from './form-fields';
import { pageLanguage } from './web-request';

class UuidPagePipe implements PipeTransform<string, string> {
  constructor(private readonly notFound: string) {}

  transform(value: string): string {
    if (!isUuid(value)) throw new NotFoundException(this.notFound);
    return value;
  }
}

/** A path parameter that must be a UUID; anything else answers 404 with `notFound`. */
export const UuidParam = (name: string, notFound = 'No such page.') => Param(name, new UuidPagePipe(notFound));

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest>();

/** The page's language (?lang=, the cookie, the user's setting, then Mongolian). */
export const PageLanguage = createParamDecorator((_: unknown, context: ExecutionContext) =>
  pageLanguage(requestOf(context)),
);

/** The posted urlencoded form, every value a string (an empty object when there is none). */
export const Form = createParamDecorator((_: unknown, context: ExecutionContext) => formBody(requestOf(context)));

/** The query string's values as sent, for a page to pick what it knows and ignore the rest. */
export const PageQueryParams = createParamDecorator(
  (_: unknown, context: ExecutionContext): Record<string, unknown> =>
    (requestOf(context).query as Record<string, unknown> | undefined) ?? {},
);
