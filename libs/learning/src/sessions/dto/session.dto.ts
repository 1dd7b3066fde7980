// Input of the face-to-face session API: scheduling, editing, listing, registering and attendance.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@chadavkhi/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Query strings are text: only "true" and "false" mean booleans. */
const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export const MAX_CAPACITY = 500;
export const MAX_ATTENDANCE_RECORDS = 500;

export class CreateSessionDto {
  @ApiProperty({ format: 'uuid', description: 'A published course you own (administrators: any)' })
  @IsUUID()
  courseId: string;

  @ApiProperty({
    format: 'uuid',
    description: 'Where it takes place, as an agency of the tree (an aimag, a soum, a district, a ministry…)',
  })
  @IsUUID()
  agencyId: string;

  @ApiProperty({ example: 'Сумын ЗДТГ-ын хурлын танхим', maxLength: 300 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  place: string;

  @ApiProperty({ example: '2026-12-10T09:00:00+08:00' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ example: '2026-12-10T17:00:00+08:00', description: 'After startsAt' })
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiProperty({ minimum: 1, maximum: MAX_CAPACITY })
  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  capacity: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The trainer who runs it (a user with the trainer role); you by default',
  })
  @IsOptional()
  @IsUUID()
  trainerId?: string;
}

export class UpdateSessionDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  place?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_CAPACITY,
    description: 'Never below the people already seated; raising it seats the waiting list in order',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  capacity?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  trainerId?: string;
}

export class ListSessionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only sessions of this course' })
  @IsOptional()
  @IsUUID()
  courseId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Sessions held in this agency or anywhere below it' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({
    description: 'Also sessions that have ended (after the upcoming ones, latest first)',
    default: false,
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  includePast?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Also sessions that were cancelled' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  includeCancelled?: boolean;
}

export class RegisterDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Someone else (HR officers: staff of their subtree; administrators: anyone); yourself when left out',
  })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class AttendanceRecordDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty()
  @IsBoolean()
  attended: boolean;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: 100,
    nullable: true,
    description: 'The paper final quiz score in percent; needed to complete a course with a final quiz',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  score?: number | null;
}

export class RecordAttendanceDto {
  @ApiProperty({ type: [AttendanceRecordDto], maxItems: MAX_ATTENDANCE_RECORDS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ATTENDANCE_RECORDS)
  @ValidateNested({ each: true })
  @Type(() => AttendanceRecordDto)
  records: AttendanceRecordDto[];
}

export class NominateDto {
  @ApiProperty({ format: 'uuid', description: 'A direct report of yours (active)' })
  @IsUUID()
  userId: string;
}

export const DECISIONS = ['approve', 'decline'] as const;
export type Decision = (typeof DECISIONS)[number];
export const MAX_DECLINE_REASON = 500;

export class DecideRequestDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: Decision;

  @ApiPropertyOptional({ maxLength: MAX_DECLINE_REASON, description: 'Why it was declined; told to the learner' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(MAX_DECLINE_REASON)
  reason?: string;
}

/** pending: asked, waiting for the supervisor; declined: the supervisor said no. */
export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled', 'pending', 'declined'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
