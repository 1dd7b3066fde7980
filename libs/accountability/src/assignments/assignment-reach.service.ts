// Bringing assignments to people: reaching (or releasing) the people an assignment targets, opening
// yearly rounds, and the reminders and digests about them. Each run is idempotent: a person gets one
// row per assignment (primary key) and their enrolment comes from learning's EnrollmentsService (one
// in progress or a completion is linked, else a new one), so a retried job repeats nothing.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EnrollmentsService } from '@chadavkhi/learning';
import { addOutboxEvents } from '@chadavkhi/platform';
import { AssignmentsRepository } from './assignments.repository';

/** Reminders go out this many days before the due date; only the nearest threshold crossed. */
export const DUE_REMINDER_DAYS = [3, 14] as const;
/** A yearly round opens this many days before its due date. */
export const RENEWAL_OPENS_DAYS = 30;

@Injectable()
export class AssignmentReachService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsRepository,
    private readonly enrollments: EnrollmentsService,
  ) {}

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
      await this.assignments.lockForReach(m, assignmentId);
      const courseId = await this.assignments.courseOf(m, assignmentId);
      if (!courseId) return { reached: 0, released: 0, agencyIds: [] };
      const fresh = await this.assignments.stageTargets(m, assignmentId, onlyUserId);
      const enrolments = await this.enrollments.enrollMany(
        m,
        courseId,
        fresh.map((f) => ({ userId: f.user_id, dueAt: f.due_at })),
      );
      const reached = await this.assignments.insertReached(
        m,
        assignmentId,
        fresh.map((f) => ({ userId: f.user_id, enrollmentId: enrolments.get(f.user_id), dueOn: f.due_on })),
      );
      // People it no longer targets (moved away, another position, deactivated, or the assignment cancelled) are released unless done.
      const released = await this.assignments.releaseUntargeted(m, assignmentId, onlyUserId);
      await this.refreshDueDates(
        m,
        [...reached, ...released].map((r) => r.enrollment_id),
      );
      const agencyIds = await this.assignments.agenciesOf(
        m,
        [...reached, ...released].map((r) => r.user_id),
      );
      return { reached: reached.length, released: released.length, agencyIds };
    });
  }

  /** Active assignments that may concern this person now, or that already reached them. */
  concerning(userId: string): Promise<string[]> {
    return this.assignments.concerning(userId);
  }

  activeIds(): Promise<string[]> {
    return this.assignments.activeIds();
  }

  /**
   * Yearly assignments: once a round is completed, the next opens RENEWAL_OPENS_DAYS before its due
   * date — one year after the completion (at least RENEWAL_OPENS_DAYS from today) — with a new
   * enrolment on the course's current version (or the one in progress). Returns the agencies touched.
   */
  async openRenewals(): Promise<{ opened: number; agencyIds: string[] }> {
    return this.dataSource.transaction(async (m) => {
      const due = await this.assignments.renewalsDue(m, RENEWAL_OPENS_DAYS);
      const next = await this.enrollments.renewMany(
        m,
        due.map((r) => ({ userId: r.user_id, courseId: r.course_id, dueAt: r.next_due_at })),
      );
      const nextOf = new Map(next.map((n) => [`${n.userId}:${n.courseId}`, n.enrollmentId]));
      await this.assignments.startNextRounds(
        m,
        due
          .filter((r) => nextOf.has(`${r.user_id}:${r.course_id}`))
          .map((r) => ({
            assignmentId: r.assignment_id,
            userId: r.user_id,
            enrollmentId: nextOf.get(`${r.user_id}:${r.course_id}`)!,
            dueOn: r.next_due,
          })),
      );
      await this.refreshDueDates(m, [...new Set(next.map((n) => n.enrollmentId))]);
      const agencyIds = await this.assignments.agenciesOf(
        m,
        due.map((r) => r.user_id),
      );
      return { opened: due.length, agencyIds };
    });
  }

  /**
   * Due-date reminders crossed today (14 and 3 days before, only the nearest one after a gap), each
   * recorded on its row and handed to the notifications queue in the same transaction, so a second
   * run on the same day finds nothing to send.
   */
  async queueDueReminders(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const reminders = await this.assignments.markDueReminders(m, DUE_REMINDER_DAYS);
      return (await addOutboxEvents(m, 'notification.requested', reminders)).length;
    });
  }

  /**
   * The weekly digest: for each active HR officer, the overdue people of their subtree (the first
   * `listed`, most overdue first, and how many in all), as notification requests keyed by the week
   * (a second run in the same week is the same notification, which notifications deduplicates);
   * and for each active supervisor with overdue direct reports, theirs (team.digest).
   */
  async queueWeeklyDigests(listed = 50): Promise<number> {
    const [officers, supervisors] = await Promise.all([
      this.assignments.weeklyDigests(listed),
      this.assignments.supervisorDigests(listed),
    ]);
    return (await addOutboxEvents(this.dataSource.manager, 'notification.requested', [...officers, ...supervisors]))
      .length;
  }

  /**
   * An enrolment's due date is the earliest of its active assignments' (none: no due date, and a
   * self-enrolment again); a completed enrolment keeps what it had.
   */
  private async refreshDueDates(m: EntityManager, enrollmentIds: string[]): Promise<void> {
    if (!enrollmentIds.length) return;
    await this.enrollments.setDueDates(m, await this.assignments.earliestDueDates(m, enrollmentIds));
  }
}
