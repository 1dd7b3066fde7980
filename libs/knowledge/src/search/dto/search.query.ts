import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '@chadavkhi/platform';
import { DOCUMENT_TYPES } from '../../documents/document-access';
import { TAG } from '../../documents/dto/document.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SearchQuery extends PageQuery {
  @ApiPropertyOptional({
    maxLength: 200,
    example: 'худалдан авах',
    description: 'Words to find in titles, summaries, bodies and attachments; empty lists everything you may see',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: [...DOCUMENT_TYPES, 'course'] })
  @IsOptional()
  @IsIn([...DOCUMENT_TYPES, 'course'])
  type?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The owning agency, sub-agencies included' })
  @IsOptional()
  @IsUUID('all')
  agencyId?: string;

  @ApiPropertyOptional({ description: 'Only entries with this tag (any case)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(TAG, { message: 'tag must be 1-60 letters, digits, spaces, _ or -' })
  tag?: string;

  @ApiPropertyOptional({ enum: ['mn', 'en'] })
  @IsOptional()
  @IsIn(['mn', 'en'])
  language?: 'mn' | 'en';

  @ApiPropertyOptional({ enum: ['document', 'course'] })
  @IsOptional()
  @IsIn(['document', 'course'])
  kind?: 'document' | 'course';

  @ApiPropertyOptional({ enum: ['relevance', 'newest'], default: 'relevance' })
  @IsOptional()
  @IsIn(['relevance', 'newest'])
  sort: 'relevance' | 'newest' = 'relevance';
}
