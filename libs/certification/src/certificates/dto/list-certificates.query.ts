import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '@chadavkhi/platform';

export class ListCertificatesQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Holders in this agency and its sub-agencies (default: the agencies you manage)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be a UUID' })
  agencyId?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3650,
    description: 'Only valid certificates that expire within this many days',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  expiringWithinDays?: number;

  @ApiPropertyOptional({ enum: ['valid', 'expired', 'revoked'] })
  @IsOptional()
  @IsIn(['valid', 'expired', 'revoked'])
  status?: 'valid' | 'expired' | 'revoked';
}

export class MyCertificatesQuery {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 3650,
    description: 'Only valid certificates that expire within this many days (60 for renewal reminders)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  expiringWithinDays?: number;
}
