import { ApiProperty } from '@nestjs/swagger';

/** One of the caller's open sessions (a sign-in, however often its token was renewed). */
export class SignInSessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['password', 'provider'], description: 'How the person signed in' })
  method: 'password' | 'provider';
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The identity provider (configured id) for method provider',
  })
  providerId: string | null;
  @ApiProperty({ description: 'A second factor (TOTP or a recovery code) was checked at sign-in' })
  secondFactor: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'Chrome 120', description: 'Named from the User-Agent' })
  browser: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Windows 10' }) system: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The address it was last used from' })
  ip: string | null;
  @ApiProperty() startedAt: Date;
  @ApiProperty() lastSeenAt: Date;
  @ApiProperty({ description: 'When it ends however it is used (then the person signs in again)' })
  expiresAt: Date;
  @ApiProperty({ description: 'The session this request belongs to' }) current: boolean;
}

export class SignInSessionsEndedView {
  @ApiProperty({ type: 'integer', description: 'How many sessions were ended' }) ended: number;
}
