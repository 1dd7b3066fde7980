import { ApiProperty } from '@nestjs/swagger';
import { PageView } from '@chadavkhi/platform';
import { OutlineModule } from '../../courses/dto/course.view';

export class EnrollmentQuizRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for the final quiz' })
  moduleId: string | null;
  @ApiProperty({ description: 'The final quiz decides completion' }) final: boolean;
  @ApiProperty() passMarkPercent: number;
  @ApiProperty() timeLimitMinutes: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'May be taken offline within this many days (an offline attempt has the time limit plus 15 minutes)',
  })
  offlineDays: number | null;
}

export class EnrollmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ description: 'The version the learner is on' }) version: number;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ type: String, nullable: true }) courseTitleEn: string | null;
  @ApiProperty({ enum: ['mn', 'en'] }) language: 'mn' | 'en';
  @ApiProperty({ enum: ['in_progress', 'completed'] }) status: 'in_progress' | 'completed';
  @ApiProperty({ enum: ['self', 'assigned'] }) source: 'self' | 'assigned';
  @ApiProperty({ minimum: 0, maximum: 100 }) progressPercent: number;
  @ApiProperty() completedLessons: number;
  @ApiProperty() totalLessons: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Where to resume: the first lesson not yet done (null when all are)',
  })
  resumeLessonId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When an assignment wants it done' })
  dueAt: string | null;
  @ApiProperty({ type: [EnrollmentQuizRef] }) quizzes: EnrollmentQuizRef[];
  @ApiProperty() finalQuizPassed: boolean;
  @ApiProperty({ format: 'date-time' }) enrolledAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
}

/** A page of the caller's enrolments. */
export class EnrollmentPageView extends PageView(EnrollmentView) {}

export class EnrollmentLessonOutline {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() required: boolean;
  @ApiProperty() completed: boolean;
}
export class EnrollmentModuleOutline {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [EnrollmentLessonOutline] }) lessons: EnrollmentLessonOutline[];
}
export class EnrollmentDetailView extends EnrollmentView {
  @ApiProperty({ type: [EnrollmentModuleOutline] }) modules: EnrollmentModuleOutline[];
}

export class LessonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty() title: string;
  @ApiProperty() moduleTitle: string;
  @ApiProperty({
    enum: ['markdown', 'scorm'],
    description:
      'scorm: a SCORM package lesson (html describes the package; it plays on the lesson page, and GET …/lessons/{lessonId}/scorm gives its player and state)',
  })
  kind: 'markdown' | 'scorm';
  @ApiProperty({ description: 'Sanitised HTML rendered from the lesson Markdown' }) html: string;
  @ApiProperty({ type: String, nullable: true }) videoUrl: string | null;
  @ApiProperty() required: boolean;
  @ApiProperty() completed: boolean;
  @ApiProperty({ description: '1-based position among all lessons' }) position: number;
  @ApiProperty() totalLessons: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) previousLessonId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) nextLessonId: string | null;
}

export type { OutlineModule };
