import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class MetricsHistoryQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1096, default: 90, description: 'How many days back, today included' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1096)
  days: number = 90;
}
