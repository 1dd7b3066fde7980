import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  DEFAULT_SHOW_ANSWERS,
  QUESTION_TYPES,
  SHOW_ANSWERS,
  type QuestionType,
  type ShowAnswers,
} from './quiz-definition';

/** How many questions one bank may hold. */
export const MAX_QUESTIONS_PER_BANK = 500;

/** An answer key's value: an option index, indexes, true or false, a number, or the accepted texts. */
export const ANSWER_KEY_SCHEMA = {
  anyOf: [
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: { type: 'number' } },
    { type: 'array', items: { type: 'string' } },
  ],
};

/** Bounds that other inputs (the one-edit-at-a-time draft edits) share with these. */
export const MAX_TITLE_LENGTH = 200;
export const MAX_DRAW = 200;
export const MAX_OFFLINE_DAYS = 30;
/** How many options a single, multiple or ordering question has. */
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 20;

/** The question types whose answer is among their options. */
const CHOICE_TYPES: readonly string[] = ['single', 'multiple', 'ordering'];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class QuestionInput {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  id?: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES, { message: `type must be one of ${QUESTION_TYPES.join(', ')}` })
  type: QuestionType;

  @ApiPropertyOptional({ default: 1, minimum: 0.5, maximum: 100 })
  @IsOptional()
  @IsNumber()
  @Min(0.5)
  @Max(100)
  points?: number;

  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  prompt: string;

  @ApiPropertyOptional({
    type: [String],
    minItems: MIN_OPTIONS,
    maxItems: MAX_OPTIONS,
    description: 'single, multiple, ordering (ordering: in the correct order)',
  })
  @ValidateIf((q: QuestionInput) => q.options !== undefined || CHOICE_TYPES.includes(q.type))
  @IsArray()
  @ArrayMinSize(MIN_OPTIONS)
  @ArrayMaxSize(MAX_OPTIONS)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  options?: string[];

  @ApiPropertyOptional({
    description:
      'single: index; multiple: [indexes]; true_false: boolean; numeric: number; text: ["accepted answers"]; ordering: omit',
    ...ANSWER_KEY_SCHEMA,
  })
  @IsOptional()
  correct?: number | number[] | boolean | string[];

  @ApiPropertyOptional({ enum: ['partial', 'all_or_nothing'] })
  @IsOptional()
  @IsIn(['partial', 'all_or_nothing'])
  scoring?: 'partial' | 'all_or_nothing';

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  tolerance?: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  explanation?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,59}$/, { message: 'competency must be a lowercase code' })
  competency?: string;
}

export class QuestionBankInput {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  id?: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ type: [QuestionInput] })
  @IsArray()
  @ArrayMaxSize(MAX_QUESTIONS_PER_BANK)
  @ValidateNested({ each: true })
  @Type(() => QuestionInput)
  questions: QuestionInput[];
}

export class QuizDrawInput {
  @ApiProperty({
    description: 'A bank id, or the bank\'s position ("0", "1", …) when creating banks and quiz together',
  })
  @IsString()
  @MaxLength(40)
  bank: string;

  @ApiProperty({ minimum: 1, maximum: MAX_DRAW })
  @IsInt()
  @Min(1)
  @Max(MAX_DRAW)
  count: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,59}$/)
  competency?: string;
}

export class QuizInput {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  id?: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ description: 'The module it closes (id, or position "0", "1", …); omit for the final quiz' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  module?: string;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  passMarkPercent: number;

  @ApiProperty({ minimum: 1, maximum: 600 })
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitMinutes: number;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  maxAttempts: number;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() shuffleQuestions?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() shuffleOptions?: boolean;

  @ApiPropertyOptional({
    enum: SHOW_ANSWERS,
    default: DEFAULT_SHOW_ANSWERS,
    description:
      'When a learner sees the right answers and explanations of a finished attempt: once passed or out of attempts, after each attempt, or never',
  })
  @IsOptional()
  @IsIn(SHOW_ANSWERS, { message: `showAnswers must be one of ${SHOW_ANSWERS.join(', ')}` })
  showAnswers?: ShowAnswers;

  @ApiPropertyOptional({
    deprecated: true,
    description: 'The older spelling of showAnswers, used when that is absent: false is "never", true the default',
  })
  @IsOptional()
  @IsBoolean()
  reviewAfterSubmit?: boolean;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_OFFLINE_DAYS,
    description:
      'May be taken offline (omit: online only); an offline attempt still has the time limit, plus 15 minutes for its answers to arrive',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_OFFLINE_DAYS)
  offlineDays?: number;

  @ApiProperty({ type: [QuizDrawInput] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => QuizDrawInput)
  draws: QuizDrawInput[];
}
