import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

/** An answer sheet: question key → a rating (1-5), a choice's key, or text. */
export class SubmitSurveyDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      oneOf: [
        { type: 'integer', minimum: 1, maximum: 5 },
        { type: 'string', maxLength: 2000 },
      ],
    },
    example: { relevant: 5, clear: 4, trainer: 4, will_apply: 5, recommend: 5, comment: 'More examples, please.' },
  })
  @IsObject()
  answers: Record<string, unknown>;
}
