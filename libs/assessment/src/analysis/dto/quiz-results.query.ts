import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class QuizResultsQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The course whose quiz this is; needed only when two courses you author have a quiz with this id',
  })
  @IsOptional()
  @IsUUID('all', { message: 'courseId must be a course id' })
  courseId?: string;
}
