// Assignments and the people they reach (assignment_users), as named set-based queries; the rules and
// transactions that use them are AssignmentsService's and AssignmentReachService's.
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventPayloads } from '@chadavkhi/platform';
import { AssignmentRow, DueKind, MyAssignmentRow, TargetKind } from './dto/assignment.view';

export const TODAY = `(now() AT TIME ZONE 'Asia/Ulaanbaatar')::date`;
/** The end of a due day in Ulaanbaatar, as the enrolment's due_at. */
const END_OF = (day: string) => `((${day} + 1)::timestamp AT TIME ZONE 'Asia/Ulaanbaatar')`;

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

export interface ReachCandidate {
  user_id: string;
  due_on: string;
  due_at: Date;
}

export interface RenewalDue {
  assignment_id: string;
  user_id: string;
  course_id: string;
  next_due: string;
  next_due_at: Date;
}

@Injectable()
export class AssignmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the assignment unless the same one is active (same fingerprint): its id, or null. */
  async insertIfNew(manager: EntityManager, a: NewAssignment): Promise<string | null> {
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
    return inserted[0]?.id ?? null;
  }

  async activeIdByFingerprint(manager: EntityManager, fingerprint: string): Promise<string> {
    const [existing] = await manager.query(
      `SELECT id FROM assignments WHERE fingerprint = $1 AND cancelled_at IS NULL`,
      [fingerprint],
    );
    return existing.id;
  }

  /** Cancels an active assignment: false when it was not active. */
  async markCancelled(manager: EntityManager, id: string): Promise<boolean> {
    // UPDATE … RETURNING comes back from TypeORM as [rows, count].
    const [rows] = await manager.query(
      `UPDATE assignments SET cancelled_at = now() WHERE id = $1 AND cancelled_at IS NULL RETURNING id`,
      [id],
    );
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

  /** The course, if it is published (has a current version). */
  async publishedCourse(courseId: string): Promise<{ id: string } | undefined> {
    const [course] = await this.dataSource.query(
      `SELECT id FROM courses WHERE id = $1 AND current_version_id IS NOT NULL`,
      [courseId],
    );
    return course;
  }

  async positionExists(positionId: string): Promise<boolean> {
    const [position] = await this.dataSource.query(`SELECT id FROM positions WHERE id = $1`, [positionId]);
    return !!position;
  }

  /** The people among these ids that exist, with their agency's path. */
  async peopleWithAgencyPaths(userIds: string[]): Promise<{ id: string; path: string[] }[]> {
    return this.dataSource.query(
      `SELECT u.id, a.path FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = ANY($1::uuid[])`,
      [userIds],
    );
  }

  /** What a demo assignment names by code (course, author's e-mail, agency, position), as ids; missing ones undefined. */
  async idsByCode(
    manager: EntityManager,
    codes: { course: string; by: string; agency: string; position?: string },
  ): Promise<{ courseId?: string; byId?: string; agencyId?: string; positionId?: string }> {
    const [course] = await manager.query(`SELECT id FROM courses WHERE code = $1 AND current_version_id IS NOT NULL`, [
      codes.course,
    ]);
    const [by] = await manager.query(`SELECT id FROM users WHERE email = $1`, [codes.by]);
    const [agency] = await manager.query(`SELECT id FROM agencies WHERE code = $1`, [codes.agency]);
    const [position] = codes.position
      ? await manager.query(`SELECT id FROM positions WHERE code = $1`, [codes.position])
      : [null];
    return { courseId: course?.id, byId: by?.id, agencyId: agency?.id, positionId: position?.id };
  }

  /** Serialises reaching one assignment's people until the transaction ends. */
  async lockForReach(manager: EntityManager, assignmentId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`assignment:${assignmentId}`]);
  }

  async courseOf(manager: EntityManager, assignmentId: string): Promise<string | null> {
    const [a] = await manager.query(`SELECT course_id FROM assignments WHERE id = $1`, [assignmentId]);
    return a?.course_id ?? null;
  }

  /**
   * Stages the people the assignment targets now (one with `onlyUserId`) for the rest of the
   * transaction, and returns those it has not reached yet, with their due day.
   */
  async stageTargets(
    manager: EntityManager,
    assignmentId: string,
    onlyUserId: string | null,
  ): Promise<ReachCandidate[]> {
    await manager.query(`CREATE TEMP TABLE reach_targets ON COMMIT DROP AS ${TARGETS}`, [assignmentId, onlyUserId]);
    await manager.query(
      `CREATE TEMP TABLE reach_fresh ON COMMIT DROP AS
                       SELECT t.* FROM reach_targets t WHERE NOT EXISTS (SELECT 1 FROM assignment_users au WHERE au.assignment_id = $1 AND au.user_id = t.user_id)`,
      [assignmentId],
    );
    return manager.query(
      `SELECT user_id, to_char(due_on, 'YYYY-MM-DD') AS due_on, ${END_OF('due_on')} AS due_at FROM reach_fresh`,
    );
  }

  /** Links each person to the assignment with their enrolment; one row per person (primary key). */
  async insertReached(
    manager: EntityManager,
    assignmentId: string,
    people: { userId: string; enrollmentId: string | undefined; dueOn: string }[],
  ): Promise<{ user_id: string; enrollment_id: string }[]> {
    if (!people.length) return [];
    return manager.query(
      `INSERT INTO assignment_users (assignment_id, user_id, enrollment_id, due_on)
       SELECT $1, f.user_id, f.enrollment_id, f.due_on FROM unnest($2::uuid[], $3::uuid[], $4::date[]) AS f(user_id, enrollment_id, due_on)
       ON CONFLICT DO NOTHING RETURNING user_id, enrollment_id`,
      [assignmentId, people.map((p) => p.userId), people.map((p) => p.enrollmentId), people.map((p) => p.dueOn)],
    );
  }

  /** Unlinks the people no longer among the staged targets, unless their enrolment is completed. */
  async releaseUntargeted(
    manager: EntityManager,
    assignmentId: string,
    onlyUserId: string | null,
  ): Promise<{ user_id: string; enrollment_id: string }[]> {
    // DELETE … RETURNING comes back from TypeORM as [rows, count].
    const [released]: [{ user_id: string; enrollment_id: string }[], number] = await manager.query(
      `DELETE FROM assignment_users au USING enrollments e
        WHERE au.assignment_id = $1 AND ($2::uuid IS NULL OR au.user_id = $2) AND e.id = au.enrollment_id AND e.status <> 'completed'
          AND NOT EXISTS (SELECT 1 FROM reach_targets t WHERE t.user_id = au.user_id)
       RETURNING au.user_id, au.enrollment_id`,
      [assignmentId, onlyUserId],
    );
    return released;
  }

  /** Each enrolment's earliest due date among its active assignments (null: none). */
  async earliestDueDates(
    manager: EntityManager,
    enrollmentIds: string[],
  ): Promise<{ enrollmentId: string; dueAt: Date | null }[]> {
    return manager.query(
      `SELECT ids.id AS "enrollmentId",
              (SELECT ${END_OF('min(au.due_on)')} FROM assignment_users au JOIN assignments a ON a.id = au.assignment_id AND a.cancelled_at IS NULL
                WHERE au.enrollment_id = ids.id) AS "dueAt"
         FROM unnest($1::uuid[]) AS ids(id)`,
      [enrollmentIds],
    );
  }

  /** The agencies these people belong to. */
  async agenciesOf(manager: EntityManager, userIds: string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const rows: { agency_id: string }[] = await manager.query(
      `SELECT DISTINCT agency_id FROM users WHERE id = ANY($1::uuid[])`,
      [userIds],
    );
    return rows.map((r) => r.agency_id);
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
   * Completed rounds of yearly assignments whose next round opens by today (`opensDays` before its
   * due date, one year after the completion and at least `opensDays` from today), row-locked,
   * skipping rows another run holds.
   */
  async renewalsDue(manager: EntityManager, opensDays: number): Promise<RenewalDue[]> {
    const nextDue = `GREATEST((e.completed_at AT TIME ZONE 'Asia/Ulaanbaatar')::date + interval '1 year', ${TODAY} + $1::int)::date`;
    return manager.query(
      `SELECT au.assignment_id, au.user_id, a.course_id, to_char(${nextDue}, 'YYYY-MM-DD') AS next_due, ${END_OF(nextDue)} AS next_due_at
         FROM assignment_users au JOIN assignments a ON a.id = au.assignment_id AND a.cancelled_at IS NULL AND a.renew_yearly
         JOIN enrollments e ON e.id = au.enrollment_id
         JOIN users u ON u.id = au.user_id AND u.is_active
        WHERE e.status = 'completed' AND (e.completed_at AT TIME ZONE 'Asia/Ulaanbaatar')::date + interval '1 year' - make_interval(days => $1::int) <= ${TODAY}
        FOR UPDATE OF au SKIP LOCKED`,
      [opensDays],
    );
  }

  /** Moves each row to its next round: the new enrolment and due day, reminders reset. */
  async startNextRounds(
    manager: EntityManager,
    rounds: { assignmentId: string; userId: string; enrollmentId: string; dueOn: string }[],
  ): Promise<void> {
    if (!rounds.length) return;
    await manager.query(
      `UPDATE assignment_users au SET enrollment_id = o.enrollment_id, cycle = au.cycle + 1, due_on = o.due_on, reminded_days = NULL
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[]) AS o(assignment_id, user_id, enrollment_id, due_on)
        WHERE au.assignment_id = o.assignment_id AND au.user_id = o.user_id`,
      [
        rounds.map((r) => r.assignmentId),
        rounds.map((r) => r.userId),
        rounds.map((r) => r.enrollmentId),
        rounds.map((r) => r.dueOn),
      ],
    );
  }

  /**
   * Marks the due-date reminder thresholds (days before) crossed today — only the nearest one after
   * a gap — on their rows, and returns the notification each needs; a second call the same day
   * finds nothing.
   */
  async markDueReminders(
    manager: EntityManager,
    thresholds: readonly number[],
  ): Promise<EventPayloads['notification.requested'][]> {
    const due: { payload: EventPayloads['notification.requested'] }[] = await manager.query(
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
      [Math.max(...thresholds), [...thresholds]],
    );
    return due.map((r) => r.payload);
  }

  /**
   * The weekly digests: for each active HR officer, the overdue people of their subtree (the first
   * `listed`, most overdue first, and how many in all), as notifications keyed by the week.
   */
  async weeklyDigests(listed: number): Promise<EventPayloads['notification.requested'][]> {
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
    return digests.map((d) => d.payload);
  }

  /**
   * The supervisors' weekly digests: for each active supervisor with overdue active direct reports,
   * those people's overdue assignments (the first `listed`, most overdue first, and how many in all).
   */
  async supervisorDigests(listed: number): Promise<EventPayloads['notification.requested'][]> {
    const digests: { payload: EventPayloads['notification.requested'] }[] = await this.dataSource.query(
      `WITH overdue AS (
         SELECT b.id AS supervisor_id, p.name, ag.name_mn AS agency_mn, ag.name_en AS agency_en, v.title, v.title_en, au.due_on,
                row_number() OVER (PARTITION BY b.id ORDER BY au.due_on, p.name) AS n, count(*) OVER (PARTITION BY b.id) AS total
           FROM users p
           JOIN users b ON b.id = p.supervisor_id AND b.is_active
           JOIN agencies ag ON ag.id = p.agency_id
           JOIN assignment_users au ON au.user_id = p.id AND au.due_on < ${TODAY}
           JOIN assignments a ON a.id = au.assignment_id AND a.cancelled_at IS NULL
           JOIN enrollments e ON e.id = au.enrollment_id AND e.status <> 'completed'
           JOIN course_versions v ON v.id = e.course_version_id
          WHERE p.is_active AND p.supervisor_id IS NOT NULL
       )
       SELECT jsonb_build_object(
                'userId', supervisor_id, 'kind', 'team.digest',
                'dedupeKey', 'team-digest:' || to_char(${TODAY}, 'IYYY-"W"IW'),
                'data', jsonb_build_object('week', to_char(${TODAY}, 'IYYY-"W"IW'), 'overdueTotal', max(total)::int,
                  'people', jsonb_agg(jsonb_build_object('name', name, 'agency', agency_mn, 'agencyEn', agency_en, 'courseTitle', title, 'courseTitleEn', title_en,
                                             'dueOn', to_char(due_on, 'YYYY-MM-DD'), 'daysOverdue', ${TODAY} - due_on) ORDER BY n) FILTER (WHERE n <= $1))) AS payload
         FROM overdue GROUP BY supervisor_id`,
      [listed],
    );
    return digests.map((d) => d.payload);
  }
}
