import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Course } from './courses/course.entity';
import { CourseLesson } from './courses/course-lesson.entity';
import { CourseVersion } from './courses/course-version.entity';
import { CoursesController } from './courses/courses.controller';
import { CoursesService } from './courses/courses.service';
import { Enrollment } from './enrollments/enrollment.entity';
import { EnrollmentsController } from './enrollments/enrollments.controller';
import { EnrollmentsService } from './enrollments/enrollments.service';
import { LessonCompletion } from './enrollments/lesson-completion.entity';
import { OfflineController } from './offline/offline.controller';
import { OfflineCourseService } from './offline/offline-course.service';
import { OfflineSyncService } from './offline/offline-sync.service';

/** Courses, versions, enrolments and progress, and what devices do offline. */
@Module({
  imports: [TypeOrmModule.forFeature([Course, CourseVersion, CourseLesson, Enrollment, LessonCompletion])],
  controllers: [CoursesController, EnrollmentsController, OfflineController],
  providers: [CoursesService, EnrollmentsService, OfflineSyncService, OfflineCourseService],
  exports: [CoursesService, EnrollmentsService, OfflineSyncService],
})
export class LearningModule {}
