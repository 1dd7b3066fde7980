import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class SetPasswordSignInDto {
  @ApiProperty({ description: 'false: only administrators sign in with a password here (and in agencies below)' })
  @IsBoolean()
  enabled: boolean;
}
