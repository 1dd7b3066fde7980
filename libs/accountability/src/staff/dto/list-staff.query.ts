import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '@chadavkhi/platform';
import { STAFF_STATUSES, StaffStatus } from '../staff.repository';

/** Filters shared by the staff list and its exports. */
export class StaffFilterQuery {
  @ApiPropertyOptional({
    enum: STAFF_STATUSES,
    description:
      'overdue: a mandatory course past its due date; due: assigned, not yet done; completed: every assigned course done',
  })
  @IsOptional()
  @IsIn(STAFF_STATUSES)
  status?: StaffStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only people holding this position' })
  @IsOptional()
  @IsUUID()
  positionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Where people stand on this assigned course only' })
  @IsOptional()
  @IsUUID()
  courseId?: string;

  @ApiPropertyOptional({
    maxLength: 20,
    example: 'УБ99061512',
    description: 'Only the person with this registration number (whole; any case, spaces or dashes)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  registrationNumber?: string;
}

export class ListStaffQuery extends IntersectionType(PageQuery, StaffFilterQuery) {}

export class ExportStaffQuery extends StaffFilterQuery {
  @ApiPropertyOptional({
    enum: ['mn', 'en'],
    default: 'mn',
    description: 'Language of agency and position names in the file',
  })
  @IsOptional()
  @IsIn(['mn', 'en'])
  lang?: 'mn' | 'en';
}
