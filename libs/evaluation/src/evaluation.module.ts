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
import { ReactionSurveyService } from './surveys/reaction-survey.service';
import { ResponsesRepository } from './surveys/responses.repository';
import { SurveyFactsRepository } from './surveys/survey-facts.repository';
import { SurveysController } from './surveys/surveys.controller';

/** Training evaluation: the question bank, the reaction survey, the 90-day follow-ups and their results. */
@Module({
  imports: [AccountabilityModule],
  controllers: [SurveysController, FollowUpsController, EvaluationResultsController],
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
  ],
  exports: [CourseQuestionsService, ReactionSurveyService, FollowUpsService, EvaluationResultsService],
})
export class EvaluationModule {}
