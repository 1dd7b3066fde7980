import { ApiProperty } from '@nestjs/swagger';

/** The session's new token: the password change ended every token issued before it, this one included. */
export class PasswordChangedView {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>` from now on' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
}
