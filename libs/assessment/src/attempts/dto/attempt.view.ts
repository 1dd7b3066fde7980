import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANSWER_SCHEMA } from './submit-attempt.dto';
import {
  ANSWER_KEY_SCHEMA,
  QUESTION_TYPES,
  SHOW_ANSWERS,
  type QuestionType,
  type ShowAnswers,
} from '@chadavkhi/learning';

export class ShownOption {
  @ApiProperty({ description: 'Answer with this position' }) key: number;
  @ApiProperty() text: string;
}

/** A question as a learner sees it while answering: no answer key, no explanation. */
export class ShownQuestion {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type: QuestionType;
  @ApiProperty() prompt: string;
  @ApiProperty() points: number;
  @ApiPropertyOptional({ type: [ShownOption] }) options?: ShownOption[];
}

export class ReviewItem {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({ enum: ['correct', 'partial', 'incorrect', 'unanswered'] }) outcome: string;
  @ApiProperty() score: number;
  @ApiProperty() max: number;
  @ApiProperty({
    description:
      'What the learner answered, options by the positions they were shown (their own answer; null when left blank)',
    ...ANSWER_SCHEMA,
  })
  answer: unknown;
  @ApiPropertyOptional({
    description:
      "The answer key, options by the positions the learner was shown: only when the quiz's showAnswers allows it now",
    ...ANSWER_KEY_SCHEMA,
  })
  correctAnswer?: unknown;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'With the answer key only' })
  explanation?: string | null;
}

export class AttemptResult {
  @ApiProperty() score: number;
  @ApiProperty() maxScore: number;
  @ApiProperty() percent: number;
  @ApiProperty() passed: boolean;
  @ApiProperty() passMarkPercent: number;
  @ApiPropertyOptional({
    type: [ReviewItem],
    description: 'Per question: right or not, and the answer key when showAnswers allows it',
  })
  review?: ReviewItem[];
}

export class AttemptView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) quizId: string;
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty() quizTitle: string;
  @ApiProperty() attemptNumber: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty({ enum: ['open', 'submitted', 'expired'] }) status: string;
  @ApiProperty({
    format: 'date-time',
    description: 'The server decides; answers after it (plus a short grace) are refused',
  })
  deadlineAt: string;
  @ApiProperty({
    description: 'Started to be answered offline (the deadline allows a few more minutes for the answers to arrive)',
  })
  offline: boolean;
  @ApiProperty({ format: 'date-time', description: "The server's clock, to count down against" }) serverTime: string;
  @ApiProperty({ type: [ShownQuestion] }) questions: ShownQuestion[];
  @ApiProperty({
    enum: SHOW_ANSWERS,
    description:
      'When the answer key of a finished attempt is shown: once passed or out of attempts, after each attempt, or never',
  })
  showAnswers: ShowAnswers;
  @ApiPropertyOptional({ type: AttemptResult, description: 'Once submitted or expired' }) result?: AttemptResult;
}

/** One attempt as a course page lists it. */
export class AttemptSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) quizId: string;
  @ApiProperty() attemptNumber: number;
  @ApiProperty({ enum: ['open', 'submitted', 'expired'] }) status: 'open' | 'submitted' | 'expired';
  @ApiProperty({ format: 'date-time' }) deadlineAt: string;
  @ApiProperty({ type: Number, nullable: true }) percent: number | null;
  @ApiProperty() passed: boolean;
}
