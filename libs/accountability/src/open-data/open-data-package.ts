// The open data as a Frictionless Data Package (https://specs.frictionlessdata.io/): a descriptor
// (datapackage.json) that says what the CSV holds — each column's type, meaning and unit, the key,
// the tree — under which licence, who publishes it and when it last changed, so a citizen's
// spreadsheet or a data portal reads the figures without guessing. Paths are relative to the
// descriptor, so the package works at whatever address the product is served from.
import type { DataPackageView, DataResourceView } from './dto/open-data.view';
import type { OpenDataRow } from './open-data.service';
import { SMALL_GROUP } from './small-groups';

type Column = keyof OpenDataRow;

interface Field {
  type: 'string' | 'integer' | 'number' | 'datetime';
  title: string;
  description: string;
  /** Not part of Table Schema's core; kept as an extra property (allowed) so the unit is stated once. */
  unit?: string;
  constraints?: { required?: boolean; unique?: boolean; minimum?: number; maximum?: number };
}

const SHARE = { type: 'number', unit: 'share (0–1)', constraints: { minimum: 0, maximum: 1 } } as const;
const COUNT = { type: 'integer', unit: 'people', constraints: { minimum: 0 } } as const;
const WITHHELD = `Empty where computed from fewer than ${SMALL_GROUP} people, or where showing it would let a difference of published figures single out fewer than ${SMALL_GROUP}.`;

/** Every published column (the type makes a new column impossible to forget here). */
export const OPEN_DATA_FIELDS: Record<Column, Field> = {
  agency_code: {
    type: 'string',
    title: 'Agency code',
    description: "The agency's stable code.",
    constraints: { required: true, unique: true },
  },
  agency_name_mn: {
    type: 'string',
    title: 'Agency name (Mongolian)',
    description: 'Байгууллагын нэр.',
    constraints: { required: true },
  },
  agency_name_en: {
    type: 'string',
    title: 'Agency name (English)',
    description: "The agency's name in English.",
    constraints: { required: true },
  },
  parent_agency_code: {
    type: 'string',
    title: 'Parent agency code',
    description:
      'The agency this one belongs to; empty for the top of the tree. Figures of a parent include its sub-agencies.',
  },
  level: {
    type: 'integer',
    title: 'Level',
    description: 'Depth in the tree of agencies (0 at the top).',
    constraints: { required: true, minimum: 0 },
  },
  headcount: {
    ...COUNT,
    title: 'Headcount',
    description: `Active civil servants in the agency and its sub-agencies. Agencies with fewer than ${SMALL_GROUP} are not listed; they are counted in their parent.`,
    constraints: { required: true, minimum: 0 },
  },
  enrolled: { ...COUNT, unit: 'enrolments', title: 'Enrolled', description: `Course enrolments. ${WITHHELD}` },
  assigned: {
    ...COUNT,
    unit: 'assignments',
    title: 'Mandatory assignments',
    description: `People × mandatory courses assigned to them. ${WITHHELD}`,
  },
  completed: { ...COUNT, unit: 'enrolments', title: 'Completed', description: `Enrolments completed. ${WITHHELD}` },
  overdue: {
    ...COUNT,
    unit: 'assignments',
    title: 'Overdue',
    description: `Mandatory assignments past their due date and not completed. ${WITHHELD}`,
  },
  completion_rate: { ...SHARE, title: 'Completion rate', description: `Completed ÷ enrolled. ${WITHHELD}` },
  certified_share: {
    ...SHARE,
    title: 'Certified share',
    description: 'Share of the headcount holding at least one valid certificate.',
  },
  valid_certificates: {
    ...COUNT,
    unit: 'certificates',
    title: 'Valid certificates',
    description: 'Certificates neither expired nor revoked.',
  },
  average_final_score: {
    type: 'number',
    unit: 'percent (0–100)',
    title: 'Average final score',
    description: `Average final score of the scored certificates. ${WITHHELD}`,
    constraints: { minimum: 0, maximum: 100 },
  },
  learning_hours: {
    type: 'number',
    unit: 'hours',
    title: 'Learning hours',
    description: `Estimated hours of lessons completed. ${WITHHELD}`,
    constraints: { minimum: 0 },
  },
  figures_as_of: {
    type: 'datetime',
    title: 'Figures as of',
    description: 'When the figures of this row were last computed (UTC).',
    constraints: { required: true },
  },
  assigned_completed: {
    ...COUNT,
    unit: 'assignments',
    title: 'Mandatory assignments completed',
    description: `Of the mandatory assignments, completed. ${WITHHELD}`,
  },
  competency_coverage: {
    ...SHARE,
    title: 'Competency coverage',
    description: `Competency levels the staff's positions require that a valid certificate covers, as a share. ${WITHHELD}`,
  },
  registration_number_share: {
    ...SHARE,
    title: 'Records with a registration number',
    description: `Share of the headcount whose HR record has a registration number. ${WITHHELD}`,
  },
  position_share: {
    ...SHARE,
    title: 'Records with a position',
    description: `Share of the headcount whose HR record has a position. ${WITHHELD}`,
  },
  supervisor_share: {
    ...SHARE,
    title: 'Records with a supervisor',
    description: `Share of the headcount whose HR record names a supervisor. ${WITHHELD}`,
  },
  e_mail_share: {
    ...SHARE,
    title: 'Records with an e-mail address',
    description: `Share of the headcount whose HR record has an e-mail address. ${WITHHELD}`,
  },
};

export interface DataPackageOptions {
  /** The publisher's name as the certificates name the issuer. */
  publisher: string;
  /** The product's public address, when known (sources and homepage). */
  publicUrl?: string;
  /** The newest figures_as_of of the published rows: when the data last changed. */
  updated: string | null;
}

/** The descriptor of the open data (Tabular Data Package, Data Package v1 profile). */
export function openDataPackage(
  columns: readonly Column[],
  options: DataPackageOptions,
  others: DataResourceView[] = [],
): DataPackageView {
  const home = options.publicUrl ? `${options.publicUrl.replace(/\/$/, '')}/open-data` : undefined;
  return {
    profile: 'tabular-data-package',
    name: 'chadavkhi-agency-training-metrics',
    title: 'Civil service training by agency',
    description: `How each government agency trains its civil servants: headcount, enrolments, mandatory training, completion, certificates and competencies, per agency and its sub-agencies. Aggregates only: no figure is about fewer than ${SMALL_GROUP} people.`,
    ...(home ? { homepage: home } : {}),
    version: '1.0.0',
    keywords: ['civil service', 'training', 'capacity building', 'open data', 'Mongolia'],
    licenses: [
      {
        name: 'CC-BY-4.0',
        path: 'https://creativecommons.org/licenses/by/4.0/',
        title: 'Creative Commons Attribution 4.0',
      },
    ],
    contributors: [{ title: options.publisher, role: 'publisher', ...(home ? { path: home } : {}) }],
    sources: [
      {
        title: 'Chadavkhi training records (enrolments, completions, certificates) and HR records',
        ...(home ? { path: home } : {}),
      },
    ],
    created: options.updated ?? undefined,
    updated: options.updated,
    resources: [
      {
        profile: 'tabular-data-resource',
        name: 'agency-metrics',
        title: 'Training figures by agency',
        path: 'agency-metrics.csv',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: columns.map((name) => ({ name, ...OPEN_DATA_FIELDS[name] })),
          primaryKey: 'agency_code',
          foreignKeys: [{ fields: 'parent_agency_code', reference: { resource: '', fields: 'agency_code' } }],
          missingValues: [''],
        },
      },
      ...others,
    ],
  };
}
