// One change to a course draft, as the REST sub-resources and the authoring pages send it. Each
// names the draft revision it was made on (optional): when the draft has moved on since, the change
// is refused with 409 instead of overwriting someone else's.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { QuestionInput } from '../../quizzes/quiz-draft.dto';
import { SHOW_ANSWERS, type ShowAnswers } from '../../quizzes/quiz-definition';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DraftRevisionInput {
  @ApiPropertyOptional({ minimum: 1, description: "The draft's `revision` this change was made on; omit to change whatever the draft is now" })
  @IsOptional() @IsInt() @Min(1)
  revision?: number;
}

/** A module's or a new lesson's title. */
export class TitleEditInput extends DraftRevisionInput {
  @ApiProperty({ maxLength: 200 }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(200)
  title: string;
}

export class LessonEditInput extends DraftRevisionInput {
  @ApiProperty({ maxLength: 200 }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(200)
  title: string;

  @ApiProperty({ description: 'Markdown; raw HTML is not rendered', maxLength: 100_000 }) @IsString() @MaxLength(100_000)
  body: string;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'A video or file link (https); null or absent for none' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'videoUrl must be an https:// URL' }) @MaxLength(2000)
  videoUrl?: string | null;
}

export class MoveLessonInput extends DraftRevisionInput {
  @ApiProperty({ enum: ['up', 'down'], description: 'One place; at the edge of its module a lesson crosses into the neighbouring module' })
  @IsIn(['up', 'down'], { message: 'direction must be up or down' })
  direction: 'up' | 'down';
}

export class AddQuestionInput extends DraftRevisionInput {
  @ApiProperty({ type: QuestionInput }) @ValidateNested() @Type(() => QuestionInput)
  question: QuestionInput;

  @ApiPropertyOptional({ maxLength: 200, description: "The bank's title when this is the quiz's first question" })
  @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200)
  bankTitle?: string;
}

/** A quiz's settings; it draws `questionCount` questions from its bank. */
export class QuizSettingsInput extends DraftRevisionInput {
  @ApiProperty({ maxLength: 200 }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(200)
  title: string;

  @ApiProperty({ minimum: 1, maximum: 100 }) @IsInt() @Min(1) @Max(100)
  passMarkPercent: number;

  @ApiProperty({ minimum: 1, maximum: 600 }) @IsInt() @Min(1) @Max(600)
  timeLimitMinutes: number;

  @ApiProperty({ minimum: 1, maximum: 100 }) @IsInt() @Min(1) @Max(100)
  maxAttempts: number;

  @ApiProperty({ minimum: 1, maximum: 200, description: 'At most the number of questions in the bank' }) @IsInt() @Min(1) @Max(200)
  questionCount: number;

  @ApiPropertyOptional({ enum: SHOW_ANSWERS, description: 'Absent: as the quiz has it (the default for a new quiz)' })
  @IsOptional() @IsIn(SHOW_ANSWERS)
  showAnswers?: ShowAnswers;

  @ApiPropertyOptional({ minimum: 1, maximum: 30, nullable: true, description: 'May be taken offline for this many days; null or absent: online only' })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsInt() @Min(1) @Max(30)
  offlineDays?: number | null;
}

/** `?revision=` for the edits that have no body (removals). */
export class RevisionQuery {
  @ApiPropertyOptional({ minimum: 1, description: "The draft's `revision` this removal was made on" })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value)) @IsInt() @Min(1)
  revision?: number;
}
