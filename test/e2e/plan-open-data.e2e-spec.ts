// Approved plans as open data: JSON and CSV with no personal data and no figure about fewer than
// five people, described in the one Data Package (read by Frictionless's own library); a draft is not
// published; a citizen comments on a published plan and the owning agency answers it through the
// comment mechanism documents use (deadline in working days, counts per agency).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Package } from 'datapackage';
import { parse } from 'yaml';
import { AccountabilityContentService, competencyFramework } from '@chadavkhi/accountability';
import { courseBody } from '../support/courses';
import { agencyByCode, createUser, positionByCode, TestUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

const content = join(__dirname, '..', '..', 'content');
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 24 * 3600 * 1000).toISOString().slice(0, 10);

describe('plans as open data, and citizens’ comments on them', () => {
  let t: TestApp;
  let hr: string;
  let hrHealth: string;
  let planId: string;
  let draftId: string;
  const people: TestUser[] = [];

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 }, { listen: true });
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
    const hrUser = await createUser(t.db, {
      roles: ['hr_officer'],
      agency: 'ministry-finance',
      name: 'Нууц Хүнийнөөц',
    });
    people.push(hrUser);
    hr = await tokenFor(t, hrUser.email);
    const headUser = await createUser(t.db, { roles: ['agency_head'], agency: 'ministry-finance', name: 'Нууц Дарга' });
    people.push(headUser);
    const head = await tokenFor(t, headUser.email);
    hrHealth = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-health' })).email);
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const courseId = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer)).expect(201);
    for (let i = 0; i < 6; i++)
      people.push(
        await createUser(t.db, {
          agency: 'ministry-finance-treasury',
          position: 'tax-inspector',
          name: `Байцаагч ${i}`,
        }),
      );
    for (let i = 0; i < 2; i++)
      people.push(
        await createUser(t.db, {
          agency: 'ministry-finance-budget-policy',
          position: 'tax-inspector',
          name: `Цөөн ${i}`,
        }),
      );

    const finance = (await agencyByCode(t.db, 'ministry-finance')).id;
    const treasury = (await agencyByCode(t.db, 'ministry-finance-treasury')).id;
    const budgetPolicy = (await agencyByCode(t.db, 'ministry-finance-budget-policy')).id;
    const inspector = (await positionByCode(t.db, 'tax-inspector')).id;
    const line = (targetAgencyId: string, seats: number) => ({
      competencyCode: 'ethics',
      targetAgencyId,
      positionIds: [inspector],
      modality: 'online',
      courseId,
      seats,
      quarter: 2,
      cost: 100_000,
      kpi: 'Бүгд дүүргэнэ',
      kpiMeasure: 'completed_share',
      kpiTarget: 100,
    });
    planId = (
      await t.http().post('/api/v1/plans').set(bearer(hr)).send({ agencyId: finance, year: 2027, budget: 500_000 })
    ).body.id;
    await t.http().post(`/api/v1/plans/${planId}/lines`).set(bearer(hr)).send(line(treasury, 6)).expect(201);
    const { body: withLines } = await t
      .http()
      .post(`/api/v1/plans/${planId}/lines`)
      .set(bearer(hr))
      .send(line(budgetPolicy, 2))
      .expect(201);
    const { body: submitted } = await t.http().post(`/api/v1/plans/${planId}/submit`).set(bearer(hr));
    await t
      .http()
      .post(`/api/v1/plans/${planId}/approve`)
      .set(bearer(head))
      .send({ revision: submitted.revision })
      .expect(200);
    for (const [agencyId, count] of [
      [treasury, 6],
      [budgetPolicy, 2],
    ] as const) {
      const { body: assignment } = await t
        .http()
        .post('/api/v1/assignments')
        .set(bearer(hr))
        .send({ courseId, target: { agencyId, positionId: inspector }, due: { date: isoDay(60) } })
        .expect(201);
      await until(async () =>
        (await t.http().get(`/api/v1/assignments/${assignment.id}`).set(bearer(hr))).body.people === count
          ? true
          : undefined,
      );
      const lineId = withLines.lines.find((l: { targetAgency: { id: string } }) => l.targetAgency.id === agencyId).id;
      await t
        .http()
        .post(`/api/v1/plans/${planId}/lines/${lineId}/deliveries`)
        .set(bearer(hr))
        .send({ assignmentId: assignment.id })
        .expect(200);
    }
    await until(async () => {
      const { body } = await t.http().get(`/api/v1/plans/${planId}/actuals`).set(bearer(hr));
      return body.totals.reached === 8 ? true : undefined;
    });
    draftId = (
      await t
        .http()
        .post('/api/v1/plans')
        .set(bearer(hrHealth))
        .send({
          agencyId: (await agencyByCode(t.db, 'ministry-health')).id,
          year: 2027,
          budget: 1,
        })
    ).body.id;
  });
  afterAll(() => t.close());

  it('publishes approved plans with plan vs actual, no personal data and no group under five', async () => {
    const { body } = await t.http().get('/api/v1/open-data/capacity-plans.json').expect(200);
    expect(body.plans).toHaveLength(1);
    // The line that reached two people is withheld, and not added into the plan's totals either.
    expect(body.plans[0]).toEqual(
      expect.objectContaining({
        plan_id: planId,
        year: 2027,
        version: 1,
        budget: 500_000,
        allocated: 200_000,
        lines: 2,
      }),
    );
    expect(body.plans[0]).toEqual(expect.objectContaining({ seats: 8, reached: 6, completed: 0 }));
    const { body: one } = await t.http().get(`/api/v1/open-data/plans/${planId}`).expect(200);
    expect(one.lines.map((l: { seats: number; reached: number | null }) => [l.seats, l.reached]).sort()).toEqual([
      [2, null],
      [6, 6],
    ]);
    expectProblem(await t.http().get(`/api/v1/open-data/plans/${draftId}`), 404);

    const csv = (await t.http().get('/api/v1/open-data/capacity-plan-lines.csv').expect(200)).text;
    expect(csv.split('\r\n')[0]).toBe(
      'line_id,plan_id,agency_code,year,quarter,competency_code,competency_name_mn,competency_name_en,target_agency_code,position_codes,modality,course_title,provider,seats,cost,spent,reached,completed,certified,kpi,kpi_measure,kpi_target,kpi_value',
    );
    const everything = [
      JSON.stringify(body),
      JSON.stringify(one),
      csv,
      (await t.http().get('/api/v1/open-data/capacity-plans.csv')).text,
    ].join('\n');
    for (const p of people) {
      expect(everything).not.toContain(p.id);
      expect(everything).not.toContain(p.email);
      expect(everything).not.toContain(p.name);
    }
    for (const key of Object.keys(one.plan).concat(Object.keys(one.lines[0])))
      expect(key).not.toMatch(/email|user|person|registration|submitted|approved_by|recorded/);
  });

  it('describes the plans’ files in the one Data Package, which Frictionless reads and casts', async () => {
    const pkg = await Package.load(`${t.url}/api/v1/open-data/datapackage.json`);
    expect(pkg.errors.map(String)).toEqual([]);
    expect(pkg.valid).toBe(true);
    expect(pkg.descriptor.resources.map((r: { name: string }) => r.name)).toEqual([
      'agency-metrics',
      'course-evaluations',
      'capacity-plans',
      'capacity-plan-lines',
    ]);
    const plans = (await pkg.getResource('capacity-plans').read({ keyed: true, cast: true })) as Record<
      string,
      unknown
    >[];
    expect(plans[0]).toEqual(expect.objectContaining({ plan_id: planId, year: 2027, reached: 6 }));
    expect(plans[0].approved_at).toBeInstanceOf(Date);
    const lines = (await pkg.getResource('capacity-plan-lines').read({ keyed: true, cast: true })) as Record<
      string,
      unknown
    >[];
    expect(lines.map((l) => l.reached).sort()).toEqual([6, null].sort());
  });

  it('takes a citizen’s comment on a published plan, answered by the owning agency within the deadline', async () => {
    const posted = await t.http().post(`/api/v1/open-data/plans/${planId}/comments`).send({
      name: 'Иргэн Бат',
      email: 'bat@example.mn',
      body: 'Татварын байцаагчдын сургалтад яагаад 2-р улирал вэ?',
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual(
      expect.objectContaining({ subjectKind: 'capacity_plan', subjectId: planId, documentId: null, response: null }),
    );
    expect(new Date(posted.body.dueAt).getTime()).toBeGreaterThan(Date.now());
    expectProblem(
      await t.http().post(`/api/v1/open-data/plans/${draftId}/comments`).send({ name: 'Иргэн', body: 'Асуулт' }),
      404,
    );

    // On the owning agency's list (with the commenter's e-mail, never shown publicly), and counted.
    const { body: list } = await t.http().get('/api/v1/knowledge/comments').set(bearer(hr));
    expect(list.items).toEqual([
      expect.objectContaining({
        id: posted.body.id,
        email: 'bat@example.mn',
        documentTitle: expect.stringContaining('2027'),
      }),
    ]);
    const { body: counts } = await t.http().get('/api/v1/knowledge/comments/overdue-counts');
    expect(counts).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'ministry-finance', open: 1 })]));

    // Another agency cannot answer it; the owning agency's HR does, once.
    expectProblem(
      await t
        .http()
        .post(`/api/v1/knowledge/comments/${posted.body.id}/response`)
        .set(bearer(hrHealth))
        .send({ response: 'Бид' }),
      403,
    );
    const answered = await t
      .http()
      .post(`/api/v1/knowledge/comments/${posted.body.id}/response`)
      .set(bearer(hr))
      .send({ response: 'Шинэ байцаагчид 2-р улиралд томилогдоно.' });
    expect(answered.status).toBe(201);
    expectProblem(
      await t
        .http()
        .post(`/api/v1/knowledge/comments/${posted.body.id}/response`)
        .set(bearer(hr))
        .send({ response: 'Дахин' }),
      409,
    );
    const { body: publicList } = await t.http().get(`/api/v1/open-data/plans/${planId}/comments`).expect(200);
    expect(publicList.items).toEqual([
      expect.objectContaining({ response: 'Шинэ байцаагчид 2-р улиралд томилогдоно.', overdue: false }),
    ]);
    expect(JSON.stringify(publicList)).not.toContain('bat@example.mn');

    // The same on the public pages: the plan listed on /open-data, its page with the answer.
    const openData = (await t.http().get('/open-data').expect(200)).text;
    expect(openData).toContain(`/open-data/plans/${planId}`);
    const page = (await t.http().get(`/open-data/plans/${planId}`).expect(200)).text;
    expect(page).toContain('Шинэ байцаагчид 2-р улиралд томилогдоно.');
    expect(page).not.toContain('bat@example.mn');
    expect((await t.http().get(`/open-data/plans/${draftId}`)).status).toBe(404);
  });
});
