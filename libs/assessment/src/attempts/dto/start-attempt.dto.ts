import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

/** The (optional) body of starting an attempt. */
export class StartAttemptDto {
  @ApiPropertyOptional({ default: false, description: 'To answer on the device without a connection (quizzes that allow it): the deadline is the quiz\'s offline days' })
  @IsOptional() @IsBoolean()
  offline?: boolean;
}
