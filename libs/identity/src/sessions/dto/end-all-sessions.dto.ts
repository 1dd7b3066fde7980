import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class EndAllSessionsDto {
  @ApiProperty({ description: 'true: this session carries on; false: it ends too (sign out everywhere)' })
  @IsBoolean({ message: 'keepCurrent must be true or false' })
  keepCurrent: boolean;
}
