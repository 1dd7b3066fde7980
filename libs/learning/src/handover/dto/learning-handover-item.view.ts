import { ApiProperty } from '@nestjs/swagger';
import type { LearningItemKind } from '../learning-handover.repository';

/** One learning item a handover handed over (a course authored, a session to run), with its state now. */
export class LearningHandoverItemView {
  @ApiProperty({ enum: ['course', 'session'] }) kind: LearningItemKind;
  @ApiProperty({ format: 'uuid', description: 'The course or the face-to-face session' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) titleEn: string | null;
  @ApiProperty({ enum: ['draft', 'published'], description: 'draft: never published' }) state: 'draft' | 'published';
  @ApiProperty({ description: 'Courses: the draft has changes not yet published' }) unpublishedChanges: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Sessions only' })
  startsAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Sessions only' })
  endsAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Sessions only' }) place: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Sessions only: seats' }) capacity: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Sessions only: seats taken' }) seated: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Sessions only: people waiting' })
  waiting: number | null;
  @ApiProperty({ description: 'Sessions: cancelled since' }) cancelled: boolean;
  @ApiProperty({ description: 'Nobody received it and it is still with the person who left or moved' })
  orphaned: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who received it; null: nobody' })
  handedTo: string | null;
}
