// What the offline routes answer: the list of what a device stores to read a course offline, and
// what became of each event a device sent back.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SyncOutcome } from './sync-batch.dto';

export class OfflinePackageView {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty({ description: "The package's SHA-256 (its content address)" }) packageSha256: string;
  @ApiProperty({ description: 'What its files hold, unpacked, in bytes' }) bytes: number;
  @ApiPropertyOptional({
    description:
      'Its player page, on the content origin: framed, and sent {type:"scorm:save"}, it stores the package on the device. Absent where packages cannot be played (no content origin)',
  })
  playerUrl?: string;
}

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
  @ApiProperty({
    type: [OfflinePackageView],
    description: "The version's SCORM package lessons, stored by their player",
  })
  packages: OfflinePackageView[];
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
