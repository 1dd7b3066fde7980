import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { QuestionBankInput, QuizInput } from '../../quizzes/quiz-draft.dto';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** How large an outline may grow. */
export const MAX_MODULES = 50;
export const MAX_LESSONS_PER_MODULE = 100;
export const MAX_URL_LENGTH = 2000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LessonInput {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Send back to keep a lesson (and learners' progress on it) across edits",
  })
  @IsOptional()
  @IsUUID('all')
  id?: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ description: 'Markdown; raw HTML is not rendered', maxLength: 100_000 })
  @IsString()
  @MaxLength(100_000)
  body: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ description: 'A video or file link (https)' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'videoUrl must be an https:// URL' })
  @MaxLength(MAX_URL_LENGTH)
  videoUrl?: string;

  @ApiPropertyOptional({
    description:
      'A SCORM package lesson: the package as POST /courses/{id}/modules/{moduleId}/scorm-packages stored it (the SHA-256 of its zip). Send it back to keep the lesson a package lesson',
    pattern: '^[0-9a-f]{64}$',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'scormPackage must be the SHA-256 (64 hex digits) of a stored package' })
  scormPackage?: string;
}

export class ModuleInput {
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

  @ApiProperty({ type: [LessonInput] })
  @IsArray()
  @ArrayMaxSize(MAX_LESSONS_PER_MODULE)
  @ValidateNested({ each: true })
  @Type(() => LessonInput)
  lessons: LessonInput[];
}

export class CreateCourseDto {
  @ApiProperty({ maxLength: 200, example: 'Төрийн албан хаагчийн ёс зүй' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'English title for a Mongolian course (or the reverse)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  titleEn?: string;

  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  summary: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  summaryEn?: string;

  @ApiProperty({ enum: ['mn', 'en'] })
  @IsIn(['mn', 'en'], { message: 'language must be mn or en' })
  language: 'mn' | 'en';

  @ApiProperty({ minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10000)
  estimatedMinutes: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 240, description: 'Certificate validity; omit for never expires' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(240)
  validityMonths?: number;

  @ApiPropertyOptional({ type: [String], example: ['ethics', 'integrity'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(/^[a-z0-9][a-z0-9-]{1,59}$/, {
    each: true,
    message: 'each competency code must be lowercase letters, digits or dashes',
  })
  competencyCodes?: string[];

  @ApiProperty({ type: [ModuleInput] })
  @IsArray()
  @ArrayMinSize(0)
  @ArrayMaxSize(MAX_MODULES)
  @ValidateNested({ each: true })
  @Type(() => ModuleInput)
  modules: ModuleInput[];

  @ApiPropertyOptional({ type: [QuestionBankInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuestionBankInput)
  questionBanks?: QuestionBankInput[];

  @ApiPropertyOptional({ type: [QuizInput], description: 'Module quizzes and at most one final quiz (no module)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuizInput)
  quizzes?: QuizInput[];
}

/** Any subset of the draft's fields; `modules`, when sent, replaces the whole outline. */
export class UpdateCourseDto extends PartialType(CreateCourseDto) {
  @ApiPropertyOptional({
    minimum: 1,
    description: "The draft's `revision` these changes were made on; when it has changed since, 409 draft-changed",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}
