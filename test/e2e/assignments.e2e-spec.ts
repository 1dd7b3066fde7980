// Mandatory training end to end: assigning is idempotent, reaches late joiners and transfers with
// their own deadlines, counts overdue, keeps figures equal to a direct recount under duplicated and
// retried jobs, stays inside the HR officer's subtree, renews yearly, and e-mails reminders and the
// weekly digest (received on a real SMTP server).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  MetricsService,
  AssignmentReachService,
  competencyFramework,
  AccountabilityContentService,
  MetricsProcessor,
} from '@chadavkhi/accountability';
import { UsersService } from '@chadavkhi/identity';
import { EnrollmentsService } from '@chadavkhi/learning';
import { JobQueueRepository } from '../../libs/platform/src/queue/job-queue.repository';
import { courseBody } from '../support/courses';
import { agencyByCode, createUser, positionByCode } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { SmtpListener } from '../support/smtp-listener';
import { startTestApp, TestApp } from '../support/test-app';
import { untilQueuesDrained } from '../support/queues-drained';
import { until } from '../support/until';

const content = join(__dirname, '..', '..', 'content');
const isoDay = (offsetDays: number) => {
  const ub = new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 24 * 3600 * 1000);
  return ub.toISOString().slice(0, 10);
};

describe('training assignments', () => {
  let smtp: SmtpListener;
  let t: TestApp;
  let admin: string;
  let hrFinance: { token: string; email: string; id: string };
  let hrHealth: string;
  let hrHealthEmail: string;
  let courseId: string;
  let trainer: string;

  beforeAll(async () => {
    smtp = new SmtpListener();
    await smtp.start();
    t = await startTestApp({
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://training.example.mn',
    });
    await t.db.transaction(async (m) =>
      t.app
        .get(AccountabilityContentService)
        .importCompetencies(
          m,
          competencyFramework(
            parse(readFileSync(join(content, 'competencies.yaml'), 'utf8')),
            parse(readFileSync(join(content, 'positions.yaml'), 'utf8')),
            [],
          ),
        ),
    );
    admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
    const hr = await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance', name: 'Сангийн ХН' });
    hrFinance = { token: await tokenFor(t, hr.email), email: hr.email, id: hr.id };
    hrHealthEmail = (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-health' })).email;
    hrHealth = await tokenFor(t, hrHealthEmail);
    trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    courseId = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    expect((await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer))).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const assignmentUsers = (assignmentId: string) =>
    t.db.query(
      `SELECT au.user_id, au.enrollment_id, to_char(au.due_on, 'YYYY-MM-DD') AS due_on, au.cycle, e.due_at, e.source FROM assignment_users au JOIN enrollments e ON e.id = au.enrollment_id WHERE au.assignment_id = $1`,
      [assignmentId],
    );

  async function newCourse(title: string) {
    const id = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody({ title }))).body.id;
    await t.http().post(`/api/v1/courses/${id}/publish`).set(bearer(trainer));
    return id as string;
  }

  async function completeCourse(token: string, enrollmentId: string) {
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollmentId}`).set(bearer(token))).body;
    for (const l of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons)) {
      await t.http().post(`/api/v1/enrollments/${enrollmentId}/lessons/${l.id}/complete`).set(bearer(token));
    }
  }

  it('creates enrolments once, however often it is posted or its job runs', async () => {
    const treasury = await agencyByCode(t.db, 'ministry-finance-treasury');
    const people = await Promise.all(
      Array.from({ length: 4 }, () => createUser(t.db, { agency: 'ministry-finance-treasury' })),
    );
    const body = { courseId, target: { agencyId: treasury.id }, due: { date: isoDay(60) } };
    const first = await t.http().post('/api/v1/assignments').set(bearer(hrFinance.token)).send(body);
    expect(first.status).toBe(201);
    const again = await t.http().post('/api/v1/assignments').set(bearer(hrFinance.token)).send(body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const rows = await until(async () =>
      (await assignmentUsers(first.body.id)).length === 4 ? assignmentUsers(first.body.id) : undefined,
    );
    expect(rows.map((r: { user_id: string }) => r.user_id).sort()).toEqual(people.map((p) => p.id).sort());
    for (const r of rows)
      expect(r).toEqual(expect.objectContaining({ due_on: isoDay(60), source: 'assigned', cycle: 1 }));

    // Duplicated and retried jobs, and direct runs racing them: still one row and one enrolment each.
    const jobs = t.app.get(JobQueueRepository);
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        jobs.add('metrics', 'assignment.changed', { assignmentId: first.body.id }, `dup-assignment-${i}`),
      ),
    );
    await Promise.all(Array.from({ length: 3 }, () => t.app.get(AssignmentReachService).reach(first.body.id)));
    await until(
      async () =>
        (await jobs.queue('metrics').getJobCounts('waiting', 'active')).waiting +
          (await jobs.queue('metrics').getJobCounts('active')).active ===
          0 || undefined,
    );
    const [{ enrolments }] = await t.db.query(
      `SELECT count(*)::int AS enrolments FROM enrollments WHERE course_id = $1 AND user_id = ANY($2::uuid[])`,
      [courseId, people.map((p) => p.id)],
    );
    expect(enrolments).toBe(4);
    expect(await assignmentUsers(first.body.id)).toHaveLength(4);

    // A learner already enrolled on their own is linked, not enrolled twice, and now has a due date.
    const self = await createUser(t.db, { agency: 'ministry-finance-treasury' });
    const selfToken = await tokenFor(t, self.email);
    const own = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(selfToken))).body;
    await t.app.get(AssignmentReachService).reach(first.body.id);
    const mine = (await t.http().get('/api/v1/me/assignments').set(bearer(selfToken))).body;
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toEqual(
      expect.objectContaining({ enrollmentId: own.id, dueOn: isoDay(60), status: 'due', daysLeft: 60 }),
    );
    expect((await t.http().get(`/api/v1/enrollments/${own.id}`).set(bearer(selfToken))).body.dueAt).toEqual(
      expect.any(String),
    );
  });

  it("enrols many people through learning's rule in one call: in progress or completed is linked, anyone else gets an assigned enrolment, and again changes nothing", async () => {
    const course = await newCourse('Олноор элсүүлэх сургалт');
    const people = await Promise.all(
      Array.from({ length: 200 }, () => createUser(t.db, { agency: 'ministry-finance-treasury' })),
    );
    const [learning, done] = people;
    const own = (
      await t
        .http()
        .post(`/api/v1/courses/${course}/enrollments`)
        .set(bearer(await tokenFor(t, learning.email)))
    ).body;
    const finished = (
      await t
        .http()
        .post(`/api/v1/courses/${course}/enrollments`)
        .set(bearer(await tokenFor(t, done.email)))
    ).body;
    await t.db.query(`UPDATE enrollments SET status = 'completed', completed_at = now() WHERE id = $1`, [finished.id]);
    const dueAt = new Date(Date.now() + 30 * 86_400_000);
    const enrol = () =>
      t.db.transaction((m) =>
        t.app.get(EnrollmentsService).enrollMany(
          m,
          course,
          people.map((p) => ({ userId: p.id, dueAt })),
        ),
      );
    const first = await enrol();
    expect(first.size).toBe(200);
    expect(first.get(learning.id)).toBe(own.id);
    expect(first.get(done.id)).toBe(finished.id);
    const rows = await t.db.query(`SELECT user_id, id, source, due_at, status FROM enrollments WHERE course_id = $1`, [
      course,
    ]);
    expect(rows).toHaveLength(200);
    const fresh = rows.filter((r: { user_id: string }) => r.user_id !== learning.id && r.user_id !== done.id);
    expect(
      fresh.every(
        (r: { source: string; due_at: Date; status: string; id: string; user_id: string }) =>
          r.source === 'assigned' &&
          r.status === 'in_progress' &&
          r.due_at.getTime() === dueAt.getTime() &&
          first.get(r.user_id) === r.id,
      ),
    ).toBe(true);
    expect(await enrol()).toEqual(first);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM enrollments WHERE course_id = $1`, [course]))[0].n).toBe(
      200,
    );
  });

  it('reaches late joiners and transfers with deadlines relative to when they joined', async () => {
    const budget = await agencyByCode(t.db, 'ministry-finance-budget-policy');
    const specialist = await positionByCode(t.db, 'specialist');
    const longServing = await createUser(t.db, { agency: 'ministry-finance-budget-policy' });
    await t.db.query(`UPDATE users SET agency_since = $2::date WHERE id = $1`, [longServing.id, isoDay(-400)]);
    const recent = await createUser(t.db, { agency: 'ministry-finance-budget-policy' });
    await t.db.query(`UPDATE users SET agency_since = $2::date WHERE id = $1`, [recent.id, isoDay(-10)]);
    const onboarding = await newCourse('Шинэ албан хаагчийн чиглүүлэх сургалт');
    const created = await t
      .http()
      .post('/api/v1/assignments')
      .set(bearer(hrFinance.token))
      .send({ courseId: onboarding, target: { agencyId: budget.id }, due: { daysAfterJoining: 30 } });
    expect(created.status).toBe(201);
    await until(async () => (await assignmentUsers(created.body.id)).length >= 2 || undefined);
    const due = async (userId: string) =>
      (await assignmentUsers(created.body.id)).find((r: { user_id: string }) => r.user_id === userId)?.due_on;
    expect(await due(recent.id)).toBe(isoDay(20)); // joined 10 days ago: 30 days from joining
    expect(await due(longServing.id)).toBe(isoDay(30)); // joined long ago: 30 days from being reached

    // A new hire through the API (user.created) …
    const hired = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(hrFinance.token))
      .send({
        email: `hire-${Date.now()}@test.chadavkhi.mn`,
        name: 'Шинэ Ажилтан',
        agencyId: budget.id,
        positionId: specialist.id,
      });
    expect(hired.status).toBe(202);
    const [{ id: hiredId }] = await t.db.query(`SELECT id FROM users WHERE email = $1`, [hired.body.email]);
    expect(await until(async () => due(hiredId))).toBe(isoDay(30));
    // … and a transfer in (identity's UsersService.place dates it and emits user.moved) each get their own deadline.
    const treasury = await agencyByCode(t.db, 'ministry-finance-treasury');
    const mover = await createUser(t.db, { agency: 'ministry-finance-treasury' });
    await t.db.query(`UPDATE users SET agency_since = $2::date WHERE id = $1`, [mover.id, isoDay(-400)]);
    const place = (to: { agencyId: string }) => t.db.transaction((m) => t.app.get(UsersService).place(m, mover.id, to));
    expect(await place({ agencyId: budget.id })).toBe(true);
    expect(await place({ agencyId: budget.id })).toBe(false); // no change, no event
    const moves = await t.db.query(
      `SELECT payload FROM outbox_events WHERE type = 'user.moved' AND payload->>'userId' = $1`,
      [mover.id],
    );
    expect(moves.map((r: { payload: object }) => r.payload)).toEqual([
      {
        userId: mover.id,
        agencyId: budget.id,
        previousAgencyId: treasury.id,
        positionId: mover.positionId,
        previousPositionId: mover.positionId,
        isActive: true,
        wasActive: true,
        on: isoDay(0),
      },
    ]);
    expect(await until(async () => due(mover.id))).toBe(isoDay(30)); // joined the agency today, not 400 days ago
    // Moving out again releases them (not completed), and their enrolment loses the due date.
    await place({ agencyId: treasury.id });
    await until(async () => ((await due(mover.id)) === undefined ? true : undefined));
    const [enrolment] = await t.db.query(`SELECT due_at FROM enrollments WHERE user_id = $1 AND course_id = $2`, [
      mover.id,
      onboarding,
    ]);
    expect(enrolment.due_at).toBeNull();
  });

  it('counts overdue, and figures equal a direct recount after concurrent completions with duplicated and retried jobs', async () => {
    // Earlier tests inserted people straight into the database (no events): start from settled figures.
    await t.app.get(MetricsService).recomputeAll();
    const customs = await agencyByCode(t.db, 'customs-general-administration');
    const learners = await Promise.all(
      Array.from({ length: 6 }, () => createUser(t.db, { agency: 'customs-general-administration' })),
    );
    const course = await newCourse('Гаалийн ёс зүй');
    const a = (
      await t
        .http()
        .post('/api/v1/assignments')
        .set(bearer(hrFinance.token))
        .send({ courseId: course, target: { agencyId: customs.id }, due: { date: isoDay(10) } })
    ).body;
    await until(async () => (await assignmentUsers(a.id)).length === 6 || undefined);
    // Two of them let the due date pass (time moves on: the due day is put in the past).
    await t.db.query(
      `UPDATE assignment_users SET due_on = $2::date WHERE assignment_id = $1 AND user_id = ANY($3::uuid[])`,
      [a.id, isoDay(-3), [learners[0].id, learners[1].id]],
    );
    // Four complete at once (one of the overdue two among them).
    await Promise.all(
      learners.slice(1, 5).map(async (l) => {
        const token = await tokenFor(t, l.email);
        const [{ enrollment_id }] = await t.db.query(
          `SELECT enrollment_id FROM assignment_users WHERE assignment_id = $1 AND user_id = $2`,
          [a.id, l.id],
        );
        await completeCourse(token, enrollment_id);
      }),
    );
    const jobs = t.app.get(JobQueueRepository);
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        jobs.add('metrics', 'enrollment.completed', { agencyId: customs.id }, `dup-completed-${i}`),
      ),
    );
    await Promise.all(Array.from({ length: 3 }, () => t.app.get(MetricsService).recomputeWithAncestors(customs.id)));

    const recount = async (code: string) =>
      (
        await t.db.query(
          `WITH s AS (SELECT u.id FROM users u JOIN agencies a ON a.id = u.agency_id JOIN agencies r ON a.path @> ARRAY[r.id] WHERE r.code = $1 AND u.is_active)
           SELECT (SELECT count(*)::int FROM s) AS headcount,
                  (SELECT count(*)::int FROM enrollments e JOIN s ON s.id = e.user_id WHERE e.status = 'completed') AS completed,
                  (SELECT count(*)::int FROM assignment_users au JOIN s ON s.id = au.user_id JOIN assignments x ON x.id = au.assignment_id AND x.cancelled_at IS NULL) AS assigned,
                  (SELECT count(*)::int FROM assignment_users au JOIN s ON s.id = au.user_id JOIN assignments x ON x.id = au.assignment_id AND x.cancelled_at IS NULL
                     JOIN enrollments e ON e.id = au.enrollment_id WHERE e.status <> 'completed' AND au.due_on < (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date) AS overdue,
                  (SELECT count(DISTINCT c.user_id)::int FROM certificates c JOIN s ON s.id = c.user_id WHERE c.revoked_at IS NULL) AS certified`,
          [code],
        )
      )[0];
    const finance = await agencyByCode(t.db, 'ministry-finance');
    const figures = await until(async () => {
      const expected = await recount('ministry-finance');
      const body = (await t.http().get(`/api/v1/agencies/${finance.id}/metrics`).set(bearer(hrFinance.token))).body;
      const f = body.figures;
      const certifiedNow = (
        await t.db.query(`SELECT count(*)::int AS n FROM certificates WHERE course_id = $1`, [course])
      )[0].n;
      const settled =
        ['headcount', 'completed', 'assigned', 'overdue'].every((k) => f[k] === expected[k]) &&
        f.certifiedPeople === expected.certified;
      return certifiedNow === 4 && settled ? { body, expected } : undefined;
    }, 30000);
    const { body, expected } = figures;
    expect(body.figures).toEqual(
      expect.objectContaining({
        headcount: expected.headcount,
        completed: expected.completed,
        assigned: expected.assigned,
        overdue: expected.overdue,
        certifiedPeople: expected.certified,
      }),
    );
    expect(body.figures.overdue).toBeGreaterThanOrEqual(1);
    const customsFigures = body.subAgencies.find(
      (s: { code: string }) => s.code === 'customs-general-administration',
    ).figures;
    expect(customsFigures).toEqual(expect.objectContaining({ assigned: 6, assignedCompleted: 4, overdue: 1 }));
    // The overdue learner sees it too.
    const overdue = (
      await t
        .http()
        .get('/api/v1/me/assignments')
        .set(bearer(await tokenFor(t, learners[0].email)))
    ).body;
    expect(overdue).toEqual(expect.objectContaining({ overdue: 1, due: 0 }));
    expect(overdue.items[0]).toEqual(expect.objectContaining({ status: 'overdue', daysLeft: -3 }));

    // Competency coverage: a specialist needs ethics at level 2; the course gives it at level 1 until it is said to build level 2.
    const profile = (await t.http().get(`/api/v1/users/${learners[2].id}/competencies`).set(bearer(hrFinance.token)))
      .body;
    expect(profile.competencies.find((c: { code: string }) => c.code === 'ethics')).toEqual(
      expect.objectContaining({ requiredLevel: 2, heldLevel: 1, gap: true }),
    );
    await t.db.query(`INSERT INTO course_competencies (course_id, competency_code, level) VALUES ($1, 'ethics', 2)`, [
      course,
    ]);
    const after = (await t.http().get(`/api/v1/users/${learners[2].id}/competencies`).set(bearer(hrFinance.token)))
      .body;
    expect(after.competencies.find((c: { code: string }) => c.code === 'ethics')).toEqual(
      expect.objectContaining({ heldLevel: 2, gap: false }),
    );
    const gaps = (await t.http().get(`/api/v1/agencies/${customs.id}/competency-gaps`).set(bearer(hrFinance.token)))
      .body;
    expect(gaps.byCompetency.find((c: { code: string }) => c.code === 'ethics')).toEqual(
      expect.objectContaining({ people: 6, required: 6, covered: 4 }),
    );
  });

  it('keeps an HR officer inside their subtree', async () => {
    const health = await agencyByCode(t.db, 'ministry-health');
    const finance = await agencyByCode(t.db, 'ministry-finance');
    expectProblem(
      await t
        .http()
        .post('/api/v1/assignments')
        .set(bearer(hrFinance.token))
        .send({ courseId, target: { agencyId: health.id }, due: { date: isoDay(30) } }),
      403,
    );
    const outsider = await createUser(t.db, { agency: 'ministry-health' });
    expectProblem(
      await t
        .http()
        .post('/api/v1/assignments')
        .set(bearer(hrFinance.token))
        .send({ courseId, target: { userIds: [outsider.id] }, due: { date: isoDay(30) } }),
      422,
    );
    expectProblem(
      await t
        .http()
        .post('/api/v1/assignments')
        .set(bearer(hrFinance.token))
        .send({ courseId, target: { agencyId: finance.id }, due: { date: isoDay(-1) } }),
      422,
    );
    expectProblem(
      await t
        .http()
        .post('/api/v1/assignments')
        .set(bearer(hrFinance.token))
        .send({ courseId, target: { agencyId: finance.id }, due: { date: isoDay(5), daysAfterJoining: 5 } }),
      422,
    );
    const learner = await tokenFor(t, (await createUser(t.db)).email);
    expectProblem(
      await t
        .http()
        .post('/api/v1/assignments')
        .set(bearer(learner))
        .send({ courseId, target: { agencyId: finance.id }, due: { date: isoDay(30) } }),
      403,
    );

    const theirs = (
      await t
        .http()
        .post('/api/v1/assignments')
        .set(bearer(hrHealth))
        .send({ courseId, target: { agencyId: health.id }, due: { date: isoDay(30) } })
    ).body;
    expectProblem(await t.http().get(`/api/v1/assignments/${theirs.id}`).set(bearer(hrFinance.token)), 404);
    const listed = (await t.http().get('/api/v1/assignments?limit=100').set(bearer(hrFinance.token))).body;
    expect(listed.items.map((a: { id: string }) => a.id)).not.toContain(theirs.id);
    expect(listed.items.length).toBeGreaterThan(0);
    expectProblem(await t.http().get(`/api/v1/assignments?agencyId=${health.id}`).set(bearer(hrFinance.token)), 403);
    expect(
      (await t.http().get('/api/v1/assignments?limit=100').set(bearer(admin))).body.items.map(
        (a: { id: string }) => a.id,
      ),
    ).toContain(theirs.id);
    expectProblem(await t.http().get(`/api/v1/users/${outsider.id}/competencies`).set(bearer(hrFinance.token)), 404);
    expectProblem(
      await t.http().get(`/api/v1/agencies/${health.id}/competency-gaps`).set(bearer(hrFinance.token)),
      403,
    );
    expectProblem(await t.http().delete(`/api/v1/assignments/${theirs.id}`).set(bearer(hrFinance.token)), 404);
  });

  it('renews yearly: a completed round opens the next one with a new enrolment on the same version', async () => {
    const person = await createUser(t.db, { agency: 'ministry-finance-state-administration' });
    const token = await tokenFor(t, person.email);
    const course = await newCourse('Жил бүрийн ёс зүйн сургалт');
    const a = (
      await t
        .http()
        .post('/api/v1/assignments')
        .set(bearer(hrFinance.token))
        .send({ courseId: course, target: { userIds: [person.id] }, due: { date: isoDay(30) }, renewYearly: true })
    ).body;
    const [first] = await until(async () => ((await assignmentUsers(a.id)).length ? assignmentUsers(a.id) : undefined));
    await completeCourse(token, first.enrollment_id);
    expect(await t.app.get(AssignmentReachService).openRenewals()).toEqual(expect.objectContaining({ opened: 0 }));
    // Eleven months later (the completion moved back in time): the next round opens 30 days before
    // it is due, a year after the completion (a round opened late still gets 30 days).
    await t.db.query(`UPDATE enrollments SET completed_at = now() - interval '335 days' WHERE id = $1`, [
      first.enrollment_id,
    ]);
    const completedDay = (
      await t.db.query(
        `SELECT to_char(((completed_at AT TIME ZONE 'Asia/Ulaanbaatar')::date + interval '1 year')::date, 'YYYY-MM-DD') AS d FROM enrollments WHERE id = $1`,
        [first.enrollment_id],
      )
    )[0].d;
    expect((await t.app.get(AssignmentReachService).openRenewals()).opened).toBe(1);
    expect((await t.app.get(AssignmentReachService).openRenewals()).opened).toBe(0);
    const [second] = await assignmentUsers(a.id);
    expect(second).toEqual(expect.objectContaining({ cycle: 2, due_on: completedDay }));
    expect(completedDay).toBe(isoDay(30));
    expect(second.enrollment_id).not.toBe(first.enrollment_id);
    const [enrolment] = await t.db.query(`SELECT status, renewal, course_version_id FROM enrollments WHERE id = $1`, [
      second.enrollment_id,
    ]);
    expect(enrolment).toEqual(expect.objectContaining({ status: 'in_progress', renewal: 1 }));
    const mine = (await t.http().get('/api/v1/me/assignments').set(bearer(token))).body.items;
    expect(mine[0]).toEqual(expect.objectContaining({ cycle: 2, status: 'due', enrollmentId: second.enrollment_id }));
  });

  it('e-mails a reminder before the due date once, and the HR officer a weekly digest of overdue people', async () => {
    const person = await createUser(t.db, { agency: 'ministry-finance-state-administration', name: 'Доржийн Сувд' });
    const course = await newCourse('Мэдээллийн ил тод байдал');
    const a = (
      await t
        .http()
        .post('/api/v1/assignments')
        .set(bearer(hrFinance.token))
        .send({ courseId: course, target: { userIds: [person.id] }, due: { date: isoDay(3) } })
    ).body;
    await until(async () => (await assignmentUsers(a.id)).length || undefined);
    const processor = t.app.get(MetricsProcessor);
    expect((await processor.daily()).reminders).toBeGreaterThanOrEqual(1);
    expect((await processor.daily()).reminders).toBe(0);
    const [reminder] = await smtp.waitFor(person.email);
    expect(reminder.subject).toBe('3 хоногийн дараа дуусгах ёстой: Мэдээллийн ил тод байдал');
    expect(reminder.text).toContain('https://training.example.mn/learn/');

    await t.db.query(`UPDATE assignment_users SET due_on = $2::date WHERE assignment_id = $1`, [a.id, isoDay(-5)]);
    const repo = t.app.get(AssignmentReachService);
    expect(await repo.queueWeeklyDigests()).toBeGreaterThanOrEqual(1);
    await repo.queueWeeklyDigests(); // a second run in the same week: the same notification, no second e-mail
    const [digest] = await smtp.waitFor(hrFinance.email);
    expect(digest.subject).toMatch(/^Сургалтын долоо хоногийн тойм: \d+ хугацаа хэтэрсэн$/);
    expect(digest.text).toContain('Доржийн Сувд');
    expect(digest.text).toContain('https://training.example.mn/hr?status=overdue');
    await untilQueuesDrained(t, ['notifications']);
    expect(smtp.to(person.email)).toHaveLength(1);
    expect(smtp.to(hrFinance.email)).toHaveLength(1);
    // The health officer's digest never names finance staff.
    for (const mail of smtp.to(hrHealthEmail)) expect(mail.text).not.toContain('Доржийн Сувд');
  });
});
