import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';

/** The (optional) body of starting an attempt. */
export class StartAttemptDto {
  @ApiPropertyOptional({
    default: false,
    description:
      'To answer on the device without a connection (quizzes that allow it): the deadline is the time limit plus 15 minutes for the answers to arrive',
  })
  @IsOptional()
  @IsBoolean()
  offline?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The enrolment to take it on; without it, the one in progress whose version has this quiz',
  })
  @IsOptional()
  @IsUUID('all', { message: 'enrollmentId must be an enrolment id' })
  enrollmentId?: string;
}
