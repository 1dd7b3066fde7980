// SQL for handing learning items over: the courses a person authors and the upcoming face-to-face
// sessions they run, moving them to a successor, the record of what each handover handed over, and
// orphaned items per agency.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HandoverPayload } from '@chadavkhi/platform';
import { DataSource, EntityManager } from 'typeorm';

export type LearningItemKind = 'course' | 'session';

export interface LearningHandoverRow {
  kind: LearningItemKind;
  itemId: string;
  courseId: string;
  title: string;
  titleEn: string | null;
  currentVersion: number;
  unpublishedChanges: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  place: string | null;
  capacity: number | null;
  seated: number | null;
  waiting: number | null;
  cancelledAt: Date | null;
  fromUserId: string;
  toUserId: string | null;
  heldBy: string | null;
}

/** Items a person stewards now, as (kind, item, agency it counts in). $1: the person, $2: the agency they left. */
const STEWARDED_BY = `
  SELECT 'course' AS kind, c.id AS item_id, $2::uuid AS agency_id FROM courses c WHERE c.owner_id = $1
  UNION ALL
  SELECT 'session', s.id, s.agency_id FROM training_sessions s
   WHERE s.trainer_id = $1 AND s.cancelled_at IS NULL AND s.starts_at > now()`;

/** Who holds each recorded item now (r: a learning_handover_items row); a past or cancelled session is held by nobody. */
const HELD_BY = `CASE r.kind
    WHEN 'course' THEN (SELECT c.owner_id FROM courses c WHERE c.id = r.item_id)
    ELSE (SELECT s.trainer_id FROM training_sessions s WHERE s.id = r.item_id AND s.cancelled_at IS NULL AND s.starts_at > now()) END`;

@Injectable()
export class LearningHandoverRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One handing over at a time per handover (its two events may run at once). */
  async lockHandover(manager: EntityManager, handoverId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('learning-handover:' || $1))`, [handoverId]);
  }

  /** Records what the person stewards now, the first time this handover is seen (later events reuse the record). */
  async recordOnce(manager: EntityManager, h: HandoverPayload): Promise<void> {
    await manager.query(
      `INSERT INTO learning_handover_items (handover_id, kind, item_id, agency_id, from_user_id)
       SELECT $3, s.kind, s.item_id, s.agency_id, $1 FROM (${STEWARDED_BY}) s
        WHERE NOT EXISTS (SELECT 1 FROM learning_handover_items WHERE handover_id = $3)
       ON CONFLICT DO NOTHING`,
      [h.fromUserId, h.agencyId, h.handoverId],
    );
  }

  /**
   * Moves the recorded items this version has not moved yet to the successor, each only while it is
   * still where the handover left it (with the person, or with an earlier successor), and a session
   * only while it is still to come.
   */
  async moveTo(manager: EntityManager, h: HandoverPayload & { successorId: string }): Promise<void> {
    await manager.query(
      `UPDATE courses c SET owner_id = $3
         FROM learning_handover_items r
        WHERE r.handover_id = $1 AND r.kind = 'course' AND r.item_id = c.id AND r.handover_version < $2
          AND c.owner_id IN (r.from_user_id, r.to_user_id)`,
      [h.handoverId, h.version, h.successorId],
    );
    await manager.query(
      `UPDATE training_sessions s SET trainer_id = $3, updated_at = now()
         FROM learning_handover_items r
        WHERE r.handover_id = $1 AND r.kind = 'session' AND r.item_id = s.id AND r.handover_version < $2
          AND s.cancelled_at IS NULL AND s.starts_at > now() AND s.trainer_id IN (r.from_user_id, r.to_user_id)`,
      [h.handoverId, h.version, h.successorId],
    );
  }

  /** Marks the record as handed to this version's successor (null: nobody, the items stay and are orphaned). */
  async markHanded(manager: EntityManager, h: HandoverPayload): Promise<number> {
    const [, affected] = await manager.query(
      `UPDATE learning_handover_items SET to_user_id = $3, handover_version = $2, handed_at = now()
        WHERE handover_id = $1 AND handover_version < $2`,
      [h.handoverId, h.version, h.successorId],
    );
    return affected;
  }

  /** What this handover handed over, with each item's state now: courses by title, then sessions soonest first. */
  async itemsOf(handoverId: string): Promise<LearningHandoverRow[]> {
    return this.dataSource.query(
      `SELECT r.kind, r.item_id AS "itemId", c.id AS "courseId", c.draft->>'title' AS title, c.draft->>'titleEn' AS "titleEn",
              c.current_version AS "currentVersion", (v.content_hash IS DISTINCT FROM c.draft_hash) AS "unpublishedChanges",
              s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.place, s.capacity, s.cancelled_at AS "cancelledAt",
              (SELECT count(*)::int FROM session_registrations g WHERE g.session_id = s.id AND g.status = 'registered') AS seated,
              (SELECT count(*)::int FROM session_registrations g WHERE g.session_id = s.id AND g.status = 'waitlisted') AS waiting,
              r.from_user_id AS "fromUserId", r.to_user_id AS "toUserId", ${HELD_BY} AS "heldBy"
         FROM learning_handover_items r
         LEFT JOIN training_sessions s ON r.kind = 'session' AND s.id = r.item_id
         JOIN courses c ON c.id = CASE WHEN r.kind = 'session' THEN s.course_id ELSE r.item_id END
         LEFT JOIN course_versions v ON v.id = c.current_version_id
        WHERE r.handover_id = $1
        ORDER BY array_position(ARRAY['course','session'], r.kind), s.starts_at NULLS FIRST, c.draft->>'title', r.item_id`,
      [handoverId],
    );
  }

  /**
   * Orphaned items in each of these agencies' subtrees: courses and upcoming sessions held by someone inactive (a course counts
   * in its owner's agency), or recorded in a handover without a successor and still with the person.
   */
  async orphansInSubtrees(rootAgencyIds: readonly string[]): Promise<Map<string, number>> {
    if (!rootAgencyIds.length) return new Map();
    const rows: { root: string; n: number }[] = await this.dataSource.query(
      `SELECT root, count(o.item_id)::int AS n FROM unnest($1::uuid[]) AS root
         LEFT JOIN ((
         SELECT u.agency_id, 'course' AS kind, c.id AS item_id FROM courses c JOIN users u ON u.id = c.owner_id WHERE NOT u.is_active
         UNION
         SELECT s.agency_id, 'session', s.id FROM training_sessions s JOIN users u ON u.id = s.trainer_id
          WHERE NOT u.is_active AND s.cancelled_at IS NULL AND s.starts_at > now()
         UNION
         SELECT r.agency_id, r.kind, r.item_id FROM learning_handover_items r
          WHERE r.to_user_id IS NULL AND ${HELD_BY} = r.from_user_id
       ) o JOIN agencies a ON a.id = o.agency_id) ON a.path @> ARRAY[root]
        GROUP BY root`,
      [rootAgencyIds],
    );
    return new Map(rows.map((r) => [r.root, r.n]));
  }
}
