import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PACK_LANGUAGES, PackLanguage } from '../pack-labels';

export class CoursePackQuery {
  @ApiPropertyOptional({
    enum: PACK_LANGUAGES,
    description:
      "Language of the pack's own words (title page, contents, answer sheet, footer); the course's language by default",
  })
  @IsOptional()
  @IsIn(PACK_LANGUAGES)
  lang?: PackLanguage;
}
