import { ApiProperty } from '@nestjs/swagger';

/** The session's new token: the password change ended every token issued before it, this one included. */
export class PasswordChangedView {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>` from now on' }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires' }) expiresIn: number;
}
