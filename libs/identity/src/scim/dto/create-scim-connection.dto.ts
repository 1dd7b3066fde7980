import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class CreateScimConnectionDto {
  @ApiProperty({ example: 'Сангийн яамны хүний нөөцийн систем', minLength: 2, maxLength: 120 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().normalize('NFC') : value))
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name: string;

  @ApiProperty({ format: 'uuid', description: 'The agency whose subtree the connected system may read and change' })
  @IsUUID()
  agencyId: string;
}
