import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNumber, IsUUID, Max, Min } from 'class-validator';

/** A budget in tögrög, to the möngö: at most a trillion, never negative. */
export const MAX_AMOUNT = 1_000_000_000_000;

export class CreatePlanDto {
  @ApiProperty({ format: 'uuid', description: 'The agency whose plan it is (its subtree is the plan’s reach)' })
  @IsUUID()
  agencyId: string;

  @ApiProperty({ type: 'integer', minimum: 2020, maximum: 2100, example: 2027 })
  @IsInt()
  @Min(2020)
  @Max(2100)
  year: number;

  @ApiProperty({ minimum: 0, maximum: MAX_AMOUNT, description: 'The budget allocated to the plan, in tögrög' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_AMOUNT)
  budget: number;
}

export class UpdatePlanDto {
  @ApiProperty({ minimum: 0, maximum: MAX_AMOUNT, description: 'The new budget; never below what the lines allocate' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(MAX_AMOUNT)
  budget: number;
}
