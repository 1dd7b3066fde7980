// The assignment form read into what AssignmentsService.create takes, and its refusals put into
// the page's words beside the field they are about. The service's input class holds the bounds
// (which ids, how many days) and the service the rules (a date today or later, a published course).
import { HttpStatus } from '@nestjs/common';
import type { CreateAssignmentDto } from '@chadavkhi/accountability';
import { FormReader } from './form-fields';
import { formRefusal } from './form-refusal';
import type { Language } from './i18n';

export const DUE_KINDS = ['date', 'after_appointment', 'after_joining'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

/** The service's refusals by slug: the form field they are about and the words for them. */
const REFUSALS: Record<string, [field: string, key: string]> = {
  'due-date-invalid': ['dueDate', 'hr.assign.dateNeeded'],
  'due-date-past': ['dueDate', 'hr.assign.datePast'],
  'course-not-published': ['courseId', 'hr.assign.courseNotPublished'],
  'unknown-position': ['positionId', 'form.choice'],
  'agency-outside-scope': ['agencyId', 'hr.assign.agencyOutside'],
};

/** Which form field shows an input field: `target.agencyId` → agencyId, `due.daysAfterJoining` → dueDays. */
function formField(field: string): string {
  if (field.startsWith('target.')) return field.slice('target.'.length).split('.')[0];
  if (field === 'due.date') return 'dueDate';
  if (field.startsWith('due.')) return 'dueDays';
  return field.split('.')[0];
}

export function readAssignment(
  body: Record<string, unknown>,
  lang: Language,
): { form: FormReader; assignment: CreateAssignmentDto } {
  const form = new FormReader(body, lang);
  const courseId = form.text('courseId');
  const agencyId = form.text('agencyId');
  const positionId = form.text('positionId');
  const dueKind = form.choice<DueKind>('dueKind', DUE_KINDS);
  const dueDate = form.text('dueDate');
  // NaN when empty or not a whole number, for the service to refuse.
  const dueDays = form.wholeNumber('dueDays');
  const assignment: CreateAssignmentDto = {
    courseId,
    target: positionId ? { agencyId, positionId } : { agencyId },
    due:
      dueKind === 'date'
        ? { date: dueDate }
        : dueKind === 'after_appointment'
          ? { daysAfterAppointment: dueDays }
          : { daysAfterJoining: dueDays },
    renewYearly: form.checkbox('renewYearly'),
  };
  return { form, assignment };
}

/**
 * The service's refusal beside its field, in the page's words: the status to answer with, or
 * undefined when it was no refusal (rethrow it).
 */
export function assignmentRefused(form: FormReader, error: unknown): number | undefined {
  if (form.refusedBy(error, 'courseId', formField)) {
    // An empty due field is said as what to fill in, not as a broken rule.
    for (const [name, key] of [
      ['dueDate', 'hr.assign.dateNeeded'],
      ['dueDays', 'hr.assign.daysNeeded'],
    ])
      if (form.values[name] === '' && form.errors[name]) {
        delete form.errors[name];
        form.fail(name, key);
      }
    return HttpStatus.UNPROCESSABLE_ENTITY;
  }
  const refused = formRefusal(error, [HttpStatus.UNPROCESSABLE_ENTITY, HttpStatus.FORBIDDEN]);
  if (!refused) return undefined;
  const [field, key] = (refused.slug && REFUSALS[refused.slug]) || ['courseId', 'hr.assign.refused'];
  form.fail(field, key, refused.values);
  return refused.status;
}
