import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class OpenNeedsSurveyDto {
  @ApiProperty({ format: 'uuid', description: 'Everyone in this agency and the agencies below it is asked' })
  @IsUUID()
  agencyId: string;

  @ApiProperty({ type: 'integer', minimum: 2020, maximum: 2100, description: 'The plan year the needs are for' })
  @IsInt()
  @Min(2020)
  @Max(2100)
  year: number;

  @ApiProperty({ format: 'date', example: '2026-12-07' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'opensOn must be YYYY-MM-DD' })
  opensOn: string;

  @ApiProperty({ format: 'date', example: '2026-12-31', description: 'The last day answers are taken online' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'closesOn must be YYYY-MM-DD' })
  closesOn: string;
}

export class RatingDto {
  @ApiProperty({ example: 'ethics' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,59}$/, { message: 'competencyCode must be a competency code' })
  competencyCode: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 4, description: '0: not at all; 1–4 the framework’s levels' })
  @IsInt()
  @Min(0)
  @Max(4)
  level: number;
}

export const RATERS = ['self', 'supervisor'] as const;
export const SOURCES = ['online', 'paper'] as const;

/** One person's ratings by one rater. */
export class NeedsAnswerDto {
  @ApiProperty({ format: 'uuid', description: 'Whom the ratings are about' })
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: RATERS, description: 'self: the person; supervisor: their supervisor' })
  @IsIn(RATERS)
  rater: (typeof RATERS)[number];

  @ApiPropertyOptional({
    enum: SOURCES,
    default: 'online',
    description: 'paper: typed in by HR from the printed sheet (up to 30 days after the survey closes)',
  })
  @IsOptional()
  @IsIn(SOURCES)
  source?: (typeof SOURCES)[number];

  @ApiProperty({ type: [RatingDto], minItems: 1, maxItems: 30 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => RatingDto)
  ratings: RatingDto[];
}
