import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class SetSuccessorDto {
  @ApiProperty({ format: 'uuid', description: 'An active person who takes over the items' })
  @IsUUID('all', { message: 'successorId must be a person id (UUID)' })
  successorId: string;
}
