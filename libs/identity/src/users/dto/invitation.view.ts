import { ApiProperty } from '@nestjs/swagger';

/**
 * The answer to creating a person. It is the same when the address already belongs to someone
 * outside the agencies you manage (who then gets nothing), so it tells nobody which addresses exist.
 */
export class InvitationView {
  @ApiProperty({ example: 'invited' }) status: 'invited';
  @ApiProperty() email: string;
  @ApiProperty() message: string;
}
