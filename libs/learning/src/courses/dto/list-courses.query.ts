import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '@chadavkhi/platform';

export class ListCoursesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Words in the title or summary (Mongolian or English)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['mn', 'en'], description: 'Only courses taught in this language (the catalogue)' })
  @IsOptional()
  @IsIn(['mn', 'en'])
  language?: 'mn' | 'en';
}
