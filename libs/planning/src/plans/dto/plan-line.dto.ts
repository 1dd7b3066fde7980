import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { MAX_AMOUNT } from './create-plan.dto';

/** Seats of one line. */
export const MAX_SEATS = 100_000;

export const MODALITIES = ['online', 'face_to_face', 'external'] as const;
export const KPI_MEASURES = ['completed_share', 'certified_share', 'competency_coverage'] as const;

/** One line of a plan: which competency, for whom, how, when, at what cost, and how success is measured. */
export class PlanLineDto {
  @ApiProperty({ example: 'public-finance', description: 'The competency the line builds' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,59}$/, { message: 'competencyCode must be a competency code' })
  competencyCode: string;

  @ApiProperty({ format: 'uuid', description: 'The target group’s agency: the plan’s agency or one below it' })
  @IsUUID()
  targetAgencyId: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 50,
    description: 'The target group’s positions',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  positionIds: string[];

  @ApiProperty({ enum: MODALITIES })
  @IsIn(MODALITIES)
  modality: (typeof MODALITIES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'The published course (required unless external)' })
  @IsOptional()
  @IsUUID()
  courseId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Who delivers an external line' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  provider?: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_SEATS })
  @IsInt()
  @Min(1)
  @Max(MAX_SEATS)
  seats: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 })
  @IsInt()
  @Min(1)
  @Max(4)
  quarter: number;

  @ApiProperty({ minimum: 0, maximum: MAX_AMOUNT, description: 'Allocated to this line, in tögrög' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_AMOUNT)
  cost: number;

  @ApiProperty({ minLength: 1, maxLength: 500, example: '80% of inspectors hold the competency by December' })
  @IsString()
  @Length(1, 500)
  kpi: string;

  @ApiPropertyOptional({
    enum: KPI_MEASURES,
    default: 'completed_share',
    description: 'The figure the KPI is read from',
  })
  @IsOptional()
  @IsIn(KPI_MEASURES)
  kpiMeasure?: (typeof KPI_MEASURES)[number];

  @ApiProperty({ minimum: 0, maximum: 100, description: 'The target, in percent of the measure' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  kpiTarget: number;
}
