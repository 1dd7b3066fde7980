import { ApiProperty } from '@nestjs/swagger';
import { OPEN_EVALUATION_COLUMNS, openEvaluationResource } from './open-evaluations';

/** One course's published evaluation figures for the government or an agency under it. */
export class OpenEvaluationRowView {}
const JSON_TYPES = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  datetime: { type: 'string', format: 'date-time' },
} as const;
for (const field of openEvaluationResource().schema.fields) {
  const withheld = field.constraints?.required ? {} : { nullable: true };
  ApiProperty({ ...JSON_TYPES[field.type], ...withheld, description: field.description })(
    OpenEvaluationRowView.prototype,
    field.name,
  );
}

export class OpenEvaluationSchemaView {
  @ApiProperty({ type: [String], example: OPEN_EVALUATION_COLUMNS }) columns: string[];
  @ApiProperty() smallGroupRule: string;
}

export class OpenEvaluationsView {
  @ApiProperty({ type: OpenEvaluationSchemaView }) schema: OpenEvaluationSchemaView;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [OpenEvaluationRowView] }) rows: OpenEvaluationRowView[];
}
