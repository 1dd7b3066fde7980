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

/** Courses, versions, enrolments and progress. */
@Module({
  imports: [TypeOrmModule.forFeature([Course, CourseVersion, CourseLesson, Enrollment, LessonCompletion])],
  controllers: [CoursesController, EnrollmentsController],
  providers: [CoursesService, EnrollmentsService],
  exports: [CoursesService, EnrollmentsService],
})
export class LearningModule {}
