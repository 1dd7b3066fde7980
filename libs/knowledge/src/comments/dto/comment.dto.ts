import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@chadavkhi/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === ''
    ? undefined
    : typeof value === 'string'
      ? value.trim().toLowerCase()
      : value;

export class CreateCommentDto {
  @ApiProperty({ maxLength: 100, example: 'Б. Болд' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Optional; never shown publicly' })
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(200)
  email?: string;

  @ApiProperty({ maxLength: 4000, description: 'Plain text; markup is removed' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  body: string;
}

export class RespondDto {
  @ApiProperty({ maxLength: 4000 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  response: string;
}

export class AgencyCommentsQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An agency you cover; defaults to yours (with its sub-agencies)',
  })
  @IsOptional()
  @IsUUID('all')
  agencyId?: string;

  @ApiPropertyOptional({ enum: ['open', 'overdue', 'answered', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'overdue', 'answered', 'all'])
  state: 'open' | 'overdue' | 'answered' | 'all' = 'open';
}
