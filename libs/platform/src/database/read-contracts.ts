// The declared reads of one lib's tables by another (issue 16). A lib writes only the tables it owns
// (table-owners.ts); it may read another lib's tables only as declared here, set-based and read-only,
// from its repositories. Each contract says why a service call would not do: these are joins and
// counts over many rows, where calling the owner row by row would be slow or could not be filtered
// in one query. docs/architecture.md states the same contracts, and
// test/architecture/read-contracts.spec.ts holds the code to them: an undeclared read, a contract
// no code uses, a contract against the import direction, or an app reading a table fails `npm test`.
import type { Lib, Table } from './table-owners';

export interface ReadContract {
  reader: Lib;
  owner: Lib;
  tables: readonly Table[];
  /** Why the reader joins the owner's rows instead of asking the owner's service. */
  why: string;
  /** A view (owned by the reader, created by its migration) through which the read goes, when there is one. */
  view?: Table;
}

export const readContracts = [
  {
    reader: 'learning',
    owner: 'identity',
    tables: ['users', 'agencies'],
    why: 'names and agencies beside enrolments and session registrations, in one paged list; whether course owners and trainers are still active, counted per agency subtree (orphaned items); the supervisor (supervisor_id) whose approval a request to attend waits for, and their pending requests in one list',
  },
  {
    reader: 'certification',
    owner: 'identity',
    tables: ['users', 'agencies'],
    why: "the holder's name (Cyrillic, and Latin for the English text) and agency printed on a certificate and shown when verifying it; the registration number and e-mail hashed into its credential",
  },
  {
    reader: 'certification',
    owner: 'learning',
    tables: ['enrollments', 'course_versions'],
    why: 'which enrolments completed and what their course version promises (validity, final quiz), for issuing, the sweeper and recertification; the title and summary of a published version for its public Open Badges achievement',
  },
  {
    reader: 'knowledge',
    owner: 'identity',
    tables: ['agencies', 'users'],
    why: 'agency names on documents, comments and search entries; whether the stewards of documents, reviews and comments are still active, counted per agency subtree (orphaned items)',
  },
  {
    reader: 'knowledge',
    owner: 'learning',
    tables: ['courses', 'course_versions', 'course_lessons', 'scorm_packages'],
    why: "the course search indexes published versions and their lessons in batches of thousands, with the text of their lessons' SCORM packages",
  },
  {
    reader: 'accountability',
    owner: 'identity',
    tables: ['users', 'agencies', 'positions'],
    why: "staff, agency subtrees and positions are what every HR figure is counted over (and a supervisor's direct reports, by supervisor_id, for My team and their digest)",
  },
  {
    reader: 'accountability',
    owner: 'identity',
    tables: ['user_placements'],
    why: "a past day's headcount per agency is counted over the position history in one grouped query, and the daily history is restated from it",
  },
  {
    reader: 'accountability',
    owner: 'learning',
    tables: ['courses', 'course_versions', 'enrollments'],
    why: 'assigned, completed and overdue are counted over enrolments per agency and course',
  },
  {
    reader: 'accountability',
    owner: 'learning',
    tables: ['course_versions'],
    why: 'the competencies a published version builds, read from its frozen definition',
    view: 'course_version_competencies',
  },
  {
    reader: 'accountability',
    owner: 'certification',
    tables: ['certificates'],
    why: 'certified shares and competencies held are counted over valid certificates per agency',
  },
  {
    reader: 'notifications',
    owner: 'identity',
    tables: ['users'],
    why: "a notification's recipient: name, e-mail and language",
  },
  {
    reader: 'notifications',
    owner: 'certification',
    tables: ['certificates'],
    why: 'the daily expiry reminders select certificates nearing expiry in one query; certificate events are worded from the certificate',
  },
  {
    reader: 'evaluation',
    owner: 'learning',
    tables: ['enrollments', 'courses', 'course_versions', 'training_sessions', 'session_registrations'],
    why: "the completions of the day 90 days back with their course and version, in one query per daily follow-up round; a survey's enrolment with its version and trainer (the course's owner, or the trainer of the session that completed it), and the courses a trainer owns, whose results they may read",
  },
  {
    reader: 'evaluation',
    owner: 'identity',
    tables: ['users', 'agencies'],
    why: "each completer's supervisor (supervisor_id) and whether both are active, in the daily round; agency subtrees and names that results are scoped and grouped by; names on a supervisor's follow-ups and trainers' names beside their results",
  },
  {
    reader: 'planning',
    owner: 'identity',
    tables: ['users', 'agencies', 'positions', 'sessions'],
    why: "a plan's agency subtree, its lines' target agencies and positions (named, and held by someone there), counted per line; who approved and recorded what; drafting a plan counts, per competency gap, the people who have not signed in for 90 days (offered face-to-face training)",
  },
  {
    reader: 'planning',
    owner: 'learning',
    tables: ['courses', 'course_versions', 'training_sessions', 'enrollments', 'session_registrations'],
    why: "the published course of each line, named beside it in one list; a face-to-face session's course and agency when it is linked to a line; plan vs actual counts the people a line's sessions registered and their completions per line",
  },
  {
    reader: 'planning',
    owner: 'accountability',
    tables: ['competencies', 'assignments', 'assignment_users', 'position_competencies', 'course_version_competencies'],
    why: "each line's competency named beside it in one list; an assignment's course and scope when it is linked to a line; plan vs actual counts the people a line's assignments reached, and a line's KPI reads the target group's coverage of its competency",
  },
  {
    reader: 'planning',
    owner: 'certification',
    tables: ['certificates'],
    why: 'plan vs actual counts the people of each line holding a valid certificate of its course, and the levels their certificates give',
  },
] as const satisfies readonly ReadContract[];
