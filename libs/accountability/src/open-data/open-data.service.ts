// Per-agency aggregates for the public: no personal data, and agencies with fewer than
// SMALL_GROUP people are left out as rows (their people are still counted in their parents).
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { AgencyMetricsRepository } from '../metrics/agency-metrics.repository';
import { AgencyMetricsView } from '../metrics/dto/agency-metrics.view';

export const SMALL_GROUP = 5;

/** The published columns, in order; a stable schema documented in the API docs. */
export const OPEN_DATA_COLUMNS = [
  'agency_code', 'agency_name_mn', 'agency_name_en', 'parent_agency_code', 'level', 'headcount', 'enrolled', 'assigned', 'completed', 'overdue',
  'completion_rate', 'certified_share', 'valid_certificates', 'average_final_score', 'learning_hours', 'figures_as_of',
] as const;

@Injectable()
export class OpenDataService {
  constructor(private readonly metrics: AgencyMetricsRepository) {}

  async rows(): Promise<Record<(typeof OPEN_DATA_COLUMNS)[number], string | number | null>[]> {
    const all = await this.metrics.all();
    return all
      .filter((r) => r.headcount >= SMALL_GROUP)
      .map((r) => {
        const f = AgencyMetricsView.of(r);
        return {
          agency_code: r.code,
          agency_name_mn: r.name_mn,
          agency_name_en: r.name_en,
          parent_agency_code: r.parent_code,
          level: r.depth,
          headcount: f.headcount,
          enrolled: f.enrolled,
          assigned: f.assigned,
          completed: f.completed,
          overdue: f.overdue,
          completion_rate: f.completionRate,
          certified_share: f.certifiedShare,
          valid_certificates: f.validCertificates,
          average_final_score: f.averageFinalScore,
          learning_hours: f.learningHours,
          figures_as_of: f.computedAt,
        };
      });
  }

  async csv(): Promise<string> {
    return stringify(await this.rows(), { header: true, columns: [...OPEN_DATA_COLUMNS], bom: true });
  }
}
