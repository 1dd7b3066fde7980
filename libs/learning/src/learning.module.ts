import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoursePackController } from './course-packs/course-pack.controller';
import { CoursePackRepository } from './course-packs/course-pack.repository';
import { CoursePackService } from './course-packs/course-pack.service';
import type { FastifyInstance } from 'fastify';
import { Course } from './courses/course.entity';
import { CourseLesson } from './courses/course-lesson.entity';
import { CourseVersion } from './courses/course-version.entity';
import { CourseContentService } from './content/course-content.service';
import { CoursesController } from './courses/courses.controller';
import { CoursesRepository } from './courses/courses.repository';
import { CoursesService } from './courses/courses.service';
import { DraftEditsController } from './courses/draft-edits.controller';
import { DraftEditsService } from './courses/draft-edits.service';
import { Enrollment } from './enrollments/enrollment.entity';
import { EnrollmentsController } from './enrollments/enrollments.controller';
import { EnrollmentsRepository } from './enrollments/enrollments.repository';
import { EnrollmentsService } from './enrollments/enrollments.service';
import { LessonCompletion } from './enrollments/lesson-completion.entity';
import { OfflineController } from './offline/offline.controller';
import { OfflineCourseService } from './offline/offline-course.service';
import { OfflineEventsRepository } from './offline/offline-events.repository';
import { OfflineSyncService } from './offline/offline-sync.service';
import { LearningHandoverRepository } from './handover/learning-handover.repository';
import { LearningHandoverService } from './handover/learning-handover.service';
import { MAX_ATTENDANCE_CSV_BYTES } from './sessions/attendance-csv';
import { SessionRequestsController, SessionsController } from './sessions/sessions.controller';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';
import { ScormImportController } from './scorm/scorm-import.controller';
import { ScormCourseController } from './scorm/scorm-course.controller';
import { ScormImportService } from './scorm/scorm-import.service';
import { ScormManifestReader } from './scorm/scorm-manifest-reader';
import { ScormTextReader } from './scorm/scorm-text-reader';
import { ScormCommitSweepService } from './scorm/scorm-commit-sweep.service';
import { ScormPackageSweepService } from './scorm/scorm-package-sweep.service';
import { ScormPackagesRepository } from './scorm/scorm-packages.repository';
import { ScormContentService } from './scorm/scorm-content.service';
import { ScormResultsController } from './scorm/scorm-results.controller';
import { ScormResultsService } from './scorm/scorm-results.service';
import { ScormTrackingController } from './scorm/scorm-tracking.controller';
import { ScormTrackingRepository } from './scorm/scorm-tracking.repository';
import { ScormTrackingService } from './scorm/scorm-tracking.service';

/** Courses, versions, enrolments, progress, printable course packs, face-to-face sessions, and what devices do offline. */
@Module({
  imports: [TypeOrmModule.forFeature([Course, CourseVersion, CourseLesson, Enrollment, LessonCompletion])],
  controllers: [
    CoursesController,
    DraftEditsController,
    ScormImportController,
    ScormCourseController,
    ScormTrackingController,
    ScormResultsController,
    EnrollmentsController,
    CoursePackController,
    SessionsController,
    SessionRequestsController,
    OfflineController,
  ],
  providers: [
    CoursesRepository,
    CoursesService,
    CourseContentService,
    DraftEditsService,
    EnrollmentsRepository,
    EnrollmentsService,
    CoursePackRepository,
    CoursePackService,
    SessionsRepository,
    SessionsService,
    OfflineEventsRepository,
    OfflineSyncService,
    OfflineCourseService,
    LearningHandoverRepository,
    LearningHandoverService,
    ScormPackagesRepository,
    ScormImportService,
    ScormManifestReader,
    ScormTextReader,
    ScormPackageSweepService,
    ScormCommitSweepService,
    ScormTrackingRepository,
    ScormTrackingService,
    ScormContentService,
    ScormResultsService,
  ],
  exports: [
    LearningHandoverService,
    CoursesService,
    CourseContentService,
    DraftEditsService,
    EnrollmentsService,
    CoursePackService,
    SessionsService,
    OfflineSyncService,
    ScormImportService,
    ScormPackageSweepService,
    ScormCommitSweepService,
    ScormTrackingService,
    ScormContentService,
    ScormResultsService,
  ],
})
export class LearningModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Attendance sheets arrive as a text/csv body, read as text up to their own (small) limit. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addContentTypeParser || fastify.hasContentTypeParser('text/csv')) return;
    fastify.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: MAX_ATTENDANCE_CSV_BYTES },
      (_request, body, done) => done(null, body),
    );
  }
}
