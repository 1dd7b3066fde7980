// Demo assignments from content/demo/assignments.yaml (local trial only), so a fresh `npm start`
// shows an HR officer real figures: each is created as the API would (same fingerprint, same
// outbox event), so importing twice creates nothing twice and the worker reaches the people.
import type { EntityManager } from 'typeorm';
import { AssignmentsRepository, withFingerprint } from './assignments.repository';

export class AssignmentContentError extends Error {}

interface DemoAssignment {
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
  if (!Array.isArray(list)) throw new AssignmentContentError('content/demo/assignments.yaml: needs a list "assignments"');
  return list.map((a: DemoAssignment, i) => {
    const where = `content/demo/assignments.yaml assignments[${i}]`;
    for (const key of ['course', 'by', 'agency'] as const) if (typeof a?.[key] !== 'string') throw new AssignmentContentError(`${where}: "${key}" is required`);
    const dues = [a.due?.date, a.due?.daysAfterAppointment, a.due?.daysAfterJoining].filter((d) => d !== undefined);
    if (dues.length !== 1) throw new AssignmentContentError(`${where}: "due" needs exactly one of date, daysAfterAppointment, daysAfterJoining`);
    if (a.due.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(a.due.date))) throw new AssignmentContentError(`${where}: due.date must be YYYY-MM-DD`);
    if (a.due.date === undefined && !DAYS(a.due.daysAfterAppointment ?? a.due.daysAfterJoining)) throw new AssignmentContentError(`${where}: due days must be 1–730`);
    return a;
  });
}

export async function importDemoAssignments(manager: EntityManager, repository: AssignmentsRepository, list: DemoAssignment[]): Promise<{ created: number; unchanged: number }> {
  const counts = { created: 0, unchanged: 0 };
  for (const [i, a] of list.entries()) {
    const where = `content/demo/assignments.yaml assignments[${i}]`;
    const [course] = await manager.query(`SELECT id FROM courses WHERE code = $1 AND current_version_id IS NOT NULL`, [a.course]);
    const [by] = await manager.query(`SELECT id FROM users WHERE email = $1`, [a.by]);
    const [agency] = await manager.query(`SELECT id FROM agencies WHERE code = $1`, [a.agency]);
    const [position] = a.position ? await manager.query(`SELECT id FROM positions WHERE code = $1`, [a.position]) : [null];
    if (!course) throw new AssignmentContentError(`${where}: no published course "${a.course}"`);
    if (!by) throw new AssignmentContentError(`${where}: no user "${a.by}"`);
    if (!agency) throw new AssignmentContentError(`${where}: no agency "${a.agency}"`);
    if (a.position && !position) throw new AssignmentContentError(`${where}: no position "${a.position}"`);
    const date = a.due.date !== undefined ? String(a.due.date) : null;
    const r = await repository.create(
      manager,
      withFingerprint({
        courseId: course.id,
        createdBy: by.id,
        scopeAgencyId: agency.id,
        targetKind: position ? 'position' : 'agency',
        positionId: position?.id ?? null,
        userIds: null,
        dueKind: date ? 'date' : a.due.daysAfterAppointment !== undefined ? 'after_appointment' : 'after_joining',
        dueDate: date,
        dueDays: a.due.daysAfterAppointment ?? a.due.daysAfterJoining ?? null,
        renewYearly: a.renewYearly ?? false,
      }),
    );
    counts[r.created ? 'created' : 'unchanged']++;
  }
  return counts;
}
