import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@chadavkhi/platform';
import { STATUSES, DocumentStatus } from '../document-access';

export class ListDocumentsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['mine', 'review'],
    default: 'mine',
    description: 'mine: you author or own; review: documents of the agencies you review',
  })
  @IsOptional()
  @IsIn(['mine', 'review'])
  scope: 'mine' | 'review' = 'mine';

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: DocumentStatus;

  @ApiPropertyOptional({ description: 'Only documents past their review-by date' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  stale?: boolean;
}
