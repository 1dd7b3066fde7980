import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { AGENCY_KINDS, type AgencyKind } from '../agency.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateAgencyDto {
  @ApiProperty({
    example: 'tax-audit-department',
    description: 'Stable identifier: lowercase letters, digits and dashes',
  })
  @Matches(/^[a-z0-9][a-z0-9-]{1,79}$/, { message: 'code must be 2-80 lowercase letters, digits or dashes' })
  code: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  @IsIn(AGENCY_KINDS, { message: `kind must be one of ${AGENCY_KINDS.join(', ')}` })
  kind: AgencyKind;

  @ApiProperty({ example: 'Татварын хяналт шалгалтын газар' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  nameMn: string;

  @ApiProperty({ example: 'Tax Audit Department' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  nameEn: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'parentId must be a UUID' })
  parentId: string;
}
