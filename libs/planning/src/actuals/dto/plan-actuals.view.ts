// Plan vs actual: what each line planned (seats, cost, KPI target) beside what happened.
import { ApiProperty } from '@nestjs/swagger';
import { PlanCompetencyView, PlanAgencyView, PlanSummaryView } from '../../plans/dto/plan.view';
import { KPI_MEASURES, MODALITIES } from '../../plans/dto/plan-line.dto';

export class PlanLineActualView {
  @ApiProperty({ format: 'uuid' }) lineId: string;
  @ApiProperty({ type: PlanCompetencyView }) competency: PlanCompetencyView;
  @ApiProperty({ type: PlanAgencyView }) targetAgency: PlanAgencyView;
  @ApiProperty({ enum: MODALITIES }) modality: string;
  @ApiProperty({ type: String, nullable: true, description: 'The course title (mn), or the external provider' })
  what: string | null;
  @ApiProperty({ type: String, nullable: true }) whatEn: string | null;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 }) quarter: number;
  @ApiProperty({ type: 'integer', description: 'Planned' }) seats: number;
  @ApiProperty({ type: 'integer', description: 'People the linked assignments and sessions reached' }) reached: number;
  @ApiProperty({ type: 'integer', description: 'Of them, completed the course' }) completed: number;
  @ApiProperty({ type: 'integer', description: 'Of them, hold a valid certificate of it' }) certified: number;
  @ApiProperty({ description: 'Allocated, in tögrög' }) cost: number;
  @ApiProperty({ description: 'Spent, in tögrög' }) spent: number;
  @ApiProperty() kpi: string;
  @ApiProperty({ enum: KPI_MEASURES }) kpiMeasure: string;
  @ApiProperty({ description: 'Target, percent' }) kpiTarget: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'The measure now, percent (completed or certified per planned seat; or the target group’s coverage of the competency in the agency’s figures)',
  })
  kpiValue: number | null;
  @ApiProperty({ type: 'integer', description: 'How many linked assignments and sessions deliver it' })
  deliveries: number;
}

export class PlanActualTotalsView {
  @ApiProperty({ type: 'integer' }) seats: number;
  @ApiProperty({ type: 'integer' }) reached: number;
  @ApiProperty({ type: 'integer' }) completed: number;
  @ApiProperty({ type: 'integer' }) certified: number;
  @ApiProperty() allocated: number;
  @ApiProperty() spent: number;
}

export class PlanActualsView {
  @ApiProperty({ type: PlanSummaryView }) plan: PlanSummaryView;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the figures were last recounted (null: not yet)',
  })
  computedAt: string | null;
  @ApiProperty({ type: PlanActualTotalsView }) totals: PlanActualTotalsView;
  @ApiProperty({ type: [PlanLineActualView] }) lines: PlanLineActualView[];
}

export class PlanActualDayView {
  @ApiProperty({ format: 'date' }) day: string;
  @ApiProperty({ type: 'integer' }) reached: number;
  @ApiProperty({ type: 'integer' }) completed: number;
  @ApiProperty({ type: 'integer' }) certified: number;
  @ApiProperty() spent: number;
}

export class PlanActualsHistoryView {
  @ApiProperty({ type: [PlanActualDayView], description: 'One row a day, oldest first (at most 400)' })
  days: PlanActualDayView[];
}
