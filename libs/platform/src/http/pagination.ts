import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_LIMIT = 100;

/** `?page=&limit=` on every list; limit is bounded so no request can ask for the whole table. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit: number = 20;

  get offset(): number {
    return (this.page - 1) * this.limit;
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export function page<T>(items: T[], total: number, query: PageQuery): Page<T> {
  return { items, total, page: query.page, limit: query.limit };
}

/**
 * The documented shape of a Page of `item`: a route's view class extends it, so the schema is named
 * after the route's own class (`class DocumentPageView extends PageView(DocumentSummaryView) {}`).
 */
export function PageView<T>(item: Class<T>): Class<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ type: 'integer', description: 'How many there are in all, on every page' }) total: number;
    @ApiProperty({ type: 'integer', minimum: 1 }) page: number;
    @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT }) limit: number;
  }
  return PageOfItems;
}
