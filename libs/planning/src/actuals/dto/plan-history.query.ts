import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class PlanHistoryQuery {
  @ApiPropertyOptional({ format: 'date', description: 'From this day (default: a year ago); at most 400 days' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be YYYY-MM-DD' })
  from?: string;
}
