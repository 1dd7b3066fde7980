import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OutlineModule } from '../../courses/dto/course.view';

export class EnrollmentQuizRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) moduleId: string | null;
  @ApiProperty({ description: 'The final quiz decides completion' }) final: boolean;
  @ApiProperty() passMarkPercent: number;
  @ApiProperty() timeLimitMinutes: number;
  @ApiProperty() maxAttempts: number;
  @ApiPropertyOptional({
    nullable: true,
    description: 'May be taken offline (an offline attempt has the time limit plus 15 minutes)',
  })
  offlineDays: number | null;
}

export class EnrollmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ description: 'The version the learner is on' }) version: number;
  @ApiProperty() courseTitle: string;
  @ApiPropertyOptional({ nullable: true }) courseTitleEn: string | null;
  @ApiProperty({ enum: ['mn', 'en'] }) language: 'mn' | 'en';
  @ApiProperty({ enum: ['in_progress', 'completed'] }) status: 'in_progress' | 'completed';
  @ApiProperty({ enum: ['self', 'assigned'] }) source: 'self' | 'assigned';
  @ApiProperty({ minimum: 0, maximum: 100 }) progressPercent: number;
  @ApiProperty() completedLessons: number;
  @ApiProperty() totalLessons: number;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Where to resume: the first lesson not yet done',
  })
  resumeLessonId: string | null;
  @ApiPropertyOptional({ nullable: true }) dueAt: string | null;
  @ApiProperty({ type: [EnrollmentQuizRef] }) quizzes: EnrollmentQuizRef[];
  @ApiProperty() finalQuizPassed: boolean;
  @ApiProperty() enrolledAt: string;
  @ApiPropertyOptional({ nullable: true }) completedAt: string | null;
}

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
  @ApiProperty({ description: 'Sanitised HTML rendered from the lesson Markdown' }) html: string;
  @ApiPropertyOptional({ nullable: true }) videoUrl: string | null;
  @ApiProperty() required: boolean;
  @ApiProperty() completed: boolean;
  @ApiProperty({ description: '1-based position among all lessons' }) position: number;
  @ApiProperty() totalLessons: number;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) previousLessonId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) nextLessonId: string | null;
}

export type { OutlineModule };
