// The needs survey as HR, a person and their supervisor see it, and the needs report.
import { ApiProperty } from '@nestjs/swagger';
import { PlanAgencyView, PlanNameView } from '../../plans/dto/plan.view';

export class NeedsSurveyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: PlanAgencyView }) agency: PlanAgencyView;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ format: 'date' }) opensOn: string;
  @ApiProperty({ format: 'date' }) closesOn: string;
}

export class NeedsQuestionView {
  @ApiProperty() competencyCode: string;
  @ApiProperty({ type: PlanNameView }) name: PlanNameView;
  @ApiProperty({ type: 'integer', description: 'The level the position requires' }) required: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The answer given so far' }) answer: number | null;
}

export class NeedsSubjectView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['self', 'supervisor'] }) rater: 'self' | 'supervisor';
  @ApiProperty({ type: [NeedsQuestionView] }) questions: NeedsQuestionView[];
}

export class MyNeedsSurveyView extends NeedsSurveyView {
  @ApiProperty({ type: [NeedsSubjectView], description: 'Yourself, then each direct report' })
  subjects: NeedsSubjectView[];
}

export class MyNeedsSurveysView {
  @ApiProperty({ type: [MyNeedsSurveyView], description: 'The surveys open today that ask you' })
  items: MyNeedsSurveyView[];
}

export class NeedsAnswerResultView {
  @ApiProperty({ type: 'integer', description: 'Ratings new or changed (0: the same answers again)' }) changed: number;
}

export class NeedsReportRowView {
  @ApiProperty() competencyCode: string;
  @ApiProperty({ type: PlanNameView }) name: PlanNameView;
  @ApiProperty({ type: 'integer', description: 'People whose position requires it' }) people: number;
  @ApiProperty({ type: 'integer', description: 'Of them, without a valid certificate at the level' })
  certificateGaps: number;
  @ApiProperty({ type: 'integer' }) selfAnswered: number;
  @ApiProperty({ type: 'integer', description: 'Rated themselves below the level' }) selfBelow: number;
  @ApiProperty({ type: 'integer' }) supervisorAnswered: number;
  @ApiProperty({ type: 'integer', description: 'Rated below the level by their supervisor' }) supervisorBelow: number;
}

export class NeedsReportView {
  @ApiProperty({ type: NeedsSurveyView }) survey: NeedsSurveyView;
  @ApiProperty({ type: PlanAgencyView, description: 'The subtree reported on' }) agency: PlanAgencyView;
  @ApiProperty({ type: [NeedsReportRowView], description: 'Largest needs first' }) rows: NeedsReportRowView[];
}
