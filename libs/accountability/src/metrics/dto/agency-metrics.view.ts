import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AgencyMetricsRow } from '../agency-metrics.repository';

/** An agency's figures over its whole subtree. Rates are 0–1. */
export class AgencyMetricsView {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() headcount: number;
  @ApiProperty() enrolled: number;
  @ApiProperty({ description: 'People × mandatory courses assigned to them' }) assigned: number;
  @ApiProperty({ description: 'Of those, completed' }) assignedCompleted: number;
  @ApiProperty() completed: number;
  @ApiProperty({ description: 'Of those, completed at a face-to-face session (the rest online)' }) completedFaceToFace: number;
  @ApiProperty({ description: 'Assigned, past the due date and not completed' }) overdue: number;
  @ApiPropertyOptional({ nullable: true }) completionRate: number | null;
  @ApiProperty() certifiedPeople: number;
  @ApiPropertyOptional({ nullable: true, description: 'Share of headcount holding at least one valid certificate' }) certifiedShare: number | null;
  @ApiProperty() validCertificates: number;
  @ApiPropertyOptional({ nullable: true }) averageFinalScore: number | null;
  @ApiProperty() learningHours: number;
  @ApiProperty({ description: 'Competency levels the staff\'s positions require (person × competency)' }) requiredCompetencies: number;
  @ApiProperty({ description: 'Of those, covered by a valid certificate at the required level or above' }) coveredCompetencies: number;
  @ApiPropertyOptional({ nullable: true }) competencyCoverage: number | null;
  @ApiProperty() computedAt: string;

  static of(r: AgencyMetricsRow): AgencyMetricsView {
    const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);
    return {
      agencyId: r.agency_id,
      headcount: r.headcount,
      enrolled: r.enrolled,
      assigned: r.assigned,
      assignedCompleted: r.assigned_completed ?? 0,
      completed: r.completed,
      completedFaceToFace: r.completed_face_to_face ?? 0,
      overdue: r.overdue,
      completionRate: ratio(r.completed, r.enrolled),
      certifiedPeople: r.certified_people,
      certifiedShare: ratio(r.certified_people, r.headcount),
      validCertificates: r.valid_certificates,
      averageFinalScore: r.average_final_score === null ? null : Number(r.average_final_score),
      learningHours: Math.round((Number(r.learning_minutes) / 60) * 10) / 10,
      requiredCompetencies: r.required_competencies ?? 0,
      coveredCompetencies: r.covered_competencies ?? 0,
      competencyCoverage: ratio(r.covered_competencies ?? 0, r.required_competencies ?? 0),
      computedAt: new Date(r.computed_at).toISOString(),
    };
  }
}
