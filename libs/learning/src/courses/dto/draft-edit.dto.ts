// One change to a course draft, as the REST sub-resources and the authoring pages send it. Each
// names the draft revision it was made on (optional): when the draft has moved on since, the change
// is refused with 409 instead of overwriting someone else's.
// The fields and their bounds are the whole-draft inputs' own (mapped types carry their validation),
// so a bound lives once.
import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_DRAW, MAX_OFFLINE_DAYS, MAX_TITLE_LENGTH, QuestionInput, QuizInput } from '../../quizzes/quiz-draft.dto';
import { LessonInput, MAX_URL_LENGTH, ModuleInput } from './course-draft.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DraftRevisionInput {
  @ApiPropertyOptional({
    minimum: 1,
    description: "The draft's `revision` this change was made on; omit to change whatever the draft is now",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}

/** A module's or a new lesson's title. */
export class TitleEditInput extends IntersectionType(DraftRevisionInput, PickType(ModuleInput, ['title'] as const)) {}

export class LessonEditInput extends IntersectionType(
  DraftRevisionInput,
  PickType(LessonInput, ['title', 'body', 'required'] as const),
) {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'A video or file link (https); null or absent for none',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'videoUrl must be an https:// URL' })
  @MaxLength(MAX_URL_LENGTH)
  videoUrl?: string | null;
}

export class MoveLessonInput extends DraftRevisionInput {
  @ApiProperty({
    enum: ['up', 'down'],
    description: 'One place; at the edge of its module a lesson crosses into the neighbouring module',
  })
  @IsIn(['up', 'down'], { message: 'direction must be up or down' })
  direction: 'up' | 'down';
}

export class AddQuestionInput extends DraftRevisionInput {
  @ApiProperty({ type: QuestionInput })
  @ValidateNested()
  @Type(() => QuestionInput)
  question: QuestionInput;

  @ApiPropertyOptional({
    maxLength: MAX_TITLE_LENGTH,
    description: "The bank's title when this is the quiz's first question",
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TITLE_LENGTH)
  bankTitle?: string;
}

/** A quiz's settings; it draws `questionCount` questions from its bank. */
export class QuizSettingsInput extends IntersectionType(
  DraftRevisionInput,
  PickType(QuizInput, ['title', 'passMarkPercent', 'timeLimitMinutes', 'maxAttempts', 'showAnswers'] as const),
) {
  @ApiProperty({ minimum: 1, maximum: MAX_DRAW, description: 'At most the number of questions in the bank' })
  @IsInt()
  @Min(1)
  @Max(MAX_DRAW)
  questionCount: number;

  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: MAX_OFFLINE_DAYS,
    nullable: true,
    description: 'May be taken offline; null or absent: online only',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_OFFLINE_DAYS)
  offlineDays?: number | null;
}

/** `?revision=` for the edits that have no body (removals). */
export class RevisionQuery {
  @ApiPropertyOptional({ minimum: 1, description: "The draft's `revision` this removal was made on" })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  revision?: number;
}
