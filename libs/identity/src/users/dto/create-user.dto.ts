import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '../../roles';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** No password: the person sets their own through the e-mailed invitation, so nobody else ever knows it. */
export class CreateUserDto {
  @ApiProperty({ example: 'bat.dorj@mof.gov.mn', maxLength: 254 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({
    example: 'Доржийн Бат',
    maxLength: 200,
    description: 'Stored in composed form (NFC): "й", not "и" + a combining breve',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().normalize('NFC') : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'agencyId must be a UUID' })
  agencyId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'positionId must be a UUID' })
  positionId: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true, default: ['learner'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles?: Role[];

  @ApiPropertyOptional({ example: 'MOF-0042', maxLength: 40 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(/^[\p{L}\p{N}._/-]{1,40}$/u, {
    message: 'staffNumber must be 1-40 letters, digits, dots, dashes or slashes',
  })
  staffNumber?: string;

  @ApiPropertyOptional({ enum: ['mn', 'en'], default: 'mn' })
  @IsOptional()
  @IsIn(['mn', 'en'])
  locale?: 'mn' | 'en';
}
