import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { SURVEYS, Survey } from '../question-bank';

/** Kinds a trainer may add: a 1-5 rating or a free-text question. */
export const COURSE_QUESTION_KINDS = ['rating', 'text'] as const;

export class AddCourseQuestionDto {
  @ApiProperty({ enum: SURVEYS }) @IsIn(SURVEYS) survey: Survey;
  @ApiProperty({ enum: COURSE_QUESTION_KINDS }) @IsIn(COURSE_QUESTION_KINDS) kind: 'rating' | 'text';
  @ApiProperty({ minLength: 3, maxLength: 300 }) @IsString() @Length(3, 300) textMn: string;
  @ApiPropertyOptional({ minLength: 3, maxLength: 300 }) @IsOptional() @IsString() @Length(3, 300) textEn?: string;
}
