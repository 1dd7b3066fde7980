import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

/** The body of a submit; each answer's shape is checked against its question by the service (422). */
export interface SubmitAttemptBody {
  answers: Record<string, unknown>;
}

/** One answer as a learner gives it: options by the keys they were shown; null (or left out) for none. */
export const ANSWER_SCHEMA = {
  anyOf: [
    { type: 'number' },
    { type: 'boolean' },
    { type: 'string', nullable: true },
    { type: 'array', items: { type: 'number' } },
  ],
};

export class SubmitAttemptDto implements SubmitAttemptBody {
  @ApiProperty({
    description:
      'questionId → answer: single = option key; multiple = [keys]; true_false = boolean; numeric = number; text = string; ordering = [keys in your order]',
    type: 'object',
    additionalProperties: ANSWER_SCHEMA,
    example: { '3f0c…': 2 },
  })
  @IsObject({ message: 'answers must be an object keyed by question id' })
  answers: Record<string, unknown>;
}
