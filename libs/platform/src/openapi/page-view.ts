// The documented shape of a Page<T> (http/pagination.ts). OpenAPI has no generics, so each item class
// gets its own named page class: `export class AgencyPage extends PageView(AgencyView) {}`.
import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '../http/pagination';

export function PageView<T>(item: Type<T>): Type<Page<T>> {
  class ItemPage implements Page<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ type: 'integer', description: 'How many there are in all, across every page' }) total: number;
    @ApiProperty({ type: 'integer', minimum: 1 }) page: number;
    @ApiProperty({ type: 'integer', minimum: 1, description: 'The most items a page holds' }) limit: number;
  }
  return ItemPage;
}
