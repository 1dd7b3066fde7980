// What each published column of the plans' open data means, once: the Data Package's schema and the
// JSON views are made from it.
import { SMALL_GROUP } from '@chadavkhi/accountability';
import { PLAN_COLUMNS, PLAN_LINE_COLUMNS } from './plan-open-data';

export interface PlanField {
  type: 'string' | 'integer' | 'number' | 'datetime';
  title: string;
  description: string;
  unit?: string;
  constraints?: { required?: boolean; minimum?: number; maximum?: number };
}

const WITHHELD = `Empty where the line reached 1 to ${SMALL_GROUP - 1} people.`;
const MONEY = { type: 'number', unit: 'tögrög (MNT)', constraints: { required: true, minimum: 0 } } as const;
const REQUIRED_TEXT = { type: 'string', constraints: { required: true } } as const;
const PEOPLE = { type: 'integer', unit: 'people', constraints: { minimum: 0 } } as const;

export const PLAN_FIELDS: Record<(typeof PLAN_COLUMNS)[number], PlanField> = {
  plan_id: { ...REQUIRED_TEXT, title: 'Plan', description: 'The plan’s stable identifier.' },
  agency_code: { ...REQUIRED_TEXT, title: 'Agency code', description: 'The agency whose plan it is.' },
  agency_name_mn: { ...REQUIRED_TEXT, title: 'Agency (Mongolian)', description: 'The agency’s name in Mongolian.' },
  agency_name_en: { ...REQUIRED_TEXT, title: 'Agency (English)', description: 'The agency’s name in English.' },
  year: { type: 'integer', title: 'Year', description: 'The plan’s year.', constraints: { required: true } },
  version: {
    type: 'integer',
    title: 'Version',
    description: 'The approved version published (each change after approval is a new version).',
    constraints: { required: true, minimum: 1 },
  },
  approved_at: {
    type: 'datetime',
    title: 'Approved',
    description: 'When the agency’s head approved this version.',
    constraints: { required: true },
  },
  budget: { ...MONEY, title: 'Budget', description: 'The budget allocated to the plan.' },
  allocated: { ...MONEY, title: 'Allocated', description: 'The sum of the lines’ costs.' },
  spent: { ...MONEY, title: 'Spent', description: 'Spending recorded against the lines, with reference documents.' },
  lines: { type: 'integer', title: 'Lines', description: 'How many lines the plan has.', constraints: { minimum: 0 } },
  seats: { ...PEOPLE, title: 'Seats', description: 'Seats the lines plan.' },
  reached: {
    ...PEOPLE,
    title: 'Reached',
    description: `People the lines’ assignments and sessions reached, summed over the lines whose figures are published (${WITHHELD.toLowerCase()} is not added).`,
  },
  completed: { ...PEOPLE, title: 'Completed', description: 'Of them, completed; summed as reached is.' },
  certified: {
    ...PEOPLE,
    title: 'Certified',
    description: 'Of them, holding a valid certificate; summed as reached is.',
  },
};

export const PLAN_LINE_FIELDS: Record<(typeof PLAN_LINE_COLUMNS)[number], PlanField> = {
  line_id: { ...REQUIRED_TEXT, title: 'Line', description: 'The line’s stable identifier.' },
  plan_id: { ...REQUIRED_TEXT, title: 'Plan', description: 'The plan (capacity-plans.csv).' },
  agency_code: { ...REQUIRED_TEXT, title: 'Agency code', description: 'The agency whose plan it is.' },
  year: { type: 'integer', title: 'Year', description: 'The plan’s year.', constraints: { required: true } },
  quarter: {
    type: 'integer',
    title: 'Quarter',
    description: 'When it is planned.',
    constraints: { required: true, minimum: 1, maximum: 4 },
  },
  competency_code: { ...REQUIRED_TEXT, title: 'Competency', description: 'The competency the line builds.' },
  competency_name_mn: { ...REQUIRED_TEXT, title: 'Competency (Mongolian)', description: 'Its name in Mongolian.' },
  competency_name_en: { ...REQUIRED_TEXT, title: 'Competency (English)', description: 'Its name in English.' },
  target_agency_code: {
    ...REQUIRED_TEXT,
    title: 'Target agency',
    description: 'The target group: people of this agency and the agencies below it …',
  },
  position_codes: {
    ...REQUIRED_TEXT,
    title: 'Target positions',
    description: '… holding these positions (codes, space-separated).',
  },
  modality: { ...REQUIRED_TEXT, title: 'Modality', description: 'online, face_to_face or external.' },
  course_title: { type: 'string', title: 'Course', description: 'The course (empty for external training).' },
  provider: { type: 'string', title: 'Provider', description: 'Who delivers external training.' },
  seats: { ...PEOPLE, title: 'Seats', description: 'Seats planned.' },
  cost: { ...MONEY, title: 'Cost', description: 'Allocated to the line.' },
  spent: { ...MONEY, title: 'Spent', description: 'Spent against the line.' },
  reached: {
    ...PEOPLE,
    title: 'Reached',
    description: `People the line’s assignments and sessions reached. ${WITHHELD}`,
  },
  completed: { ...PEOPLE, title: 'Completed', description: `Of them, completed the course. ${WITHHELD}` },
  certified: { ...PEOPLE, title: 'Certified', description: `Of them, holding a valid certificate of it. ${WITHHELD}` },
  kpi: { ...REQUIRED_TEXT, title: 'KPI', description: 'The line’s key performance indicator, as the plan words it.' },
  kpi_measure: {
    ...REQUIRED_TEXT,
    title: 'KPI measure',
    description:
      'completed_share (completed per seat), certified_share (certified per seat) or competency_coverage (the target group’s coverage of the competency in the agency’s figures).',
  },
  kpi_target: {
    type: 'number',
    unit: 'percent',
    title: 'KPI target',
    description: 'The target.',
    constraints: { required: true },
  },
  kpi_value: {
    type: 'number',
    unit: 'percent',
    title: 'KPI now',
    description: `The measure now. Empty where it is computed over 1 to ${SMALL_GROUP - 1} people.`,
  },
};
