// Capacity-building plans: the working copy, its lines, approved versions, spending and the links to
// what delivers each line. Reads identity's agencies, positions and users (names, subtrees, who holds
// which position), learning's courses and course versions (published titles) and accountability's
// competencies and assignments as declared read contracts.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type PlanStatus = 'draft' | 'submitted' | 'approved';
export type Modality = 'online' | 'face_to_face' | 'external';
export type KpiMeasure = 'completed_share' | 'certified_share' | 'competency_coverage';

export interface PlanRow {
  id: string;
  agency_id: string;
  agency_code: string;
  agency_name_mn: string;
  agency_name_en: string;
  agency_path: string[];
  year: number;
  status: PlanStatus;
  budget: string;
  allocated: string;
  spent: string;
  seats: number;
  reached: number;
  completed: number;
  certified: number;
  revision: number;
  approved_version: number;
  change_reason: string | null;
  created_by: string | null;
  submitted_by: string | null;
  submitted_at: Date | null;
  approved_at: Date | null;
  updated_at: Date;
}

export interface LineRow {
  id: string;
  plan_id: string;
  competency_code: string;
  competency_name_mn: string;
  competency_name_en: string;
  target_agency_id: string;
  target_agency_code: string;
  target_agency_name_mn: string;
  target_agency_name_en: string;
  positions: { id: string; code: string; mn: string; en: string }[];
  modality: Modality;
  course_id: string | null;
  course_title: string | null;
  course_title_en: string | null;
  provider: string | null;
  seats: number;
  quarter: number;
  cost: string;
  kpi: string;
  kpi_measure: KpiMeasure;
  kpi_target: string;
  spent: string;
  deliveries: { kind: 'assignment' | 'session'; id: string }[];
}

export interface NewLine {
  competencyCode: string;
  targetAgencyId: string;
  positionIds: string[];
  modality: Modality;
  courseId: string | null;
  provider: string | null;
  seats: number;
  quarter: number;
  cost: number;
  kpi: string;
  kpiMeasure: KpiMeasure;
  kpiTarget: number;
}

export interface SpendingRow {
  id: string;
  line_id: string;
  amount: string;
  spent_on: string;
  reference: string;
  note: string | null;
  recorded_by: string | null;
  recorded_by_name: string | null;
  created_at: Date;
}

export interface VersionRow {
  version: number;
  budget: string;
  total: string;
  lines: unknown[];
  reason: string | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date;
}

const PLAN_SELECT = `
  SELECT p.id, p.agency_id, a.code AS agency_code, a.name_mn AS agency_name_mn, a.name_en AS agency_name_en, a.path AS agency_path,
         p.year, p.status, p.budget, p.revision, p.approved_version, p.change_reason, p.created_by, p.submitted_by, p.submitted_at,
         p.updated_at,
         (SELECT max(v.approved_at) FROM capacity_plan_versions v WHERE v.plan_id = p.id) AS approved_at,
         COALESCE((SELECT sum(l.cost) FROM capacity_plan_lines l WHERE l.plan_id = p.id AND l.removed_at IS NULL), 0) AS allocated,
         COALESCE((SELECT sum(s.amount) FROM capacity_plan_spending s WHERE s.plan_id = p.id), 0) AS spent,
         COALESCE((SELECT sum(l.seats) FROM capacity_plan_lines l WHERE l.plan_id = p.id AND l.removed_at IS NULL), 0)::int AS seats,
         act.reached, act.completed, act.certified
    FROM capacity_plans p JOIN agencies a ON a.id = p.agency_id
    CROSS JOIN LATERAL (
      SELECT COALESCE(sum(x.reached), 0)::int AS reached, COALESCE(sum(x.completed), 0)::int AS completed,
             COALESCE(sum(x.certified), 0)::int AS certified
        FROM capacity_plan_actuals x WHERE x.plan_id = p.id) act`;

const LINE_SELECT = `
  SELECT l.id, l.plan_id, l.competency_code, c.name_mn AS competency_name_mn, c.name_en AS competency_name_en,
         l.target_agency_id, ta.code AS target_agency_code, ta.name_mn AS target_agency_name_mn, ta.name_en AS target_agency_name_en,
         (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', po.id, 'code', po.code, 'mn', po.name_mn, 'en', po.name_en) ORDER BY po.code), '[]')
            FROM positions po WHERE po.id = ANY(l.position_ids)) AS positions,
         l.modality, l.course_id, v.title AS course_title, v.title_en AS course_title_en, l.provider, l.seats, l.quarter, l.cost,
         l.kpi, l.kpi_measure, l.kpi_target,
         COALESCE((SELECT sum(s.amount) FROM capacity_plan_spending s WHERE s.line_id = l.id), 0) AS spent,
         (SELECT COALESCE(jsonb_agg(jsonb_build_object('kind', d.kind, 'id', d.ref_id) ORDER BY d.created_at), '[]')
            FROM capacity_plan_deliveries d WHERE d.line_id = l.id) AS deliveries
    FROM capacity_plan_lines l
    JOIN competencies c ON c.code = l.competency_code
    JOIN agencies ta ON ta.id = l.target_agency_id
    LEFT JOIN courses co ON co.id = l.course_id
    LEFT JOIN course_versions v ON v.id = co.current_version_id`;

@Injectable()
export class PlansRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource;
  }

  async find(id: string, manager?: EntityManager): Promise<PlanRow | undefined> {
    const [row] = await this.q(manager).query(`${PLAN_SELECT} WHERE p.id = $1`, [id]);
    return row;
  }

  /** The plan row locked for a change, with what the rules need. */
  async lock(manager: EntityManager, id: string): Promise<PlanRow | undefined> {
    await manager.query(`SELECT id FROM capacity_plans WHERE id = $1 FOR UPDATE`, [id]);
    return this.find(id, manager);
  }

  async idFor(agencyId: string, year: number, manager?: EntityManager): Promise<string | undefined> {
    const [row] = await this.q(manager).query(`SELECT id FROM capacity_plans WHERE agency_id = $1 AND year = $2`, [
      agencyId,
      year,
    ]);
    return row?.id;
  }

  async list(
    within: string | null,
    year: number | null,
    limit: number,
    offset: number,
  ): Promise<{ rows: PlanRow[]; total: number }> {
    const where = `WHERE ($1::uuid IS NULL OR a.path @> ARRAY[$1::uuid]) AND ($2::int IS NULL OR p.year = $2)`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`${PLAN_SELECT} ${where} ORDER BY p.year DESC, a.code LIMIT $3 OFFSET $4`, [
        within,
        year,
        limit,
        offset,
      ]),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM capacity_plans p JOIN agencies a ON a.id = p.agency_id ${where}`,
        [within, year],
      ),
    ]);
    return { rows, total };
  }

  /** Inserts the plan unless the agency has one for the year; undefined when it had. */
  async insert(
    manager: EntityManager,
    plan: { agencyId: string; year: number; budget: number; createdBy: string },
  ): Promise<string | undefined> {
    const [row] = await manager.query(
      `INSERT INTO capacity_plans (agency_id, year, budget, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (agency_id, year) DO NOTHING RETURNING id`,
      [plan.agencyId, plan.year, plan.budget, plan.createdBy],
    );
    return row?.id;
  }

  async setBudget(manager: EntityManager, id: string, budget: number): Promise<void> {
    await manager.query(
      `UPDATE capacity_plans SET budget = $2, revision = revision + 1, updated_at = now() WHERE id = $1`,
      [id, budget],
    );
  }

  async setStatus(
    manager: EntityManager,
    id: string,
    status: PlanStatus,
    fields: { submittedBy?: string | null; changeReason?: string | null; approvedVersion?: number } = {},
  ): Promise<void> {
    await manager.query(
      `UPDATE capacity_plans SET status = $2, revision = revision + 1, updated_at = now(),
              submitted_by = CASE WHEN $3::boolean THEN $4::uuid ELSE submitted_by END,
              submitted_at = CASE WHEN $3::boolean THEN (CASE WHEN $4::uuid IS NULL THEN NULL ELSE now() END) ELSE submitted_at END,
              change_reason = CASE WHEN $5::boolean THEN $6 ELSE change_reason END,
              approved_version = COALESCE($7, approved_version)
        WHERE id = $1`,
      [
        id,
        status,
        'submittedBy' in fields,
        fields.submittedBy ?? null,
        'changeReason' in fields,
        fields.changeReason ?? null,
        fields.approvedVersion ?? null,
      ],
    );
  }

  async touch(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE capacity_plans SET revision = revision + 1, updated_at = now() WHERE id = $1`, [id]);
  }

  async lines(planId: string, manager?: EntityManager): Promise<LineRow[]> {
    return this.q(manager).query(
      `${LINE_SELECT} WHERE l.plan_id = $1 AND l.removed_at IS NULL ORDER BY l.quarter, c.position, l.created_at, l.id`,
      [planId],
    );
  }

  async line(planId: string, lineId: string, manager?: EntityManager): Promise<LineRow | undefined> {
    const [row] = await this.q(manager).query(
      `${LINE_SELECT} WHERE l.plan_id = $1 AND l.id = $2 AND l.removed_at IS NULL`,
      [planId, lineId],
    );
    return row;
  }

  async insertLines(manager: EntityManager, planId: string, lines: NewLine[]): Promise<string[]> {
    if (!lines.length) return [];
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO capacity_plan_lines (plan_id, competency_code, target_agency_id, position_ids, modality, course_id, provider,
                                        seats, quarter, cost, kpi, kpi_measure, kpi_target)
       SELECT $1, x.competency_code, x.target_agency_id, x.position_ids, x.modality, x.course_id, x.provider, x.seats, x.quarter,
              x.cost, x.kpi, x.kpi_measure, x.kpi_target
         FROM jsonb_to_recordset($2::jsonb) AS x(ord int, competency_code text, target_agency_id uuid, position_ids uuid[],
              modality text, course_id uuid, provider text, seats int, quarter smallint, cost numeric, kpi text,
              kpi_measure text, kpi_target numeric)
        ORDER BY x.ord
       RETURNING id`,
      [
        planId,
        JSON.stringify(
          lines.map((l, ord) => ({
            ord,
            competency_code: l.competencyCode,
            target_agency_id: l.targetAgencyId,
            position_ids: `{${l.positionIds.join(',')}}`,
            modality: l.modality,
            course_id: l.courseId,
            provider: l.provider,
            seats: l.seats,
            quarter: l.quarter,
            cost: l.cost,
            kpi: l.kpi,
            kpi_measure: l.kpiMeasure,
            kpi_target: l.kpiTarget,
          })),
        ),
      ],
    );
    return rows.map((r) => r.id);
  }

  async updateLine(manager: EntityManager, lineId: string, l: NewLine): Promise<void> {
    await manager.query(
      `UPDATE capacity_plan_lines SET competency_code = $2, target_agency_id = $3, position_ids = $4, modality = $5, course_id = $6,
              provider = $7, seats = $8, quarter = $9, cost = $10, kpi = $11, kpi_measure = $12, kpi_target = $13
        WHERE id = $1`,
      [
        lineId,
        l.competencyCode,
        l.targetAgencyId,
        l.positionIds,
        l.modality,
        l.courseId,
        l.provider,
        l.seats,
        l.quarter,
        l.cost,
        l.kpi,
        l.kpiMeasure,
        l.kpiTarget,
      ],
    );
  }

  async removeLine(manager: EntityManager, lineId: string): Promise<void> {
    await manager.query(`UPDATE capacity_plan_lines SET removed_at = now() WHERE id = $1 AND removed_at IS NULL`, [
      lineId,
    ]);
  }

  async allocatedExcept(manager: EntityManager, planId: string, lineId: string | null): Promise<number> {
    const [{ total }] = await manager.query(
      `SELECT COALESCE(sum(cost), 0) AS total FROM capacity_plan_lines
        WHERE plan_id = $1 AND removed_at IS NULL AND ($2::uuid IS NULL OR id <> $2)`,
      [planId, lineId],
    );
    return Number(total);
  }

  async insertVersion(
    manager: EntityManager,
    v: {
      planId: string;
      version: number;
      budget: number;
      total: number;
      lines: unknown[];
      reason: string | null;
      submittedBy: string | null;
      approvedBy: string;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO capacity_plan_versions (plan_id, version, budget, total, lines, reason, submitted_by, approved_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [v.planId, v.version, v.budget, v.total, JSON.stringify(v.lines), v.reason, v.submittedBy, v.approvedBy],
    );
  }

  async versions(planId: string): Promise<VersionRow[]> {
    return this.dataSource.query(
      `SELECT v.version, v.budget, v.total, v.lines, v.reason, v.approved_by, u.name AS approved_by_name, v.approved_at
         FROM capacity_plan_versions v LEFT JOIN users u ON u.id = v.approved_by
        WHERE v.plan_id = $1 ORDER BY v.version DESC LIMIT 200`,
      [planId],
    );
  }

  async version(planId: string, version: number): Promise<VersionRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT v.version, v.budget, v.total, v.lines, v.reason, v.approved_by, u.name AS approved_by_name, v.approved_at
         FROM capacity_plan_versions v LEFT JOIN users u ON u.id = v.approved_by
        WHERE v.plan_id = $1 AND v.version = $2`,
      [planId, version],
    );
    return row;
  }

  /** Line ids of the latest approved version (the lines spending may be recorded against). */
  async approvedLineIds(planId: string, manager?: EntityManager): Promise<Set<string>> {
    const rows: { id: string }[] = await this.q(manager).query(
      `SELECT l->>'id' AS id FROM capacity_plans p
         JOIN capacity_plan_versions v ON v.plan_id = p.id AND v.version = p.approved_version
         CROSS JOIN LATERAL jsonb_array_elements(v.lines) AS l
        WHERE p.id = $1`,
      [planId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** What a line form offers: the plan's subtree, the positions held there, the framework and the published courses. */
  async lineOptions(agencyId: string): Promise<{
    agencies: { id: string; name_mn: string; name_en: string; depth: number }[];
    positions: { id: string; name_mn: string; name_en: string; people: number }[];
    competencies: { code: string; name_mn: string; name_en: string }[];
    courses: { id: string; title: string; title_en: string | null }[];
  }> {
    const [agencies, positions, competencies, courses] = await Promise.all([
      this.dataSource.query(
        `SELECT a.id, a.name_mn, a.name_en, cardinality(a.path) - (SELECT cardinality(path) FROM agencies WHERE id = $1) AS depth
           FROM agencies a WHERE a.path @> ARRAY[$1::uuid] ORDER BY a.path, a.name_mn LIMIT 500`,
        [agencyId],
      ),
      this.dataSource.query(
        `SELECT p.id, p.name_mn, p.name_en, count(*)::int AS people FROM users u JOIN agencies a ON a.id = u.agency_id
           JOIN positions p ON p.id = u.position_id WHERE a.path @> ARRAY[$1::uuid] AND u.is_active
          GROUP BY p.id, p.name_mn, p.name_en ORDER BY p.name_mn LIMIT 500`,
        [agencyId],
      ),
      this.dataSource.query(`SELECT code, name_mn, name_en FROM competencies ORDER BY position, code`),
      this.dataSource.query(
        `SELECT c.id, v.title, v.title_en FROM courses c JOIN course_versions v ON v.id = c.current_version_id
          ORDER BY v.title LIMIT 500`,
      ),
    ]);
    return { agencies, positions, competencies, courses };
  }

  // ── reads of other libs' rows the rules need ──

  async competencyExists(code: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM competencies WHERE code = $1`, [code]);
    return !!row;
  }

  async agencyPath(agencyId: string): Promise<string[] | undefined> {
    const [row] = await this.dataSource.query(`SELECT path FROM agencies WHERE id = $1`, [agencyId]);
    return row?.path;
  }

  /** Which of these positions nobody active in the agency's subtree holds. */
  async positionsNotHeldIn(agencyId: string, positionIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT x.id FROM unnest($2::uuid[]) AS x(id)
        WHERE NOT EXISTS (SELECT 1 FROM users u JOIN agencies a ON a.id = u.agency_id
                           WHERE u.position_id = x.id AND u.is_active AND a.path @> ARRAY[$1::uuid])`,
      [agencyId, positionIds],
    );
    return rows.map((r) => r.id);
  }

  async publishedCourse(courseId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM courses WHERE id = $1 AND current_version_id IS NOT NULL`,
      [courseId],
    );
    return !!row;
  }

  async spending(planId: string): Promise<SpendingRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.line_id, s.amount, to_char(s.spent_on, 'YYYY-MM-DD') AS spent_on, s.reference, s.note, s.recorded_by,
              u.name AS recorded_by_name, s.created_at
         FROM capacity_plan_spending s LEFT JOIN users u ON u.id = s.recorded_by
        WHERE s.plan_id = $1 ORDER BY s.spent_on DESC, s.created_at DESC LIMIT 1000`,
      [planId],
    );
  }

  async spendingByReference(
    manager: EntityManager,
    lineId: string,
    reference: string,
  ): Promise<{ id: string; amount: string; spent_on: string } | undefined> {
    const [row] = await manager.query(
      `SELECT id, amount, to_char(spent_on, 'YYYY-MM-DD') AS spent_on FROM capacity_plan_spending WHERE line_id = $1 AND reference = $2`,
      [lineId, reference],
    );
    return row;
  }

  async lineSpent(manager: EntityManager, lineId: string): Promise<number> {
    const [{ total }] = await manager.query(
      `SELECT COALESCE(sum(amount), 0) AS total FROM capacity_plan_spending WHERE line_id = $1`,
      [lineId],
    );
    return Number(total);
  }

  async insertSpending(
    manager: EntityManager,
    s: {
      planId: string;
      lineId: string;
      amount: number;
      spentOn: string;
      reference: string;
      note: string | null;
      recordedBy: string;
    },
  ): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO capacity_plan_spending (plan_id, line_id, amount, spent_on, reference, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [s.planId, s.lineId, s.amount, s.spentOn, s.reference, s.note, s.recordedBy],
    );
    return row.id;
  }

  async lineHasSpending(manager: EntityManager, lineId: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT 1 FROM capacity_plan_spending WHERE line_id = $1 LIMIT 1`, [lineId]);
    return !!row;
  }

  /** The assignment's course and the agency whose subtree it covers (null: government-wide). */
  async assignment(id: string): Promise<{ course_id: string; scope_path: string[] | null } | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT a.course_id, sa.path AS scope_path FROM assignments a LEFT JOIN agencies sa ON sa.id = a.scope_agency_id WHERE a.id = $1`,
      [id],
    );
    return row;
  }

  async session(id: string): Promise<{ course_id: string; agency_path: string[] } | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT s.course_id, a.path AS agency_path FROM training_sessions s JOIN agencies a ON a.id = s.agency_id WHERE s.id = $1`,
      [id],
    );
    return row;
  }

  async linkDelivery(
    manager: EntityManager,
    d: { lineId: string; kind: 'assignment' | 'session'; refId: string; linkedBy: string },
  ): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO capacity_plan_deliveries (line_id, kind, ref_id, linked_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING line_id`,
      [d.lineId, d.kind, d.refId, d.linkedBy],
    );
    return rows.length > 0;
  }

  async unlinkDelivery(manager: EntityManager, lineId: string, kind: string, refId: string): Promise<boolean> {
    // DELETE … RETURNING comes back from TypeORM as [rows, count].
    const [rows] = await manager.query(
      `DELETE FROM capacity_plan_deliveries WHERE line_id = $1 AND kind = $2 AND ref_id = $3 RETURNING line_id`,
      [lineId, kind, refId],
    );
    return rows.length > 0;
  }
}
