// A document's history as its editors read it: the versions, and what changed between two.
import { ApiProperty } from '@nestjs/swagger';

/** The fields a comparison lists one by one (the body gets a patch of its own). */
export const COMPARED_FIELDS = ['title', 'summary', 'type', 'tags', 'language', 'visibility'] as const;

export class VersionSummary {
  @ApiProperty({ type: 'integer', minimum: 1 }) version: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'What the edit changed, as its author put it' })
  note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'The version readers see' }) published: boolean;
}

/** A field's value: a string, or the list of tags. */
const FIELD_VALUE = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

export class ChangedFieldView {
  @ApiProperty({ enum: COMPARED_FIELDS }) field: (typeof COMPARED_FIELDS)[number];
  @ApiProperty(FIELD_VALUE) from: unknown;
  @ApiProperty(FIELD_VALUE) to: unknown;
}

export class DocumentVersionDiff {
  @ApiProperty({ type: 'integer' }) from: number;
  @ApiProperty({ type: 'integer' }) to: number;
  @ApiProperty({ type: [ChangedFieldView], description: 'The fields other than the body that differ' })
  fields: ChangedFieldView[];
  @ApiProperty({ type: String, nullable: true, description: 'Unified diff of the Markdown body; null when unchanged' })
  bodyPatch: string | null;
}
