import { Module } from '@nestjs/common';
import { AccountabilityModule } from '@chadavkhi/accountability';
import { FollowUpsController } from './follow-ups/follow-ups.controller';
import { FollowUpsRepository } from './follow-ups/follow-ups.repository';
import { FollowUpsService } from './follow-ups/follow-ups.service';
import { CourseQuestionsRepository } from './questions/course-questions.repository';
import { CourseQuestionsService } from './questions/course-questions.service';
import { EvaluationResultsController } from './results/evaluation-results.controller';
import { EvaluationResultsRepository } from './results/evaluation-results.repository';
import { EvaluationResultsService } from './results/evaluation-results.service';
import { PaperSheetsController } from './paper/paper-sheets.controller';
import { PaperSheetsRepository } from './paper/paper-sheets.repository';
import { PaperSheetsService } from './paper/paper-sheets.service';
import { OpenEvaluationsController } from './open-data/open-evaluations.controller';
import { OpenEvaluationsRepository } from './open-data/open-evaluations.repository';
import { OpenEvaluationsService } from './open-data/open-evaluations.service';
import { ReactionSurveyService } from './surveys/reaction-survey.service';
import { ResponsesRepository } from './surveys/responses.repository';
import { SurveyFactsRepository } from './surveys/survey-facts.repository';
import { SurveysController } from './surveys/surveys.controller';

/** Training evaluation: the question bank, the reaction survey, the 90-day follow-ups and their results. */
@Module({
  imports: [AccountabilityModule],
  controllers: [
    SurveysController,
    FollowUpsController,
    EvaluationResultsController,
    PaperSheetsController,
    OpenEvaluationsController,
  ],
  providers: [
    CourseQuestionsRepository,
    CourseQuestionsService,
    SurveyFactsRepository,
    ResponsesRepository,
    ReactionSurveyService,
    FollowUpsRepository,
    FollowUpsService,
    EvaluationResultsRepository,
    EvaluationResultsService,
    PaperSheetsRepository,
    PaperSheetsService,
    OpenEvaluationsRepository,
    OpenEvaluationsService,
  ],
  exports: [
    OpenEvaluationsService,
    CourseQuestionsService,
    ReactionSurveyService,
    FollowUpsService,
    EvaluationResultsService,
    PaperSheetsService,
  ],
})
export class EvaluationModule {}
