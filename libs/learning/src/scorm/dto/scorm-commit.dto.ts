// One commit of a SCO's runtime data, as the lesson page relays it from the player frame. The shape
// and the largest sizes any version allows are checked here; the version's own vocabularies and
// sizes in the service (scorm-runtime-data.ts), which knows the package.
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class ScormInteractionDto {
  @ApiProperty({ maxLength: 4000, description: 'cmi.interactions.n.id' })
  @IsString()
  @MaxLength(4000)
  id: string;

  @ApiPropertyOptional({ maxLength: 20, description: 'true-false, choice, fill-in, long-fill-in (2004), matching, …' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  type?: string;

  @ApiPropertyOptional({ maxLength: 4000, description: '1.2 student_response, 2004 learner_response' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  learnerResponse?: string;

  @ApiPropertyOptional({
    maxLength: 40,
    description: 'correct, wrong (1.2) / incorrect (2004), unanticipated, neutral, or a number',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  result?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  weighting?: number;

  @ApiPropertyOptional({ maxLength: 40, description: '1.2 time span or 2004 duration' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  latency?: string;
}

export class ScormCommitDto {
  @ApiProperty({ format: 'uuid', description: 'Made by the player for this commit: sending it again answers the same' })
  @IsUUID()
  commitId: string;

  @ApiProperty({ format: 'uuid', description: 'Made by the player when the SCO was launched' })
  @IsUUID()
  sessionId: string;

  @ApiProperty({ minimum: 1, description: "The commit's place in its session: an earlier one arriving late is stale" })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  sequence: number;

  @ApiProperty({
    minimum: 0,
    description:
      "The SCO state's revision the session started from (0: none): a session older than another's write is stale",
  })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  baseRevision: number;

  @ApiPropertyOptional({ description: 'SCORM 1.2 cmi.core.lesson_status' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  lessonStatus?: string;

  @ApiPropertyOptional({ description: 'SCORM 2004 cmi.completion_status' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  completionStatus?: string;

  @ApiPropertyOptional({ description: 'SCORM 2004 cmi.success_status' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  successStatus?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  scoreRaw?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  scoreMin?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  scoreMax?: number;

  @ApiPropertyOptional({ description: 'SCORM 2004 cmi.score.scaled, -1 to 1' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  scoreScaled?: number;

  @ApiPropertyOptional({ maxLength: 1000, description: '1.2 lesson_location (255), 2004 location (1000)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  location?: string;

  @ApiPropertyOptional({ maxLength: 64000, description: '1.2: at most 4,096 characters; 2004: 64,000' })
  @IsOptional()
  @IsString()
  @MaxLength(64000)
  suspendData?: string;

  @ApiPropertyOptional({ maxLength: 40, description: '1.2 HHHH:MM:SS.SS, 2004 ISO 8601 duration' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  sessionTime?: string;

  @ApiPropertyOptional({ type: [ScormInteractionDto], maxItems: 250 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Type(() => ScormInteractionDto)
  interactions?: ScormInteractionDto[];
}

/** A commit made offline, sent through /sync: the sync item's id is the commit's id. */
export class ScormOfflineCommitDto extends OmitType(ScormCommitDto, ['commitId'] as const) {}
