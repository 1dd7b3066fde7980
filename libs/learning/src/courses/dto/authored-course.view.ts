// A course as its authors see it: the draft with its revision, and what each change to it answers.
import { ApiProperty } from '@nestjs/swagger';
import { PageView } from '@chadavkhi/platform';
import { CourseDraftView } from './course-draft.view';

export class AuthoredCourseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: "The course's catalogue code, when it has one" })
  code: string | null;
  @ApiProperty({ type: CourseDraftView }) draft: CourseDraftView;
  @ApiProperty({
    description: 'Adds one with every saved change; send it back with an edit to have a stale edit refused (409)',
  })
  revision: number;
  @ApiProperty({ description: 'The latest published version; 0 before the first' }) currentVersion: number;
  @ApiProperty({ description: 'The draft differs from the latest published version' }) hasUnpublishedChanges: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** A page of the courses someone authors. */
export class AuthoredCoursePageView extends PageView(AuthoredCourseView) {}

export class ModuleAddedView {
  @ApiProperty({ type: AuthoredCourseView }) course: AuthoredCourseView;
  @ApiProperty({ format: 'uuid', description: 'The new module' }) moduleId: string;
}

export class LessonAddedView {
  @ApiProperty({ type: AuthoredCourseView }) course: AuthoredCourseView;
  @ApiProperty({ format: 'uuid', description: 'The new lesson' }) lessonId: string;
}

export class QuestionAddedView {
  @ApiProperty({ type: AuthoredCourseView }) course: AuthoredCourseView;
  @ApiProperty({ format: 'uuid', description: 'The new question' }) questionId: string;
}
