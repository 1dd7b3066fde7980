import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';

export class CompareVersionsQuery {
  @ApiProperty({ minimum: 1, description: 'The version number to compare from (usually the older)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from: number;

  @ApiProperty({ minimum: 1, description: 'The version number to compare to' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to: number;
}
