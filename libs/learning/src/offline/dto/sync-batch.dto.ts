import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsUUID, ValidateNested } from 'class-validator';

/** Items per batch: a device offline for weeks on a 20-lesson course sends far fewer. */
export const SYNC_BATCH_MAX = 1000;

export class OfflineEventDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Made on the device when the event happened; sending it again is a duplicate, never a second event',
  })
  @IsUUID()
  id: string;

  @ApiProperty({ enum: ['lesson.completed'] })
  @IsIn(['lesson.completed'])
  type: 'lesson.completed';

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  enrollmentId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  lessonId: string;

  @ApiProperty({
    format: 'date-time',
    description:
      'When it happened on the device: refused if before the enrolment began or after now, beyond 5 minutes of clock skew',
  })
  @IsISO8601({ strict: true })
  occurredAt: string;
}

export class SyncBatchDto {
  @ApiProperty({ type: [OfflineEventDto], maxItems: SYNC_BATCH_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SYNC_BATCH_MAX)
  @ValidateNested({ each: true })
  @Type(() => OfflineEventDto)
  items: OfflineEventDto[];
}

export type SyncOutcome =
  { id: string; status: 'applied' | 'duplicate' } | { id: string; status: 'refused'; reason: string };
