// SQL for handing knowledge items over: which items a person stewards (documents they own, their
// submissions waiting for review, unanswered public comments on their documents), moving them to a
// successor, the record of what was handed over in each handover, and orphaned items per agency.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HandoverPayload } from '@chadavkhi/platform';
import { DataSource, EntityManager } from 'typeorm';

export type KnowledgeItemKind = 'document' | 'review' | 'comment';

export interface KnowledgeHandoverRow {
  kind: KnowledgeItemKind;
  itemId: string;
  documentId: string;
  title: string;
  status: string;
  reviewBy: string | null;
  dueAt: Date | null;
  respondedAt: Date | null;
  fromUserId: string;
  toUserId: string | null;
  /** Who holds the item now: the owner (document), the submitter (review), the document's owner (comment). */
  heldBy: string | null;
}

/** Items a person stewards now, as (kind, item, agency it counts in). $1: the person. */
const STEWARDED_BY = `
  SELECT 'document' AS kind, d.id AS item_id, d.owner_agency_id AS agency_id FROM knowledge_documents d
   WHERE d.owner_id = $1 AND d.status <> 'archived'
  UNION ALL
  SELECT 'review', d.id, d.owner_agency_id FROM knowledge_documents d WHERE d.submitted_by = $1 AND d.status = 'in_review'
  UNION ALL
  SELECT 'comment', c.id, c.owner_agency_id FROM knowledge_comments c JOIN knowledge_documents d ON d.id = c.document_id
   WHERE d.owner_id = $1 AND c.responded_at IS NULL AND d.status <> 'archived'`;

/** Who holds each recorded item now (r: a knowledge_handover_items row), null when nobody stewards it any more. */
const HELD_BY = `CASE r.kind
    WHEN 'document' THEN (SELECT d.owner_id FROM knowledge_documents d WHERE d.id = r.item_id AND d.status <> 'archived')
    WHEN 'review' THEN (SELECT d.submitted_by FROM knowledge_documents d WHERE d.id = r.item_id AND d.status = 'in_review')
    ELSE (SELECT d.owner_id FROM knowledge_comments c JOIN knowledge_documents d ON d.id = c.document_id
           WHERE c.id = r.item_id AND c.responded_at IS NULL AND d.status <> 'archived') END`;

@Injectable()
export class KnowledgeHandoverRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One handing over at a time per handover (its two events may run at once). */
  async lockHandover(manager: EntityManager, handoverId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('knowledge-handover:' || $1))`, [handoverId]);
  }

  /** Records what the person stewards now, the first time this handover is seen (later events reuse the record). */
  async recordOnce(manager: EntityManager, h: HandoverPayload): Promise<void> {
    await manager.query(
      `INSERT INTO knowledge_handover_items (handover_id, kind, item_id, agency_id, from_user_id)
       SELECT $2, s.kind, s.item_id, s.agency_id, $1 FROM (${STEWARDED_BY}) s
        WHERE NOT EXISTS (SELECT 1 FROM knowledge_handover_items WHERE handover_id = $2)
       ON CONFLICT DO NOTHING`,
      [h.fromUserId, h.handoverId],
    );
  }

  /**
   * Moves the recorded items this version has not moved yet to the successor, each only while it is
   * still where the handover left it (with the person, or with an earlier successor): an item
   * someone changed since stays as they left it. The ids of the documents whose owner changed.
   */
  async moveTo(manager: EntityManager, h: HandoverPayload & { successorId: string }): Promise<string[]> {
    const [documents] = await manager.query(
      `UPDATE knowledge_documents d SET owner_id = $3
         FROM knowledge_handover_items r
        WHERE r.handover_id = $1 AND r.kind = 'document' AND r.item_id = d.id AND r.handover_version < $2
          AND d.owner_id IN (r.from_user_id, r.to_user_id)
       RETURNING d.id`,
      [h.handoverId, h.version, h.successorId],
    );
    await manager.query(
      `UPDATE knowledge_documents d SET submitted_by = $3
         FROM knowledge_handover_items r
        WHERE r.handover_id = $1 AND r.kind = 'review' AND r.item_id = d.id AND r.handover_version < $2
          AND d.status = 'in_review' AND d.submitted_by IN (r.from_user_id, r.to_user_id)`,
      [h.handoverId, h.version, h.successorId],
    );
    return (documents as { id: string }[]).map((d) => d.id);
  }

  /** Marks the record as handed to this version's successor (null: nobody, the items stay and are orphaned). */
  async markHanded(manager: EntityManager, h: HandoverPayload): Promise<number> {
    const [, affected] = await manager.query(
      `UPDATE knowledge_handover_items SET to_user_id = $3, handover_version = $2, handed_at = now()
        WHERE handover_id = $1 AND handover_version < $2`,
      [h.handoverId, h.version, h.successorId],
    );
    return affected;
  }

  /** What this handover handed over, with each item's state now; documents first, then reviews, then comments. */
  async itemsOf(handoverId: string): Promise<KnowledgeHandoverRow[]> {
    return this.dataSource.query(
      `SELECT r.kind, r.item_id AS "itemId", d.id AS "documentId", d.title, d.status,
              to_char(d.review_by, 'YYYY-MM-DD') AS "reviewBy", c.due_at AS "dueAt", c.responded_at AS "respondedAt",
              r.from_user_id AS "fromUserId", r.to_user_id AS "toUserId", ${HELD_BY} AS "heldBy"
         FROM knowledge_handover_items r
         LEFT JOIN knowledge_comments c ON r.kind = 'comment' AND c.id = r.item_id
         JOIN knowledge_documents d ON d.id = CASE WHEN r.kind = 'comment' THEN c.document_id ELSE r.item_id END
        WHERE r.handover_id = $1
        ORDER BY array_position(ARRAY['document','review','comment'], r.kind), c.due_at NULLS LAST, d.title, r.item_id`,
      [handoverId],
    );
  }

  /**
   * Orphaned items in each of these agencies' subtrees: stewarded by someone inactive, or recorded in a handover without a
   * successor and still with the person who left or moved. Agencies with none are absent.
   */
  async orphansInSubtrees(rootAgencyIds: readonly string[]): Promise<Map<string, number>> {
    if (!rootAgencyIds.length) return new Map();
    const rows: { root: string; n: number }[] = await this.dataSource.query(
      `SELECT root, count(o.item_id)::int AS n FROM unnest($1::uuid[]) AS root
         LEFT JOIN ((
         SELECT d.owner_agency_id AS agency_id, 'document' AS kind, d.id AS item_id
           FROM knowledge_documents d JOIN users u ON u.id = d.owner_id
          WHERE NOT u.is_active AND d.status <> 'archived'
         UNION
         SELECT d.owner_agency_id, 'review', d.id FROM knowledge_documents d JOIN users u ON u.id = d.submitted_by
          WHERE NOT u.is_active AND d.status = 'in_review'
         UNION
         SELECT c.owner_agency_id, 'comment', c.id
           FROM knowledge_comments c JOIN knowledge_documents d ON d.id = c.document_id JOIN users u ON u.id = d.owner_id
          WHERE NOT u.is_active AND c.responded_at IS NULL AND d.status <> 'archived'
         UNION
         SELECT r.agency_id, r.kind, r.item_id FROM knowledge_handover_items r
          WHERE r.to_user_id IS NULL AND ${HELD_BY} = r.from_user_id
       ) o JOIN agencies a ON a.id = o.agency_id) ON a.path @> ARRAY[root]
        GROUP BY root`,
      [rootAgencyIds],
    );
    return new Map(rows.map((r) => [r.root, r.n]));
  }
}
