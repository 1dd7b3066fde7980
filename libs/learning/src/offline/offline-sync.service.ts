// What a learner's device did while offline, applied when it reconnects: the events of each
// enrolment in one transaction with their device-made ids recorded beside the change, so a batch
// sent twice (or cut off half-way and sent again) applies every event exactly once, per item.
import { HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@chadavkhi/identity';
import { addOutboxEvents } from '@chadavkhi/platform';
import { EnrollmentsService, LESSON_DONE_BY_PACKAGE } from '../enrollments/enrollments.service';
import { ScormTrackingService } from '../scorm/scorm-tracking.service';
import { SyncResultView } from './dto/offline.view';
import { OFFLINE_ANSWER_CHARS_MAX, OFFLINE_ANSWERS_MAX, OfflineEventDto, SyncOutcome } from './dto/sync-batch.dto';
import { OfflineEventsRepository } from './offline-events.repository';

/**
 * How far a device's clock may be off: an event dated up to this much before the enrolment began or
 * after the server's now is taken as then or now; further out (a clock reset to 1970, a date in the
 * future) it is refused, since it would put a completion where it cannot have happened.
 */
export const SYNC_CLOCK_SKEW_MS = 5 * 60_000;

@Injectable()
export class OfflineSyncService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enrollments: EnrollmentsService,
    private readonly events: OfflineEventsRepository,
    private readonly scorm: ScormTrackingService,
  ) {}

  async apply(actor: AuthUser, items: OfflineEventDto[]): Promise<SyncResultView> {
    const groups = new Map<string, OfflineEventDto[]>();
    const firstOf = new Map<string, OfflineEventDto>();
    for (const item of items) {
      if (firstOf.has(item.id)) continue;
      firstOf.set(item.id, item);
      groups.set(item.enrollmentId, [...(groups.get(item.enrollmentId) ?? []), item]);
    }
    const outcome = new Map<string, SyncOutcome>();
    for (const [enrollmentId, group] of groups)
      for (const o of await this.applyGroup(actor, enrollmentId, group)) outcome.set(o.id, o);
    // An id repeated within the batch: its first occurrence carries the outcome, the rest are duplicates.
    const list = items.map((i) =>
      firstOf.get(i.id) === i ? outcome.get(i.id)! : { id: i.id, status: 'duplicate' as const },
    );
    const count = (s: SyncOutcome['status']) => list.filter((o) => o.status === s).length;
    return { items: list, applied: count('applied'), duplicate: count('duplicate'), refused: count('refused') };
  }

  /**
   * One enrolment's events in one transaction: the enrolment locked, lessons not in its version and
   * events dated outside the enrolment's time (beyond the clock skew) refused, the ids recorded (those already recorded are duplicates, or refused when another
   * person's), and the new completions applied with one settle — so the enrolment completes once.
   */
  private async applyGroup(actor: AuthUser, enrollmentId: string, group: OfflineEventDto[]): Promise<SyncOutcome[]> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const { lessonIds, doneOnlyByPackage, enrolledAt } = await this.enrollments.lockedForSync(
          m,
          actor,
          enrollmentId,
        );
        const outcomes: SyncOutcome[] = [];
        const now = Date.now();
        const refusal = (i: OfflineEventDto): string | undefined => {
          const when = Date.parse(i.occurredAt);
          if (i.type === 'survey.answered') {
            const answers = Object.entries(i.answers ?? {});
            if (
              answers.length > OFFLINE_ANSWERS_MAX ||
              answers.some(
                ([, v]) => !(typeof v === 'number' || (typeof v === 'string' && v.length <= OFFLINE_ANSWER_CHARS_MAX)),
              )
            )
              return `A survey sheet holds at most ${OFFLINE_ANSWERS_MAX} answers, each a number or a text of at most ${OFFLINE_ANSWER_CHARS_MAX} characters.`;
          } else if (!i.lessonId || !lessonIds.has(i.lessonId))
            return 'This lesson is not part of the course version you are enrolled on.';
          else if (i.type === 'lesson.completed' && doneOnlyByPackage.has(i.lessonId)) return LESSON_DONE_BY_PACKAGE;
          if (when < enrolledAt.getTime() - SYNC_CLOCK_SKEW_MS)
            return 'This event is dated before you enrolled on the course; check the date on your device.';
          if (when > now + SYNC_CLOCK_SKEW_MS)
            return 'This event is dated in the future; check the date on your device.';
          return undefined;
        };
        const fitting = group.filter((i) => {
          const reason = refusal(i);
          if (reason) outcomes.push({ id: i.id, status: 'refused', reason });
          return !reason;
        });
        if (!fitting.length) return outcomes;
        // A package's commits are kept by their commit id (scorm_commits), online or offline alike.
        const commits = fitting.filter((i) => i.type === 'scorm.committed');
        const events = fitting.filter((i) => i.type !== 'scorm.committed');
        // Within the skew, a device clock a little off is taken as the nearest possible moment.
        const at = (i: OfflineEventDto) =>
          new Date(Math.min(Math.max(Date.parse(i.occurredAt), enrolledAt.getTime()), now));
        const fresh = await this.events.record(
          m,
          actor.id,
          enrollmentId,
          events.map((i) => ({ id: i.id, type: i.type, occurredAt: at(i) })),
        );
        const seen = events.filter((i) => !fresh.has(i.id));
        const owners = await this.events.owners(
          m,
          seen.map((i) => i.id),
        );
        for (const i of seen)
          outcomes.push(
            owners.get(i.id) === actor.id
              ? { id: i.id, status: 'duplicate' }
              : { id: i.id, status: 'refused', reason: 'This event id was already used by someone else.' },
          );
        const applied = events.filter((i) => fresh.has(i.id));
        await this.enrollments.completeLessonsWith(
          m,
          actor,
          enrollmentId,
          applied
            .filter((i) => i.type === 'lesson.completed')
            .map((i) => ({ lessonId: i.lessonId!, completedAt: at(i) })),
        );
        // Survey answers are the evaluation lib's to check and keep: handed over once, after the
        // lessons of the same batch (which may complete the course the survey is about).
        await addOutboxEvents(
          m,
          'survey.answered_offline',
          applied
            .filter((i) => i.type === 'survey.answered')
            .map((i) => ({
              offlineEventId: i.id,
              enrollmentId,
              userId: actor.id,
              answers: i.answers ?? {},
              answeredAt: at(i).toISOString(),
            })),
        );
        for (const i of applied) outcomes.push({ id: i.id, status: 'applied' });
        // In the device's order, after the batch's lessons: a stale one (a later commit of the same
        // SCO saved meanwhile) is refused with its reason and the rest go on.
        for (const c of commits)
          outcomes.push({
            id: c.id,
            ...(await this.scorm.commitOffline(m, actor, enrollmentId, c.lessonId!, c.scoId!, {
              ...c.commit!,
              commitId: c.id,
            })),
          });
        return outcomes;
      });
    } catch (error) {
      // Nothing of the group was recorded (rolled back), so a corrected resend can still apply.
      if (error instanceof HttpException && error.getStatus() < 500)
        return group.map((i) => ({ id: i.id, status: 'refused' as const, reason: error.message }));
      throw error;
    }
  }
}
