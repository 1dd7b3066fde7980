import { ApiProperty } from '@nestjs/swagger';
import { EvaluationQuestionView } from '../../questions/dto/question.view';

export const SURVEY_STATES = ['open', 'answered', 'not-yet-open', 'closed'] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];

/** A survey as its respondent sees it: the questions, whether it can be answered, and until when. */
export class SurveyFormView {
  @ApiProperty({ enum: ['reaction', 'learner_follow_up', 'supervisor_follow_up'] }) survey: string;
  @ApiProperty({ enum: SURVEY_STATES }) state: SurveyState;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ type: String, nullable: true }) courseTitleEn: string | null;
  @ApiProperty({ enum: ['mn', 'en'], description: "The course's language" }) courseLanguage: 'mn' | 'en';
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When answers are taken from' })
  opensAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The last moment answers are taken' })
  closesAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: string | null;
  @ApiProperty({ type: [EvaluationQuestionView] }) questions: EvaluationQuestionView[];
}

/** The answer sheet kept. */
export class SurveyResponseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['reaction', 'learner_follow_up', 'supervisor_follow_up'] }) survey: string;
  @ApiProperty({ enum: ['online', 'offline', 'paper'] }) channel: string;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({
    description: 'False when this enrolment had answered already: the first sheet is kept and this one is not',
  })
  recorded: boolean;
  @ApiProperty({ description: 'What happened, in a sentence' }) message: string;
}
