// Assignments and the people they reach (assignment_users), as set-based SQL. Reaching people is
// idempotent: a person gets one row per assignment (primary key); their enrolment comes from
// learning's EnrollmentsService (in progress or a completion is linked, else a new one).
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnrollmentsService } from '@chadavkhi/learning';
import { addOutboxEvent, addOutboxEvents, EventPayloads } from '@chadavkhi/platform';
import { AssignmentRow, DueKind, MyAssignmentRow, TargetKind } from './dto/assignment.view';

export const TODAY = `(now() AT TIME ZONE 'Asia/Ulaanbaatar')::date`;
/** The end of a due day in Ulaanbaatar, as the enrolment's due_at. */
const END_OF = (day: string) => `((${day} + 1)::timestamp AT TIME ZONE 'Asia/Ulaanbaatar')`;
/** Reminders go out this many days before the due date; only the nearest threshold crossed. */
export const DUE_REMINDER_DAYS = [3, 14] as const;
/** A yearly round opens this many days before its due date. */
export const RENEWAL_OPENS_DAYS = 30;

export interface NewAssignment {
  courseId: string;
  createdBy: string;
  scopeAgencyId: string | null;
  targetKind: TargetKind;
  positionId: string | null;
  userIds: string[] | null;
  dueKind: DueKind;
  dueDate: string | null;
  dueDays: number | null;
  renewYearly: boolean;
  fingerprint: string;
}

/** The same assignment (what, to whom, by when — not who made it) always has the same fingerprint. */
export function withFingerprint(a: Omit<NewAssignment, 'fingerprint'>): NewAssignment {
  const { createdBy: _by, ...defining } = a;
  return { ...a, fingerprint: createHash('sha256').update(JSON.stringify(defining)).digest('hex') };
}

const SELECT_ASSIGNMENT = `
  SELECT a.id, a.course_id, v.title AS course_title, v.title_en AS course_title_en, a.created_by, cu.name AS created_by_name,
         a.scope_agency_id, sa.code AS scope_agency_code, sa.name_mn AS scope_agency_name_mn, sa.name_en AS scope_agency_name_en,
         a.target_kind, a.position_id, p.code AS position_code, p.name_mn AS position_name_mn, p.name_en AS position_name_en, a.user_ids,
         a.due_kind, to_char(a.due_date, 'YYYY-MM-DD') AS due_date, a.due_days, a.renew_yearly, a.created_at, a.cancelled_at,
         COALESCE(n.people, 0) AS people, COALESCE(n.completed, 0) AS completed, COALESCE(n.overdue, 0) AS overdue
    FROM assignments a
    JOIN courses c ON c.id = a.course_id JOIN course_versions v ON v.id = c.current_version_id
    LEFT JOIN users cu ON cu.id = a.created_by
    LEFT JOIN agencies sa ON sa.id = a.scope_agency_id
    LEFT JOIN positions p ON p.id = a.position_id
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS people, count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
             count(*) FILTER (WHERE e.status <> 'completed' AND au.due_on < ${TODAY})::int AS overdue
        FROM assignment_users au JOIN enrollments e ON e.id = au.enrollment_id WHERE au.assignment_id = a.id
    ) n ON true`;

/**
 * The people an assignment targets now ($1 assignment; $2 one user or null), with their due day if
 * reached today: N days after appointment (or joining) — or, when those N days have already run out,
 * N days from today, so nobody is overdue the day an assignment reaches them.
 */
const TARGETS = `
  SELECT u.id AS user_id,
         CASE WHEN a.due_kind = 'date' THEN a.due_date
              WHEN s.since + a.due_days >= ${TODAY} THEN s.since + a.due_days
              ELSE ${TODAY} + a.due_days END AS due_on
    FROM assignments a JOIN users u ON u.is_active JOIN agencies ag ON ag.id = u.agency_id
   CROSS JOIN LATERAL (SELECT CASE a.due_kind WHEN 'after_appointment' THEN u.position_since ELSE u.agency_since END AS since) s
   WHERE a.id = $1 AND a.cancelled_at IS NULL AND ($2::uuid IS NULL OR u.id = $2)
     AND (a.scope_agency_id IS NULL OR ag.path @> ARRAY[a.scope_agency_id])
     AND (a.position_id IS NULL OR u.position_id = a.position_id)
     AND (a.user_ids IS NULL OR u.id = ANY(a.user_ids))`;

@Injectable()
export class AssignmentsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enrollments: EnrollmentsService,
  ) {}

  /** Inserts the assignment with its outbox event, or finds the same active one: `created` says which. */
  async create(manager: EntityManager, a: NewAssignment): Promise<{ id: string; created: boolean }> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO assignments (course_id, created_by, scope_agency_id, target_kind, position_id, user_ids, due_kind, due_date, due_days, renew_yearly, fingerprint)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (fingerprint) WHERE cancelled_at IS NULL DO NOTHING RETURNING id`,
      [
        a.courseId,
        a.createdBy,
        a.scopeAgencyId,
        a.targetKind,
        a.positionId,
        a.userIds,
        a.dueKind,
        a.dueDate,
        a.dueDays,
        a.renewYearly,
        a.fingerprint,
      ],
    );
    if (inserted.length) {
      await addOutboxEvent(manager, 'assignment.changed', { assignmentId: inserted[0].id });
      return { id: inserted[0].id, created: true };
    }
    const [existing] = await manager.query(
      `SELECT id FROM assignments WHERE fingerprint = $1 AND cancelled_at IS NULL`,
      [a.fingerprint],
    );
    return { id: existing.id, created: false };
  }

  async cancel(manager: EntityManager, id: string): Promise<boolean> {
    // UPDATE … RETURNING comes back from TypeORM as [rows, count].
    const [rows] = await manager.query(
      `UPDATE assignments SET cancelled_at = now() WHERE id = $1 AND cancelled_at IS NULL RETURNING id`,
      [id],
    );
    if (rows.length) await addOutboxEvent(manager, 'assignment.changed', { assignmentId: id });
    return rows.length > 0;
  }

  async find(id: string): Promise<(AssignmentRow & { scope_path: string[] | null }) | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT x.*, sa.path AS scope_path FROM (${SELECT_ASSIGNMENT} WHERE a.id = $1) x LEFT JOIN agencies sa ON sa.id = x.scope_agency_id`,
      [id],
    );
    return row;
  }

  /** Assignments made within an agency's subtree (null: all), newest first. */
  async list(
    withinAgencyId: string | null,
    courseId: string | null,
    limit: number,
    offset: number,
  ): Promise<{ rows: AssignmentRow[]; total: number }> {
    const where = `($1::uuid IS NULL OR a.scope_agency_id IN (SELECT id FROM agencies WHERE path @> ARRAY[$1::uuid])) AND ($2::uuid IS NULL OR a.course_id = $2)`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `${SELECT_ASSIGNMENT} WHERE ${where} ORDER BY a.cancelled_at IS NOT NULL, a.created_at DESC, a.id LIMIT $3 OFFSET $4`,
        [withinAgencyId, courseId, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM assignments a WHERE ${where}`, [
        withinAgencyId,
        courseId,
      ]),
    ]);
    return { rows, total };
  }

  /** What an assignment form offers: the agencies of a subtree (null: all), tree order, and every position. */
  async formOptions(rootAgencyId: string | null) {
    const [agencies, positions]: [
      { id: string; code: string; name_mn: string; name_en: string; depth: number }[],
      { id: string; code: string; name_mn: string; name_en: string }[],
    ] = await Promise.all([
      this.dataSource.query(
        `SELECT a.id, a.code, a.name_mn, a.name_en, cardinality(a.path) - COALESCE((SELECT cardinality(path) FROM agencies WHERE id = $1), 1) AS depth
             FROM agencies a WHERE $1::uuid IS NULL OR a.path @> ARRAY[$1::uuid]
            ORDER BY (SELECT array_agg(x.name_mn ORDER BY o) FROM unnest(a.path) WITH ORDINALITY p(id, o) JOIN agencies x ON x.id = p.id)`,
        [rootAgencyId],
      ),
      this.dataSource.query(`SELECT id, code, name_mn, name_en FROM positions ORDER BY name_mn`),
    ]);
    return { agencies, positions };
  }

  /** What the person has been assigned, soonest due first; completed ones last. */
  async mine(userId: string): Promise<MyAssignmentRow[]> {
    return this.dataSource.query(
      `SELECT au.assignment_id, a.course_id, v.title AS course_title, v.title_en AS course_title_en, au.enrollment_id,
              to_char(au.due_on, 'YYYY-MM-DD') AS due_on, au.cycle, a.renew_yearly, e.status, e.progress_percent, e.completed_at,
              (au.due_on - ${TODAY})::int AS days_left
         FROM assignment_users au JOIN assignments a ON a.id = au.assignment_id AND a.cancelled_at IS NULL
         JOIN enrollments e ON e.id = au.enrollment_id JOIN course_versions v ON v.id = e.course_version_id
        WHERE au.user_id = $1
        ORDER BY (e.status = 'completed'), au.due_on, v.title`,
      [userId],
    );
  }

  /**
   * Brings an assignment's people up to date (one person with `onlyUserId`): reaches people it now
   * targets, releases those it no longer targets (unless completed), and returns the agencies whose
   * figures changed. Serialised per assignment by an advisory lock; every step is idempotent.
   */
  async reach(
    assignmentId: string,
    onlyUserId: string | null = null,
  ): Promise<{ reached: number; released: number; agencyIds: string[] }> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`assignment:${assignmentId}`]);
      const [a] = await m.query(`SELECT id, course_id FROM assignments WHERE id = $1`, [assignmentId]);
      if (!a) return { reached: 0, released: 0, agencyIds: [] };
      await m.query(`CREATE TEMP TABLE reach_targets ON COMMIT DROP AS ${TARGETS}`, [assignmentId, onlyUserId]);
      await m.query(
        `CREATE TEMP TABLE reach_fresh ON COMMIT DROP AS
                       SELECT t.* FROM reach_targets t WHERE NOT EXISTS (SELECT 1 FROM assignment_users au WHERE au.assignment_id = $1 AND au.user_id = t.user_id)`,
        [assignmentId],
      );
      const fresh: { user_id: string; due_on: string; due_at: Date }[] = await m.query(
        `SELECT user_id, to_char(due_on, 'YYYY-MM-DD') AS due_on, ${END_OF('due_on')} AS due_at FROM reach_fresh`,
      );
      const enrolments = await this.enrollments.enrollMany(
        m,
        a.course_id,
        fresh.map((f) => ({ userId: f.user_id, dueAt: f.due_at })),
      );
      const reached: { user_id: string; enrollment_id: string }[] = fresh.length
        ? await m.query(
            `INSERT INTO assignment_users (assignment_id, user_id, enrollment_id, due_on)
             SELECT $1, f.user_id, f.enrollment_id, f.due_on FROM unnest($2::uuid[], $3::uuid[], $4::date[]) AS f(user_id, enrollment_id, due_on)
             ON CONFLICT DO NOTHING RETURNING user_id, enrollment_id`,
            [
              assignmentId,
              fresh.map((f) => f.user_id),
              fresh.map((f) => enrolments.get(f.user_id)),
              fresh.map((f) => f.due_on),
            ],
          )
        : [];
      // People it no longer targets (moved away, another position, deactivated, or the assignment cancelled) are released unless done.
      // DELETE … RETURNING comes back from TypeORM as [rows, count].
      const [released]: [{ user_id: string; enrollment_id: string }[], number] = await m.query(
        `DELETE FROM assignment_users au USING enrollments e
          WHERE au.assignment_id = $1 AND ($2::uuid IS NULL OR au.user_id = $2) AND e.id = au.enrollment_id AND e.status <> 'completed'
            AND NOT EXISTS (SELECT 1 FROM reach_targets t WHERE t.user_id = au.user_id)
         RETURNING au.user_id, au.enrollment_id`,
        [assignmentId, onlyUserId],
      );
      const enrollmentIds = [...reached, ...released].map((r) => r.enrollment_id);
      await this.refreshDueDates(m, enrollmentIds);
      const userIds = [...reached, ...released].map((r) => r.user_id);
      const agencies: { agency_id: string }[] = userIds.length
        ? await m.query(`SELECT DISTINCT agency_id FROM users WHERE id = ANY($1::uuid[])`, [userIds])
        : [];
      return { reached: reached.length, released: released.length, agencyIds: agencies.map((r) => r.agency_id) };
    });
  }

  /**
   * An enrolment's due date is the earliest of its active assignments' (none: no due date, and a
   * self-enrolment again); a completed enrolment keeps what it had.
   */
  async refreshDueDates(m: EntityManager, enrollmentIds: string[]): Promise<void> {
    if (!enrollmentIds.length) return;
    const dues: { enrollmentId: string; dueAt: Date | null }[] = await m.query(
      `SELECT ids.id AS "enrollmentId",
              (SELECT ${END_OF('min(au.due_on)')} FROM assignment_users au JOIN assignments a ON a.id = au.assignment_id AND a.cancelled_at IS NULL
                WHERE au.enrollment_id = ids.id) AS "dueAt"
         FROM unnest($1::uuid[]) AS ids(id)`,
      [enrollmentIds],
    );
    await this.enrollments.setDueDates(m, dues);
  }

  /** Active assignments that may concern this person now, or that already reached them. */
  async concerning(userId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT a.id FROM assignments a, users u JOIN agencies ag ON ag.id = u.agency_id
        WHERE u.id = $1 AND a.cancelled_at IS NULL
          AND (a.scope_agency_id IS NULL OR a.scope_agency_id = ANY(ag.path))
          AND (a.position_id IS NULL OR a.position_id = u.position_id)
          AND (a.user_ids IS NULL OR u.id = ANY(a.user_ids))
       UNION
       SELECT assignment_id FROM assignment_users WHERE user_id = $1`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  async activeIds(): Promise<string[]> {
    return (
      await this.dataSource.query(`SELECT id FROM assignments WHERE cancelled_at IS NULL ORDER BY created_at`)
    ).map((r: { id: string }) => r.id);
  }

  /**
   * Yearly assignments: once a round is completed, the next opens RENEWAL_OPENS_DAYS before its due
   * date — one year after the completion (at least RENEWAL_OPENS_DAYS from today) — with a new
   * enrolment on the course's current version (or the one in progress). Returns the agencies touched.
   */
  async openRenewals(): Promise<{ opened: number; agencyIds: string[] }> {
    return this.dataSource.transaction(async (m) => {
      const nextDue = `GREATEST((e.completed_at AT TIME ZONE 'Asia/Ulaanbaatar')::date + interval '1 year', ${TODAY} + ${RENEWAL_OPENS_DAYS})::date`;
      const due: { assignment_id: string; user_id: string; course_id: string; next_due: string; next_due_at: Date }[] =
        await m.query(
          `SELECT au.assignment_id, au.user_id, a.course_id, to_char(${nextDue}, 'YYYY-MM-DD') AS next_due, ${END_OF(nextDue)} AS next_due_at
           FROM assignment_users au JOIN assignments a ON a.id = au.assignment_id AND a.cancelled_at IS NULL AND a.renew_yearly
           JOIN enrollments e ON e.id = au.enrollment_id
           JOIN users u ON u.id = au.user_id AND u.is_active
          WHERE e.status = 'completed' AND (e.completed_at AT TIME ZONE 'Asia/Ulaanbaatar')::date + interval '1 year' - make_interval(days => ${RENEWAL_OPENS_DAYS}) <= ${TODAY}
          FOR UPDATE OF au SKIP LOCKED`,
        );
      const next = await this.enrollments.renewMany(
        m,
        due.map((r) => ({ userId: r.user_id, courseId: r.course_id, dueAt: r.next_due_at })),
      );
      const nextOf = new Map(next.map((n) => [`${n.userId}:${n.courseId}`, n.enrollmentId]));
      const opened = due.filter((r) => nextOf.has(`${r.user_id}:${r.course_id}`));
      if (opened.length) {
        await m.query(
          `UPDATE assignment_users au SET enrollment_id = o.enrollment_id, cycle = au.cycle + 1, due_on = o.due_on, reminded_days = NULL
             FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[]) AS o(assignment_id, user_id, enrollment_id, due_on)
            WHERE au.assignment_id = o.assignment_id AND au.user_id = o.user_id`,
          [
            opened.map((r) => r.assignment_id),
            opened.map((r) => r.user_id),
            opened.map((r) => nextOf.get(`${r.user_id}:${r.course_id}`)),
            opened.map((r) => r.next_due),
          ],
        );
      }
      await this.refreshDueDates(m, [...new Set(next.map((n) => n.enrollmentId))]);
      const agencies: { agency_id: string }[] = due.length
        ? await m.query(`SELECT DISTINCT agency_id FROM users WHERE id = ANY($1::uuid[])`, [due.map((r) => r.user_id)])
        : [];
      return { opened: due.length, agencyIds: agencies.map((r) => r.agency_id) };
    });
  }

  /**
   * Due-date reminders crossed today (14 and 3 days before, only the nearest one after a gap), each
   * recorded on its row and handed to the notifications queue in the same transaction, so a second
   * run on the same day finds nothing to send.
   */
  async queueDueReminders(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const due: { payload: EventPayloads['notification.requested'] }[] = await m.query(
        `WITH open AS (
         SELECT au.assignment_id, au.user_id, au.cycle, au.due_on, au.reminded_days, (au.due_on - ${TODAY})::int AS days_left,
                a.course_id, v.title, v.title_en, au.enrollment_id
           FROM assignment_users au JOIN assignments a ON a.id = au.assignment_id AND a.cancelled_at IS NULL
           JOIN enrollments e ON e.id = au.enrollment_id AND e.status <> 'completed'
           JOIN course_versions v ON v.id = e.course_version_id
           JOIN users u ON u.id = au.user_id AND u.is_active
          WHERE au.due_on >= ${TODAY} AND au.due_on <= ${TODAY} + $1::int
       ), crossing AS (
         SELECT o.*, (SELECT min(t) FROM unnest($2::int[]) t WHERE t >= o.days_left) AS threshold FROM open o
       ), marked AS (
         UPDATE assignment_users au SET reminded_days = x.threshold
           FROM crossing x
          WHERE au.assignment_id = x.assignment_id AND au.user_id = x.user_id AND x.threshold IS NOT NULL
            AND (au.reminded_days IS NULL OR au.reminded_days > x.threshold)
         RETURNING x.*
       )
       SELECT jsonb_build_object(
                'userId', x.user_id, 'kind', 'assignment.due',
                'dedupeKey', 'assignment-due:' || x.assignment_id || ':' || x.cycle || ':' || x.threshold,
                'data', jsonb_build_object('assignmentId', x.assignment_id, 'enrollmentId', x.enrollment_id, 'courseId', x.course_id,
                                           'courseTitle', x.title, 'courseTitleEn', x.title_en, 'dueOn', to_char(x.due_on, 'YYYY-MM-DD'),
                                           'daysLeft', x.days_left, 'thresholdDays', x.threshold)) AS payload
         FROM marked x`,
        [Math.max(...DUE_REMINDER_DAYS), [...DUE_REMINDER_DAYS]],
      );
      return (
        await addOutboxEvents(
          m,
          'notification.requested',
          due.map((r) => r.payload),
        )
      ).length;
    });
  }

  /**
   * The weekly digest: for each active HR officer, the overdue people of their subtree (the first
   * `listed`, most overdue first, and how many in all), as notification requests keyed by the week.
   */
  async queueWeeklyDigests(listed = 50): Promise<number> {
    const digests: { payload: EventPayloads['notification.requested'] }[] = await this.dataSource.query(
      `WITH officers AS (
         SELECT u.id, u.agency_id FROM users u WHERE u.is_active AND 'hr_officer' = ANY(u.roles)
       ), overdue AS (
         SELECT o.id AS officer_id, p.name, ag.name_mn AS agency_mn, ag.name_en AS agency_en, v.title, v.title_en, au.due_on,
                row_number() OVER (PARTITION BY o.id ORDER BY au.due_on, p.name) AS n, count(*) OVER (PARTITION BY o.id) AS total
           FROM officers o
           JOIN agencies ag ON ag.path @> ARRAY[o.agency_id]
           JOIN users p ON p.agency_id = ag.id AND p.is_active
           JOIN assignment_users au ON au.user_id = p.id AND au.due_on < ${TODAY}
           JOIN assignments a ON a.id = au.assignment_id AND a.cancelled_at IS NULL
           JOIN enrollments e ON e.id = au.enrollment_id AND e.status <> 'completed'
           JOIN course_versions v ON v.id = e.course_version_id
       ), digest AS (
         SELECT officer_id, max(total)::int AS total,
                jsonb_agg(jsonb_build_object('name', name, 'agency', agency_mn, 'agencyEn', agency_en, 'courseTitle', title, 'courseTitleEn', title_en,
                                             'dueOn', to_char(due_on, 'YYYY-MM-DD'), 'daysOverdue', ${TODAY} - due_on) ORDER BY n) FILTER (WHERE n <= $1) AS people
           FROM overdue GROUP BY officer_id
       )
       SELECT jsonb_build_object(
                'userId', d.officer_id, 'kind', 'assignment.digest',
                'dedupeKey', 'assignment-digest:' || to_char(${TODAY}, 'IYYY-"W"IW'),
                'data', jsonb_build_object('week', to_char(${TODAY}, 'IYYY-"W"IW'), 'overdueTotal', d.total, 'people', d.people, 'agencyId', o.agency_id)) AS payload
         FROM digest d JOIN officers o ON o.id = d.officer_id`,
      [listed],
    );
    return (
      await addOutboxEvents(
        this.dataSource.manager,
        'notification.requested',
        digests.map((d) => d.payload),
      )
    ).length;
  }
}
