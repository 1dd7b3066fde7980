import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** Exactly one of: an agency subtree; a position (within agencyId's subtree, or the officer's own); listed people. */
export class AssignmentTargetDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Everyone in this agency and its sub-agencies; with positionId, where the position applies',
  })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Everyone holding this position (in agencyId's subtree, or the HR officer's own)",
  })
  @IsOptional()
  @IsUUID()
  positionId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 1000 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  userIds?: string[];
}

/** Exactly one of: a fixed date; days after the person took up their position; days after they joined the agency. */
export class AssignmentDueDto {
  @ApiPropertyOptional({ example: '2026-03-31', description: 'Due by the end of this day (Ulaanbaatar time)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 730,
    description:
      'Days after appointment to the position, counted from the day the assignment reaches the person if that is later',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  daysAfterAppointment?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 730,
    description:
      'Days after joining the agency, counted from the day the assignment reaches the person if that is later',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  daysAfterJoining?: number;
}

export class CreateAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId: string;

  @ApiProperty({ type: AssignmentTargetDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AssignmentTargetDto)
  target: AssignmentTargetDto;

  @ApiProperty({ type: AssignmentDueDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AssignmentDueDto)
  due: AssignmentDueDto;

  @ApiPropertyOptional({
    default: false,
    description: 'Due again one year after each completion (the new round opens 30 days before)',
  })
  @IsOptional()
  @IsBoolean()
  renewYearly?: boolean;
}
