import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class CompetencyGapsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only people holding this position' })
  @IsOptional()
  @IsUUID()
  positionId?: string;
}
