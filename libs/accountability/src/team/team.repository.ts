// A supervisor's direct reports and, for a set of them at once, their mandatory training and their
// valid certificates (competency gaps come from CompetenciesRepository.profiles).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const TODAY = `(now() AT TIME ZONE 'Asia/Ulaanbaatar')::date`;

export interface ReportRow {
  id: string;
  name: string;
  registration_number: string | null;
  email: string | null;
  agency_id: string;
  agency_code: string;
  agency_mn: string;
  agency_en: string;
  position_id: string;
  position_code: string;
  position_mn: string;
  position_en: string;
}

export interface TrainingRow {
  user_id: string;
  assignment_id: string;
  course_id: string;
  title: string;
  title_en: string | null;
  due_on: string;
  enrollment_id: string;
  status: 'completed' | 'overdue' | 'due';
}

export interface CertificateRow {
  user_id: string;
  code: string;
  course_title: string;
  course_title_en: string | null;
  issued_at: Date;
  expires_at: Date | null;
}

const REPORT_SELECT = `
  SELECT u.id, u.name, u.registration_number, u.email,
         u.agency_id, a.code AS agency_code, a.name_mn AS agency_mn, a.name_en AS agency_en,
         u.position_id, p.code AS position_code, p.name_mn AS position_mn, p.name_en AS position_en
    FROM users u JOIN agencies a ON a.id = u.agency_id JOIN positions p ON p.id = u.position_id`;

@Injectable()
export class TeamRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The supervisor's active direct reports, by name. */
  reports(supervisorId: string): Promise<ReportRow[]> {
    return this.dataSource.query(`${REPORT_SELECT} WHERE u.supervisor_id = $1 AND u.is_active ORDER BY u.name, u.id`, [
      supervisorId,
    ]);
  }

  /** One person, if they are an active direct report of the supervisor. */
  async report(supervisorId: string, userId: string): Promise<ReportRow | undefined> {
    const [row] = await this.dataSource.query(
      `${REPORT_SELECT} WHERE u.id = $2 AND u.supervisor_id = $1 AND u.is_active`,
      [supervisorId, userId],
    );
    return row;
  }

  /** Whether anyone active reports to this person (the home page links My team only then). */
  async hasReports(supervisorId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM users WHERE supervisor_id = $1 AND is_active) AS has`,
      [supervisorId],
    );
    return row.has;
  }

  /** The active mandatory assignments that reached these people, overdue first, then by due date. */
  training(userIds: string[]): Promise<TrainingRow[]> {
    if (!userIds.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT au.user_id, au.assignment_id, a.course_id, v.title, v.title_en, to_char(au.due_on, 'YYYY-MM-DD') AS due_on, au.enrollment_id,
              CASE WHEN e.status = 'completed' THEN 'completed' WHEN au.due_on < ${TODAY} THEN 'overdue' ELSE 'due' END AS status
         FROM assignment_users au JOIN assignments a ON a.id = au.assignment_id AND a.cancelled_at IS NULL
         JOIN enrollments e ON e.id = au.enrollment_id JOIN course_versions v ON v.id = e.course_version_id
        WHERE au.user_id = ANY($1::uuid[])
        ORDER BY array_position(ARRAY['overdue','due','completed'],
                 CASE WHEN e.status = 'completed' THEN 'completed' WHEN au.due_on < ${TODAY} THEN 'overdue' ELSE 'due' END), au.due_on, v.title`,
      [userIds],
    );
  }

  /** These people's valid certificates (not revoked, not expired), newest first. */
  certificates(userIds: string[]): Promise<CertificateRow[]> {
    if (!userIds.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT ct.user_id, ct.code, ct.course_title, ct.course_title_en, ct.issued_at, ct.expires_at
         FROM certificates ct
        WHERE ct.user_id = ANY($1::uuid[]) AND ct.revoked_at IS NULL AND (ct.expires_at IS NULL OR ct.expires_at > now())
        ORDER BY ct.issued_at DESC`,
      [userIds],
    );
  }
}
