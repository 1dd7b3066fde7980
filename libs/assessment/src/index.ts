// Assessment's public surface.
export { AssessmentModule } from './assessment.module';
export { AttemptsService, SUBMIT_GRACE_SECONDS } from './attempts/attempts.service';
export { QuizResultsService } from './analysis/quiz-results.service';
export { QuizAttempt } from './attempts/quiz-attempt.entity';
export { AttemptView, AttemptResult, AttemptSummary, ShownQuestion } from './attempts/dto/attempt.view';
export { AnswerRefusal, AnswersRefusedException, AttemptClosedException } from './attempts/attempts.service';
export { gradeQuestion, normaliseText } from './grading/grade-question';
