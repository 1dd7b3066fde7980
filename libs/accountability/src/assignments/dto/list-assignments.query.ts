import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@chadavkhi/platform';

export class ListAssignmentsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Assignments made within this agency's subtree" })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  courseId?: string;
}
