// An agency's HR figures as the dashboard reads them: now, on a past day, and day by day.
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { AgencyLabelView } from '../../scope/dto/agency-label.view';
import type { AgencyMetricsRow } from '../agency-metrics.repository';

/** A rate or an average is shown only when computed from at least this many people. */
export const FEWEST_CONTRIBUTORS = 5;

/** How many active people have an item in their HR record, and their share of the headcount. */
export class DataQualityItem {
  @ApiProperty() people: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'people / headcount (0–1); null when the headcount is under five',
  })
  share: number | null;
}

/** Data quality (issue 17 §7): how complete the HR records behind the figures are. */
export class DataQualityView {
  @ApiProperty({ type: DataQualityItem }) registrationNumber: DataQualityItem;
  @ApiProperty({
    type: DataQualityItem,
    description: 'Every account holds a position today, so this equals the headcount; counted, not assumed',
  })
  position: DataQualityItem;
  @ApiProperty({ type: DataQualityItem }) supervisor: DataQualityItem;
  @ApiProperty({ type: DataQualityItem }) email: DataQualityItem;
}

/**
 * An agency's figures over its whole subtree. Rates are 0–1, and null when fewer than
 * FEWEST_CONTRIBUTORS people stand behind them (an average score of one person is that person's
 * score), in the live figures and at every day of the history alike.
 */
export class AgencyMetricsView {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() headcount: number;
  @ApiProperty() enrolled: number;
  @ApiProperty({ description: 'People × mandatory courses assigned to them' }) assigned: number;
  @ApiProperty({ description: 'Of those, completed' }) assignedCompleted: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'Mandatory training done: assignedCompleted / assigned. Null when fewer than five people are assigned',
  })
  mandatoryCompletion: number | null;
  @ApiProperty() completed: number;
  @ApiProperty({ description: 'Of those, completed at a face-to-face session (the rest online)' })
  completedFaceToFace: number;
  @ApiProperty({
    description:
      'Of the completions, those with a completion-integrity flag: a lesson marked done far faster than its estimated time, or a quiz answered implausibly fast (flagged, never refused)',
  })
  completedFlagged: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description:
      'Evidence quality: the share of completions without a flag, (completed − completedFlagged) / completed. Null when fewer than five completions',
  })
  evidenceQuality: number | null;
  @ApiProperty({ description: 'Assigned, past the due date and not completed' }) overdue: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'Null when fewer than five people are enrolled' })
  completionRate: number | null;
  @ApiProperty() certifiedPeople: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'Share of headcount holding at least one valid certificate',
  })
  certifiedShare: number | null;
  @ApiProperty() validCertificates: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'Null when fewer than five people hold a scored certificate',
  })
  averageFinalScore: number | null;
  @ApiProperty() learningHours: number;
  @ApiProperty({ description: "Competency levels the staff's positions require (person × competency)" })
  requiredCompetencies: number;
  @ApiProperty({ description: 'Of those, covered by a valid certificate at the required level or above' })
  coveredCompetencies: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'Null when fewer than five people hold positions that require competencies',
  })
  competencyCoverage: number | null;
  @ApiProperty({ type: DataQualityView }) dataQuality: DataQualityView;
  @ApiProperty({ format: 'date-time' }) computedAt: string;
  @ApiPropertyOptional({
    description:
      'Live figures only: items (documents, reviews, comments, courses, upcoming sessions) whose steward left or is inactive with no successor. Should be 0',
  })
  orphanedItems?: number;

  static of(r: AgencyMetricsRow): AgencyMetricsView {
    const enough = (people: number | undefined) => (people ?? 0) >= FEWEST_CONTRIBUTORS;
    const ratio = (a: number, b: number, people: number | undefined) =>
      b && enough(people) ? Math.round((a / b) * 1000) / 1000 : null;
    const item = (people: number | undefined) => ({
      people: people ?? 0,
      share: ratio(people ?? 0, r.headcount, r.headcount),
    });
    return {
      agencyId: r.agency_id,
      headcount: r.headcount,
      enrolled: r.enrolled,
      assigned: r.assigned,
      assignedCompleted: r.assigned_completed ?? 0,
      mandatoryCompletion: ratio(r.assigned_completed ?? 0, r.assigned, r.assigned_people),
      completed: r.completed,
      completedFaceToFace: r.completed_face_to_face ?? 0,
      completedFlagged: r.completed_flagged ?? 0,
      evidenceQuality: ratio(r.completed - (r.completed_flagged ?? 0), r.completed, r.completed),
      overdue: r.overdue,
      completionRate: ratio(r.completed, r.enrolled, r.enrolled_people),
      certifiedPeople: r.certified_people,
      certifiedShare: ratio(r.certified_people, r.headcount, r.headcount),
      validCertificates: r.valid_certificates,
      averageFinalScore:
        r.average_final_score === null || !enough(r.scored_people) ? null : Number(r.average_final_score),
      learningHours: Math.round((Number(r.learning_minutes) / 60) * 10) / 10,
      requiredCompetencies: r.required_competencies ?? 0,
      coveredCompetencies: r.covered_competencies ?? 0,
      competencyCoverage: ratio(r.covered_competencies ?? 0, r.required_competencies ?? 0, r.competency_people),
      dataQuality: {
        registrationNumber: item(r.with_registration_number),
        position: item(r.with_position),
        supervisor: item(r.with_supervisor),
        email: item(r.with_email),
      },
      computedAt: new Date(r.computed_at).toISOString(),
    };
  }
}

/** The headcount on a past day, as the position history places people (GET …/metrics?on=). */
export class HeadcountOnView {
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ type: 'integer', description: 'The agency and its sub-agencies' }) headcount: number;
  @ApiProperty({ type: 'integer', description: "The agency's own people" }) ownHeadcount: number;
}

export class SubAgencyFiguresView extends AgencyLabelView {
  @ApiProperty({ type: AgencyMetricsView }) figures: AgencyMetricsView;
  @ApiPropertyOptional({ type: HeadcountOnView, description: 'With `on` only' }) headcountOn?: HeadcountOnView;
}

export class AgencyFiguresView {
  @ApiProperty({ type: AgencyLabelView }) agency: AgencyLabelView;
  @ApiProperty({ type: AgencyMetricsView, description: 'Over the whole subtree' }) figures: AgencyMetricsView;
  @ApiPropertyOptional({ type: HeadcountOnView, description: 'With `on` only' }) headcountOn?: HeadcountOnView;
  @ApiProperty({ type: [SubAgencyFiguresView], description: 'Each direct sub-agency, over its own subtree' })
  subAgencies: SubAgencyFiguresView[];
}

/** One day's snapshot of the figures (the day says when; there is no computedAt). */
export class MetricsDayView extends OmitType(AgencyMetricsView, ['computedAt', 'orphanedItems'] as const) {
  @ApiProperty({ format: 'date', description: 'The day, Ulaanbaatar time' }) day: string;
}

export class MetricsHistoryView {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ type: [MetricsDayView], description: 'Oldest first' }) days: MetricsDayView[];
}
