import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';

/** Sheets typed in one go: a session's stack, typed in a few sittings at most. */
export const MAX_PAPER_SHEETS = 200;
export const MAX_SHEET_NUMBER = 100000;

export class PaperSheetDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_SHEET_NUMBER,
    description: 'The number written on the sheet when the stack was numbered; the same number again is the same sheet',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_SHEET_NUMBER)
  number: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: {
      oneOf: [
        { type: 'integer', minimum: 1, maximum: 5 },
        { type: 'string', maxLength: 2000 },
      ],
    },
    description: 'Question key → the answer marked on the sheet',
  })
  @IsObject()
  answers: Record<string, unknown>;
}

export class PaperSheetsDto {
  @ApiProperty({ type: [PaperSheetDto], maxItems: MAX_PAPER_SHEETS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PAPER_SHEETS)
  @ValidateNested({ each: true })
  @Type(() => PaperSheetDto)
  sheets: PaperSheetDto[];
}
