import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '@chadavkhi/platform';
import { ROLES, type Role } from '../../roles';

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only staff of this agency and its sub-agencies' })
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be a UUID' })
  agencyId?: string;

  @ApiPropertyOptional({
    description: 'Matches name, email or staff number (in part), or a registration number (whole, any case or spacing)',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}
