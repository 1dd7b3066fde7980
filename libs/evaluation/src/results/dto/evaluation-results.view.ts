import { ApiProperty } from '@nestjs/swagger';

export class EvaluationValueCountView {
  @ApiProperty({ description: 'A rating (1-5) or a choice key' }) value: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class EvaluationQuestionResultView {
  @ApiProperty() key: string;
  @ApiProperty({ enum: ['rating', 'choice'] }) kind: string;
  @ApiProperty() mn: string;
  @ApiProperty() en: string;
  @ApiProperty({ type: 'integer' }) answers: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Ratings: the mean, to two decimals' }) mean: number | null;
  @ApiProperty({ type: [EvaluationValueCountView] }) distribution: EvaluationValueCountView[];
}

/** One group's results (a course version, a trainer, or an agency), published at or above the threshold. */
export class EvaluationGroupResultView {
  @ApiProperty({ description: 'The version number, trainer id or agency id' }) key: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: String, nullable: true }) labelEn: string | null;
  @ApiProperty({ type: 'integer' }) respondents: number;
  @ApiProperty({ type: [EvaluationQuestionResultView] }) questions: EvaluationQuestionResultView[];
}

export class SurveyResultsView {
  @ApiProperty({ enum: ['reaction', 'learner_follow_up', 'supervisor_follow_up'] }) survey: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Null when fewer than the small-group threshold answered: nothing of the answers is shown',
  })
  respondents: number | null;
  @ApiProperty({ type: [EvaluationQuestionResultView] }) questions: EvaluationQuestionResultView[];
  @ApiProperty({ type: [EvaluationGroupResultView] }) byVersion: EvaluationGroupResultView[];
  @ApiProperty({ type: [EvaluationGroupResultView] }) byTrainer: EvaluationGroupResultView[];
  @ApiProperty({ type: [EvaluationGroupResultView] }) byAgency: EvaluationGroupResultView[];
  @ApiProperty({ type: 'integer', description: 'Groups left out by the small-group rule' }) hiddenGroups: number;
  @ApiProperty({ type: [String], description: 'The latest free-text answers, unattributed' }) comments: string[];
}

export class FollowUpRateView {
  @ApiProperty({ enum: ['learner', 'supervisor'] }) role: string;
  @ApiProperty({ type: 'integer' }) asked: number;
  @ApiProperty({ type: 'integer' }) answered: number;
}

/** A course's evaluation within an agency subtree. */
export class EvaluationResultsView {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty({ type: 'integer', description: 'No group smaller than this is shown (the open-data rule)' })
  threshold: number;
  @ApiProperty({ type: SurveyResultsView }) reaction: SurveyResultsView;
  @ApiProperty({ type: SurveyResultsView }) learnerFollowUp: SurveyResultsView;
  @ApiProperty({ type: SurveyResultsView }) supervisorFollowUp: SurveyResultsView;
  @ApiProperty({ type: [FollowUpRateView] }) followUps: FollowUpRateView[];
}
