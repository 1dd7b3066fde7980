// Per-agency figures in two steps, both recomputed from source rows (idempotent by construction, so
// duplicated or retried jobs cannot double-count):
//  1. each agency's OWN people (agency_own_metrics) — one grouped statement for any set of agencies;
//  2. SUBTREE roll-ups (agency_metrics) — sums of the own figures of every agency below, which is
//     exact because a person belongs to one agency and every figure is a count or a sum.
// A completion in a soum therefore recounts ~500 people, then re-adds a few hundred small rows for
// its ancestors, instead of rescanning the whole government for each ancestor.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ReadReplicas } from '@chadavkhi/platform';

export interface AgencyMetricsRow {
  agency_id: string;
  headcount: number;
  enrolled: number;
  assigned: number;
  assigned_completed: number;
  completed: number;
  overdue: number;
  certified_people: number;
  valid_certificates: number;
  average_final_score: string | null;
  learning_minutes: string;
  required_competencies: number;
  covered_competencies: number;
  completed_face_to_face: number;
  /** Completions with a completion-integrity flag (learning's enrollments.integrity_flags). */
  completed_flagged: number;
  /** The people each rate or average is computed from (see AgencyMetricsView). */
  enrolled_people: number;
  assigned_people: number;
  scored_people: number;
  competency_people: number;
  /** Data quality: active people whose HR record has each item. */
  with_registration_number: number;
  with_position: number;
  with_supervisor: number;
  with_email: number;
  computed_at: Date;
}

/** Headcount as placed on a day (user_placements), over the subtree and of the agency's own people. */
export interface HeadcountOnRow {
  agency_id: string;
  headcount: number;
  own_headcount: number;
}

const TODAY = `(now() AT TIME ZONE 'Asia/Ulaanbaatar')::date`;

/** The own figures of the agencies in $1 (uuid[]), from users, enrolments, assignments and certificates. */
const RECOMPUTE_OWN = `
  WITH ag AS (
    SELECT id FROM agencies WHERE id = ANY($1::uuid[])
  ), staff AS (
    SELECT u.id, u.agency_id, u.position_id, u.registration_number IS NOT NULL AS has_registration_number,
           u.supervisor_id IS NOT NULL AS has_supervisor, u.email IS NOT NULL AS has_email
      FROM users u WHERE u.agency_id = ANY($1::uuid[]) AND u.is_active
  ), hc AS (
    -- position_id is NOT NULL today, so with_position equals headcount; it is counted rather than
    -- assumed so that the figure stays true if a record may ever lack a position.
    SELECT agency_id, count(*)::int AS headcount, count(*) FILTER (WHERE has_registration_number)::int AS with_registration_number,
           count(position_id)::int AS with_position, count(*) FILTER (WHERE has_supervisor)::int AS with_supervisor,
           count(*) FILTER (WHERE has_email)::int AS with_email
      FROM staff GROUP BY agency_id
  ), en AS (
    -- The staff's enrolments, read once from the covering index (enrollments_user_cover_idx) and
    -- used twice: for the enrolment counts and for the status of each assignment.
    SELECT e.id, e.user_id, s.agency_id, e.status, e.course_version_id, e.completion_mode, e.integrity_flags FROM enrollments e JOIN staff s ON s.id = e.user_id
  ), e AS (
    SELECT en.agency_id, count(*)::int AS enrolled, count(*) FILTER (WHERE en.status = 'completed')::int AS completed,
           COALESCE(sum(v.estimated_minutes) FILTER (WHERE en.status = 'completed'), 0)::bigint AS learning_minutes,
           count(*) FILTER (WHERE en.status = 'completed' AND en.completion_mode = 'face_to_face')::int AS completed_face_to_face,
           count(*) FILTER (WHERE en.status = 'completed' AND cardinality(en.integrity_flags) > 0)::int AS completed_flagged,
           count(DISTINCT en.user_id)::int AS enrolled_people
      FROM en JOIN course_versions v ON v.id = en.course_version_id
     GROUP BY en.agency_id
  ), asg AS (
    -- An assignment row always links the person's own enrolment (AssignmentReachService.reach), so
    -- its status is found among the staff's enrolments without a lookup per row. OFFSET 0 keeps the
    -- rows a lookup per person (assignment_users_user_cover_idx): for an agency of 5,000 people
    -- PostgreSQL 18 otherwise reads all of assignment_users (400,000 rows, 0.9 s against 0.15 s).
    SELECT s.agency_id, count(*)::int AS assigned, count(*) FILTER (WHERE en.status = 'completed')::int AS assigned_completed,
           count(*) FILTER (WHERE en.status <> 'completed' AND au.due_on < ${TODAY})::int AS overdue,
           count(DISTINCT s.id)::int AS assigned_people
      FROM staff s
     CROSS JOIN LATERAL (SELECT au.assignment_id, au.enrollment_id, au.due_on FROM assignment_users au WHERE au.user_id = s.id OFFSET 0) au
      JOIN en ON en.id = au.enrollment_id
      JOIN assignments a ON a.id = au.assignment_id AND a.cancelled_at IS NULL
     GROUP BY s.agency_id
  ), vc AS (
    SELECT c.user_id, c.course_version_id, c.score, s.agency_id
      FROM certificates c JOIN staff s ON s.id = c.user_id
     WHERE c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())
  ), cert AS (
    SELECT agency_id, count(DISTINCT user_id)::int AS certified_people, count(*)::int AS valid_certificates,
           COALESCE(sum(score), 0) AS score_sum, count(score)::int AS score_count,
           count(DISTINCT user_id) FILTER (WHERE score IS NOT NULL)::int AS scored_people
      FROM vc GROUP BY agency_id
  ), held AS (
    SELECT vc.user_id, cvc.competency_code, max(cvc.level) AS level
      FROM vc JOIN course_version_competencies cvc ON cvc.course_version_id = vc.course_version_id
     GROUP BY vc.user_id, cvc.competency_code
  ), req AS (
    SELECT s.agency_id, count(*)::int AS required, count(h.level)::int AS covered, count(DISTINCT s.id)::int AS competency_people
      FROM staff s JOIN position_competencies pc ON pc.position_id = s.position_id
      LEFT JOIN held h ON h.user_id = s.id AND h.competency_code = pc.competency_code AND h.level >= pc.level
     GROUP BY s.agency_id
  )
  INSERT INTO agency_own_metrics AS o (agency_id, headcount, enrolled, completed, assigned, assigned_completed, overdue, certified_people,
                                       valid_certificates, score_sum, score_count, learning_minutes, required_competencies, covered_competencies, computed_at,
                                       completed_face_to_face, enrolled_people, assigned_people, scored_people, competency_people,
                                       with_registration_number, with_position, with_supervisor, with_email, completed_flagged)
  SELECT ag.id, COALESCE(hc.headcount, 0), COALESCE(e.enrolled, 0), COALESCE(e.completed, 0), COALESCE(asg.assigned, 0),
         COALESCE(asg.assigned_completed, 0), COALESCE(asg.overdue, 0), COALESCE(cert.certified_people, 0), COALESCE(cert.valid_certificates, 0),
         COALESCE(cert.score_sum, 0), COALESCE(cert.score_count, 0), COALESCE(e.learning_minutes, 0), COALESCE(req.required, 0), COALESCE(req.covered, 0), now(),
         COALESCE(e.completed_face_to_face, 0), COALESCE(e.enrolled_people, 0), COALESCE(asg.assigned_people, 0),
         COALESCE(cert.scored_people, 0), COALESCE(req.competency_people, 0),
         COALESCE(hc.with_registration_number, 0), COALESCE(hc.with_position, 0), COALESCE(hc.with_supervisor, 0), COALESCE(hc.with_email, 0),
         COALESCE(e.completed_flagged, 0)
    FROM ag LEFT JOIN hc ON hc.agency_id = ag.id LEFT JOIN e ON e.agency_id = ag.id LEFT JOIN asg ON asg.agency_id = ag.id
    LEFT JOIN cert ON cert.agency_id = ag.id LEFT JOIN req ON req.agency_id = ag.id
  ON CONFLICT (agency_id) DO UPDATE SET headcount = EXCLUDED.headcount, enrolled = EXCLUDED.enrolled, completed = EXCLUDED.completed,
    assigned = EXCLUDED.assigned, assigned_completed = EXCLUDED.assigned_completed, overdue = EXCLUDED.overdue,
    certified_people = EXCLUDED.certified_people, valid_certificates = EXCLUDED.valid_certificates, score_sum = EXCLUDED.score_sum,
    score_count = EXCLUDED.score_count, learning_minutes = EXCLUDED.learning_minutes, required_competencies = EXCLUDED.required_competencies,
    covered_competencies = EXCLUDED.covered_competencies, computed_at = EXCLUDED.computed_at,
    completed_face_to_face = EXCLUDED.completed_face_to_face, enrolled_people = EXCLUDED.enrolled_people, assigned_people = EXCLUDED.assigned_people,
    scored_people = EXCLUDED.scored_people, competency_people = EXCLUDED.competency_people,
    with_registration_number = EXCLUDED.with_registration_number, with_position = EXCLUDED.with_position,
    with_supervisor = EXCLUDED.with_supervisor, with_email = EXCLUDED.with_email, completed_flagged = EXCLUDED.completed_flagged`;

/** Subtree figures of the agencies in $1 (uuid[]), as sums of the own figures below each. */
const ROLL_UP = `
  INSERT INTO agency_metrics AS m (agency_id, headcount, enrolled, assigned, assigned_completed, completed, overdue, certified_people, valid_certificates,
                                   average_final_score, learning_minutes, required_competencies, covered_competencies, computed_at,
                                   completed_face_to_face, enrolled_people, assigned_people, scored_people, competency_people,
                                   with_registration_number, with_position, with_supervisor, with_email, completed_flagged)
  SELECT anc, sum(o.headcount)::int, sum(o.enrolled)::int, sum(o.assigned)::int, sum(o.assigned_completed)::int, sum(o.completed)::int, sum(o.overdue)::int,
         sum(o.certified_people)::int, sum(o.valid_certificates)::int,
         CASE WHEN sum(o.score_count) > 0 THEN round(sum(o.score_sum) / sum(o.score_count), 2) END,
         sum(o.learning_minutes)::bigint, sum(o.required_competencies)::int, sum(o.covered_competencies)::int, now(),
         sum(o.completed_face_to_face)::int, sum(o.enrolled_people)::int, sum(o.assigned_people)::int, sum(o.scored_people)::int,
         sum(o.competency_people)::int, sum(o.with_registration_number)::int, sum(o.with_position)::int,
         sum(o.with_supervisor)::int, sum(o.with_email)::int, sum(o.completed_flagged)::int
    FROM agency_own_metrics o JOIN agencies d ON d.id = o.agency_id CROSS JOIN LATERAL unnest(d.path) AS anc
   WHERE anc = ANY($1::uuid[])
   GROUP BY anc
  ON CONFLICT (agency_id) DO UPDATE SET headcount = EXCLUDED.headcount, enrolled = EXCLUDED.enrolled, assigned = EXCLUDED.assigned,
    assigned_completed = EXCLUDED.assigned_completed, completed = EXCLUDED.completed, overdue = EXCLUDED.overdue,
    certified_people = EXCLUDED.certified_people, valid_certificates = EXCLUDED.valid_certificates, average_final_score = EXCLUDED.average_final_score,
    learning_minutes = EXCLUDED.learning_minutes, required_competencies = EXCLUDED.required_competencies,
    covered_competencies = EXCLUDED.covered_competencies, computed_at = EXCLUDED.computed_at,
    completed_face_to_face = EXCLUDED.completed_face_to_face, enrolled_people = EXCLUDED.enrolled_people, assigned_people = EXCLUDED.assigned_people,
    scored_people = EXCLUDED.scored_people, competency_people = EXCLUDED.competency_people,
    with_registration_number = EXCLUDED.with_registration_number, with_position = EXCLUDED.with_position,
    with_supervisor = EXCLUDED.with_supervisor, with_email = EXCLUDED.with_email, completed_flagged = EXCLUDED.completed_flagged`;

const HISTORY_COLUMNS = `headcount, enrolled, assigned, assigned_completed, completed, overdue, certified_people, valid_certificates, average_final_score,
  learning_minutes, required_competencies, covered_competencies, completed_face_to_face, enrolled_people, assigned_people, scored_people,
  competency_people, with_registration_number, with_position, with_supervisor, with_email, completed_flagged`;

/**
 * People placed in each agency ($1 uuid[]) on day $2: placements with valid_from <= day < valid_to
 * (or still open), summed over the subtree and of the agency's own people.
 */
const HEADCOUNT_ON = `
  WITH placed AS (
    SELECT p.agency_id, count(*)::int AS n FROM user_placements p
     WHERE p.valid_from <= $2::date AND (p.valid_to IS NULL OR p.valid_to > $2::date)
     GROUP BY p.agency_id
  )
  SELECT a.id AS agency_id,
         COALESCE((SELECT sum(pl.n) FROM placed pl JOIN agencies d ON d.id = pl.agency_id WHERE d.path @> ARRAY[a.id]), 0)::int AS headcount,
         COALESCE((SELECT pl.n FROM placed pl WHERE pl.agency_id = a.id), 0)::int AS own_headcount
    FROM agencies a WHERE a.id = ANY($1::uuid[])`;

/**
 * Rewrites the headcount of the history rows of agencies $1 (uuid[]) from day $2 on with the people
 * placed on each day, so a change HR records date back (a move, a leaver) reaches the days it
 * covers, and the history always says what GET …/metrics?on= says. A day's count is the placements
 * begun by then minus those ended by then, summed from one grouped pass over the placements inside
 * those agencies' subtrees: linear in placements, where joining every placement with every day is
 * placements × days.
 */
const RESTATE_HEADCOUNTS = `
  WITH hist AS (
    SELECT agency_id, day FROM agency_metrics_history WHERE agency_id = ANY($1::uuid[]) AND day >= $2::date
  ), days AS (
    SELECT DISTINCT day FROM hist
  ), changes AS (
    SELECT p.agency_id, p.valid_from AS at, count(*)::int AS delta
      FROM user_placements p JOIN agencies d ON d.id = p.agency_id WHERE d.path && $1::uuid[] GROUP BY 1, 2
    UNION ALL
    SELECT p.agency_id, p.valid_to, -count(*)::int
      FROM user_placements p JOIN agencies d ON d.id = p.agency_id WHERE d.path && $1::uuid[] AND p.valid_to IS NOT NULL GROUP BY 1, 2
  ), counted AS (
    SELECT dd.day, anc AS agency_id, sum(c.delta)::int AS headcount
      FROM changes c JOIN days dd ON c.at <= dd.day JOIN agencies d ON d.id = c.agency_id
      CROSS JOIN LATERAL unnest(d.path) AS anc
     WHERE anc = ANY($1::uuid[])
     GROUP BY dd.day, anc
  )
  UPDATE agency_metrics_history h SET headcount = COALESCE(c.headcount, 0)
    FROM hist r LEFT JOIN counted c ON c.agency_id = r.agency_id AND c.day = r.day
   WHERE h.agency_id = r.agency_id AND h.day = r.day AND h.headcount <> COALESCE(c.headcount, 0)`;

const lockKey = (name: string) => `agency-metrics:${name}`;

@Injectable()
export class AgencyMetricsRepository {
  // Dashboards and open data read through `replicas` (a replica at most DATABASE_REPLICA_MAX_LAG_MS
  // behind, else the primary); recomputations and what must see them read the primary.
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas,
  ) {}

  /**
   * Recounts the agencies' own people, each under its advisory lock (taken in one order, so two
   * jobs never deadlock), so an older count is never written over a newer one.
   */
  async recomputeOwn(manager: EntityManager, agencyIds: string[]): Promise<void> {
    const ids = [...new Set(agencyIds)].sort();
    if (!ids.length) return;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($2 || id, 0)) FROM unnest($1::text[]) AS id`, [
      ids,
      lockKey('own:'),
    ]);
    // A recount of one agency runs in tens of milliseconds; JIT compiling it (when the server has
    // JIT and the estimate crosses jit_above_cost, as a large agency's does) would add a second.
    await manager.query(`SET LOCAL jit = off`);
    await manager.query(RECOMPUTE_OWN, [ids]);
  }

  /** Re-adds the subtree figures of the given agencies (one lock: roll-ups are tiny and serialised). */
  async rollUp(manager: EntityManager, agencyIds: string[]): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [lockKey('rollup')]);
    await manager.query(ROLL_UP, [agencyIds]);
  }

  /**
   * After a change to people in these agencies: recount them, then roll up them and every ancestor.
   * Agencies never counted yet (a fresh install, a new agency) are counted first, or sums would miss them.
   */
  async recomputeWithAncestors(agencyIds: string | string[]): Promise<number> {
    const ids = Array.isArray(agencyIds) ? agencyIds : [agencyIds];
    const rows: { id: string; path: string[] }[] = await this.dataSource.query(
      `SELECT id, path FROM agencies WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    if (!rows.length) return 0;
    const [{ missing }] = await this.dataSource.query(
      `SELECT COALESCE(array_agg(a.id), '{}') AS missing FROM agencies a WHERE NOT EXISTS (SELECT 1 FROM agency_own_metrics o WHERE o.agency_id = a.id)`,
    );
    await this.dataSource.transaction((m) => this.recomputeOwn(m, [...rows.map((r) => r.id), ...missing]));
    const chain = [...new Set(rows.flatMap((r) => r.path))];
    await this.dataSource.transaction((m) =>
      this.rollUp(m, missing.length ? (missing as string[]).concat(chain) : chain),
    );
    return chain.length;
  }

  /** Kept for callers that recompute one agency inside their own transaction. */
  async recompute(manager: EntityManager, agencyId: string): Promise<void> {
    const [agency] = await manager.query(`SELECT path FROM agencies WHERE id = $1`, [agencyId]);
    if (!agency) return;
    await this.recomputeOwn(manager, [agencyId]);
    await this.rollUp(manager, agency.path);
  }

  /** Every agency: one grouped statement for the own figures, one for the roll-ups. */
  async recomputeAll(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const ids: string[] = (await m.query(`SELECT id FROM agencies`)).map((r: { id: string }) => r.id);
      await this.recomputeOwn(m, ids);
      await this.rollUp(m, ids);
      return ids.length;
    });
  }

  /** The naive way, for comparison in the bench: every agency's subtree recounted from source rows, one by one. */
  async recomputeAllNaively(): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM agencies ORDER BY cardinality(path) DESC`,
    );
    for (const { id } of rows) {
      await this.dataSource.transaction(async (m) => {
        const subtree: string[] = (await m.query(`SELECT id FROM agencies WHERE path @> ARRAY[$1::uuid]`, [id])).map(
          (r: { id: string }) => r.id,
        );
        await this.recomputeOwn(m, subtree);
        await this.rollUp(m, [id]);
      });
    }
    return rows.length;
  }

  /**
   * Recomputes every agency and records today's figures (Ulaanbaatar date); re-running a day
   * overwrites it. The day's headcount is then taken from the position history, as for any past day.
   */
  async snapshot(): Promise<number> {
    const agencies = await this.recomputeAll();
    const [{ today }] = await this.dataSource.query(`SELECT to_char(${TODAY}, 'YYYY-MM-DD') AS today`);
    await this.dataSource.query(
      `INSERT INTO agency_metrics_history (agency_id, day, ${HISTORY_COLUMNS})
       SELECT agency_id, $1::date, ${HISTORY_COLUMNS} FROM agency_metrics
       ON CONFLICT (agency_id, day) DO UPDATE SET ${HISTORY_COLUMNS.split(',')
         .map((c) => `${c.trim()} = EXCLUDED.${c.trim()}`)
         .join(', ')}`,
      [today],
    );
    const ids: string[] = (await this.dataSource.query(`SELECT id FROM agencies`)).map((r: { id: string }) => r.id);
    await this.dataSource.query(RESTATE_HEADCOUNTS, [ids, today]);
    return agencies;
  }

  /** Headcount of these agencies on a day, from the position history. */
  headcountOn(agencyIds: string[], day: string): Promise<HeadcountOnRow[]> {
    return this.dataSource.query(HEADCOUNT_ON, [agencyIds, day]);
  }

  /**
   * The history's headcounts of these agencies and their ancestors from a day on, recounted from the
   * position history (idempotent: a retry writes the same numbers); how many rows changed.
   */
  async restateHeadcounts(agencyIds: string[], from: string): Promise<number> {
    const [{ ids }] = await this.dataSource.query(
      `SELECT COALESCE(array_agg(DISTINCT anc), '{}') AS ids FROM agencies a CROSS JOIN LATERAL unnest(a.path) AS anc WHERE a.id = ANY($1::uuid[])`,
      [agencyIds],
    );
    if (!ids.length) return 0;
    const [, changed] = await this.dataSource.query(RESTATE_HEADCOUNTS, [ids, from]);
    return changed;
  }

  async history(agencyId: string, days: number): Promise<(AgencyMetricsRow & { day: string })[]> {
    return this.replicas.query(
      `SELECT agency_id, to_char(day, 'YYYY-MM-DD') AS day, ${HISTORY_COLUMNS}, day::timestamptz AS computed_at
         FROM agency_metrics_history WHERE agency_id = $1 AND day > ${TODAY} - $2::int ORDER BY day`,
      [agencyId, days],
    );
  }

  async get(agencyId: string): Promise<AgencyMetricsRow | undefined> {
    const [row] = await this.dataSource.query(`SELECT * FROM agency_metrics WHERE agency_id = $1`, [agencyId]);
    return row;
  }

  /**
   * The agency and its direct children, for dashboards (overdue by sub-agency). `afterOwnWrite`
   * reads the primary, for a caller that has just recomputed them.
   */
  async withChildren(
    agencyId: string,
    afterOwnWrite = false,
  ): Promise<(AgencyMetricsRow & { code: string; name_mn: string; name_en: string; parent_id: string | null })[]> {
    return (afterOwnWrite ? this.dataSource : this.replicas).query(
      `SELECT m.*, a.id AS agency_id, a.code, a.name_mn, a.name_en, a.parent_id FROM agencies a LEFT JOIN agency_metrics m ON m.agency_id = a.id
        WHERE a.id = $1 OR a.parent_id = $1 ORDER BY (a.id = $1) DESC, a.name_mn`,
      [agencyId],
    );
  }

  async all(): Promise<
    (AgencyMetricsRow & {
      code: string;
      kind: string;
      name_mn: string;
      name_en: string;
      parent_code: string | null;
      depth: number;
      parent_id: string | null;
    })[]
  > {
    return this.replicas.query(
      `SELECT m.*, a.code, a.kind, a.name_mn, a.name_en, a.parent_id, p.code AS parent_code, cardinality(a.path) - 1 AS depth
         FROM agency_metrics m JOIN agencies a ON a.id = m.agency_id LEFT JOIN agencies p ON p.id = a.parent_id
        ORDER BY a.path`,
    );
  }
}
