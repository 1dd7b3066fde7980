import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class MetricsOnQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-01-01',
    description:
      'A past day (Ulaanbaatar): adds `headcountOn`, the headcount (subtree and own people) as the position history places people on that day. The other figures are always the current ones (see computedAt)',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'on must be a date as YYYY-MM-DD' })
  on?: string;
}
