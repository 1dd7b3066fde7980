import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoursePackController } from './course-packs/course-pack.controller';
import { CoursePackRepository } from './course-packs/course-pack.repository';
import { CoursePackService } from './course-packs/course-pack.service';
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

/** Courses, versions, enrolments, progress, printable course packs, and what devices do offline. */
@Module({
  imports: [TypeOrmModule.forFeature([Course, CourseVersion, CourseLesson, Enrollment, LessonCompletion])],
  controllers: [CoursesController, EnrollmentsController, CoursePackController, OfflineController],
  providers: [CoursesService, EnrollmentsService, CoursePackRepository, CoursePackService, OfflineSyncService, OfflineCourseService],
  exports: [CoursesService, EnrollmentsService, CoursePackService, OfflineSyncService],
})
export class LearningModule {}
