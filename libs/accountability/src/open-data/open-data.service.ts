// Per-agency aggregates for the public: no personal data, and no group of fewer than SMALL_GROUP
// people can be seen — neither as an agency's own row nor as any difference of published figures
// across the tree (see small-groups.ts). Figures about a part of the staff (enrolments, mandatory
// assignments, scores, competencies) follow the same rule over the people they are computed from.
//
// Over time: every published figure is, at the moment it is published, computed from at least
// SMALL_GROUP people, and the tree rule holds at that moment; so a figure appearing (an average
// going from none to a value) never shows fewer than SMALL_GROUP people's values. What the rule
// does NOT guarantee: someone who keeps two downloads can difference them, and when exactly one
// person joined a published group between the two (one more certificate in a group of six), the
// change is that person's contribution. The figures are aggregates of at least five people at every
// point, but they are live; publishing at coarse intervals or adding noise would be needed to hide
// single changes over time, and neither is done here.
import { Injectable } from '@nestjs/common';
import { writeCsv } from '@chadavkhi/platform';
import { AgencyMetricsRepository, AgencyMetricsRow } from '../metrics/agency-metrics.repository';
import { AgencyMetricsView } from '../metrics/dto/agency-metrics.view';
import { suppressSmallGroups, SMALL_GROUP } from './small-groups';

export { SMALL_GROUP };

/** The published columns, in order; a stable schema documented in the API docs, the open data page and README. */
export const OPEN_DATA_COLUMNS = [
  'agency_code',
  'agency_name_mn',
  'agency_name_en',
  'parent_agency_code',
  'level',
  'headcount',
  'enrolled',
  'assigned',
  'completed',
  'overdue',
  'completion_rate',
  'certified_share',
  'valid_certificates',
  'average_final_score',
  'learning_hours',
  'figures_as_of',
  'assigned_completed',
  'competency_coverage',
] as const;

type OpenDataColumn = (typeof OPEN_DATA_COLUMNS)[number];
export type OpenDataRow = Record<OpenDataColumn, string | number | null>;

/**
 * Columns about a part of the staff, with the people they are computed from: they are blank in a
 * row where those people are too few, or where showing them would let a difference single some out.
 */
const PARTIAL_FIGURES: { people: (r: AgencyMetricsRow) => number; columns: OpenDataColumn[] }[] = [
  { people: (r) => r.enrolled_people, columns: ['enrolled', 'completed', 'completion_rate', 'learning_hours'] },
  { people: (r) => r.assigned_people, columns: ['assigned', 'assigned_completed', 'overdue'] },
  { people: (r) => r.scored_people, columns: ['average_final_score'] },
  { people: (r) => r.competency_people, columns: ['competency_coverage'] },
];

interface TreeRow {
  agency_id: string;
  parent_id: string | null;
  headcount: number;
}

/** The agencies not published at all (the small-group rule over headcounts). */
export function hiddenAgencies(rows: TreeRow[]): Set<string> {
  return suppressSmallGroups(rows.map((r) => ({ id: r.agency_id, parentId: r.parent_id, size: r.headcount })));
}

@Injectable()
export class OpenDataService {
  constructor(private readonly metrics: AgencyMetricsRepository) {}

  /** The published rows, parents before children. */
  async rows(): Promise<OpenDataRow[]> {
    const all = await this.metrics.all();
    const hidden = hiddenAgencies(all);
    const blank = PARTIAL_FIGURES.map(({ people, columns }) => ({
      columns,
      agencies: suppressSmallGroups(
        all.map((r) => ({ id: r.agency_id, parentId: r.parent_id, size: people(r) })),
        hidden,
      ),
    }));
    return all
      .filter((r) => !hidden.has(r.agency_id))
      .map((r) => {
        const f = AgencyMetricsView.of(r);
        const row: OpenDataRow = {
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
        for (const { columns, agencies } of blank)
          if (agencies.has(r.agency_id)) for (const c of columns) row[c] = null;
        return row;
      });
  }

  async csv(): Promise<string> {
    return writeCsv(await this.rows(), OPEN_DATA_COLUMNS);
  }
}
