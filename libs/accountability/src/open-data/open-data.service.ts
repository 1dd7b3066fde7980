// Per-agency aggregates for the public: no personal data, and no group of fewer than SMALL_GROUP
// people can be seen — neither as an agency's own row nor as the difference between a parent and
// its listed sub-agencies (see hiddenAgencies).
import { Injectable } from '@nestjs/common';
import { writeCsv } from '@chadavkhi/platform';
import { AgencyMetricsRepository } from '../metrics/agency-metrics.repository';
import { AgencyMetricsView } from '../metrics/dto/agency-metrics.view';

export const SMALL_GROUP = 5;

/** The published columns, in order; a stable schema documented in the API docs, the open data page and README. */
export const OPEN_DATA_COLUMNS = [
  'agency_code', 'agency_name_mn', 'agency_name_en', 'parent_agency_code', 'level', 'headcount', 'enrolled', 'assigned', 'completed', 'overdue',
  'completion_rate', 'certified_share', 'valid_certificates', 'average_final_score', 'learning_hours', 'figures_as_of',
  'assigned_completed', 'competency_coverage',
] as const;

export type OpenDataRow = Record<(typeof OPEN_DATA_COLUMNS)[number], string | number | null>;

interface TreeRow {
  agency_id: string;
  parent_id: string | null;
  headcount: number;
}

/**
 * Which agencies are not published: those under SMALL_GROUP people, and — where a parent's people
 * outside its listed sub-agencies would number 1 to SMALL_GROUP − 1 (parent minus children would
 * single them out) — its smallest listed sub-agencies until that remainder is empty or large enough.
 */
export function hiddenAgencies(rows: TreeRow[]): Set<string> {
  const hidden = new Set(rows.filter((r) => r.headcount < SMALL_GROUP).map((r) => r.agency_id));
  const children = new Map<string, TreeRow[]>();
  for (const r of rows) if (r.parent_id) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
  for (const parent of rows) {
    if (hidden.has(parent.agency_id)) continue;
    const visible = (children.get(parent.agency_id) ?? []).filter((c) => !hidden.has(c.agency_id)).sort((a, b) => a.headcount - b.headcount);
    let remainder = parent.headcount - visible.reduce((sum, c) => sum + c.headcount, 0);
    while (remainder > 0 && remainder < SMALL_GROUP && visible.length) {
      const smallest = visible.shift()!;
      hidden.add(smallest.agency_id);
      remainder += smallest.headcount;
    }
  }
  return hidden;
}

@Injectable()
export class OpenDataService {
  constructor(private readonly metrics: AgencyMetricsRepository) {}

  /** The published rows, parents before children. */
  async rows(): Promise<OpenDataRow[]> {
    const all = await this.metrics.all();
    const hidden = hiddenAgencies(all);
    return all
      .filter((r) => !hidden.has(r.agency_id))
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
          assigned_completed: f.assignedCompleted,
          competency_coverage: f.competencyCoverage,
        };
      });
  }

  async csv(): Promise<string> {
    return writeCsv(await this.rows(), OPEN_DATA_COLUMNS);
  }
}
