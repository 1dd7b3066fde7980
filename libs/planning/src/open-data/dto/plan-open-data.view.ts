// The plans' open data as JSON: the same rows as the CSVs, each column documented from its field.
import { ApiProperty } from '@nestjs/swagger';
import { PLAN_FIELDS, PLAN_LINE_FIELDS, PlanField } from '../plan-open-data-fields';
import type { PlanLineOpenRow, PlanOpenRow } from '../plan-open-data';

const JSON_TYPES = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  datetime: { type: 'string', format: 'date-time' },
} as const;

function documented(target: object, fields: Record<string, PlanField>) {
  for (const [column, field] of Object.entries(fields))
    ApiProperty({
      ...JSON_TYPES[field.type],
      ...(field.constraints?.required ? {} : { nullable: true }),
      description: field.description,
    })(target, column);
}

export class PlanOpenRowView {}
documented(PlanOpenRowView.prototype, PLAN_FIELDS);

export class PlanLineOpenRowView {}
documented(PlanLineOpenRowView.prototype, PLAN_LINE_FIELDS);

export class PublishedPlanView {
  @ApiProperty({ type: PlanOpenRowView }) plan: PlanOpenRow;
  @ApiProperty({ type: [PlanLineOpenRowView] }) lines: PlanLineOpenRow[];
}

export class PublishedPlansView {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [PlanOpenRowView], description: 'Approved plans, newest year first' }) plans: PlanOpenRow[];
}
