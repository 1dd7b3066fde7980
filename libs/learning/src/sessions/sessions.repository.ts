// SQL of face-to-face sessions and their registrations. Capacity decisions are made with the
// session row locked (lockSession), so two people can never take the last seat at once.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { EventPayloads } from '@chadavkhi/platform';
import type { RegistrationStatus } from './dto/session.dto';

export interface SessionRow {
  id: string;
  course_id: string;
  course_owner_id: string | null;
  course_title: string;
  course_title_en: string | null;
  trainer_id: string;
  trainer_name: string;
  agency_id: string;
  agency_code: string;
  agency_kind: string;
  agency_name_mn: string;
  agency_name_en: string;
  place: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  cancelled_at: Date | null;
  registered: number;
  waitlisted: number;
}

export interface RegistrationRow {
  id: string;
  session_id: string;
  user_id: string;
  name: string;
  email: string | null;
  staff_number: string | null;
  enrollment_id: string;
  status: RegistrationStatus;
  waitlist_position: number | null;
  attended: boolean | null;
  paper_score: string | null;
  nominated: boolean;
  decline_reason: string | null;
  queue_position: string;
  registered_at: Date;
  enrollment_status: 'in_progress' | 'completed';
  completion_mode: 'online' | 'face_to_face';
}

const SESSION_SELECT = `
  SELECT s.id, s.course_id, c.owner_id AS course_owner_id, cv.title AS course_title, cv.title_en AS course_title_en,
         s.trainer_id, t.name AS trainer_name, s.agency_id, a.code AS agency_code, a.kind AS agency_kind, a.name_mn AS agency_name_mn,
         a.name_en AS agency_name_en, s.place, s.starts_at, s.ends_at, s.capacity, s.cancelled_at,
         (SELECT count(*) FROM session_registrations r WHERE r.session_id = s.id AND r.status = 'registered')::int AS registered,
         (SELECT count(*) FROM session_registrations r WHERE r.session_id = s.id AND r.status = 'waitlisted')::int AS waitlisted
    FROM training_sessions s
    JOIN courses c ON c.id = s.course_id
    LEFT JOIN course_versions cv ON cv.id = c.current_version_id
    JOIN users t ON t.id = s.trainer_id
    JOIN agencies a ON a.id = s.agency_id`;

const REGISTRATION_SELECT = `
  SELECT r.id, r.session_id, r.user_id, u.name, u.email, u.staff_number, r.enrollment_id, r.status, r.attended, r.paper_score, r.nominated, r.decline_reason, r.queue_position, r.registered_at,
         CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*) FROM session_registrations w
                WHERE w.session_id = r.session_id AND w.status = 'waitlisted' AND w.queue_position <= r.queue_position)::int END AS waitlist_position,
         e.status AS enrollment_status, e.completion_mode
    FROM session_registrations r JOIN users u ON u.id = r.user_id JOIN enrollments e ON e.id = r.enrollment_id`;

export interface PendingRow {
  session_id: string;
  user_id: string;
  name: string;
  course_id: string;
  course_title: string;
  course_title_en: string | null;
  place: string;
  starts_at: Date;
  ends_at: Date;
  registered_at: Date;
  seats_left: number;
}

export interface PersonRow {
  id: string;
  name: string;
  is_active: boolean;
  roles: string[];
  path: string[];
  supervisor_id: string | null;
  supervisor_active: boolean | null;
}

export interface SessionFilter {
  courseId?: string;
  agencyId?: string;
  includePast: boolean;
  includeCancelled: boolean;
  limit: number;
  offset: number;
}

export interface SessionFields {
  courseId: string;
  trainerId: string;
  agencyId: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  createdBy: string;
}

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, f: SessionFields): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO training_sessions (course_id, trainer_id, agency_id, place, starts_at, ends_at, capacity, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [f.courseId, f.trainerId, f.agencyId, f.place, f.startsAt, f.endsAt, f.capacity, f.createdBy],
    );
    return row.id;
  }

  async update(manager: EntityManager, id: string, f: Omit<SessionFields, 'courseId' | 'createdBy'>): Promise<void> {
    await manager.query(
      `UPDATE training_sessions SET trainer_id = $2, agency_id = $3, place = $4, starts_at = $5, ends_at = $6, capacity = $7, updated_at = now() WHERE id = $1`,
      [id, f.trainerId, f.agencyId, f.place, f.startsAt, f.endsAt, f.capacity],
    );
  }

  async cancel(manager: EntityManager, id: string): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE training_sessions SET cancelled_at = now(), updated_at = now() WHERE id = $1 AND cancelled_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** The notice to each person registered or waiting that the session is cancelled (one dedupe key per session). */
  async cancellationNotices(
    manager: EntityManager,
    sessionId: string,
  ): Promise<EventPayloads['notification.requested'][]> {
    const told: { payload: EventPayloads['notification.requested'] }[] = await manager.query(
      `SELECT jsonb_build_object(
                'userId', r.user_id, 'kind', 'session.cancelled', 'dedupeKey', 'session-cancelled:' || s.id,
                'data', jsonb_build_object('sessionId', s.id, 'courseId', s.course_id, 'courseTitle', v.title, 'courseTitleEn', v.title_en,
                                           'startsAt', to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'place', s.place)) AS payload
         FROM session_registrations r JOIN training_sessions s ON s.id = r.session_id
         JOIN courses c ON c.id = s.course_id LEFT JOIN course_versions v ON v.id = c.current_version_id
        WHERE r.session_id = $1 AND r.status IN ('registered', 'waitlisted', 'pending')`,
      [sessionId],
    );
    return told.map((t) => t.payload);
  }

  /** Takes the session's row lock for the rest of the transaction: seats are decided one at a time. */
  async lockSession(manager: EntityManager, id: string): Promise<SessionRow | undefined> {
    const [locked] = await manager.query(`SELECT id FROM training_sessions WHERE id = $1 FOR UPDATE`, [id]);
    return locked ? this.find(manager, id) : undefined;
  }

  async find(manager: EntityManager, id: string): Promise<SessionRow | undefined> {
    const [row] = await manager.query(`${SESSION_SELECT} WHERE s.id = $1`, [id]);
    return row;
  }

  /** Upcoming (and running) sessions first, soonest first; then, if asked, ended ones, latest first. */
  async list(filter: SessionFilter): Promise<{ rows: SessionRow[]; total: number }> {
    const where = [
      `($1::uuid IS NULL OR s.course_id = $1)`,
      `($2::uuid IS NULL OR a.path @> ARRAY[$2::uuid])`,
      `($3 OR s.ends_at > now())`,
      `($4 OR s.cancelled_at IS NULL)`,
    ].join(' AND ');
    const params = [filter.courseId ?? null, filter.agencyId ?? null, filter.includePast, filter.includeCancelled];
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `${SESSION_SELECT} WHERE ${where}
          ORDER BY (s.ends_at <= now()), CASE WHEN s.ends_at > now() THEN s.starts_at END ASC, s.starts_at DESC, s.id
          LIMIT $5 OFFSET $6`,
        [...params, filter.limit, filter.offset],
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM training_sessions s JOIN agencies a ON a.id = s.agency_id WHERE ${where}`,
        params,
      ),
    ]);
    return { rows, total };
  }

  async registrations(manager: EntityManager, sessionId: string): Promise<RegistrationRow[]> {
    return manager.query(
      `${REGISTRATION_SELECT} WHERE r.session_id = $1
        ORDER BY CASE r.status WHEN 'registered' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, r.queue_position`,
      [sessionId],
    );
  }

  async registrationOf(
    manager: EntityManager,
    sessionId: string,
    userId: string,
  ): Promise<RegistrationRow | undefined> {
    const [row] = await manager.query(`${REGISTRATION_SELECT} WHERE r.session_id = $1 AND r.user_id = $2`, [
      sessionId,
      userId,
    ]);
    return row;
  }

  /** The caller's registrations for these sessions, for lists. */
  async registrationsOfUser(sessionIds: string[], userId: string): Promise<RegistrationRow[]> {
    if (!sessionIds.length) return [];
    return this.dataSource.query(`${REGISTRATION_SELECT} WHERE r.session_id = ANY($1::uuid[]) AND r.user_id = $2`, [
      sessionIds,
      userId,
    ]);
  }

  /**
   * Registers (or re-registers after a cancellation or a decline) at the back of the queue with the
   * given status; a request (pending) takes its place in the queue now, and keeps it when approved.
   */
  async upsertRegistration(
    manager: EntityManager,
    r: {
      sessionId: string;
      userId: string;
      enrollmentId: string;
      status: RegistrationStatus;
      registeredBy: string;
      nominated?: boolean;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO session_registrations (session_id, user_id, enrollment_id, status, registered_by, nominated)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (session_id, user_id) DO UPDATE SET status = EXCLUDED.status, enrollment_id = EXCLUDED.enrollment_id,
         registered_by = EXCLUDED.registered_by, nominated = EXCLUDED.nominated, registered_at = now(), cancelled_at = NULL,
         decided_by = NULL, decided_at = NULL, decline_reason = NULL,
         queue_position = nextval('session_registrations_queue_seq')`,
      [r.sessionId, r.userId, r.enrollmentId, r.status, r.registeredBy, r.nominated ?? false],
    );
  }

  /**
   * A supervisor's decision on a pending request: approved goes onto the waiting list at the place of
   * the request (seatFromWaitingList then seats it if a seat is free), declined keeps the reason.
   */
  async decide(
    manager: EntityManager,
    registrationId: string,
    status: 'waitlisted' | 'declined',
    decidedBy: string,
    reason: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE session_registrations SET status = $2, decided_by = $3, decided_at = now(), decline_reason = $4 WHERE id = $1 AND status = 'pending'`,
      [registrationId, status, decidedBy, reason],
    );
  }

  /** The pending requests of a supervisor's active direct reports for sessions not yet ended, oldest request first. */
  async pendingOfReports(supervisorId: string): Promise<PendingRow[]> {
    return this.dataSource.query(
      `SELECT r.session_id, r.user_id, u.name, s.course_id, cv.title AS course_title, cv.title_en AS course_title_en,
              s.place, s.starts_at, s.ends_at, r.registered_at,
              GREATEST(s.capacity - (SELECT count(*) FROM session_registrations x WHERE x.session_id = s.id AND x.status = 'registered'), 0)::int AS seats_left
         FROM session_registrations r JOIN users u ON u.id = r.user_id
         JOIN training_sessions s ON s.id = r.session_id JOIN courses c ON c.id = s.course_id
         LEFT JOIN course_versions cv ON cv.id = c.current_version_id
        WHERE r.status = 'pending' AND u.supervisor_id = $1 AND u.is_active AND s.cancelled_at IS NULL AND s.ends_at > now()
        ORDER BY r.queue_position`,
      [supervisorId],
    );
  }

  /** What a supervisor is told when a direct report asks to attend (one notice per request). */
  async requestNotice(
    manager: EntityManager,
    sessionId: string,
    userId: string,
  ): Promise<EventPayloads['notification.requested']> {
    const [row]: { payload: EventPayloads['notification.requested'] }[] = await manager.query(
      `SELECT jsonb_build_object(
                'userId', u.supervisor_id, 'kind', 'session.requested', 'dedupeKey', 'session.requested:' || r.id || ':' || r.queue_position,
                'data', jsonb_build_object('sessionId', s.id, 'courseId', s.course_id, 'courseTitle', v.title, 'courseTitleEn', v.title_en,
                                           'startsAt', to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'place', s.place,
                                           'learnerName', u.name)) AS payload
         FROM session_registrations r JOIN users u ON u.id = r.user_id JOIN training_sessions s ON s.id = r.session_id
         JOIN courses c ON c.id = s.course_id LEFT JOIN course_versions v ON v.id = c.current_version_id
        WHERE r.session_id = $1 AND r.user_id = $2`,
      [sessionId, userId],
    );
    return row.payload;
  }

  /** What the person is told about their registration: a nomination or a supervisor's decision. */
  async registrationNotice(
    manager: EntityManager,
    sessionId: string,
    userId: string,
    kind: 'session.nominated' | 'session.request_approved' | 'session.request_declined',
  ): Promise<EventPayloads['notification.requested']> {
    const [row]: { payload: EventPayloads['notification.requested'] }[] = await manager.query(
      `SELECT jsonb_build_object(
                'userId', r.user_id, 'kind', $3::text, 'dedupeKey', $3::text || ':' || r.id || ':' || r.queue_position,
                'data', jsonb_build_object('sessionId', s.id, 'courseId', s.course_id, 'courseTitle', v.title, 'courseTitleEn', v.title_en,
                                           'startsAt', to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'place', s.place,
                                           'status', r.status, 'reason', r.decline_reason, 'supervisorName', b.name)) AS payload
         FROM session_registrations r JOIN training_sessions s ON s.id = r.session_id
         JOIN courses c ON c.id = s.course_id LEFT JOIN course_versions v ON v.id = c.current_version_id
         LEFT JOIN users b ON b.id = coalesce(r.decided_by, r.registered_by)
        WHERE r.session_id = $1 AND r.user_id = $2`,
      [sessionId, userId, kind],
    );
    return row.payload;
  }

  async cancelRegistration(manager: EntityManager, registrationId: string): Promise<void> {
    await manager.query(`UPDATE session_registrations SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [
      registrationId,
    ]);
  }

  /** Seats the first people of the waiting list, in order, while there are free seats; returns who moved up. */
  async seatFromWaitingList(manager: EntityManager, sessionId: string, capacity: number): Promise<string[]> {
    const [rows] = await manager.query(
      `UPDATE session_registrations SET status = 'registered' WHERE id IN (
         SELECT id FROM session_registrations WHERE session_id = $1 AND status = 'waitlisted' ORDER BY queue_position
          LIMIT GREATEST($2::int - (SELECT count(*) FROM session_registrations WHERE session_id = $1 AND status = 'registered'), 0))
       RETURNING user_id`,
      [sessionId, capacity],
    );
    return (rows as { user_id: string }[]).map((r) => r.user_id);
  }

  /** Stores what the trainer recorded; true when it differs from what was there. */
  async recordAttendance(
    manager: EntityManager,
    registrationId: string,
    attended: boolean,
    score: number | null,
    recordedBy: string,
  ): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE session_registrations SET attended = $2, paper_score = $3, attendance_recorded_at = now(), attendance_recorded_by = $4
        WHERE id = $1 AND (attended IS DISTINCT FROM $2 OR paper_score IS DISTINCT FROM $3::numeric) RETURNING id`,
      [registrationId, attended, score, recordedBy],
    );
    return rows.length > 0;
  }

  async person(userId: string): Promise<PersonRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.name, u.is_active, u.roles, a.path, u.supervisor_id,
              (SELECT b.is_active FROM users b WHERE b.id = u.supervisor_id) AS supervisor_active
         FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1`,
      [userId],
    );
    return row;
  }

  async agency(agencyId: string): Promise<{ id: string } | undefined> {
    const [row] = await this.dataSource.query(`SELECT id FROM agencies WHERE id = $1`, [agencyId]);
    return row;
  }

  async course(
    courseId: string,
  ): Promise<{ id: string; owner_id: string | null; current_version_id: string | null } | undefined> {
    const [row] = await this.dataSource.query(`SELECT id, owner_id, current_version_id FROM courses WHERE id = $1`, [
      courseId,
    ]);
    return row;
  }

  /** Whether the course's current version has a final quiz, and its pass mark (what the attendance page asks for). */
  async finalQuizOf(courseId: string): Promise<{ has_final_quiz: boolean; pass_mark: number | null }> {
    const [row] = await this.dataSource.query(
      `SELECT v.has_final_quiz, (SELECT (q->>'passMarkPercent')::int FROM jsonb_array_elements(v.quizzes) q WHERE q->'moduleId' = 'null'::jsonb LIMIT 1) AS pass_mark
         FROM courses c JOIN course_versions v ON v.id = c.current_version_id WHERE c.id = $1`,
      [courseId],
    );
    return row ?? { has_final_quiz: false, pass_mark: null };
  }
}
