// A quiz's results for the trainer who owns its course: the pass rate and, per question, the item
// analysis (see item-analysis.ts for what the figures mean).
import { ApiProperty } from '@nestjs/swagger';
import type { ItemStatistics } from '../item-analysis';

export class QuestionStatisticsView implements ItemStatistics {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({ description: 'The question as last published' }) prompt: string;
  @ApiProperty({ description: 'Submitted attempts that drew it' }) answered: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Mean share of its points earned (higher is easier)' })
  difficulty: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: -1,
    maximum: 1,
    description: 'Upper-group minus lower-group share earned; null with too few answers. Below about 0.2 needs a look',
  })
  discrimination: number | null;
  @ApiProperty({ enum: ['ok', 'too-easy', 'too-hard', 'poor-discrimination', 'too-few-answers'] })
  flag: ItemStatistics['flag'];
}

export class QuizResultsView {
  @ApiProperty({ format: 'uuid' }) quizId: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() title: string;
  @ApiProperty() passMarkPercent: number;
  @ApiProperty({ description: "Submitted attempts on this course's versions" }) submittedAttempts: number;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1, description: 'Null before any attempt' })
  passRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Null before any attempt' }) meanPercent: number | null;
  @ApiProperty({ type: [QuestionStatisticsView], description: 'Least discriminating first' })
  questions: QuestionStatisticsView[];
}
