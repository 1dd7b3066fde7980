// Follow-ups (evaluation_follow_ups): opened by the daily round for completions 90 days back (read
// from learning's enrolments and identity's users, read contracts), reminded, answered once.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type FollowUpRole = 'learner' | 'supervisor';

export interface FollowUpRow {
  id: string;
  enrollment_id: string;
  role: FollowUpRole;
  respondent_id: string;
  learner_id: string;
  learner_name: string;
  course_id: string;
  course_title: string;
  course_title_en: string | null;
  course_language: 'mn' | 'en';
  completed_at: Date;
  opens_at: Date;
  closes_at: Date;
  reminders_sent: number;
  answered_at: Date | null;
}

/** What a notification about a follow-up needs. */
export interface FollowUpNotice {
  id: string;
  respondent_id: string;
  role: FollowUpRole;
  course_id: string;
  course_title: string;
  course_title_en: string | null;
  learner_name: string;
  closes_at: Date;
  reminders_sent: number;
}

const SELECT = `
  SELECT f.id, f.enrollment_id, f.role, f.respondent_id, f.learner_id, u.name AS learner_name, f.course_id,
         v.title AS course_title, v.title_en AS course_title_en, v.language AS course_language, f.completed_at, f.opens_at, f.closes_at,
         f.reminders_sent, f.answered_at
    FROM evaluation_follow_ups f
    JOIN users u ON u.id = f.learner_id
    JOIN enrollments e ON e.id = f.enrollment_id
    JOIN course_versions v ON v.id = e.course_version_id`;

const NOTICE = `
  SELECT f.id, f.respondent_id, f.role, f.course_id, v.title AS course_title, v.title_en AS course_title_en,
         u.name AS learner_name, f.closes_at, f.reminders_sent
    FROM evaluation_follow_ups f
    JOIN users u ON u.id = f.learner_id
    JOIN enrollments e ON e.id = f.enrollment_id
    JOIN course_versions v ON v.id = e.course_version_id
   WHERE f.id = ANY($1::uuid[])
   ORDER BY f.id`;

@Injectable()
export class FollowUpsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Opens the follow-ups of completions whose day has come (completed between `from` and `to`):
   * one for the learner and one for their supervisor (both active), none twice.
   */
  async open(
    manager: EntityManager,
    window: { from: Date; to: Date; afterDays: number; openDays: number },
  ): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `WITH done AS (
         SELECT e.id, e.user_id, e.course_id, e.completed_at, u.agency_id, u.supervisor_id
           FROM enrollments e JOIN users u ON u.id = e.user_id
          WHERE e.status = 'completed' AND e.completed_at > $1 AND e.completed_at <= $2 AND u.is_active
       ), asked AS (
         SELECT id, 'learner' AS role, user_id AS respondent_id, user_id, course_id, agency_id, completed_at FROM done
         UNION ALL
         SELECT d.id, 'supervisor', d.supervisor_id, d.user_id, d.course_id, d.agency_id, d.completed_at
           FROM done d JOIN users s ON s.id = d.supervisor_id
          WHERE s.is_active AND d.supervisor_id <> d.user_id
       )
       INSERT INTO evaluation_follow_ups
         (enrollment_id, role, respondent_id, learner_id, course_id, agency_id, completed_at, opens_at, closes_at)
       SELECT id, role, respondent_id, user_id, course_id, agency_id, completed_at,
              completed_at + make_interval(days => $3), completed_at + make_interval(days => $3 + $4)
         FROM asked
       ON CONFLICT (enrollment_id, role) DO NOTHING
       RETURNING id`,
      [window.from, window.to, window.afterDays, window.openDays],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Counts a reminder on each unanswered, open follow-up whose next reminder is due at `asOf`
   * (the n-th reminder `everyDays * n` days after it opened), at most `max` each.
   */
  async remind(manager: EntityManager, asOf: Date, everyDays: number, max: number): Promise<string[]> {
    const result = await manager.query(
      `UPDATE evaluation_follow_ups
          SET reminders_sent = reminders_sent + 1, last_reminded_at = $1
        WHERE answered_at IS NULL AND opens_at <= $1 AND closes_at > $1 AND reminders_sent < $3
          AND opens_at + make_interval(days => $2 * (reminders_sent + 1)) <= $1
        RETURNING id`,
      [asOf, everyDays, max],
    );
    const rows: { id: string }[] = Array.isArray(result[0]) ? result[0] : result;
    return rows.map((r) => r.id);
  }

  notices(manager: EntityManager, ids: string[]): Promise<FollowUpNotice[]> {
    return ids.length ? manager.query(NOTICE, [ids]) : Promise.resolve([]);
  }

  /** The respondent's follow-ups opened by `asOf`, open ones first, then the latest. */
  mine(respondentId: string, asOf: Date, limit: number): Promise<FollowUpRow[]> {
    return this.dataSource.query(
      `${SELECT} WHERE f.respondent_id = $1 AND f.opens_at <= $2
        ORDER BY (f.answered_at IS NULL AND f.closes_at > $2) DESC, f.opens_at DESC, f.id LIMIT $3`,
      [respondentId, asOf, limit],
    );
  }

  async find(id: string, manager?: EntityManager, lock = false): Promise<FollowUpRow | undefined> {
    if (lock && manager) await manager.query(`SELECT 1 FROM evaluation_follow_ups WHERE id = $1 FOR UPDATE`, [id]);
    const rows: FollowUpRow[] = await (manager ?? this.dataSource).query(`${SELECT} WHERE f.id = $1`, [id]);
    return rows[0];
  }

  async markAnswered(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(`UPDATE evaluation_follow_ups SET answered_at = $2 WHERE id = $1 AND answered_at IS NULL`, [
      id,
      at,
    ]);
  }
}
