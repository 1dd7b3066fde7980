// Face-to-face sessions: the rules. Trainers schedule sessions of their own published courses
// (administrators of any); people register themselves, or an HR officer registers staff of their
// own subtree; a full session has a waiting list that moves up in order; the trainer records who
// attended (and their paper quiz score), which completes enrolments through the same transaction
// and outbox event as online learning (EnrollmentsService.completeFaceToFace). Cancelling a
// session tells the people on it through notification.requested. A learner with a supervisor asks
// to attend and the supervisor approves or declines; a supervisor may nominate a direct report.
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, hasRole, scopeCovers, staffScopeOf } from '@chadavkhi/identity';
import { addOutboxEvents, AuditActor, Page, page, recordAudit, validateInput } from '@chadavkhi/platform';
import { EnrollmentsService } from '../enrollments/enrollments.service';
import { parseAttendanceCsv } from './attendance-csv';
import {
  AttendanceRecordDto,
  CreateSessionDto,
  DecideRequestDto,
  ListSessionsQuery,
  NominateDto,
  RecordAttendanceDto,
  UpdateSessionDto,
} from './dto/session.dto';
import {
  AttendanceOutcomeView,
  AttendanceProblemView,
  AttendanceResultView,
  DecisionView,
  MyRegistrationView,
  PendingRequestView,
  RegistrationView,
  SessionDetailView,
  SessionView,
  UnregisteredView,
} from './dto/session.view';
import { RegistrationRow, SessionRow, SessionsRepository } from './sessions.repository';

/** The longest a session may last, from its start to its end. */
const MAX_SESSION_DAYS = 31;

/** One attendance line, from JSON, the web form or a CSV row, already tied to a user id. */
interface AttendanceEntry {
  userId: string;
  attended: boolean;
  score: number | null;
  at: { index: number } | { line: number };
}

const auditActor = (actor: AuthUser, ip: string | null): AuditActor => ({ id: actor.id, email: actor.email, ip });

/** A refusal with a stable slug (and its figures), for a caller (a page) that words it itself. */
function refuse(slug: string, message: string, values: Record<string, number> = {}): never {
  throw new UnprocessableEntityException({ message, slug, ...values });
}

const cancelled = (message: string) => new ConflictException({ message, slug: 'session-cancelled' });

@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly enrollments: EnrollmentsService,
  ) {}

  async schedule(actor: AuthUser, input: CreateSessionDto, ip: string | null): Promise<SessionDetailView> {
    const dto = await validateInput(CreateSessionDto, input);
    const course = await this.sessions.course(dto.courseId);
    if (!course) throw new NotFoundException('No course has this id.');
    if (!hasRole(actor, 'admin') && course.owner_id !== actor.id)
      throw new ForbiddenException('You can schedule sessions only of courses you own.');
    if (!course.current_version_id)
      refuse('course-not-published', 'Publish the course before scheduling a session of it.');
    const fields = {
      courseId: course.id,
      createdBy: actor.id,
      ...(await this.checkedFields(actor, { ...dto, trainerId: dto.trainerId ?? actor.id })),
    };
    const id = await this.dataSource.transaction(async (m) => {
      const id = await this.sessions.insert(m, fields);
      await recordAudit(
        m,
        auditActor(actor, ip),
        'session.schedule',
        { type: 'training_session', id },
        { courseId: course.id, agencyId: fields.agencyId, capacity: fields.capacity },
      );
      return id;
    });
    return this.get(actor, id);
  }

  async list(actor: AuthUser, query: ListSessionsQuery): Promise<Page<SessionView>> {
    const { rows, total } = await this.sessions.list({
      courseId: query.courseId,
      agencyId: query.agencyId,
      includePast: !!query.includePast,
      includeCancelled: !!query.includeCancelled,
      limit: query.limit,
      offset: query.offset,
    });
    const mine = new Map(
      (
        await this.sessions.registrationsOfUser(
          rows.map((r) => r.id),
          actor.id,
        )
      ).map((r) => [r.session_id, r]),
    );
    return page(
      rows.map((r) => this.view(actor, r, mine.get(r.id))),
      total,
      query,
    );
  }

  async get(actor: AuthUser, id: string): Promise<SessionDetailView> {
    const row = await this.sessions.find(this.dataSource.manager, id);
    if (!row) throw new NotFoundException('No session has this id.');
    const [mine, quiz] = await Promise.all([
      this.sessions.registrationOf(this.dataSource.manager, id, actor.id),
      this.sessions.finalQuizOf(row.course_id),
    ]);
    const view = this.view(actor, row, mine);
    const detail: SessionDetailView = { ...view, hasFinalQuiz: quiz.has_final_quiz, passMarkPercent: quiz.pass_mark };
    if (view.canManage)
      detail.registrations = (await this.sessions.registrations(this.dataSource.manager, id)).map((r) =>
        this.registrationView(r),
      );
    return detail;
  }

  async update(actor: AuthUser, id: string, input: UpdateSessionDto, ip: string | null): Promise<SessionDetailView> {
    const dto = await validateInput(UpdateSessionDto, input);
    await this.dataSource.transaction(async (m) => {
      const session = await this.managed(m, actor, id);
      if (session.cancelled_at) throw cancelled('This session was cancelled; schedule a new one instead.');
      const fields = await this.checkedFields(actor, {
        agencyId: dto.agencyId ?? session.agency_id,
        place: dto.place ?? session.place,
        startsAt: dto.startsAt ?? session.starts_at.toISOString(),
        endsAt: dto.endsAt ?? session.ends_at.toISOString(),
        capacity: dto.capacity ?? session.capacity,
        trainerId: dto.trainerId ?? session.trainer_id,
      });
      if (fields.capacity < session.registered)
        refuse(
          'capacity-below-seated',
          `${session.registered} people already have a seat; capacity cannot go below that. Cancel registrations first.`,
          { registered: session.registered },
        );
      await this.sessions.update(m, id, fields);
      const movedUp = await this.sessions.seatFromWaitingList(m, id, fields.capacity);
      await recordAudit(
        m,
        auditActor(actor, ip),
        'session.update',
        { type: 'training_session', id },
        { changed: Object.keys(dto), movedUp },
      );
    });
    return this.get(actor, id);
  }

  async cancel(actor: AuthUser, id: string, ip: string | null): Promise<SessionDetailView> {
    await this.dataSource.transaction(async (m) => {
      await this.managed(m, actor, id);
      if (await this.sessions.cancel(m, id)) {
        // Asked in the cancelling transaction; the dedupe key makes a repeat a no-op.
        const notices = await this.sessions.cancellationNotices(m, id);
        const told = (await addOutboxEvents(m, 'notification.requested', notices)).length;
        await recordAudit(m, auditActor(actor, ip), 'session.cancel', { type: 'training_session', id }, { told });
      }
    });
    return this.get(actor, id);
  }

  /**
   * Registers the caller, or (HR officers, administrators) someone in their scope. Full: onto the
   * waiting list. Already registered, waiting or asking: nothing changes. A learner who has an
   * active supervisor asks instead (pending), and takes their place in the queue now: approved, they
   * are seated or waiting in the order of their request. Enrols the person on the course like
   * self-enrolment does (one enrolment per person and version).
   */
  async register(
    actor: AuthUser,
    sessionId: string,
    userId: string | undefined,
    ip: string | null,
  ): Promise<{ created: boolean; registration: MyRegistrationView }> {
    const personId = await this.checkedPerson(actor, userId, 'register');
    const asks = personId === actor.id && (await this.needsApproval(actor));
    return this.dataSource.transaction(async (m) => {
      const session = await this.openSession(m, sessionId);
      const existing = await this.sessions.registrationOf(m, sessionId, personId);
      if (existing && !['cancelled', 'declined'].includes(existing.status))
        return { created: false, registration: this.myView(existing) };
      const { enrollmentId } = await this.enrollments.enrollPerson(m, personId, session.course_id);
      const status = asks ? 'pending' : session.registered < session.capacity ? 'registered' : 'waitlisted';
      await this.sessions.upsertRegistration(m, {
        sessionId,
        userId: personId,
        enrollmentId,
        status,
        registeredBy: actor.id,
      });
      // The supervisor is told there is a request waiting for them.
      if (status === 'pending')
        await addOutboxEvents(m, 'notification.requested', [await this.sessions.requestNotice(m, sessionId, personId)]);
      if (personId !== actor.id)
        await recordAudit(
          m,
          auditActor(actor, ip),
          'session.register',
          { type: 'training_session', id: sessionId },
          { userId: personId, status },
        );
      return {
        created: true,
        registration: this.myView((await this.sessions.registrationOf(m, sessionId, personId))!),
      };
    });
  }

  /** Whether the caller's own registrations go to their supervisor first (they have an active one). */
  async needsApproval(actor: AuthUser): Promise<boolean> {
    const me = await this.sessions.person(actor.id);
    return !!me?.supervisor_id && !!me.supervisor_active;
  }

  /**
   * A supervisor puts a direct report on a session: seated or waiting as if they had registered
   * (a pending request of theirs is approved, keeping its place), told, and audited.
   */
  async nominate(actor: AuthUser, sessionId: string, input: NominateDto, ip: string | null): Promise<DecisionView> {
    const dto = await validateInput(NominateDto, input);
    await this.directReport(actor, dto.userId);
    return this.dataSource.transaction(async (m) => {
      const session = await this.openSession(m, sessionId);
      const existing = await this.sessions.registrationOf(m, sessionId, dto.userId);
      if (existing && (existing.status === 'registered' || existing.status === 'waitlisted'))
        return this.decisionView(existing);
      if (existing?.status === 'pending') {
        await this.sessions.decide(m, existing.id, 'waitlisted', actor.id, null);
      } else {
        const { enrollmentId } = await this.enrollments.enrollPerson(m, dto.userId, session.course_id);
        await this.sessions.upsertRegistration(m, {
          sessionId,
          userId: dto.userId,
          enrollmentId,
          status: 'waitlisted',
          registeredBy: actor.id,
          nominated: true,
        });
      }
      await this.sessions.seatFromWaitingList(m, sessionId, session.capacity);
      const registration = (await this.sessions.registrationOf(m, sessionId, dto.userId))!;
      await addOutboxEvents(m, 'notification.requested', [
        await this.sessions.registrationNotice(m, sessionId, dto.userId, 'session.nominated'),
      ]);
      await recordAudit(
        m,
        auditActor(actor, ip),
        'session.nominate',
        { type: 'training_session', id: sessionId },
        { userId: dto.userId, status: registration.status },
      );
      return this.decisionView(registration);
    });
  }

  /**
   * The supervisor's answer to a direct report's request. Approved: onto the waiting list at the
   * place of the request, then seated if a seat is free (so the list keeps the order of requests,
   * not of approvals). Declined: with an optional reason. Either way the learner is told; audited.
   */
  async decide(
    actor: AuthUser,
    sessionId: string,
    userId: string,
    input: DecideRequestDto,
    ip: string | null,
  ): Promise<DecisionView> {
    const dto = await validateInput(DecideRequestDto, input);
    await this.directReport(actor, userId);
    return this.dataSource.transaction(async (m) => {
      const session = await this.sessions.lockSession(m, sessionId);
      if (!session) throw new NotFoundException('No session has this id.');
      const existing = await this.sessions.registrationOf(m, sessionId, userId);
      if (!existing || existing.status !== 'pending')
        throw new ConflictException({
          message: 'There is no pending request of this person for this session.',
          slug: 'no-pending-request',
        });
      if (dto.decision === 'approve') {
        if (session.cancelled_at) throw cancelled('This session was cancelled.');
        if (session.ends_at.getTime() <= Date.now())
          refuse('session-ended', 'This session has ended; its requests can only be declined.');
        await this.sessions.decide(m, existing.id, 'waitlisted', actor.id, null);
        await this.sessions.seatFromWaitingList(m, sessionId, session.capacity);
      } else {
        await this.sessions.decide(m, existing.id, 'declined', actor.id, dto.reason || null);
      }
      const registration = (await this.sessions.registrationOf(m, sessionId, userId))!;
      await addOutboxEvents(m, 'notification.requested', [
        await this.sessions.registrationNotice(
          m,
          sessionId,
          userId,
          dto.decision === 'approve' ? 'session.request_approved' : 'session.request_declined',
        ),
      ]);
      await recordAudit(
        m,
        auditActor(actor, ip),
        dto.decision === 'approve' ? 'session.request.approve' : 'session.request.decline',
        { type: 'training_session', id: sessionId },
        { userId, status: registration.status, reason: dto.reason || null },
      );
      return this.decisionView(registration);
    });
  }

  /** The requests of the caller's direct reports that wait for the caller's decision, oldest first. */
  async pendingRequests(actor: AuthUser): Promise<PendingRequestView[]> {
    return (await this.sessions.pendingOfReports(actor.id)).map((r) => ({
      sessionId: r.session_id,
      userId: r.user_id,
      name: r.name,
      course: { id: r.course_id, title: r.course_title, titleEn: r.course_title_en },
      place: r.place,
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
      seatsLeft: r.seats_left,
      requestedAt: new Date(r.registered_at).toISOString(),
    }));
  }

  /** The session, locked, if people may still join it. */
  private async openSession(m: EntityManager, sessionId: string): Promise<SessionRow> {
    const session = await this.sessions.lockSession(m, sessionId);
    if (!session) throw new NotFoundException('No session has this id.');
    if (session.cancelled_at) throw new ConflictException('This session was cancelled.');
    if (session.ends_at.getTime() <= Date.now())
      throw new UnprocessableEntityException('This session has ended; registration is closed.');
    return session;
  }

  /** An active person whose supervisor is the caller; anyone else is answered as missing (403 for a non-supervisor would tell who reports to whom). */
  private async directReport(actor: AuthUser, userId: string) {
    const person = await this.sessions.person(userId);
    if (!person || person.supervisor_id !== actor.id)
      throw new NotFoundException({ message: 'None of your direct reports has this id.', slug: 'not-a-direct-report' });
    if (!person.is_active) throw new UnprocessableEntityException("That person's account is deactivated.");
    return person;
  }

  private decisionView(r: RegistrationRow): DecisionView {
    return { sessionId: r.session_id, userId: r.user_id, status: r.status, waitlistPosition: r.waitlist_position };
  }

  /** Cancels a registration (the person's own, or by HR in scope, or whoever runs the session); the first waiting moves up. */
  async unregister(
    actor: AuthUser,
    sessionId: string,
    userId: string | undefined,
    ip: string | null,
  ): Promise<UnregisteredView> {
    return this.dataSource.transaction(async (m) => {
      const session = await this.sessions.lockSession(m, sessionId);
      if (!session) throw new NotFoundException('No session has this id.');
      const personId = userId ?? actor.id;
      if (personId !== actor.id && !this.canManage(actor, session)) await this.checkedPerson(actor, personId, 'cancel');
      const existing = await this.sessions.registrationOf(m, sessionId, personId);
      if (!existing || existing.status === 'cancelled' || existing.status === 'declined')
        throw new NotFoundException('There is no registration of this person for this session.');
      if (session.ends_at.getTime() <= Date.now())
        throw new UnprocessableEntityException('This session has ended; its registrations can no longer be cancelled.');
      await this.sessions.cancelRegistration(m, existing.id);
      const movedUp = session.cancelled_at
        ? []
        : await this.sessions.seatFromWaitingList(m, sessionId, session.capacity);
      if (personId !== actor.id)
        await recordAudit(
          m,
          auditActor(actor, ip),
          'session.unregister',
          { type: 'training_session', id: sessionId },
          { userId: personId, movedUp },
        );
      return { movedUp };
    });
  }

  /** Attendance as JSON (or the web form): rows naming someone not seated are reported by index. */
  async recordAttendance(
    actor: AuthUser,
    sessionId: string,
    records: AttendanceRecordDto[],
    source: 'api' | 'form',
    ip: string | null,
  ): Promise<AttendanceResultView> {
    const valid = await validateInput(RecordAttendanceDto, { records });
    return this.apply(actor, sessionId, source, ip, () => ({
      entries: valid.records.map((r, index) => ({
        userId: r.userId,
        attended: r.attended,
        score: r.score ?? null,
        at: { index },
      })),
      problems: [],
    }));
  }

  /** Attendance from a CSV sheet: each row matched by email or staff number among the people registered. */
  async recordAttendanceCsv(
    actor: AuthUser,
    sessionId: string,
    text: string,
    ip: string | null,
  ): Promise<AttendanceResultView> {
    return this.apply(actor, sessionId, 'csv', ip, (registrations) => {
      const { rows, problems } = parseAttendanceCsv(text);
      // Someone who signs in without an e-mail address (DAN) is matched by staff number only.
      const byEmail = new Map(registrations.filter((r) => r.email).map((r) => [r.email!.toLowerCase(), r]));
      const byStaffNumber = new Map(
        registrations.filter((r) => r.staff_number).map((r) => [r.staff_number!.toLowerCase(), r]),
      );
      const entries: AttendanceEntry[] = [];
      for (const row of rows) {
        const who = row.email ?? row.staffNumber!;
        const match = row.email ? byEmail.get(row.email) : byStaffNumber.get(row.staffNumber!.toLowerCase());
        if (!match)
          problems.push({
            line: row.line,
            who,
            reason: 'not_registered',
            message: `Nobody registered for this session has the ${row.email ? 'e-mail' : 'staff number'} "${who}".`,
          });
        else entries.push({ userId: match.user_id, attended: row.attended, score: row.score, at: { line: row.line } });
      }
      return { entries, problems };
    });
  }

  /**
   * One transaction for the whole record: the session locked, each seated person's attendance
   * stored, each attendee's enrolment completed when the rules allow (a repeat completes nothing),
   * and one audit entry when anything changed. Rows that name nobody seated are reported.
   */
  private async apply(
    actor: AuthUser,
    sessionId: string,
    source: 'api' | 'form' | 'csv',
    ip: string | null,
    read: (registrations: RegistrationRow[]) => { entries: AttendanceEntry[]; problems: AttendanceProblemView[] },
  ): Promise<AttendanceResultView> {
    return this.dataSource.transaction(async (m) => {
      const session = await this.managed(m, actor, sessionId);
      if (session.cancelled_at) throw cancelled('This session was cancelled.');
      if (session.starts_at.getTime() > Date.now())
        refuse('session-not-started', 'This session has not started yet; record attendance once it has.');
      const registrations = await this.sessions.registrations(m, sessionId);
      const { entries, problems } = read(registrations);
      const byUser = new Map(registrations.map((r) => [r.user_id, r]));
      const seen = new Set<string>();
      const results: AttendanceOutcomeView[] = [];
      for (const entry of entries) {
        const registration = byUser.get(entry.userId);
        const where = { ...entry.at, who: registration?.email ?? entry.userId };
        if (!registration || registration.status !== 'registered') {
          const reason = registration?.status ?? 'not_registered';
          const message =
            reason === 'waitlisted'
              ? 'This person is on the waiting list, not seated.'
              : reason === 'cancelled'
                ? 'This person cancelled their registration.'
                : 'This person is not registered for this session.';
          problems.push({ ...where, reason, message });
          continue;
        }
        if (seen.has(entry.userId)) {
          problems.push({
            ...where,
            reason: 'duplicate',
            message: 'This person was already named earlier in the same record; the first one counts.',
          });
          continue;
        }
        seen.add(entry.userId);
        const changed = await this.sessions.recordAttendance(m, registration.id, entry.attended, entry.score, actor.id);
        const outcome = entry.attended
          ? await this.enrollments.completeFaceToFace(m, registration.enrollment_id, entry.score)
          : 'absent';
        results.push({
          userId: entry.userId,
          name: registration.name,
          attended: entry.attended,
          score: entry.score,
          outcome,
          changed: changed || outcome === 'completed',
        });
      }
      problems.sort((a, b) => (a.line ?? a.index ?? 0) - (b.line ?? b.index ?? 0));
      const completed = results.filter((r) => r.outcome === 'completed');
      if (results.some((r) => r.changed)) {
        await recordAudit(
          m,
          auditActor(actor, ip),
          'session.attendance',
          { type: 'training_session', id: sessionId },
          {
            source,
            attended: results.filter((r) => r.attended).map((r) => r.userId),
            absent: results.filter((r) => !r.attended).map((r) => r.userId),
            completed: completed.map((r) => r.userId),
            problems: problems.length,
          },
        );
      }
      return { applied: results.length, completed: completed.length, results, problems };
    });
  }

  /** The session, locked, if the actor runs it: its trainer, the course's owner, or an administrator. */
  private async managed(m: EntityManager, actor: AuthUser, id: string): Promise<SessionRow> {
    const session = await this.sessions.lockSession(m, id);
    if (!session) throw new NotFoundException('No session has this id.');
    if (!this.canManage(actor, session))
      throw new ForbiddenException(
        "Only the session's trainer, the course's owner or an administrator may change this session.",
      );
    return session;
  }

  private canManage(actor: AuthUser, session: SessionRow): boolean {
    return (
      hasRole(actor, 'admin') ||
      (hasRole(actor, 'trainer') && (session.trainer_id === actor.id || session.course_owner_id === actor.id))
    );
  }

  /** Whom a registration is for: the caller (a learner), or a person inside the caller's staff scope. */
  private async checkedPerson(
    actor: AuthUser,
    userId: string | undefined,
    what: 'register' | 'cancel',
  ): Promise<string> {
    if (!userId || userId === actor.id) {
      if (what === 'register' && !hasRole(actor, 'learner'))
        throw new ForbiddenException('Only learners register themselves for sessions.');
      return actor.id;
    }
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none')
      throw new ForbiddenException('Only HR officers and administrators register other people.');
    const person = await this.sessions.person(userId);
    if (!person) throw new NotFoundException('No user has this id.');
    if (!scopeCovers(scope, person.path))
      throw new ForbiddenException('That person works outside the agencies you manage.');
    if (!person.is_active) throw new UnprocessableEntityException("That person's account is deactivated.");
    return person.id;
  }

  private async checkedFields(
    actor: AuthUser,
    f: { agencyId: string; place: string; startsAt: string; endsAt: string; capacity: number; trainerId: string },
  ) {
    const startsAt = new Date(f.startsAt);
    const endsAt = new Date(f.endsAt);
    if (!(endsAt.getTime() > startsAt.getTime()))
      refuse('session-ends-before-start', 'The session must end after it starts.');
    if (endsAt.getTime() - startsAt.getTime() > MAX_SESSION_DAYS * 24 * 3600 * 1000)
      refuse('session-too-long', `A session lasts at most ${MAX_SESSION_DAYS} days.`, { days: MAX_SESSION_DAYS });
    if (!(await this.sessions.agency(f.agencyId))) refuse('unknown-agency', 'No agency has the given agencyId.');
    if (f.trainerId !== actor.id) {
      const trainer = await this.sessions.person(f.trainerId);
      if (!trainer || !trainer.is_active || !trainer.roles.some((r) => r === 'trainer' || r === 'admin'))
        refuse('unknown-trainer', 'trainerId must name an active user with the trainer role.');
    }
    return { agencyId: f.agencyId, place: f.place, startsAt, endsAt, capacity: f.capacity, trainerId: f.trainerId };
  }

  private view(actor: AuthUser, r: SessionRow, mine: RegistrationRow | undefined): SessionView {
    const now = Date.now();
    const state = r.cancelled_at
      ? 'cancelled'
      : new Date(r.ends_at).getTime() <= now
        ? 'ended'
        : new Date(r.starts_at).getTime() <= now
          ? 'in_progress'
          : 'upcoming';
    return {
      id: r.id,
      course: { id: r.course_id, title: r.course_title, titleEn: r.course_title_en },
      trainer: { id: r.trainer_id, name: r.trainer_name },
      agency: {
        id: r.agency_id,
        code: r.agency_code,
        kind: r.agency_kind,
        name: { mn: r.agency_name_mn, en: r.agency_name_en },
      },
      place: r.place,
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
      capacity: r.capacity,
      registered: r.registered,
      waitlisted: r.waitlisted,
      seatsLeft: Math.max(r.capacity - r.registered, 0),
      state,
      cancelledAt: r.cancelled_at ? new Date(r.cancelled_at).toISOString() : null,
      mine: mine ? this.myView(mine) : null,
      canManage: this.canManage(actor, r),
    };
  }

  private myView(r: RegistrationRow): MyRegistrationView {
    return {
      status: r.status,
      waitlistPosition: r.waitlist_position,
      enrollmentId: r.enrollment_id,
      declineReason: r.decline_reason,
    };
  }

  private registrationView(r: RegistrationRow): RegistrationView {
    return {
      id: r.id,
      userId: r.user_id,
      name: r.name,
      email: r.email,
      staffNumber: r.staff_number,
      status: r.status,
      waitlistPosition: r.waitlist_position,
      nominated: r.nominated,
      attended: r.attended,
      score: r.paper_score === null ? null : Number(r.paper_score),
      enrollmentStatus: r.enrollment_status,
      completionMode: r.completion_mode,
      registeredAt: new Date(r.registered_at).toISOString(),
    };
  }
}
