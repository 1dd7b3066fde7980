import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export class PublishCourseDto {
  @ApiPropertyOptional({
    default: false,
    description:
      'Earlier certificates of this course must be renewed: each expires a set time from now (RECERT_GRACE_DAYS, never later than it would have), and its holder is told',
  })
  @IsOptional()
  @IsBoolean({ message: 'requiresRecertification must be true or false' })
  requiresRecertification?: boolean;
}
