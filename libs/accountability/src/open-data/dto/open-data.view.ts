// The open data's JSON answers: the per-agency rows, and the Frictionless Data Package descriptor
// (https://specs.frictionlessdata.io/data-package/) of the CSV, described here as this server writes it.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OPEN_DATA_FIELDS } from '../open-data-package';
import type { OpenDataRow } from '../open-data.service';

/** One agency's published figures; its columns, and their types, are the data package's. */
export class OpenDataRowView {}
const JSON_TYPES = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  datetime: { type: 'string', format: 'date-time' },
} as const;
for (const [column, field] of Object.entries(OPEN_DATA_FIELDS)) {
  // A column that is not required is null where the figure is withheld (blank in the CSV).
  const withheld = field.constraints?.required ? {} : { nullable: true };
  ApiProperty({ ...JSON_TYPES[field.type], ...withheld, description: field.description })(
    OpenDataRowView.prototype,
    column,
  );
}

export class OpenDataSchemaView {
  @ApiProperty({ type: [String], description: 'The columns of every row, in order' }) columns: readonly string[];
  @ApiProperty({ description: 'How small groups of people are kept from being seen' }) smallGroupRule: string;
}

export class OpenDataView {
  @ApiProperty({ type: OpenDataSchemaView }) schema: OpenDataSchemaView;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [OpenDataRowView], description: 'Parents before children' }) rows: OpenDataRow[];
}

export class DataPackageLicenseView {
  @ApiProperty({ example: 'CC-BY-4.0' }) name: string;
  @ApiProperty() path: string;
  @ApiProperty() title: string;
}

export class DataPackageContributorView {
  @ApiProperty() title: string;
  @ApiProperty({ example: 'publisher' }) role: string;
  @ApiPropertyOptional({ description: 'The open data page, when the public address is known' }) path?: string;
}

export class DataPackageSourceView {
  @ApiProperty() title: string;
  @ApiPropertyOptional() path?: string;
}

export class CsvDialectView {
  @ApiProperty() delimiter: string;
  @ApiProperty() lineTerminator: string;
  @ApiProperty() quoteChar: string;
  @ApiProperty() doubleQuote: boolean;
  @ApiProperty() header: boolean;
}

export class TableFieldConstraintsView {
  @ApiPropertyOptional() required?: boolean;
  @ApiPropertyOptional() unique?: boolean;
  @ApiPropertyOptional() minimum?: number;
  @ApiPropertyOptional() maximum?: number;
}

/** A column as Table Schema describes it. */
export class TableFieldView {
  @ApiProperty() name: string;
  @ApiProperty({ enum: Object.keys(JSON_TYPES) }) type: keyof typeof JSON_TYPES;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiPropertyOptional({ description: 'What the figure counts or measures (an extra property Table Schema allows)' })
  unit?: string;
  @ApiPropertyOptional({ type: TableFieldConstraintsView }) constraints?: TableFieldConstraintsView;
}

export class ForeignKeyReferenceView {
  @ApiProperty({ description: 'Empty: this same resource' }) resource: string;
  @ApiProperty() fields: string;
}

export class ForeignKeyView {
  @ApiProperty() fields: string;
  @ApiProperty({ type: ForeignKeyReferenceView }) reference: ForeignKeyReferenceView;
}

export class TableSchemaView {
  @ApiProperty({ type: [TableFieldView] }) fields: TableFieldView[];
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'The column, or columns, naming a row',
  })
  primaryKey: string | string[];
  @ApiPropertyOptional({
    type: [ForeignKeyView],
    description:
      "Columns naming a row of this file (the agency tree) or of another resource (a plan line's plan); absent where a file refers to none",
  })
  foreignKeys?: ForeignKeyView[];
  @ApiProperty({ type: [String] }) missingValues: string[];
}

export class DataResourceView {
  @ApiProperty({ example: 'tabular-data-resource' }) profile: string;
  @ApiProperty() name: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Relative to the descriptor' }) path: string;
  @ApiProperty() format: string;
  @ApiProperty() mediatype: string;
  @ApiProperty() encoding: string;
  @ApiProperty({ type: CsvDialectView }) dialect: CsvDialectView;
  @ApiProperty({ type: TableSchemaView }) schema: TableSchemaView;
}

export class DataPackageView {
  @ApiProperty({ example: 'tabular-data-package' }) profile: string;
  @ApiProperty() name: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiPropertyOptional({ description: 'The open data page, when the public address is known' }) homepage?: string;
  @ApiProperty() version: string;
  @ApiProperty({ type: [String] }) keywords: string[];
  @ApiProperty({ type: [DataPackageLicenseView] }) licenses: DataPackageLicenseView[];
  @ApiProperty({ type: [DataPackageContributorView] }) contributors: DataPackageContributorView[];
  @ApiProperty({ type: [DataPackageSourceView] }) sources: DataPackageSourceView[];
  @ApiPropertyOptional({ format: 'date-time', description: 'Absent until some figures are published' })
  created?: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the figures last changed' })
  updated: string | null;
  @ApiProperty({ type: [DataResourceView] }) resources: DataResourceView[];
}
