import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { NewPassword, PASSWORD_MAX } from './password-fields';

export class ChangePasswordDto {
  @ApiProperty({ maxLength: PASSWORD_MAX, description: 'The password in use now' })
  @IsString()
  @MaxLength(PASSWORD_MAX)
  currentPassword: string;

  @NewPassword()
  newPassword: string;
}
