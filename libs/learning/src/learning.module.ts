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

/** Courses, versions, enrolments, progress and printable course packs. */
@Module({
  imports: [TypeOrmModule.forFeature([Course, CourseVersion, CourseLesson, Enrollment, LessonCompletion])],
  controllers: [CoursesController, EnrollmentsController, CoursePackController],
  providers: [CoursesService, EnrollmentsService, CoursePackRepository, CoursePackService],
  exports: [CoursesService, EnrollmentsService, CoursePackService],
})
export class LearningModule {}
