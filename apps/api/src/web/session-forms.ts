// The session forms read into what SessionsService takes (the schedule/edit form, the attendance
// form), and its refusals put into the page's words. The service's input classes hold the bounds
// (place, seats, a paper score) and the service the rules (ends after it starts, seats already taken).
import { HttpStatus } from '@nestjs/common';
import { FormReader } from './form-fields';
import { formRefusal } from './form-refusal';
import { Language, translate } from './i18n';

/** Ulaanbaatar keeps +08:00 all year, so a datetime-local value is read and shown at that offset. */
const UB_OFFSET = '+08:00';
const DATETIME_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** The service's refusals of a session's fields by slug: the form field they are about and their words. */
const FIELD_REFUSALS: Record<string, [field: string, key: string]> = {
  'session-ends-before-start': ['endsAt', 'sessions.endAfterStart'],
  'session-too-long': ['endsAt', 'sessions.tooLong'],
  'unknown-agency': ['agencyId', 'form.choice'],
  'capacity-below-seated': ['capacity', 'sessions.capacityBelowSeated'],
  'course-not-published': ['place', 'sessions.publishFirst'],
  'session-cancelled': ['place', 'sessions.refused.cancelled'],
};

/** The service's refusals of recording attendance by slug. */
const ATTENDANCE_REFUSALS: Record<string, string> = {
  'session-cancelled': 'sessions.refused.cancelled',
  'session-not-started': 'sessions.notStarted',
};

export interface SessionFields {
  place: string;
  agencyId: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
}

/** A datetime-local value as an instant in Ulaanbaatar time; empty stays empty for the service to refuse. */
function readDateTime(form: FormReader, name: string): string {
  const value = form.text(name);
  if (value && !DATETIME_LOCAL.test(value)) form.fail(name, 'sessions.dateTime');
  return value ? `${value}:00${UB_OFFSET}` : '';
}

export function readSessionForm(
  body: Record<string, unknown>,
  lang: Language,
): { form: FormReader; fields: SessionFields } {
  const form = new FormReader(body, lang);
  const fields: SessionFields = {
    place: form.text('place'),
    agencyId: form.text('agencyId'),
    startsAt: readDateTime(form, 'startsAt'),
    endsAt: readDateTime(form, 'endsAt'),
    capacity: form.wholeNumber('capacity'),
  };
  return { form, fields };
}

/** The service's refusal of a session's fields beside them: the status to answer with, or undefined (rethrow). */
export function sessionRefused(form: FormReader, error: unknown): number | undefined {
  if (form.refusedBy(error, 'place')) return HttpStatus.UNPROCESSABLE_ENTITY;
  const refused = formRefusal(error, [HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY]);
  if (!refused) return undefined;
  const [field, key] = (refused.slug && FIELD_REFUSALS[refused.slug]) || ['place', 'sessions.refused'];
  form.fail(field, key, refused.values);
  return refused.status;
}

/** A paper score as typed ("75", "82,5"); null when empty, NaN when not a number, for the service to refuse. */
export function readScore(form: FormReader, name: string): number | null {
  const raw = form.raw(name).trim().replace(',', '.');
  form.values[name] = raw;
  if (raw === '') return null;
  return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
}

/**
 * The service's refusal of an attendance record: each refused score beside its person (the
 * record's rows are the form's people, in order), anything else as one message; undefined for
 * what is no refusal (rethrow it).
 */
export function attendanceRefused(
  form: FormReader,
  userIds: string[],
  error: unknown,
  lang: Language,
): { status: number; message?: string } | undefined {
  const field = (path: string) => {
    const [, index, property] = path.split('.');
    const userId = userIds[Number(index)];
    return property === 'score' && userId ? `score-${userId}` : 'records';
  };
  if (form.refusedBy(error, 'records', field))
    return { status: HttpStatus.UNPROCESSABLE_ENTITY, message: form.errors.records };
  const refused = formRefusal(error, [HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY]);
  if (!refused) return undefined;
  const key = (refused.slug && ATTENDANCE_REFUSALS[refused.slug]) || 'sessions.refused';
  return { status: refused.status, message: translate(lang, key, refused.values) };
}
