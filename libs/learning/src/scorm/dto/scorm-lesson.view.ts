// A package lesson as its player needs it: the table of contents with each SCO's saved state (what
// a second device resumes from), and what a commit did.
import { ApiProperty } from '@nestjs/swagger';
import { SCORM_VERSIONS, type ScormVersion } from '../scorm-manifest';

export class ScormScoStateView {
  @ApiProperty({ description: 'Grows with every applied commit; a new session sends it back as baseRevision' })
  revision: number;
  @ApiProperty({ description: 'The SCO counts as done: 1.2 completed/passed; 2004 completed and not failed' })
  done: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'SCORM 1.2 lesson_status' }) lessonStatus: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SCORM 2004 completion_status' })
  completionStatus: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SCORM 2004 success_status' }) successStatus: string | null;
  @ApiProperty({ type: Number, nullable: true }) scoreRaw: number | null;
  @ApiProperty({ type: Number, nullable: true }) scoreMin: number | null;
  @ApiProperty({ type: Number, nullable: true }) scoreMax: number | null;
  @ApiProperty({ type: Number, nullable: true }) scoreScaled: number | null;
  @ApiProperty() location: string;
  @ApiProperty() suspendData: string;
  @ApiProperty({ description: 'Every session so far, in seconds (the SCO reads it as total_time)' })
  totalSeconds: number;
}

export class ScormLessonItemView {
  @ApiProperty() identifier: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Nesting in the table of contents, 0 at the top' }) depth: number;
  @ApiProperty({ type: String, nullable: true, description: 'The page it opens, inside the package (null: a folder)' })
  launch: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['sco', 'asset'] }) scormType: 'sco' | 'asset' | null;
  @ApiProperty({
    type: ScormScoStateView,
    nullable: true,
    description: "A SCO's saved state; null before its first commit",
  })
  state: ScormScoStateView | null;
}

export class ScormLessonView {
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) packageSha256: string;
  @ApiProperty({ enum: SCORM_VERSIONS }) version: ScormVersion;
  @ApiProperty({ description: 'The lesson is marked done (every SCO done)' }) lessonCompleted: boolean;
  @ApiProperty({ description: 'The origin the player is served from (never the product’s)' }) contentOrigin: string;
  @ApiProperty({ description: 'The player page to frame, on the content origin' }) playerUrl: string;
  @ApiProperty({ type: [ScormLessonItemView], description: 'The table of contents in order' })
  items: ScormLessonItemView[];
}

export class ScormCommitResultView {
  @ApiProperty() scoId: string;
  @ApiProperty({ type: ScormScoStateView }) state: ScormScoStateView;
  @ApiProperty({ description: 'The lesson is marked done (this commit, or an earlier one, finished its last SCO)' })
  lessonCompleted: boolean;
}
