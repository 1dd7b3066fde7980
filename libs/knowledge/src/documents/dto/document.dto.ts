import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { DOCUMENT_TYPES, DocumentType, Visibility, VISIBILITIES } from '../document-access';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const tagList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((t) => (typeof t === 'string' ? t.trim().toLowerCase() : t)))] : value;
export const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,59}$/u;

export class CreateDocumentDto {
  @ApiProperty({ maxLength: 300, example: 'Төрийн худалдан авах ажиллагааны заавар' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  summary?: string;

  @ApiProperty({ description: 'Markdown; raw HTML is not rendered', maxLength: 200_000 })
  @IsString()
  @MaxLength(200_000)
  body: string;

  @ApiProperty({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES, { message: `type must be one of ${DOCUMENT_TYPES.join(', ')}` })
  type: DocumentType;

  @ApiPropertyOptional({ type: [String], example: ['procurement', 'ил тод'] })
  @IsOptional()
  @Transform(tagList)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TAG, { each: true, message: 'each tag must be 1-60 letters, digits, spaces, _ or -' })
  tags?: string[];

  @ApiProperty({ enum: ['mn', 'en'] })
  @IsIn(['mn', 'en'], { message: 'language must be mn or en' })
  language: 'mn' | 'en';

  @ApiProperty({
    enum: VISIBILITIES,
    description: 'public: anyone; internal: signed-in civil servants; agency: the owning agency and its sub-agencies',
  })
  @IsIn(VISIBILITIES, { message: 'visibility must be public, internal or agency' })
  visibility: Visibility;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Defaults to your agency; another one needs a reviewer of it (hr_officer over it, or admin)',
  })
  @IsOptional()
  @IsUUID('all')
  ownerAgencyId?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2027-03-14',
    description: 'Past this date the document is flagged stale; null clears it',
    nullable: true,
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'reviewBy must be a date YYYY-MM-DD' })
  reviewBy?: string | null;

  @ApiPropertyOptional({
    default: true,
    description: 'Publishing needs a reviewer of the owning agency; only a reviewer may turn this off',
  })
  @IsOptional()
  @IsBoolean()
  requiresApproval?: boolean;
}

export class UpdateDocumentDto extends PartialType(CreateDocumentDto) {
  @ApiPropertyOptional({ maxLength: 500, description: 'What this edit changed, kept with the version' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ReviewDecisionDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ApproveDocumentDto extends ReviewDecisionDto {
  @ApiProperty({
    minimum: 1,
    example: 3,
    description:
      'The version you reviewed (editor.currentVersion when you read it); refused with 409 if another is now waiting',
  })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version: number;
}
