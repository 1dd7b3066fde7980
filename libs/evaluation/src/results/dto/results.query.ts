import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class EvaluationResultsQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() courseId: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: "An agency within yours; your own (an administrator's: the root) by default",
  })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}
