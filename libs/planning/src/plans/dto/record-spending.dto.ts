import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_AMOUNT } from './create-plan.dto';

/** Money spent on a line, with the document (invoice, contract, payment order) that shows it. */
export class RecordSpendingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  lineId: string;

  @ApiProperty({ minimum: 0.01, maximum: MAX_AMOUNT })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(MAX_AMOUNT)
  amount: number;

  @ApiProperty({ example: '2027-03-14', description: 'The day of the payment' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'spentOn must be YYYY-MM-DD' })
  spentOn: string;

  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    example: 'ТШ-2027/014',
    description: 'The reference document; the same reference on the same line is the same record',
  })
  @IsString()
  @Length(1, 200)
  reference: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
