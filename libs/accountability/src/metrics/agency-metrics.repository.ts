// The figures of one agency, over its whole subtree, recomputed from source rows in one statement:
// idempotent by construction, so duplicated or retried jobs cannot double-count.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface AgencyMetricsRow {
  agency_id: string;
  headcount: number;
  enrolled: number;
  assigned: number;
  completed: number;
  overdue: number;
  certified_people: number;
  valid_certificates: number;
  average_final_score: string | null;
  learning_minutes: string;
  computed_at: Date;
}

const RECOMPUTE = `
  WITH staff AS (
    SELECT u.id FROM users u JOIN agencies a ON a.id = u.agency_id
     WHERE a.path @> ARRAY[$1::uuid] AND u.is_active
  ), e AS (
    SELECT count(*)::int AS enrolled,
           count(*) FILTER (WHERE e.source = 'assigned')::int AS assigned,
           count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
           count(*) FILTER (WHERE e.status <> 'completed' AND e.due_at < now())::int AS overdue,
           COALESCE(sum(v.estimated_minutes) FILTER (WHERE e.status = 'completed'), 0)::bigint AS learning_minutes
      FROM enrollments e JOIN staff s ON s.id = e.user_id JOIN course_versions v ON v.id = e.course_version_id
  ), c AS (
    SELECT count(DISTINCT c.user_id)::int AS certified_people, count(*)::int AS valid_certificates, avg(c.score) AS average_final_score
      FROM certificates c JOIN staff s ON s.id = c.user_id
     WHERE c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())
  )
  INSERT INTO agency_metrics AS m (agency_id, headcount, enrolled, assigned, completed, overdue, certified_people, valid_certificates, average_final_score, learning_minutes, computed_at)
  SELECT $1, (SELECT count(*)::int FROM staff), e.enrolled, e.assigned, e.completed, e.overdue, c.certified_people, c.valid_certificates, round(c.average_final_score, 2), e.learning_minutes, now()
    FROM e, c
  ON CONFLICT (agency_id) DO UPDATE SET headcount = EXCLUDED.headcount, enrolled = EXCLUDED.enrolled, assigned = EXCLUDED.assigned,
    completed = EXCLUDED.completed, overdue = EXCLUDED.overdue, certified_people = EXCLUDED.certified_people,
    valid_certificates = EXCLUDED.valid_certificates, average_final_score = EXCLUDED.average_final_score,
    learning_minutes = EXCLUDED.learning_minutes, computed_at = EXCLUDED.computed_at`;

@Injectable()
export class AgencyMetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Recomputes an agency and every ancestor (their subtrees contain it). Each agency's figures are
   * computed under its advisory lock, so two jobs cannot write an older count over a newer one.
   */
  async recomputeWithAncestors(agencyId: string): Promise<number> {
    const [agency] = await this.dataSource.query(`SELECT path FROM agencies WHERE id = $1`, [agencyId]);
    if (!agency) return 0;
    const chain: string[] = [...agency.path].reverse(); // the agency first, the government last
    for (const id of chain) await this.dataSource.transaction((m) => this.recompute(m, id));
    return chain.length;
  }

  async recompute(manager: EntityManager, agencyId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`agency-metrics:${agencyId}`]);
    await manager.query(RECOMPUTE, [agencyId]);
  }

  async recomputeAll(): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM agencies ORDER BY cardinality(path) DESC`);
    for (const { id } of rows) await this.dataSource.transaction((m) => this.recompute(m, id));
    return rows.length;
  }

  /** Recomputes every agency and records today's figures (Ulaanbaatar date); re-running a day overwrites it. */
  async snapshot(): Promise<number> {
    const agencies = await this.recomputeAll();
    await this.dataSource.query(
      `INSERT INTO agency_metrics_history (agency_id, day, headcount, enrolled, assigned, completed, overdue, certified_people, valid_certificates, average_final_score, learning_minutes)
       SELECT agency_id, (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date, headcount, enrolled, assigned, completed, overdue, certified_people, valid_certificates, average_final_score, learning_minutes
         FROM agency_metrics
       ON CONFLICT (agency_id, day) DO UPDATE SET headcount = EXCLUDED.headcount, enrolled = EXCLUDED.enrolled, assigned = EXCLUDED.assigned,
         completed = EXCLUDED.completed, overdue = EXCLUDED.overdue, certified_people = EXCLUDED.certified_people,
         valid_certificates = EXCLUDED.valid_certificates, average_final_score = EXCLUDED.average_final_score, learning_minutes = EXCLUDED.learning_minutes`,
    );
    return agencies;
  }

  async history(agencyId: string, days: number): Promise<(AgencyMetricsRow & { day: string })[]> {
    return this.dataSource.query(
      `SELECT agency_id, to_char(day, 'YYYY-MM-DD') AS day, headcount, enrolled, assigned, completed, overdue, certified_people, valid_certificates,
              average_final_score, learning_minutes, day::timestamptz AS computed_at
         FROM agency_metrics_history WHERE agency_id = $1 AND day > (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date - $2::int ORDER BY day`,
      [agencyId, days],
    );
  }

  async get(agencyId: string): Promise<AgencyMetricsRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM agency_metrics WHERE agency_id = $1`, [agencyId]);
    return row;
  }

  /** The agency and its direct children, for dashboards (overdue by sub-agency). */
  async withChildren(agencyId: string): Promise<(AgencyMetricsRow & { code: string; name_mn: string; name_en: string; parent_id: string | null })[]> {
    return this.dataSource.query(
      `SELECT m.*, a.id AS agency_id, a.code, a.name_mn, a.name_en, a.parent_id FROM agencies a LEFT JOIN agency_metrics m ON m.agency_id = a.id
        WHERE a.id = $1 OR a.parent_id = $1 ORDER BY (a.id = $1) DESC, a.name_mn`,
      [agencyId],
    );
  }

  async all(): Promise<(AgencyMetricsRow & { code: string; kind: string; name_mn: string; name_en: string; parent_code: string | null; depth: number })[]> {
    return this.dataSource.query(
      `SELECT m.*, a.code, a.kind, a.name_mn, a.name_en, p.code AS parent_code, cardinality(a.path) - 1 AS depth
         FROM agency_metrics m JOIN agencies a ON a.id = m.agency_id LEFT JOIN agencies p ON p.id = a.parent_id
        ORDER BY a.path`,
    );
  }
}
