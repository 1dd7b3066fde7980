// A SCORM package as the import answers it: the lesson it became, and what was read from its manifest.
import { ApiProperty } from '@nestjs/swagger';
import { AuthoredCourseView } from '../../courses/dto/authored-course.view';
import { SCORM_VERSIONS, type ScormVersion } from '../scorm-manifest';

export class ScormTocItemView {
  @ApiProperty() identifier: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, description: 'The page the item opens, inside the package' })
  launch: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'sco (talks to the runtime) or asset (a plain page); null for a folder of items',
  })
  scormType: 'sco' | 'asset' | null;
  @ApiProperty({ type: Number, nullable: true }) masteryScore: number | null;
  @ApiProperty({ type: () => [ScormTocItemView] }) children: ScormTocItemView[];
}

export class ScormPackageView {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: "The package's id: the SHA-256 of its zip" }) sha256: string;
  @ApiProperty({ enum: SCORM_VERSIONS, description: '1.2, or SCORM 2004 3rd or 4th edition' }) version: ScormVersion;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ description: 'The page the player opens first' }) launch: string;
  @ApiProperty({ description: 'Items that talk to the SCORM runtime' }) scoCount: number;
  @ApiProperty({ type: [ScormTocItemView], description: 'The table of contents (the default organization)' })
  items: ScormTocItemView[];
  @ApiProperty() fileCount: number;
  @ApiProperty({ description: 'Bytes of the zip' }) packageBytes: number;
  @ApiProperty({ description: 'Bytes of its files, unpacked' }) unpackedBytes: number;
  @ApiProperty({ description: 'False when the same zip had been imported before: nothing new was stored' })
  newlyStored: boolean;
}

export class ScormLessonAddedView {
  @ApiProperty({ type: AuthoredCourseView }) course: AuthoredCourseView;
  @ApiProperty({ format: 'uuid', description: 'The new lesson' }) lessonId: string;
  @ApiProperty({ type: ScormPackageView }) package: ScormPackageView;
}

export class ScormCourseCreatedView {
  @ApiProperty({ type: AuthoredCourseView, description: 'The new draft: one module, the package as its one lesson' })
  course: AuthoredCourseView;
  @ApiProperty({ format: 'uuid', description: 'The package lesson' }) lessonId: string;
  @ApiProperty({ type: ScormPackageView }) package: ScormPackageView;
}
