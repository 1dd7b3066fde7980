// Demo assignments from content/demo/assignments.yaml (local trial only), so a fresh `npm start`
// shows an HR officer real figures: each is created as the API would (same fingerprint, same
// outbox event), so importing twice creates nothing twice and the worker reaches the people.

export class AssignmentContentError extends Error {}

export interface DemoAssignment {
  course: string;
  by: string;
  agency: string;
  position?: string;
  due: { date?: string; daysAfterAppointment?: number; daysAfterJoining?: number };
  renewYearly?: boolean;
}

const DAYS = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 730;

/** Checks the file's shape; names that must exist in the database are checked while importing. */
export function demoAssignments(raw: unknown): DemoAssignment[] {
  const list = (raw as { assignments?: unknown })?.assignments;
  if (!Array.isArray(list))
    throw new AssignmentContentError('content/demo/assignments.yaml: needs a list "assignments"');
  return list.map((a: DemoAssignment, i) => {
    const where = `content/demo/assignments.yaml assignments[${i}]`;
    for (const key of ['course', 'by', 'agency'] as const)
      if (typeof a?.[key] !== 'string') throw new AssignmentContentError(`${where}: "${key}" is required`);
    const dues = [a.due?.date, a.due?.daysAfterAppointment, a.due?.daysAfterJoining].filter((d) => d !== undefined);
    if (dues.length !== 1)
      throw new AssignmentContentError(
        `${where}: "due" needs exactly one of date, daysAfterAppointment, daysAfterJoining`,
      );
    if (a.due.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(a.due.date)))
      throw new AssignmentContentError(`${where}: due.date must be YYYY-MM-DD`);
    if (a.due.date === undefined && !DAYS(a.due.daysAfterAppointment ?? a.due.daysAfterJoining))
      throw new AssignmentContentError(`${where}: due days must be 1–730`);
    return a;
  });
}
