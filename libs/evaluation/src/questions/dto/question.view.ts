import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUESTION_KINDS, QuestionKind, SURVEYS } from '../question-bank';

export class EvaluationOptionView {
  @ApiProperty() key: string;
  @ApiProperty() mn: string;
  @ApiProperty() en: string;
}

/** One question of a survey: the standard bank's or the course trainer's own (custom). */
export class EvaluationQuestionView {
  @ApiProperty({ description: "Stable key the answers are kept by (a trainer's question: c-<uuid>)" }) key: string;
  @ApiProperty({ enum: QUESTION_KINDS }) kind: QuestionKind;
  @ApiProperty() mn: string;
  @ApiProperty() en: string;
  @ApiPropertyOptional({ type: [EvaluationOptionView] }) options?: EvaluationOptionView[];
  @ApiPropertyOptional() custom?: boolean;
}

export class EvaluationQuestionBankView {
  @ApiProperty({ type: [EvaluationQuestionView] }) reaction: EvaluationQuestionView[];
  @ApiProperty({ type: [EvaluationQuestionView] }) learner_follow_up: EvaluationQuestionView[];
  @ApiProperty({ type: [EvaluationQuestionView] }) supervisor_follow_up: EvaluationQuestionView[];
}

/** A trainer's own question on a course. */
export class CourseQuestionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ enum: SURVEYS }) survey: string;
  @ApiProperty({ enum: ['rating', 'text'] }) kind: string;
  @ApiProperty() textMn: string;
  @ApiProperty({ type: String, nullable: true }) textEn: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CourseQuestionListView {
  @ApiProperty({ type: 'integer', description: 'How many questions a trainer may add per survey' })
  maxPerSurvey: number;
  @ApiProperty({ type: [CourseQuestionView] }) items: CourseQuestionView[];
}
