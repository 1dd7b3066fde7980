import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AgencyMetricsRow } from '../agency-metrics.repository';

/** An agency's figures over its whole subtree. Rates are 0–1. */
export class AgencyMetricsView {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() headcount: number;
  @ApiProperty() enrolled: number;
  @ApiProperty() assigned: number;
  @ApiProperty() completed: number;
  @ApiProperty({ description: 'Not completed and past the due date' }) overdue: number;
  @ApiPropertyOptional({ nullable: true }) completionRate: number | null;
  @ApiProperty() certifiedPeople: number;
  @ApiPropertyOptional({ nullable: true, description: 'Share of headcount holding at least one valid certificate' }) certifiedShare: number | null;
  @ApiProperty() validCertificates: number;
  @ApiPropertyOptional({ nullable: true }) averageFinalScore: number | null;
  @ApiProperty() learningHours: number;
  @ApiProperty() computedAt: string;

  static of(r: AgencyMetricsRow): AgencyMetricsView {
    const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);
    return {
      agencyId: r.agency_id,
      headcount: r.headcount,
      enrolled: r.enrolled,
      assigned: r.assigned,
      completed: r.completed,
      overdue: r.overdue,
      completionRate: ratio(r.completed, r.enrolled),
      certifiedPeople: r.certified_people,
      certifiedShare: ratio(r.certified_people, r.headcount),
      validCertificates: r.valid_certificates,
      averageFinalScore: r.average_final_score === null ? null : Number(r.average_final_score),
      learningHours: Math.round((Number(r.learning_minutes) / 60) * 10) / 10,
      computedAt: new Date(r.computed_at).toISOString(),
    };
  }
}
