import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ScormOfflineCommitDto } from '../../scorm/dto/scorm-commit.dto';

/** Items per batch: a device offline for weeks on a 20-lesson course sends far fewer. */
export const SYNC_BATCH_MAX = 1000;
/** What a device may have done offline. */
export const OFFLINE_EVENT_TYPES = ['lesson.completed', 'survey.answered', 'scorm.committed'] as const;
export type OfflineEventType = (typeof OFFLINE_EVENT_TYPES)[number];
/** A survey answered offline is a short sheet: this many answers of at most this many characters. */
export const OFFLINE_ANSWERS_MAX = 30;
export const OFFLINE_ANSWER_CHARS_MAX = 2000;

export class OfflineEventDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Made on the device when the event happened; sending it again is a duplicate, never a second event',
  })
  @IsUUID()
  id: string;

  @ApiProperty({
    enum: OFFLINE_EVENT_TYPES,
    description:
      'lesson.completed: a lesson marked done; survey.answered: the course survey answered on the device; scorm.committed: what a SCORM package reported (its id is the commit id)',
  })
  @IsIn(OFFLINE_EVENT_TYPES)
  type: OfflineEventType;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  enrollmentId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'lesson.completed and scorm.committed: the lesson' })
  @ValidateIf((e: OfflineEventDto) => e.type === 'lesson.completed' || e.type === 'scorm.committed')
  @IsUUID()
  lessonId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: "scorm.committed: the SCO's item identifier" })
  @ValidateIf((e: OfflineEventDto) => e.type === 'scorm.committed')
  @IsString()
  @MaxLength(200)
  scoId?: string;

  @ApiPropertyOptional({
    type: ScormOfflineCommitDto,
    description: 'scorm.committed: the runtime data, as PUT …/scorm/{scoId} takes it (the commit id is the item id)',
  })
  @ValidateIf((e: OfflineEventDto) => e.type === 'scorm.committed')
  @IsObject()
  @ValidateNested()
  @Type(() => ScormOfflineCommitDto)
  commit?: ScormOfflineCommitDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'integer' }, { type: 'string', maxLength: 2000 }] },
    description:
      'survey.answered: question key → answer, as the survey page offered them; checked and recorded by the evaluation lib once synced',
  })
  @ValidateIf((e: OfflineEventDto) => e.type === 'survey.answered')
  @IsObject()
  answers?: Record<string, unknown>;

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
