// The competency framework, a person's competencies against their position, and an agency's gaps.
import { ApiProperty } from '@nestjs/swagger';
import { LocalizedName, PositionRef } from '@chadavkhi/identity';
import { AgencyLabelView } from '../../scope/dto/agency-label.view';

export class CompetencyLevelView {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 }) level: number;
  @ApiProperty({ description: 'What the level means, in Mongolian' }) mn: string;
  @ApiProperty({ description: 'What the level means, in English' }) en: string;
}

export class CompetencyView {
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
  @ApiProperty({ type: LocalizedName }) description: LocalizedName;
  @ApiProperty({ type: [CompetencyLevelView] }) levels: CompetencyLevelView[];
}

export class CompetencyFrameworkView {
  @ApiProperty({ type: [CompetencyView] }) items: CompetencyView[];
}

/** A valid certificate that gives a competency at some level. */
export class CompetencySourceView {
  @ApiProperty() certificateCode: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ type: String, nullable: true }) courseTitleEn: string | null;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 }) level: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null: never expires' })
  expiresAt: string | null;
}

export class PersonCompetencyView {
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null when the position does not require it' })
  requiredLevel: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The highest level a valid certificate gives' })
  heldLevel: number | null;
  @ApiProperty({ description: 'Required above the level held' }) gap: boolean;
  @ApiProperty({ type: [CompetencySourceView] }) sources: CompetencySourceView[];
}

export class CompetencyProfileView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: PositionRef }) position: PositionRef;
  @ApiProperty({ type: [PersonCompetencyView], description: 'Required by the position or held, or both' })
  competencies: PersonCompetencyView[];
  @ApiProperty({ type: 'integer', description: 'Competencies the position requires' }) required: number;
  @ApiProperty({ type: 'integer', description: 'Of those, not held at the required level' }) gaps: number;
}

/** Required levels over an agency's subtree and how many valid certificates cover. */
export class CompetencyGapView {
  @ApiProperty({ description: "The competency's code (by competency) or the position's (by position)" }) code: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
  @ApiProperty({ type: 'integer', description: 'People with a requirement' }) people: number;
  @ApiProperty({ type: 'integer', description: 'Required levels (person × competency)' }) required: number;
  @ApiProperty({ type: 'integer' }) covered: number;
  @ApiProperty({ type: 'integer', description: 'required − covered' }) gaps: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'covered / required (0–1); null when nothing is required',
  })
  coverage: number | null;
}

export class PositionGapView extends CompetencyGapView {
  @ApiProperty({ format: 'uuid' }) positionId: string;
}

export class AgencyCompetencyGapsView {
  @ApiProperty({ type: AgencyLabelView }) agency: AgencyLabelView;
  @ApiProperty({ type: [CompetencyGapView], description: 'Most gaps first' }) byCompetency: CompetencyGapView[];
  @ApiProperty({ type: [PositionGapView], description: 'Most gaps first' }) byPosition: PositionGapView[];
}
