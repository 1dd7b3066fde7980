// Response documentation that many views share: the counts beside a page of items, and the schemas
// @ApiProperty cannot write by itself in OpenAPI 3.0 (an object or null).
import type { Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';

/** What page() puts beside the items; a list's view extends it with its typed `items`. */
export abstract class PageCountsView {
  @ApiProperty({ description: 'Items in the whole list, on every page' }) total: number;
  @ApiProperty({ description: 'This page, from 1' }) page: number;
  @ApiProperty({ description: 'Items per page asked for' }) limit: number;
}

/** OpenAPI 3.0 has no null type: a nullable schema whose only value is null. */
const NULL_ONLY = { type: 'object', nullable: true, enum: [null] };

/**
 * A property holding an object of `type` or null. `nullable` beside a $ref is ignored by validators
 * (OpenAPI 3.0.3 says so), so it is written as a choice. `type` must be a model the document holds:
 * a route's response, or named by @ApiExtraModels on the controller.
 */
export function objectOrNull(type: Type<unknown>, description?: string): ApiPropertyOptions {
  return { description, oneOf: [{ $ref: getSchemaPath(type) }, NULL_ONLY] };
}
