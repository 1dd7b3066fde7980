// Accountability's assignment rules, called on AssignmentsService and the reach the metrics worker
// runs for assignment.changed and user.moved: who an assignment reaches (an agency's subtree, a
// position, listed people), their due dates, the yearly renewal, and an HR officer kept to their subtree.
import { ForbiddenException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { AssignmentReachService, AssignmentsService, CreateAssignmentDto } from '@chadavkhi/accountability';
import { AuthUser, UsersService } from '@chadavkhi/identity';
import { CoursesService, EnrollmentsService } from '@chadavkhi/learning';
import { agencyByCode, createPerson, enrolled, positionByCode, publishedCourse } from '../support/factories';
import { ServiceContext, startServiceContext } from '../support/service-context';

/** A day in Ulaanbaatar, offset from today, as YYYY-MM-DD. */
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const oneLesson = { modules: [{ title: 'Нэг', lessons: [{ title: 'Ганц', body: 'Агуулга' }] }] };

describe('AssignmentsService', () => {
  let s: ServiceContext;
  let assignments: AssignmentsService;
  // The step the metrics worker takes for assignment events, user moves and the daily run; with
  // workers off, the spec runs it itself.
  let reach: AssignmentReachService;
  let trainer: AuthUser;
  let hrFinance: AuthUser;

  beforeAll(async () => {
    s = await startServiceContext(['accountability']);
    assignments = s.get(AssignmentsService);
    reach = s.get(AssignmentReachService);
    trainer = await createPerson(s, { roles: ['trainer'] });
    hrFinance = await createPerson(s, { roles: ['hr_officer'], agency: 'ministry-finance' });
  });
  afterAll(() => s.close());

  const newCourse = async () => (await publishedCourse(s, trainer, oneLesson)).courseId;
  const assign = (actor: AuthUser, dto: CreateAssignmentDto) => assignments.create(actor, dto, null);
  const reached = (assignmentId: string) =>
    s.db.query(
      `SELECT au.user_id, au.enrollment_id, to_char(au.due_on, 'YYYY-MM-DD') AS due_on, au.cycle, e.source, e.due_at
         FROM assignment_users au JOIN enrollments e ON e.id = au.enrollment_id WHERE au.assignment_id = $1 ORDER BY au.user_id`,
      [assignmentId],
    );
  const ids = (people: { id: string }[]) => people.map((p) => p.id).sort();

  it('reaches everyone in an agency subtree once, with an assigned enrolment due that day, however often it is made or reached', async () => {
    const courseId = await newCourse();
    const treasury = await agencyByCode(s.db, 'ministry-finance-treasury');
    const inside = [
      await createPerson(s, { agency: 'ministry-finance-treasury' }),
      await createPerson(s, { agency: 'ministry-finance-treasury' }),
    ];
    await createPerson(s, { agency: 'ministry-finance-budget-policy' }); // a sibling agency: not reached
    const dto = { courseId, target: { agencyId: treasury.id }, due: { date: isoDay(60) } };

    const first = await assign(hrFinance, dto);
    expect(first).toEqual({
      created: true,
      assignment: expect.objectContaining({
        course: expect.objectContaining({ id: courseId }),
        target: expect.objectContaining({ kind: 'agency', agencyId: treasury.id }),
        createdBy: expect.objectContaining({ id: hrFinance.id }),
      }),
    });
    const again = await assign(hrFinance, dto);
    expect(again).toEqual({ created: false, assignment: expect.objectContaining({ id: first.assignment.id }) });
    const events = await s.db.query(`SELECT payload FROM outbox_events WHERE type = 'assignment.changed'`);
    expect(
      events.filter((e: { payload: { assignmentId: string } }) => e.payload.assignmentId === first.assignment.id),
    ).toHaveLength(1);

    await Promise.all([reach.reach(first.assignment.id), reach.reach(first.assignment.id)]);
    expect(await reach.reach(first.assignment.id)).toEqual(expect.objectContaining({ reached: 0, released: 0 }));
    const rows = await reached(first.assignment.id);
    expect(rows.map((r: { user_id: string }) => r.user_id)).toEqual(ids(inside));
    for (const r of rows)
      expect(r).toEqual(expect.objectContaining({ due_on: isoDay(60), source: 'assigned', cycle: 1 }));
    const [{ n }] = await s.db.query(`SELECT count(*)::int AS n FROM enrollments WHERE course_id = $1`, [courseId]);
    expect(n).toBe(2);

    const theirs = rows.find((r: { user_id: string }) => r.user_id === inside[0].id);
    expect((await assignments.mine(inside[0])).items).toEqual([
      expect.objectContaining({ enrollmentId: theirs.enrollment_id, dueOn: isoDay(60), status: 'due', daysLeft: 60 }),
    ]);
  });

  it('links an enrolment the person made themself, which then carries the due date', async () => {
    const courseId = await newCourse();
    const person = await createPerson(s, { agency: 'ministry-finance-treasury' });
    const own = await enrolled(s, person, courseId);
    expect(own.dueAt).toBeNull();
    const { assignment } = await assign(hrFinance, {
      courseId,
      target: { userIds: [person.id] },
      due: { date: isoDay(30) },
    });
    await reach.reach(assignment.id);
    expect(await reached(assignment.id)).toEqual([
      expect.objectContaining({ user_id: person.id, enrollment_id: own.id }),
    ]);
    expect((await s.get(EnrollmentsService).get(person, own.id)).dueAt).toEqual(expect.any(String));
  });

  it('reaches the holders of a position within the officer’s subtree, and no one else', async () => {
    const courseId = await newCourse();
    const head = await positionByCode(s.db, 'head-of-division');
    const holders = [
      await createPerson(s, { agency: 'ministry-finance', position: 'head-of-division' }),
      await createPerson(s, { agency: 'tax-audit-department', position: 'head-of-division' }),
    ];
    await createPerson(s, { agency: 'ministry-finance', position: 'specialist' });
    await createPerson(s, { agency: 'ministry-health', position: 'head-of-division' });
    const { assignment } = await assign(hrFinance, {
      courseId,
      target: { positionId: head.id },
      due: { daysAfterJoining: 30 },
    });
    await reach.reach(assignment.id);
    const rows = await reached(assignment.id);
    expect(rows.map((r: { user_id: string }) => r.user_id)).toEqual(ids(holders));
    // Joined today: due 30 days from now.
    for (const r of rows) expect(r.due_on).toBe(isoDay(30));
  });

  it('reaches a transfer in with a deadline from the move, and releases them when they move out', async () => {
    const courseId = await newCourse();
    const budget = await agencyByCode(s.db, 'ministry-finance-budget-policy');
    const health = await agencyByCode(s.db, 'ministry-health');
    const { assignment } = await assign(hrFinance, {
      courseId,
      target: { agencyId: budget.id },
      due: { daysAfterJoining: 30 },
    });
    const mover = await createPerson(s, { agency: 'ministry-health' });
    const moverRows = async () =>
      (await reached(assignment.id)).filter((r: { user_id: string }) => r.user_id === mover.id);
    await reach.reach(assignment.id);
    expect(await moverRows()).toEqual([]);

    const place = (agencyId: string) => s.db.transaction((m) => s.get(UsersService).place(m, mover.id, { agencyId }));
    expect(await place(budget.id)).toBe(true);
    await reach.reach(assignment.id, mover.id); // what the worker does for user.moved
    const [row] = await moverRows();
    expect(row).toEqual(expect.objectContaining({ due_on: isoDay(30), due_at: expect.any(Date) }));

    await place(health.id);
    expect(await reach.reach(assignment.id, mover.id)).toEqual(expect.objectContaining({ released: 1 }));
    expect(await moverRows()).toEqual([]);
    const [enrolment] = await s.db.query(`SELECT due_at FROM enrollments WHERE id = $1`, [row.enrollment_id]);
    expect(enrolment.due_at).toBeNull();
  });

  it('renews yearly: a round completed eleven months ago opens the next with a new enrolment, once', async () => {
    const courseId = await newCourse();
    const person = await createPerson(s, { agency: 'ministry-finance-state-administration' });
    const { assignment } = await assign(hrFinance, {
      courseId,
      target: { userIds: [person.id] },
      due: { date: isoDay(30) },
      renewYearly: true,
    });
    await reach.reach(assignment.id);
    const [first] = await reached(assignment.id);
    const enrollments = s.get(EnrollmentsService);
    const detail = await enrollments.get(person, first.enrollment_id);
    await enrollments.completeLesson(person, detail.id, detail.modules[0].lessons[0].id);
    expect((await reach.openRenewals()).opened).toBe(0);

    // Eleven months on (the completion moved back: there is no clock to set), the next round opens 30 days before it is due.
    await s.db.query(`UPDATE enrollments SET completed_at = now() - interval '335 days' WHERE id = $1`, [
      first.enrollment_id,
    ]);
    expect((await reach.openRenewals()).opened).toBe(1);
    expect((await reach.openRenewals()).opened).toBe(0);
    const [second] = await reached(assignment.id);
    expect(second).toEqual(expect.objectContaining({ cycle: 2, due_on: isoDay(30) }));
    expect(second.enrollment_id).not.toBe(first.enrollment_id);
    expect(await enrollments.get(person, second.enrollment_id)).toEqual(
      expect.objectContaining({ status: 'in_progress', source: 'assigned' }),
    );
    expect((await assignments.mine(person)).items[0]).toEqual(
      expect.objectContaining({ cycle: 2, status: 'due', enrollmentId: second.enrollment_id }),
    );
  });

  it('keeps an HR officer inside their subtree, and refuses targets and due dates that do not fit', async () => {
    const courseId = await newCourse();
    const [health, finance] = [
      await agencyByCode(s.db, 'ministry-health'),
      await agencyByCode(s.db, 'ministry-finance'),
    ];
    const outsider = await createPerson(s, { agency: 'ministry-health' });
    const refused = async (actor: AuthUser, dto: CreateAssignmentDto, error: new (...args: never[]) => Error) =>
      expect(assign(actor, dto)).rejects.toThrow(error);
    await refused(
      hrFinance,
      { courseId, target: { agencyId: health.id }, due: { date: isoDay(30) } },
      ForbiddenException,
    );
    await refused(
      hrFinance,
      { courseId, target: { userIds: [outsider.id] }, due: { date: isoDay(30) } },
      UnprocessableEntityException,
    );
    await refused(
      hrFinance,
      { courseId, target: { agencyId: finance.id }, due: { date: isoDay(-1) } },
      UnprocessableEntityException,
    );
    await refused(
      hrFinance,
      { courseId, target: { agencyId: finance.id }, due: { date: isoDay(5), daysAfterJoining: 5 } },
      UnprocessableEntityException,
    );
    await refused(
      hrFinance,
      { courseId, target: { agencyId: finance.id, userIds: [outsider.id] }, due: { date: isoDay(5) } },
      UnprocessableEntityException,
    );
    await refused(hrFinance, { courseId, target: {}, due: { date: isoDay(5) } }, UnprocessableEntityException);
    const { id: draftId } = await s.get(CoursesService).create(trainer, {
      title: 'Ноорог',
      summary: 'Нийтлээгүй',
      language: 'mn',
      estimatedMinutes: 10,
      modules: [{ title: 'Нэг', lessons: [{ title: 'Ганц', body: 'Агуулга' }] }],
    } as never);
    await refused(
      hrFinance,
      { courseId: draftId, target: { agencyId: finance.id }, due: { date: isoDay(5) } },
      UnprocessableEntityException,
    );
    await refused(
      await createPerson(s),
      { courseId, target: { agencyId: finance.id }, due: { date: isoDay(30) } },
      ForbiddenException,
    );

    const hrHealth = await createPerson(s, { roles: ['hr_officer'], agency: 'ministry-health' });
    const theirs = (await assign(hrHealth, { courseId, target: { agencyId: health.id }, due: { date: isoDay(30) } }))
      .assignment;
    await expect(assignments.get(hrFinance, theirs.id)).rejects.toThrow(NotFoundException);
    await expect(assignments.cancel(hrFinance, theirs.id, null)).rejects.toThrow(NotFoundException);
    const listed = await assignments.list(hrFinance, { limit: 100, offset: 0 } as never);
    expect(listed.items.map((a) => a.id)).not.toContain(theirs.id);
    await expect(assignments.list(hrFinance, { limit: 100, offset: 0, agencyId: health.id } as never)).rejects.toThrow(
      ForbiddenException,
    );
    const admin = await createPerson(s, { roles: ['admin'] });
    expect((await assignments.list(admin, { limit: 100, offset: 0 } as never)).items.map((a) => a.id)).toContain(
      theirs.id,
    );
  });

  it('cancelling releases everyone who has not completed', async () => {
    const courseId = await newCourse();
    const [done, pending] = [
      await createPerson(s, { agency: 'customs-control-department' }),
      await createPerson(s, { agency: 'customs-control-department' }),
    ];
    const customs = await agencyByCode(s.db, 'customs-control-department');
    const { assignment } = await assign(hrFinance, {
      courseId,
      target: { agencyId: customs.id },
      due: { date: isoDay(10) },
    });
    await reach.reach(assignment.id);
    const doneRow = (await reached(assignment.id)).find((r: { user_id: string }) => r.user_id === done.id);
    const enrollments = s.get(EnrollmentsService);
    const detail = await enrollments.get(done, doneRow.enrollment_id);
    await enrollments.completeLesson(done, detail.id, detail.modules[0].lessons[0].id);

    expect(await assignments.cancel(hrFinance, assignment.id, null)).toEqual(
      expect.objectContaining({ id: assignment.id }),
    );
    expect(await reach.reach(assignment.id)).toEqual(expect.objectContaining({ released: 1 }));
    const left = (await reached(assignment.id)).map((r: { user_id: string }) => r.user_id);
    expect(left).toEqual([done.id]);
    expect(left).not.toContain(pending.id);
  });
});
