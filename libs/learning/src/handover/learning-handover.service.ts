// Learning's side of a handover: the courses a person authors and the face-to-face sessions they are
// to run go to the successor. Safe to run twice and out of order: the items are recorded once per
// handover, and each version of the handover moves them once (an older event after a newer one
// changes nothing).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HandoverPayload } from '@chadavkhi/platform';
import { LearningHandoverItemView } from './dto/learning-handover-item.view';
import { LearningHandoverRepository } from './learning-handover.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

@Injectable()
export class LearningHandoverService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handover: LearningHandoverRepository,
  ) {}

  /** Applies a handover event: records the items once and moves them to the successor. */
  async hand(event: HandoverPayload): Promise<{ handed: number }> {
    return this.dataSource.transaction(async (manager) => {
      await this.handover.lockHandover(manager, event.handoverId);
      await this.handover.recordOnce(manager, event);
      if (event.successorId) await this.handover.moveTo(manager, { ...event, successorId: event.successorId });
      return { handed: await this.handover.markHanded(manager, event) };
    });
  }

  /** What the handover handed over (the caller has checked the reader may see the handover). */
  async itemsOf(handoverId: string): Promise<LearningHandoverItemView[]> {
    return (await this.handover.itemsOf(handoverId)).map((r) => ({
      kind: r.kind,
      id: r.itemId,
      courseId: r.courseId,
      title: r.title,
      titleEn: r.titleEn,
      state: r.currentVersion > 0 ? 'published' : 'draft',
      unpublishedChanges: r.currentVersion > 0 && r.unpublishedChanges,
      startsAt: iso(r.startsAt),
      endsAt: iso(r.endsAt),
      place: r.place,
      capacity: r.capacity,
      seated: r.kind === 'session' ? r.seated : null,
      waiting: r.kind === 'session' ? r.waiting : null,
      cancelled: !!r.cancelledAt,
      orphaned: r.toUserId === null && r.heldBy === r.fromUserId,
      handedTo: r.toUserId,
    }));
  }

  /** Orphaned learning items in each of these agencies' subtrees (agency id → count). */
  orphansInSubtrees(rootAgencyIds: readonly string[]): Promise<Map<string, number>> {
    return this.handover.orphansInSubtrees(rootAgencyIds);
  }
}
