import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class NeedsReportQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "A sub-agency's subtree (default: the survey's agency)" })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}
