// Approved plans and plan vs actual as open data, with the same care as the agency figures: no
// personal data (no names, no person's id), and no figure about people computed from fewer than
// SMALL_GROUP of them — a line's reached, completed and certified are blank when it reached 1 to
// SMALL_GROUP − 1 people, its KPI figure when the group it is measured over is that small, and a
// plan's totals add up only the lines' published figures (so no difference of published figures
// gives a blanked one back).
import { SMALL_GROUP } from '@chadavkhi/accountability';
import type { PublishedPlanRow } from './plan-open-data.repository';

export const PLAN_COLUMNS = [
  'plan_id',
  'agency_code',
  'agency_name_mn',
  'agency_name_en',
  'year',
  'version',
  'approved_at',
  'budget',
  'allocated',
  'spent',
  'lines',
  'seats',
  'reached',
  'completed',
  'certified',
] as const;

export const PLAN_LINE_COLUMNS = [
  'line_id',
  'plan_id',
  'agency_code',
  'year',
  'quarter',
  'competency_code',
  'competency_name_mn',
  'competency_name_en',
  'target_agency_code',
  'position_codes',
  'modality',
  'course_title',
  'provider',
  'seats',
  'cost',
  'spent',
  'reached',
  'completed',
  'certified',
  'kpi',
  'kpi_measure',
  'kpi_target',
  'kpi_value',
] as const;

export type PlanOpenRow = Record<(typeof PLAN_COLUMNS)[number], string | number | null>;
export type PlanLineOpenRow = Record<(typeof PLAN_LINE_COLUMNS)[number], string | number | null>;

/** A count of people, or null when it is about 1 to SMALL_GROUP − 1 of them. */
const smallGroup = (people: number) => people > 0 && people < SMALL_GROUP;

export function planLineRows(plan: PublishedPlanRow): PlanLineOpenRow[] {
  return plan.lines.map((l) => {
    const a = plan.actuals[l.id];
    const hidden = !a || smallGroup(a.reached);
    const kpiHidden = !a || a.kpi_value === null || smallGroup(a.kpi_people ?? 0) || hidden;
    return {
      line_id: l.id,
      plan_id: plan.plan_id,
      agency_code: plan.agency_code,
      year: plan.year,
      quarter: l.quarter,
      competency_code: l.competency.code,
      competency_name_mn: l.competency.name.mn,
      competency_name_en: l.competency.name.en,
      target_agency_code: l.targetAgency.code,
      position_codes: l.positions.map((p) => p.code).join(' '),
      modality: l.modality,
      course_title: l.course?.title ?? null,
      provider: l.provider,
      seats: l.seats,
      cost: l.cost,
      spent: Number(plan.spent[l.id] ?? 0),
      reached: hidden ? null : a.reached,
      completed: hidden ? null : a.completed,
      certified: hidden ? null : a.certified,
      kpi: l.kpi,
      kpi_measure: l.kpiMeasure,
      kpi_target: l.kpiTarget,
      kpi_value: kpiHidden ? null : Number(a.kpi_value),
    };
  });
}

export function planRow(plan: PublishedPlanRow, lines: PlanLineOpenRow[]): PlanOpenRow {
  const sum = (c: 'reached' | 'completed' | 'certified') =>
    lines.reduce((n, l) => n + (typeof l[c] === 'number' ? (l[c] as number) : 0), 0);
  return {
    plan_id: plan.plan_id,
    agency_code: plan.agency_code,
    agency_name_mn: plan.agency_name_mn,
    agency_name_en: plan.agency_name_en,
    year: plan.year,
    version: plan.version,
    approved_at: new Date(plan.approved_at).toISOString().replace(/\.\d+Z$/, 'Z'),
    budget: Number(plan.budget),
    allocated: Number(plan.total),
    spent: lines.reduce((n, l) => n + Number(l.spent), 0),
    lines: lines.length,
    seats: lines.reduce((n, l) => n + Number(l.seats), 0),
    reached: sum('reached'),
    completed: sum('completed'),
    certified: sum('certified'),
  };
}
