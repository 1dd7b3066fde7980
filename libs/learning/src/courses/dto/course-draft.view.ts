// A course's draft as its authors read it back (trainers and administrators only): the outline with
// lesson texts, and the question banks with their answer keys and the quizzes drawn from them.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHOW_ANSWERS, QUESTION_TYPES, type QuestionType, type ShowAnswers } from '../../quizzes/quiz-definition';
import type {
  QuestionBankDefinition,
  QuestionDefinition,
  QuizDefinition,
  QuizDraw,
} from '../../quizzes/quiz-definition';
import { ANSWER_KEY_SCHEMA } from '../../quizzes/quiz-draft.dto';
import type { CourseDraft, DraftLesson, DraftModule } from '../course-draft';

export class DraftLessonView implements DraftLesson {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Markdown' }) body: string;
  @ApiProperty() required: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) videoUrl?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'A SCORM package lesson: the SHA-256 of its zip; the body describes the package',
  })
  scormPackage?: string | null;
}

export class DraftModuleView implements DraftModule {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [DraftLessonView] }) lessons: DraftLessonView[];
}

export class DraftQuestionView implements QuestionDefinition {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type: QuestionType;
  @ApiProperty() points: number;
  @ApiProperty() prompt: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'single, multiple and ordering (ordering: listed in the correct order)',
  })
  options?: string[];
  @ApiPropertyOptional({
    description:
      'The answer key. single: an option index; multiple: indexes; true_false: a boolean; numeric: a number; text: the accepted answers. None for ordering',
    ...ANSWER_KEY_SCHEMA,
  })
  correct?: number | number[] | boolean | string[];
  @ApiPropertyOptional({ enum: ['partial', 'all_or_nothing'], description: 'multiple only' })
  scoring?: 'partial' | 'all_or_nothing';
  @ApiPropertyOptional({ description: 'numeric only: the difference from the key still counted right' })
  tolerance?: number;
  @ApiPropertyOptional({ type: String, nullable: true }) explanation?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Competency code the question tests' })
  competency?: string | null;
}

export class QuestionBankView implements QuestionBankDefinition {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [DraftQuestionView] }) questions: DraftQuestionView[];
}

export class QuizDrawView implements QuizDraw {
  @ApiProperty({ format: 'uuid' }) bankId: string;
  @ApiProperty({ description: 'Questions drawn for each attempt' }) count: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Only questions tagged with this competency' })
  competency?: string | null;
}

export class QuizView implements QuizDefinition {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The module it closes; null for the course's final quiz",
  })
  moduleId: string | null;
  @ApiProperty() passMarkPercent: number;
  @ApiProperty() timeLimitMinutes: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty() shuffleQuestions: boolean;
  @ApiProperty() shuffleOptions: boolean;
  @ApiProperty({ enum: SHOW_ANSWERS, description: "When a learner sees a finished attempt's answer key" })
  showAnswers: ShowAnswers;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'May be taken offline within this many days' })
  offlineDays?: number | null;
  @ApiProperty({ type: [QuizDrawView] }) draws: QuizDrawView[];
}

export class CourseDraftView implements CourseDraft {
  @ApiProperty() title: string;
  @ApiPropertyOptional({ type: String, nullable: true }) titleEn?: string | null;
  @ApiProperty() summary: string;
  @ApiPropertyOptional({ type: String, nullable: true }) summaryEn?: string | null;
  @ApiProperty({ enum: ['mn', 'en'] }) language: 'mn' | 'en';
  @ApiProperty() estimatedMinutes: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) validityMonths?: number | null;
  @ApiProperty({ type: [String] }) competencyCodes: string[];
  @ApiProperty({ type: [DraftModuleView] }) modules: DraftModuleView[];
  @ApiProperty({ type: [QuestionBankView] }) questionBanks: QuestionBankView[];
  @ApiProperty({ type: [QuizView] }) quizzes: QuizView[];
}
