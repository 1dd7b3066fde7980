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
import { NewPassword } from '../../passwords/dto/password-fields';
import { ROLES, type Role } from '../../roles';

/**
 * A person the operator creates with a known password (create-admin, the demo accounts), not through
 * an invitation. Same bounds as POST /users and the same password rule as setting one.
 */
export class CreatePersonWithPasswordInput {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim().normalize('NFC') : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @NewPassword()
  password: string;

  @IsUUID('all', { message: 'agencyId must be a UUID' })
  agencyId: string;

  @IsUUID('all', { message: 'positionId must be a UUID' })
  positionId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles: Role[];

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Matches(/^[\p{L}\p{N}._/-]{1,40}$/u, {
    message: 'staffNumber must be 1-40 letters, digits, dots, dashes or slashes',
  })
  staffNumber?: string | null;
}
