// Learning's public surface.
export { LearningModule } from './learning.module';
export { CoursesService, AuthoredCourseView } from './courses/courses.service';
export { EnrollmentsService, FaceToFaceOutcome, progressOf } from './enrollments/enrollments.service';
export { Course } from './courses/course.entity';
export { CourseVersion, VersionModule } from './courses/course-version.entity';
export { CourseLesson } from './courses/course-lesson.entity';
export { Enrollment } from './enrollments/enrollment.entity';
export { LessonCompletion } from './enrollments/lesson-completion.entity';
export { CourseDraft } from './courses/course-draft';
export { CourseSummaryView, CourseDetailView } from './courses/dto/course.view';
export { EnrollmentView, EnrollmentDetailView, LessonView } from './enrollments/dto/enrollment.view';
export { renderLessonMarkdown } from './markdown/lesson-markdown';
export { importCourses, CourseImportResult, CourseSource, courseDraftFromSource } from './content/course-content';
export { QuestionDefinition, QuestionBankDefinition, QuizDefinition, QuizDraw, QuestionType, QUESTION_TYPES } from './quizzes/quiz-definition';
export { SessionsService } from './sessions/sessions.service';
export { SessionView, SessionDetailView, RegistrationView, MyRegistrationView, AttendanceResultView, AttendanceProblemView } from './sessions/dto/session.view';
export { CreateSessionDto, UpdateSessionDto, ListSessionsQuery, AttendanceRecordDto, MAX_CAPACITY } from './sessions/dto/session.dto';
export { MAX_ATTENDANCE_CSV_BYTES } from './sessions/attendance-csv';
