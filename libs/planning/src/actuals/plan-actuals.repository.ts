// Plan vs actual per line, recounted from source rows: the people the line's linked assignments
// reached (accountability's assignment_users) and its linked sessions registered (learning's
// session_registrations), how many of them completed the line's course (enrolments) and hold a valid
// certificate of it (certification), the spending recorded, and the KPI's current figure — all
// declared read contracts. Each recount also writes today's row of the history.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ActualRow {
  line_id: string;
  reached: number;
  completed: number;
  certified: number;
  spent: string;
  kpi_value: string | null;
  computed_at: Date;
}

export interface HistoryRow {
  day: string;
  reached: number;
  completed: number;
  certified: number;
  spent: string;
}

const VALID = `ct.revoked_at IS NULL AND (ct.expires_at IS NULL OR ct.expires_at > now())`;

@Injectable()
export class PlanActualsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Recounts every line of the plan and writes today's history row; a retry writes the same figures. */
  async recount(planId: string, today: string): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows: unknown[] = await m.query(
        `WITH lines AS (
           SELECT id, course_id, seats, kpi_measure, competency_code, target_agency_id, position_ids
             FROM capacity_plan_lines WHERE plan_id = $1 AND removed_at IS NULL
         ), people AS (
           SELECT d.line_id, au.user_id FROM capacity_plan_deliveries d JOIN lines l ON l.id = d.line_id
             JOIN assignment_users au ON au.assignment_id = d.ref_id WHERE d.kind = 'assignment'
           UNION
           SELECT d.line_id, r.user_id FROM capacity_plan_deliveries d JOIN lines l ON l.id = d.line_id
             JOIN session_registrations r ON r.session_id = d.ref_id AND r.status = 'registered' WHERE d.kind = 'session'
         ), counts AS (
           SELECT l.id AS line_id, count(p.user_id)::int AS reached,
                  count(e.id) FILTER (WHERE e.status = 'completed')::int AS completed,
                  count(p.user_id) FILTER (WHERE EXISTS (
                    SELECT 1 FROM certificates ct WHERE ct.user_id = p.user_id AND ct.course_id = l.course_id AND ${VALID}))::int AS certified
             FROM lines l LEFT JOIN people p ON p.line_id = l.id
             LEFT JOIN enrollments e ON e.user_id = p.user_id AND e.course_id = l.course_id
            GROUP BY l.id
         ), spent AS (
           SELECT line_id, sum(amount) AS spent FROM capacity_plan_spending WHERE plan_id = $1 GROUP BY line_id
         ), coverage AS (
           SELECT l.id AS line_id, count(*) AS required, count(*) FILTER (WHERE held.level >= pc.level) AS covered
             FROM lines l
             JOIN agencies a ON a.path @> ARRAY[l.target_agency_id]
             JOIN users u ON u.agency_id = a.id AND u.is_active AND u.position_id = ANY(l.position_ids)
             JOIN position_competencies pc ON pc.position_id = u.position_id AND pc.competency_code = l.competency_code
             LEFT JOIN LATERAL (
               SELECT max(cvc.level) AS level FROM certificates ct
                 JOIN course_version_competencies cvc ON cvc.course_version_id = ct.course_version_id
                WHERE ct.user_id = u.id AND cvc.competency_code = l.competency_code AND ${VALID}
             ) held ON true
            WHERE l.kpi_measure = 'competency_coverage'
            GROUP BY l.id
         )
         INSERT INTO capacity_plan_actuals (line_id, plan_id, reached, completed, certified, spent, kpi_value, kpi_people, computed_at)
         SELECT c.line_id, $1, c.reached, c.completed, c.certified, COALESCE(s.spent, 0),
                LEAST(9999, CASE l.kpi_measure
                  WHEN 'completed_share' THEN round(100.0 * c.completed / l.seats, 2)
                  WHEN 'certified_share' THEN round(100.0 * c.certified / l.seats, 2)
                  ELSE round(100.0 * cv.covered / NULLIF(cv.required, 0), 2) END),
                CASE WHEN l.kpi_measure = 'competency_coverage' THEN COALESCE(cv.required, 0) ELSE c.reached END,
                now()
           FROM counts c JOIN lines l ON l.id = c.line_id
           LEFT JOIN spent s ON s.line_id = c.line_id LEFT JOIN coverage cv ON cv.line_id = c.line_id
         ON CONFLICT (line_id) DO UPDATE SET reached = EXCLUDED.reached, completed = EXCLUDED.completed,
                certified = EXCLUDED.certified, spent = EXCLUDED.spent, kpi_value = EXCLUDED.kpi_value, kpi_people = EXCLUDED.kpi_people,
                computed_at = EXCLUDED.computed_at
         RETURNING line_id`,
        [planId],
      );
      await m.query(
        `DELETE FROM capacity_plan_actuals a WHERE a.plan_id = $1
            AND NOT EXISTS (SELECT 1 FROM capacity_plan_lines l WHERE l.id = a.line_id AND l.removed_at IS NULL)`,
        [planId],
      );
      await m.query(
        `INSERT INTO capacity_plan_actuals_history (line_id, plan_id, day, reached, completed, certified, spent, kpi_value)
         SELECT line_id, plan_id, $2::date, reached, completed, certified, spent, kpi_value FROM capacity_plan_actuals WHERE plan_id = $1
         ON CONFLICT (line_id, day) DO UPDATE SET reached = EXCLUDED.reached, completed = EXCLUDED.completed,
                certified = EXCLUDED.certified, spent = EXCLUDED.spent, kpi_value = EXCLUDED.kpi_value`,
        [planId, today],
      );
      return rows.length;
    });
  }

  /** The plans a person's completion or certificate of a course may move: lines of the course that reached them. */
  async plansReaching(userId: string, courseId: string): Promise<string[]> {
    const rows: { plan_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT l.plan_id FROM capacity_plan_lines l JOIN capacity_plan_deliveries d ON d.line_id = l.id
        WHERE l.course_id = $2 AND l.removed_at IS NULL
          AND ((d.kind = 'assignment' AND EXISTS (SELECT 1 FROM assignment_users au WHERE au.assignment_id = d.ref_id AND au.user_id = $1))
            OR (d.kind = 'session' AND EXISTS (SELECT 1 FROM session_registrations r WHERE r.session_id = d.ref_id AND r.user_id = $1)))`,
      [userId, courseId],
    );
    return rows.map((r) => r.plan_id);
  }

  async plansDeliveredBy(kind: 'assignment' | 'session', refId: string): Promise<string[]> {
    const rows: { plan_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT l.plan_id FROM capacity_plan_deliveries d JOIN capacity_plan_lines l ON l.id = d.line_id
        WHERE d.kind = $1 AND d.ref_id = $2`,
      [kind, refId],
    );
    return rows.map((r) => r.plan_id);
  }

  /** Plans with an approved version: the daily recount keeps their history one row a day. */
  async approvedPlanIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM capacity_plans WHERE approved_version > 0 ORDER BY id`,
    );
    return rows.map((r) => r.id);
  }

  async actuals(planId: string): Promise<ActualRow[]> {
    return this.dataSource.query(
      `SELECT line_id, reached, completed, certified, spent, kpi_value, computed_at FROM capacity_plan_actuals WHERE plan_id = $1`,
      [planId],
    );
  }

  /** The plan's totals per day, oldest first, from a day on (at most 400 days). */
  async history(planId: string, from: string): Promise<HistoryRow[]> {
    return this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(reached)::int AS reached, sum(completed)::int AS completed,
              sum(certified)::int AS certified, sum(spent) AS spent
         FROM capacity_plan_actuals_history WHERE plan_id = $1 AND day >= $2::date
        GROUP BY day ORDER BY day LIMIT 400`,
      [planId, from],
    );
  }
}
