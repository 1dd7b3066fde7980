// Assessment's public surface.
export { AssessmentModule } from './assessment.module';
export { AttemptsService, SUBMIT_GRACE_SECONDS } from './attempts/attempts.service';
export { QuizResultsService } from './analysis/quiz-results.service';
export { AttemptView, AttemptResult, AttemptSummary, ShownQuestion } from './attempts/dto/attempt.view';
export { AnswerRefusal, AnswersRefusedException, AttemptClosedException } from './attempts/attempts.service';
