import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

/** The body of a submit; each answer's shape is checked against its question by the service (422). */
export interface SubmitAttemptBody {
  answers: Record<string, unknown>;
}

export class SubmitAttemptDto implements SubmitAttemptBody {
  @ApiProperty({
    description:
      'questionId → answer: single = option key; multiple = [keys]; true_false = boolean; numeric = number; text = string; ordering = [keys in your order]',
    example: { '3f0c…': 2 },
  })
  @IsObject({ message: 'answers must be an object keyed by question id' })
  answers: Record<string, unknown>;
}
