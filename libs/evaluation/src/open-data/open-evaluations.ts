// The open evaluation table's columns and their Table Schema, and the small-group rule applied to it.
import type { DataResourceView } from '@chadavkhi/accountability';
import { SMALL_GROUP } from '@chadavkhi/accountability';

export const OPEN_EVALUATION_COLUMNS = [
  'course_id',
  'course_code',
  'course_title_mn',
  'course_title_en',
  'agency_code',
  'agency_name_mn',
  'agency_name_en',
  'level',
  'reaction_respondents',
  'relevant_mean',
  'clear_mean',
  'trainer_mean',
  'will_apply_mean',
  'recommend_mean',
  'learner_follow_up_respondents',
  'learner_applied_share',
  'supervisor_follow_up_respondents',
  'supervisor_applied_share',
  'figures_as_of',
] as const;
export type OpenEvaluationColumn = (typeof OPEN_EVALUATION_COLUMNS)[number];
export type OpenEvaluationRow = Record<OpenEvaluationColumn, string | number | null>;

/** The standard ratings published as means (a trainer's own questions are not). */
export const PUBLISHED_RATINGS = ['relevant', 'clear', 'trainer', 'will_apply', 'recommend'] as const;

const WITHHELD = `Empty where fewer than ${SMALL_GROUP} people answered, or where showing it would let a difference of published figures single out fewer than ${SMALL_GROUP}.`;
const MEAN = { type: 'number', unit: 'mean rating (1–5)', constraints: { minimum: 1, maximum: 5 } } as const;
const SHARE = { type: 'number', unit: 'share (0–1)', constraints: { minimum: 0, maximum: 1 } } as const;
const PEOPLE = { type: 'integer', unit: 'respondents', constraints: { minimum: 0 } } as const;

const FIELDS: Record<OpenEvaluationColumn, Omit<DataResourceView['schema']['fields'][number], 'name'>> = {
  course_id: {
    type: 'string',
    title: 'Course id',
    description: "The course's stable id.",
    constraints: { required: true },
  },
  course_code: {
    type: 'string',
    title: 'Course code',
    description: 'The code of a course that ships with the product; empty otherwise.',
  },
  course_title_mn: {
    type: 'string',
    title: 'Course title (Mongolian)',
    description: 'Сургалтын нэр (одоогийн хувилбар).',
    constraints: { required: true },
  },
  course_title_en: {
    type: 'string',
    title: 'Course title (English)',
    description: "The course's English title, when it has one.",
  },
  agency_code: {
    type: 'string',
    title: 'Agency code',
    description:
      'The government as a whole (level 0), or an agency directly under it with everyone below it (level 1).',
    constraints: { required: true },
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
  level: {
    type: 'integer',
    title: 'Level',
    description: '0 for the government as a whole, 1 for an agency directly under it.',
    constraints: { required: true, minimum: 0, maximum: 1 },
  },
  reaction_respondents: {
    ...PEOPLE,
    title: 'Course survey respondents',
    description: `Learners who answered the survey at the end of the course (online, offline or on paper). ${WITHHELD}`,
  },
  relevant_mean: { ...MEAN, title: 'Relevant to my work', description: `Mean agreement, 1–5. ${WITHHELD}` },
  clear_mean: { ...MEAN, title: 'Clear and well organised', description: `Mean agreement, 1–5. ${WITHHELD}` },
  trainer_mean: {
    ...MEAN,
    title: 'Trainer or material explained well',
    description: `Mean agreement, 1–5. ${WITHHELD}`,
  },
  will_apply_mean: { ...MEAN, title: 'Expect to apply it', description: `Mean agreement, 1–5. ${WITHHELD}` },
  recommend_mean: { ...MEAN, title: 'Would recommend it', description: `Mean agreement, 1–5. ${WITHHELD}` },
  learner_follow_up_respondents: {
    ...PEOPLE,
    title: 'Three-month follow-up respondents (learners)',
    description: `Learners who answered the follow-up about 90 days after the course. ${WITHHELD}`,
  },
  learner_applied_share: {
    ...SHARE,
    title: 'Learners applying it',
    description: `Share of those learners who say they have applied it, fully or partly. ${WITHHELD}`,
  },
  supervisor_follow_up_respondents: {
    ...PEOPLE,
    title: 'Three-month follow-up respondents (supervisors)',
    description: `Supervisors who answered the follow-up about a staff member. ${WITHHELD}`,
  },
  supervisor_applied_share: {
    ...SHARE,
    title: 'Supervisors seeing it applied',
    description: `Share of those supervisors who see it applied, fully or partly. ${WITHHELD}`,
  },
  figures_as_of: {
    type: 'datetime',
    title: 'Figures as of',
    description: 'When the figures were computed (UTC).',
    constraints: { required: true },
  },
};

export function openEvaluationResource(): DataResourceView {
  return {
    profile: 'tabular-data-resource',
    name: 'course-evaluations',
    title: 'Course evaluations by agency',
    path: 'course-evaluations.csv',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
    schema: {
      fields: OPEN_EVALUATION_COLUMNS.map((name) => ({ name, ...FIELDS[name] })),
      primaryKey: ['course_id', 'agency_code'],
      missingValues: [''],
    },
  };
}
