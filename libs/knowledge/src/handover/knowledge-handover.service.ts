// Knowledge's side of a handover: the documents a person owns, their submissions waiting for review
// and the unanswered public comments on their documents go to the successor. Safe to run twice and
// out of order: the items are recorded once per handover, and each version of the handover moves
// them once (an older event after a newer one changes nothing).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addOutboxEvents, HandoverPayload } from '@chadavkhi/platform';
import { isStale } from '../documents/document-access';
import { KnowledgeHandoverItemView } from './dto/knowledge-handover-item.view';
import { KnowledgeHandoverRepository } from './knowledge-handover.repository';

@Injectable()
export class KnowledgeHandoverService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handover: KnowledgeHandoverRepository,
  ) {}

  /** Applies a handover event: records the items once, moves them to the successor, reindexes moved documents. */
  async hand(event: HandoverPayload): Promise<{ handed: number }> {
    return this.dataSource.transaction(async (manager) => {
      await this.handover.lockHandover(manager, event.handoverId);
      await this.handover.recordOnce(manager, event);
      const moved = event.successorId
        ? await this.handover.moveTo(manager, { ...event, successorId: event.successorId })
        : [];
      const handed = await this.handover.markHanded(manager, event);
      await addOutboxEvents(
        manager,
        'knowledge.document.changed',
        moved.map((documentId) => ({ documentId })),
      );
      return { handed };
    });
  }

  /** What the handover handed over (the caller has checked the reader may see the handover). */
  async itemsOf(handoverId: string): Promise<KnowledgeHandoverItemView[]> {
    const rows = await this.handover.itemsOf(handoverId);
    const now = Date.now();
    return rows.map((r) => ({
      kind: r.kind,
      id: r.itemId,
      documentId: r.documentId,
      title: r.title,
      status: r.status,
      reviewBy: r.reviewBy,
      stale: r.kind !== 'comment' && r.status !== 'archived' && isStale(r.reviewBy),
      dueAt: r.dueAt ? new Date(r.dueAt).toISOString() : null,
      overdue: r.kind === 'comment' && !r.respondedAt && !!r.dueAt && new Date(r.dueAt).getTime() < now,
      answered: !!r.respondedAt,
      orphaned: r.toUserId === null && r.heldBy === r.fromUserId,
      handedTo: r.toUserId,
    }));
  }

  /** Orphaned knowledge items in each of these agencies' subtrees (agency id → count). */
  orphansInSubtrees(rootAgencyIds: readonly string[]): Promise<Map<string, number>> {
    return this.handover.orphansInSubtrees(rootAgencyIds);
  }
}
