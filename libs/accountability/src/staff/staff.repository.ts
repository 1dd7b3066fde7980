// The staff list HR officers work from: each person of an agency subtree with where they stand on
// their mandatory training (all assignments, or one course's), filtered and paged in one statement.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const STAFF_STATUSES = ['overdue', 'due', 'completed', 'not_assigned'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export interface StaffFilter {
  agencyId: string;
  positionId?: string | null;
  courseId?: string | null;
  status?: StaffStatus | null;
  /** A normalized registration number, matched exactly. */
  registrationNumber?: string | null;
}

export interface StaffRow {
  id: string;
  name: string;
  email: string | null;
  staff_number: string | null;
  /** Whole as stored; StaffService masks it for viewers who may not read it. */
  registration_number: string | null;
  agency_id: string;
  agency_path: string[];
  agency_code: string;
  agency_mn: string;
  agency_en: string;
  position_code: string;
  position_mn: string;
  position_en: string;
  assigned: number;
  completed: number;
  overdue: number;
  next_due: string | null;
  status: StaffStatus;
}

const TODAY = `(now() AT TIME ZONE 'Asia/Ulaanbaatar')::date`;

const STAFF = `
  WITH staff AS (
    SELECT u.id, u.name, u.email, u.staff_number, u.registration_number, u.agency_id, u.position_id
      FROM users u JOIN agencies a ON a.id = u.agency_id
     WHERE a.path @> ARRAY[$1::uuid] AND u.is_active AND ($2::uuid IS NULL OR u.position_id = $2)
       AND ($7::text IS NULL OR u.registration_number = $7)
  ), classified AS (
    SELECT s.*, x.assigned, x.completed, x.overdue, x.next_due,
           CASE WHEN x.overdue > 0 THEN 'overdue' WHEN x.assigned > x.completed THEN 'due' WHEN x.assigned > 0 THEN 'completed' ELSE 'not_assigned' END AS status
      FROM staff s CROSS JOIN LATERAL (
        SELECT count(*)::int AS assigned, count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
               count(*) FILTER (WHERE e.status <> 'completed' AND au.due_on < ${TODAY})::int AS overdue,
               to_char(min(au.due_on) FILTER (WHERE e.status <> 'completed'), 'YYYY-MM-DD') AS next_due
          FROM assignment_users au JOIN assignments asg ON asg.id = au.assignment_id AND asg.cancelled_at IS NULL
          JOIN enrollments e ON e.id = au.enrollment_id
         WHERE au.user_id = s.id AND ($3::uuid IS NULL OR asg.course_id = $3)
      ) x
  )
  SELECT c.id, c.name, c.email, c.staff_number, c.registration_number, c.agency_id, ag.path AS agency_path, ag.code AS agency_code, ag.name_mn AS agency_mn, ag.name_en AS agency_en,
         p.code AS position_code, p.name_mn AS position_mn, p.name_en AS position_en, c.assigned, c.completed, c.overdue, c.next_due, c.status,
         count(*) OVER ()::int AS total
    FROM classified c JOIN agencies ag ON ag.id = c.agency_id JOIN positions p ON p.id = c.position_id
   WHERE ($4::text IS NULL OR c.status = $4)
   ORDER BY array_position(ARRAY['overdue','due','completed','not_assigned'], c.status), c.next_due NULLS LAST, c.name, c.id
   LIMIT $5 OFFSET $6`;

@Injectable()
export class StaffRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: StaffFilter, limit: number, offset: number): Promise<{ rows: StaffRow[]; total: number }> {
    const rows: (StaffRow & { total: number })[] = await this.dataSource.query(STAFF, [
      filter.agencyId,
      filter.positionId ?? null,
      filter.courseId ?? null,
      filter.status ?? null,
      limit,
      offset,
      filter.registrationNumber ?? null,
    ]);
    let total = rows[0]?.total ?? 0;
    if (!rows.length && offset > 0) total = (await this.list(filter, 1, 0)).total;
    return { rows, total };
  }

  /** Positions held by someone in the subtree, for the position filter. */
  async positionsHeld(agencyId: string): Promise<{ id: string; code: string; name_mn: string; name_en: string }[]> {
    return this.dataSource.query(
      `SELECT p.id, p.code, p.name_mn, p.name_en FROM positions p
        WHERE EXISTS (SELECT 1 FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.position_id = p.id AND u.is_active AND a.path @> ARRAY[$1::uuid])
        ORDER BY p.name_mn`,
      [agencyId],
    );
  }

  /** Courses that have assignments within the subtree, for the course filter. */
  async assignedCourses(agencyId: string): Promise<{ id: string; title: string; title_en: string | null }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT c.id, v.title, v.title_en
         FROM assignments a JOIN courses c ON c.id = a.course_id JOIN course_versions v ON v.id = c.current_version_id
         LEFT JOIN agencies sa ON sa.id = a.scope_agency_id, (SELECT path FROM agencies WHERE id = $1) me
        WHERE a.cancelled_at IS NULL AND (a.scope_agency_id IS NULL OR a.scope_agency_id = ANY(me.path) OR sa.path @> ARRAY[$1::uuid])
        ORDER BY v.title`,
      [agencyId],
    );
  }
}
