// What the offline routes answer: the list of what a device stores to read a course offline, and
// what became of each event a device sent back.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SyncOutcome } from './sync-batch.dto';

export class OfflineManifestView {
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'uuid', description: 'The version the enrolment is pinned to' }) courseVersionId: string;
  @ApiProperty({ description: "The pinned version's number: a stored copy of another is out of date" })
  version: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String], description: "Same-site paths of the course's overview page and each lesson page" })
  pages: string[];
  @ApiProperty({ type: [String], description: 'Same-site paths of the images those lessons show' }) images: string[];
}

export class SyncOutcomeView {
  @ApiProperty({ format: 'uuid', description: "The event's device-made id" }) id: string;
  @ApiProperty({
    enum: ['applied', 'duplicate', 'refused'],
    description: 'duplicate: this id was applied before (sending again is safe)',
  })
  status: SyncOutcome['status'];
  @ApiPropertyOptional({ description: 'Why it was refused (refused only)' }) reason?: string;
}

export class SyncResultView {
  @ApiProperty({ type: [SyncOutcomeView], description: 'One per item sent, in the same order' })
  items: SyncOutcomeView[];
  @ApiProperty() applied: number;
  @ApiProperty() duplicate: number;
  @ApiProperty() refused: number;
}
