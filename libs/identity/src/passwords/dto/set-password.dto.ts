import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { NewPassword } from './password-fields';

export class SetPasswordDto {
  @ApiProperty({
    description: 'The token from the e-mailed link (the last part of /password/set/<token>)',
    maxLength: 200,
  })
  @IsString()
  @MaxLength(200)
  token: string;

  @NewPassword()
  password: string;
}
