// Learning's public surface: the module, its services, and the types, constants and pure functions
// callers need. No entity or repository: LearningModule registers its own entities.
export { LearningModule } from './learning.module';
export { LearningWorkerModule } from './learning-worker.module';
export { LearningHandoverService } from './handover/learning-handover.service';
export { LearningHandoverItemView } from './handover/dto/learning-handover-item.view';
export { CoursesService } from './courses/courses.service';
export { AuthoredCourseView } from './courses/dto/authored-course.view';
export { ANSWER_KEY_SCHEMA } from './quizzes/quiz-draft.dto';
export { DraftEditsService } from './courses/draft-edits.service';
export { ScormImportService } from './scorm/scorm-import.service';
export { ScormPackageSweepService } from './scorm/scorm-package-sweep.service';
export { COMMIT_KEPT_DAYS, ScormCommitSweepService } from './scorm/scorm-commit-sweep.service';
export { SCORM_PACKAGE_SWEEP } from './scorm/scorm-package-sweep.processor';
export { ScormUploadRoute } from './scorm/scorm-upload-route';
export { scormCourseFields } from './scorm/scorm-upload-fields';
export { SCORM_REFUSALS, type ScormRefusalSlug } from './scorm/scorm-refusal';
export { ScormTrackingService } from './scorm/scorm-tracking.service';
export { ScormContentService } from './scorm/scorm-content.service';
export { ScormResultsService } from './scorm/scorm-results.service';
export { scormContentHostTest, scormContentOrigin, scormProductOrigin } from './scorm/scorm-content-origin';
export { findLesson } from './courses/outline-edits';
export { bankOf, quizOf } from './quizzes/quiz-edits';
export type { QuizSettings } from './quizzes/quiz-edits';
export type { QuestionInput } from './quizzes/quiz-draft.dto';
export { MAX_OPTIONS } from './quizzes/quiz-draft.dto';
export { AssignedEnrolment, EnrollmentsService, FaceToFaceOutcome } from './enrollments/enrollments.service';
export { OfflineSyncService } from './offline/offline-sync.service';
export { SYNC_BATCH_MAX } from './offline/dto/sync-batch.dto';
export type { CourseDraft } from './courses/course-draft';
export { CourseSummaryView, CourseDetailView } from './courses/dto/course.view';
export { EnrollmentView, EnrollmentDetailView, LessonView } from './enrollments/dto/enrollment.view';
export { renderLessonMarkdown } from './markdown/lesson-markdown';
export { CourseImportResult, CourseSource, courseDraftFromSource } from './content/course-content';
export { CourseContentService } from './content/course-content.service';
export {
  QuestionDefinition,
  QuestionBankDefinition,
  QuizDefinition,
  QuizDraw,
  QuestionType,
  QUESTION_TYPES,
  SHOW_ANSWERS,
  ShowAnswers,
  DEFAULT_SHOW_ANSWERS,
  offlineAttemptMinutes,
} from './quizzes/quiz-definition';
export { CoursePackService, Printout, MAX_PACK_MARKDOWN_CHARS } from './course-packs/course-pack.service';
export { PACK_LANGUAGES, PackLanguage } from './course-packs/pack-labels';
export {
  PACK_SURVEY_SOURCE,
  PackSurveySource,
  PaperSurveySheet,
  PaperSurveyQuestion,
} from './course-packs/pack-survey';
export { SessionsService } from './sessions/sessions.service';
export {
  SessionView,
  SessionDetailView,
  RegistrationView,
  MyRegistrationView,
  AttendanceResultView,
  AttendanceProblemView,
  DecisionView,
  PendingRequestView,
} from './sessions/dto/session.view';
export {
  CreateSessionDto,
  UpdateSessionDto,
  ListSessionsQuery,
  AttendanceRecordDto,
  MAX_CAPACITY,
  Decision,
  DecideRequestDto,
  NominateDto,
} from './sessions/dto/session.dto';
export { MAX_ATTENDANCE_CSV_BYTES } from './sessions/attendance-csv';
