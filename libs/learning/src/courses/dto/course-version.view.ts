// A course's published versions as its authors list, publish and compare them.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { VersionDiff } from '../version-diff';

export class PublishedVersionView {
  @ApiProperty({ description: 'The number of the version just published' }) version: number;
  @ApiProperty({ format: 'uuid' }) courseVersionId: string;
}

export class CourseVersionView {
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid', description: 'The course version id' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null when the content importer published it',
  })
  publishedBy: string | null;
  @ApiProperty() lessonCount: number;
  @ApiProperty({ description: 'Certificates of earlier versions must be renewed' }) requiresRecertification: boolean;
  @ApiProperty() hasFinalQuiz: boolean;
}

/** A course field's value in a version: text, a number, a list of texts (modules, competencies), or null. */
const FIELD_VALUE = {
  anyOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
};

export class FieldChangeView {
  @ApiProperty({
    description:
      'title, titleEn, summary, summaryEn, language, estimatedMinutes, validityMonths, competencyCodes or modules (their titles)',
  })
  field: string;
  @ApiProperty(FIELD_VALUE) from: unknown;
  @ApiProperty(FIELD_VALUE) to: unknown;
}

export class LessonPlacedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: "The module's title" }) module: string;
}

export class LessonChangedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String], description: 'What changed, in words' }) changes: string[];
  @ApiPropertyOptional({ description: 'A unified diff of the lesson text, when it changed' }) bodyPatch?: string;
}

export class LessonMovedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() fromModule: string;
  @ApiProperty() toModule: string;
}

export class VersionDiffView implements VersionDiff {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: [FieldChangeView] }) fields: FieldChangeView[];
  @ApiProperty({ type: [LessonPlacedView] }) lessonsAdded: LessonPlacedView[];
  @ApiProperty({ type: [LessonPlacedView] }) lessonsRemoved: LessonPlacedView[];
  @ApiProperty({ type: [LessonChangedView] }) lessonsChanged: LessonChangedView[];
  @ApiProperty({ type: [LessonMovedView] }) lessonsMoved: LessonMovedView[];
}
