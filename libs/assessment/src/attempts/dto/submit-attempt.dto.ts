import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class SubmitAttemptDto {
  @ApiProperty({
    description: 'questionId → answer: single = option key; multiple = [keys]; true_false = boolean; numeric = number; text = string; ordering = [keys in your order]',
    example: { '3f0c…': 2 },
  })
  @IsObject({ message: 'answers must be an object keyed by question id' })
  answers: Record<string, unknown>;
}
