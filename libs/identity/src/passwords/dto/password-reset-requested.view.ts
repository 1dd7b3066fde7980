import { ApiProperty } from '@nestjs/swagger';

/** The answer to a reset request: the same words whether or not the address belongs to someone. */
export class PasswordResetRequestedView {
  @ApiProperty({ description: 'What happens next, for a person to read' }) message: string;
}
