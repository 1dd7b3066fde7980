import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { NewPassword } from '../../passwords/dto/password-fields';

/** create-admin's arguments: an administrator by e-mail, made or reset with this password. */
export class SetUpAdministratorInput {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @NewPassword()
  password: string;

  /** Shown name of a new administrator; the e-mail address when absent. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  /** Code of the agency a new administrator belongs to; the first government agency when absent. */
  @IsOptional()
  @IsString()
  @MaxLength(80)
  agency?: string;

  /** Code of a new administrator's position; the first by code when absent. */
  @IsOptional()
  @IsString()
  @MaxLength(80)
  position?: string;
}
