// Plan vs actual kept current through the real queues: a plan line linked to the assignment that
// delivers it counts the people the assignment reached, those who complete the course (online) and
// are certified, the spending, and the KPI against the agency's figures — with one history row a day.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AccountabilityContentService, competencyFramework } from '@chadavkhi/accountability';
import { courseBody } from '../support/courses';
import { agencyByCode, createUser, positionByCode } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

const content = join(__dirname, '..', '..', 'content');
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 24 * 3600 * 1000).toISOString().slice(0, 10);

describe('plan vs actual', () => {
  let t: TestApp;
  let hr: string;
  let head: string;
  let hrHealth: string;
  let courseId: string;
  let planId: string;
  let lineId: string;
  let coverageLineId: string;
  let trainer: string;
  const inspectors: { id: string; token: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });
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
    hr = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).email);
    head = await tokenFor(t, (await createUser(t.db, { roles: ['agency_head'], agency: 'ministry-finance' })).email);
    hrHealth = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-health' })).email);
    trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    courseId = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer)).expect(201);
    // The course builds ethics at level 3, what a tax inspector's position requires.
    await t.db.query(`INSERT INTO course_competencies (course_id, competency_code, level) VALUES ($1, 'ethics', 3)`, [
      courseId,
    ]);
    for (let i = 0; i < 3; i++) {
      const u = await createUser(t.db, { agency: 'ministry-finance-treasury', position: 'tax-inspector' });
      inspectors.push({ id: u.id, token: await tokenFor(t, u.email) });
    }
  });
  afterAll(() => t.close());

  async function completeCourse(token: string, enrollmentId: string) {
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollmentId}`).set(bearer(token))).body;
    for (const l of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons))
      await t.http().post(`/api/v1/enrollments/${enrollmentId}/lessons/${l.id}/complete`).set(bearer(token));
  }

  const actuals = (token = hr) => t.http().get(`/api/v1/plans/${planId}/actuals`).set(bearer(token));

  it('counts the people an approved line’s assignment reached, through the queues', async () => {
    const treasury = (await agencyByCode(t.db, 'ministry-finance-treasury')).id;
    const inspector = (await positionByCode(t.db, 'tax-inspector')).id;
    const { body: plan } = await t
      .http()
      .post('/api/v1/plans')
      .set(bearer(hr))
      .send({ agencyId: (await agencyByCode(t.db, 'ministry-finance')).id, year: 2027, budget: 3_000_000 });
    planId = plan.id;
    const line = {
      competencyCode: 'ethics',
      targetAgencyId: treasury,
      positionIds: [inspector],
      modality: 'online',
      courseId,
      seats: 3,
      quarter: 1,
      cost: 1_000_000,
      kpi: 'Хоёр гуравны нэг нь дүүргэнэ / two thirds complete',
      kpiMeasure: 'completed_share',
      kpiTarget: 66,
    };
    const withLine = await t.http().post(`/api/v1/plans/${planId}/lines`).set(bearer(hr)).send(line);
    const withTwo = await t
      .http()
      .post(`/api/v1/plans/${planId}/lines`)
      .set(bearer(hr))
      .send({
        ...line,
        kpiMeasure: 'competency_coverage',
        kpiTarget: 90,
        cost: 0,
        quarter: 3,
        kpi: 'Ethics coverage 90%',
      });
    lineId = withLine.body.lines[0].id;
    coverageLineId = withTwo.body.lines.find((l: { kpiMeasure: string }) => l.kpiMeasure === 'competency_coverage').id;
    const { body: submitted } = await t.http().post(`/api/v1/plans/${planId}/submit`).set(bearer(hr));
    await t
      .http()
      .post(`/api/v1/plans/${planId}/approve`)
      .set(bearer(head))
      .send({ revision: submitted.revision })
      .expect(200);

    const { body: assignment } = await t
      .http()
      .post('/api/v1/assignments')
      .set(bearer(hr))
      .send({ courseId, target: { agencyId: treasury, positionId: inspector }, due: { date: isoDay(90) } })
      .expect(201);
    await until(async () =>
      (await t.http().get(`/api/v1/assignments/${assignment.id}`).set(bearer(hr))).body.people === 3 ? true : undefined,
    );

    // Another course's assignment does not deliver this line.
    const wrong = await t
      .http()
      .post(`/api/v1/plans/${planId}/lines/${lineId}/deliveries`)
      .set(bearer(hr))
      .send({ sessionId: assignment.id });
    expect(expectProblem(wrong, 422).type).toMatch(/delivery-not-found$/);
    const linked = await t
      .http()
      .post(`/api/v1/plans/${planId}/lines/${lineId}/deliveries`)
      .set(bearer(hr))
      .send({ assignmentId: assignment.id });
    expect(linked.status).toBe(200);
    expect(linked.body.lines.find((l: { id: string }) => l.id === lineId).deliveries).toEqual([
      { kind: 'assignment', id: assignment.id },
    ]);

    const counted = await until(async () => {
      const r = await actuals();
      const l = r.body.lines.find((x: { lineId: string }) => x.lineId === lineId);
      return l?.reached === 3 ? r.body : undefined;
    });
    expect(counted.lines.find((x: { lineId: string }) => x.lineId === lineId)).toEqual(
      expect.objectContaining({ seats: 3, reached: 3, completed: 0, certified: 0, kpiValue: 0, deliveries: 1 }),
    );
    // Nobody holds ethics yet: the agency's coverage of the competency is 0.
    expect(counted.lines.find((x: { lineId: string }) => x.lineId === coverageLineId).kpiValue).toBe(0);
  });

  it('moves with completions and certificates, and keeps a history row a day', async () => {
    const enrolments: { user_id: string; enrollment_id: string }[] = await t.db.query(
      `SELECT au.user_id, au.enrollment_id FROM assignment_users au WHERE au.user_id = ANY($1::uuid[])`,
      [inspectors.map((i) => i.id)],
    );
    for (const who of inspectors.slice(0, 2))
      await completeCourse(who.token, enrolments.find((e) => e.user_id === who.id)!.enrollment_id);

    const done = await until(async () => {
      const r = await actuals();
      const l = r.body.lines.find((x: { lineId: string }) => x.lineId === lineId);
      return l?.completed === 2 && l?.certified === 2 ? r.body : undefined;
    }, 30000);
    expect(done.lines.find((x: { lineId: string }) => x.lineId === lineId)).toEqual(
      expect.objectContaining({ reached: 3, completed: 2, certified: 2, kpiValue: 66.67, kpiTarget: 66 }),
    );
    // Level 4: two of the three inspectors of the target group now hold ethics at their position's level.
    expect(done.lines.find((x: { lineId: string }) => x.lineId === coverageLineId).kpiValue).toBe(66.67);
    expect(done.totals).toEqual(expect.objectContaining({ seats: 6, reached: 3, completed: 2, certified: 2 }));

    // Spending moves the actual too.
    await t
      .http()
      .post(`/api/v1/plans/${planId}/spending`)
      .set(bearer(hr))
      .send({ lineId, amount: 400_000, spentOn: isoDay(0), reference: 'НХ-01' })
      .expect(201);
    await until(async () =>
      (await actuals()).body.lines.find((x: { lineId: string }) => x.lineId === lineId).spent === 400_000
        ? true
        : undefined,
    );

    const history = await until(async () => {
      const r = await t.http().get(`/api/v1/plans/${planId}/actuals/history`).set(bearer(head));
      return r.body.days.length === 1 && r.body.days[0].spent === 400_000 ? r.body : undefined;
    });
    expect(history.days[0]).toEqual(
      expect.objectContaining({ day: isoDay(0), reached: 3, completed: 2, certified: 2 }),
    );

    const { body: list } = await t.http().get('/api/v1/plans').set(bearer(head));
    expect(list.items[0]).toEqual(
      expect.objectContaining({ id: planId, seats: 6, reached: 3, completed: 2, certified: 2 }),
    );
  });

  it('links a face-to-face session from the HR page; people it registered count once', async () => {
    const treasury = (await agencyByCode(t.db, 'ministry-finance-treasury')).id;
    const { body: session } = await t
      .http()
      .post('/api/v1/sessions')
      .set(bearer(trainer))
      .send({
        courseId,
        agencyId: treasury,
        place: 'Төрийн сангийн танхим',
        startsAt: new Date(Date.now() + 48 * 3600 * 1000).toISOString(),
        endsAt: new Date(Date.now() + 52 * 3600 * 1000).toISOString(),
        capacity: 10,
      })
      .expect(201);
    await t
      .http()
      .post(`/api/v1/sessions/${session.id}/registrations`)
      .set(bearer(hr))
      .send({ userId: inspectors[2].id })
      .expect((r) => expect([200, 201]).toContain(r.status));
    const page = await t.http().get(`/hr/plans/${planId}`).set(bearer(hr)).expect(200);
    expect(page.text).toContain(`session:${session.id}`);
    const posted = await t
      .http()
      .post(`/hr/plans/${planId}/lines/${lineId}/deliveries`)
      .set(bearer(hr))
      .type('form')
      .send({ delivery: `session:${session.id}` });
    expect(posted.status).toBe(303);
    const line = await until(async () => {
      const { body } = await actuals();
      const l = body.lines.find((x: { lineId: string }) => x.lineId === lineId);
      return l.deliveries === 2 ? l : undefined;
    });
    // The inspector the session registered was reached by the assignment already: still three people.
    expect(line.reached).toBe(3);
  });

  it('shows plan vs actual only within the reader’s agencies', async () => {
    expect((await actuals(head)).status).toBe(200);
    expectProblem(await actuals(hrHealth), 404);
    expectProblem(await actuals(inspectors[0].token), 403);
    expectProblem(await t.http().get(`/api/v1/plans/${planId}/actuals/history?from=yesterday`).set(bearer(hr)), 400);
  });
});
