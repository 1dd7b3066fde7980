import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Min } from 'class-validator';

/** What the agency's head approves: the revision they read, so nothing changed under them is approved. */
export class ApprovePlanDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The plan’s revision as the head read it' })
  @IsInt()
  @Min(1)
  revision: number;
}

/** Why an approved plan is reopened, or why the head sends a submitted plan back. */
export class PlanReasonDto {
  @ApiProperty({ minLength: 3, maxLength: 1000 })
  @IsString()
  @Length(3, 1000)
  reason: string;
}
