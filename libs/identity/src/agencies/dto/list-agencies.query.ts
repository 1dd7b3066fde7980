import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '@chadavkhi/platform';
import { AGENCY_KINDS, type AgencyKind } from '../agency.entity';

export class ListAgenciesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Direct children of this agency' })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be a UUID' })
  parentId?: string;

  @ApiPropertyOptional({ enum: AGENCY_KINDS })
  @IsOptional()
  @IsIn(AGENCY_KINDS)
  kind?: AgencyKind;

  @ApiPropertyOptional({ description: 'Matches the Mongolian or English name or the code', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
