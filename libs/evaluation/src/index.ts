// Evaluation's public surface.
export { EvaluationModule } from './evaluation.module';
export { EvaluationWorkerModule } from './evaluation-worker.module';
export { EvaluationProcessor, FOLLOW_UP_ROUND } from './follow-ups/evaluation.processor';
export { CourseQuestionsService, MAX_COURSE_QUESTIONS } from './questions/course-questions.service';
export { EvaluationQuestion, QuestionBank, Survey, SURVEYS, RATING_MIN, RATING_MAX } from './questions/question-bank';
export { ReactionSurveyService, REACTION_WINDOW_DAYS } from './surveys/reaction-survey.service';
export { SurveyFormView, SurveyResponseView, SurveyState } from './surveys/dto/survey.view';
export {
  FollowUpsService,
  FOLLOW_UP_AFTER_DAYS,
  FOLLOW_UP_OPEN_DAYS,
  REMINDER_EVERY_DAYS,
  MAX_REMINDERS,
} from './follow-ups/follow-ups.service';
export { FollowUpView, FollowUpListView } from './follow-ups/dto/follow-up.view';
export { EvaluationResultsService } from './results/evaluation-results.service';
export { EvaluationResultsView, SurveyResultsView } from './results/dto/evaluation-results.view';
export { PaperSheetsService, PAPER_WINDOW_DAYS } from './paper/paper-sheets.service';
export { PaperSheetsDto, MAX_PAPER_SHEETS } from './paper/dto/paper-sheets.dto';
export { PaperSheetsResultView } from './paper/dto/paper-sheets.view';
export { EvaluationContributionsModule } from './contributions.module';
export { OpenEvaluationsService } from './open-data/open-evaluations.service';
export { OPEN_EVALUATION_COLUMNS, OpenEvaluationRow } from './open-data/open-evaluations';
