// Capacity-building plans end to end: HR drafts a plan within its budget and subtree, the agency's
// head (and nobody else) approves exactly what they read, a change after approval is a new version
// with its reason, and spending is recorded against approved lines once per reference document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AccountabilityContentService, competencyFramework } from '@chadavkhi/accountability';
import { courseBody } from '../support/courses';
import { agencyByCode, createUser, positionByCode } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

const content = join(__dirname, '..', '..', 'content');

describe('capacity-building plans', () => {
  let t: TestApp;
  let hr: { token: string; id: string };
  let head: string;
  let headHealth: string;
  let hrHealth: string;
  let learner: string;
  let courseId: string;
  let finance: string;
  let treasury: string;
  let health: string;
  let inspector: string;

  beforeAll(async () => {
    t = await startTestApp();
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
    const hrUser = await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' });
    hr = { token: await tokenFor(t, hrUser.email), id: hrUser.id };
    head = await tokenFor(t, (await createUser(t.db, { roles: ['agency_head'], agency: 'ministry-finance' })).email);
    headHealth = await tokenFor(
      t,
      (await createUser(t.db, { roles: ['agency_head'], agency: 'ministry-health' })).email,
    );
    hrHealth = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-health' })).email);
    learner = await tokenFor(t, (await createUser(t.db, { agency: 'ministry-finance' })).email);
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    courseId = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    expect((await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer))).status).toBe(201);
    finance = (await agencyByCode(t.db, 'ministry-finance')).id;
    treasury = (await agencyByCode(t.db, 'ministry-finance-treasury')).id;
    health = (await agencyByCode(t.db, 'ministry-health')).id;
    inspector = (await positionByCode(t.db, 'tax-inspector')).id;
    await createUser(t.db, { agency: 'ministry-finance-treasury', position: 'tax-inspector' });
    await createUser(t.db, { agency: 'ministry-health', position: 'tax-inspector' });
  });
  afterAll(() => t.close());

  const line = (overrides: Record<string, unknown> = {}) => ({
    competencyCode: 'ethics',
    targetAgencyId: treasury,
    positionIds: [inspector],
    modality: 'online',
    courseId,
    seats: 40,
    quarter: 2,
    cost: 1_500_000,
    kpi: '80% of tax inspectors complete the ethics course by June',
    kpiMeasure: 'completed_share',
    kpiTarget: 80,
    ...overrides,
  });

  const audit = (planId: string) =>
    t.db.query(`SELECT action FROM audit_log_entries WHERE target_id = $1 ORDER BY created_at, id`, [planId]);

  it('drafts a plan within its budget and the agency’s subtree, and refuses what is outside either', async () => {
    const created = await t
      .http()
      .post('/api/v1/plans')
      .set(bearer(hr.token))
      .send({ agencyId: finance, year: 2027, budget: 5_000_000 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(
      expect.objectContaining({ status: 'draft', budget: 5_000_000, allocated: 0, approvedVersion: 0, lines: [] }),
    );
    const id = created.body.id;

    const again = await t
      .http()
      .post('/api/v1/plans')
      .set(bearer(hr.token))
      .send({ agencyId: finance, year: 2027, budget: 1 });
    expect(expectProblem(again, 409).type).toMatch(/plan-exists$/);

    const added = await t.http().post(`/api/v1/plans/${id}/lines`).set(bearer(hr.token)).send(line());
    expect(added.status).toBe(201);
    expect(added.body.allocated).toBe(1_500_000);
    expect(added.body.lines).toEqual([
      expect.objectContaining({
        competency: { code: 'ethics', name: expect.objectContaining({ en: 'Ethics and integrity' }) },
        targetAgency: expect.objectContaining({ id: treasury }),
        positions: [expect.objectContaining({ id: inspector, code: 'tax-inspector' })],
        course: { id: courseId, title: 'Төрийн албан хаагчийн ёс зүй', titleEn: 'Civil service ethics' },
        seats: 40,
        cost: 1_500_000,
        spent: 0,
      }),
    ]);

    // Over budget: refused with the figures, nothing written.
    const over = await t
      .http()
      .post(`/api/v1/plans/${id}/lines`)
      .set(bearer(hr.token))
      .send(line({ cost: 3_600_000 }));
    expect(expectProblem(over, 422)).toEqual(
      expect.objectContaining({
        type: expect.stringMatching(/over-budget$/),
        detail: expect.stringContaining('5,100,000'),
      }),
    );
    const below = await t.http().patch(`/api/v1/plans/${id}`).set(bearer(hr.token)).send({ budget: 1_000_000 });
    expect(expectProblem(below, 422).type).toMatch(/budget-below-allocated$/);

    // A target group outside the agency's subtree, or positions nobody there holds.
    const outside = await t
      .http()
      .post(`/api/v1/plans/${id}/lines`)
      .set(bearer(hr.token))
      .send(line({ targetAgencyId: health }));
    expect(expectProblem(outside, 422).type).toMatch(/target-outside-agency$/);
    const unheld = await t
      .http()
      .post(`/api/v1/plans/${id}/lines`)
      .set(bearer(hr.token))
      .send(line({ positionIds: [(await positionByCode(t.db, 'minister')).id] }));
    expect(expectProblem(unheld, 422).type).toMatch(/positions-outside-agency$/);
    const noCourse = await t
      .http()
      .post(`/api/v1/plans/${id}/lines`)
      .set(bearer(hr.token))
      .send(line({ courseId: undefined }));
    expect(expectProblem(noCourse, 422).type).toMatch(/course-required$/);
    const bad = await t
      .http()
      .post(`/api/v1/plans/${id}/lines`)
      .set(bearer(hr.token))
      .send(line({ seats: 0, quarter: 5, cost: -1 }));
    expectProblem(bad, 400);
    expect((await t.http().get(`/api/v1/plans/${id}`).set(bearer(hr.token))).body.lines).toHaveLength(1);

    // External training needs its provider, not a course.
    const external = await t
      .http()
      .post(`/api/v1/plans/${id}/lines`)
      .set(bearer(hr.token))
      .send(line({ modality: 'external', courseId: undefined, provider: 'Удирдлагын академи', cost: 500_000 }));
    expect(external.status).toBe(201);
    expect(external.body.allocated).toBe(2_000_000);
  });

  it('keeps plans inside each reader’s agencies, and edits to HR of the agency', async () => {
    const { body: plans } = await t.http().get('/api/v1/plans').set(bearer(hr.token));
    const id = plans.items.find((p: { year: number }) => p.year === 2027).id;
    expect((await t.http().get(`/api/v1/plans/${id}`).set(bearer(head))).status).toBe(200);
    expectProblem(await t.http().get(`/api/v1/plans/${id}`).set(bearer(hrHealth)), 404);
    expectProblem(await t.http().get(`/api/v1/plans/${id}`).set(bearer(headHealth)), 404);
    expectProblem(await t.http().get('/api/v1/plans').set(bearer(learner)), 403);
    expect((await t.http().get('/api/v1/plans').set(bearer(hrHealth))).body.total).toBe(0);
    expectProblem(await t.http().get(`/api/v1/plans?agencyId=${finance}`).set(bearer(hrHealth)), 403);
    expectProblem(
      await t.http().post('/api/v1/plans').set(bearer(hrHealth)).send({ agencyId: finance, year: 2028, budget: 1 }),
      403,
    );
    // The head approves, but does not write the plan.
    expectProblem(await t.http().post(`/api/v1/plans/${id}/lines`).set(bearer(head)).send(line()), 403);
    expectProblem(await t.http().post(`/api/v1/plans/${id}/lines`).set(bearer(hrHealth)).send(line()), 404);
  });

  it('is approved only by the agency’s head, for the revision they read; a change after approval is a new version with its reason', async () => {
    const { body: plans } = await t.http().get('/api/v1/plans?year=2027').set(bearer(hr.token));
    const id = plans.items[0].id;

    expectProblem(await t.http().post(`/api/v1/plans/${id}/approve`).set(bearer(head)).send({ revision: 1 }), 409);
    const submitted = await t.http().post(`/api/v1/plans/${id}/submit`).set(bearer(hr.token));
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.may).toEqual(expect.objectContaining({ edit: false, approve: false }));
    // Locked while the head decides.
    expect(
      expectProblem(await t.http().post(`/api/v1/plans/${id}/lines`).set(bearer(hr.token)).send(line()), 409).type,
    ).toMatch(/plan-submitted$/);

    // Without the right: an HR officer, an administrator-free route, the head of another agency.
    const revision = submitted.body.revision;
    expectProblem(await t.http().post(`/api/v1/plans/${id}/approve`).set(bearer(hr.token)).send({ revision }), 403);
    expectProblem(await t.http().post(`/api/v1/plans/${id}/approve`).set(bearer(headHealth)).send({ revision }), 404);
    expect(
      expectProblem(
        await t
          .http()
          .post(`/api/v1/plans/${id}/approve`)
          .set(bearer(head))
          .send({ revision: revision - 1 }),
        409,
      ).type,
    ).toMatch(/plan-changed$/);

    const { body: asHead } = await t.http().get(`/api/v1/plans/${id}`).set(bearer(head));
    expect(asHead.may.approve).toBe(true);
    const approved = await t.http().post(`/api/v1/plans/${id}/approve`).set(bearer(head)).send({ revision });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual(expect.objectContaining({ status: 'approved', approvedVersion: 1 }));

    // Approved: a change needs reopening with a reason; the approved version stays as it was.
    expect(
      expectProblem(await t.http().post(`/api/v1/plans/${id}/lines`).set(bearer(hr.token)).send(line()), 409).type,
    ).toMatch(/plan-approved$/);
    expectProblem(await t.http().post(`/api/v1/plans/${id}/reopen`).set(bearer(hr.token)).send({}), 400);
    const reopened = await t
      .http()
      .post(`/api/v1/plans/${id}/reopen`)
      .set(bearer(hr.token))
      .send({ reason: 'Шинэ байцаагчид томилогдсон / new inspectors appointed' });
    expect(reopened.body).toEqual(
      expect.objectContaining({ status: 'draft', approvedVersion: 1, changeReason: expect.stringContaining('new') }),
    );
    const firstLine = reopened.body.lines.find((l: { modality: string }) => l.modality === 'online');
    await t
      .http()
      .put(`/api/v1/plans/${id}/lines/${firstLine.id}`)
      .set(bearer(hr.token))
      .send(line({ seats: 60, cost: 2_000_000 }))
      .expect(200);
    const resubmitted = await t.http().post(`/api/v1/plans/${id}/submit`).set(bearer(hr.token));
    const v2 = await t
      .http()
      .post(`/api/v1/plans/${id}/approve`)
      .set(bearer(head))
      .send({ revision: resubmitted.body.revision });
    expect(v2.body).toEqual(expect.objectContaining({ status: 'approved', approvedVersion: 2, changeReason: null }));

    const { body: versions } = await t.http().get(`/api/v1/plans/${id}/versions`).set(bearer(head));
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.items[0]).toEqual(
      expect.objectContaining({ total: 2_500_000, reason: expect.stringContaining('new inspectors') }),
    );
    expect(versions.items[1]).toEqual(expect.objectContaining({ total: 2_000_000, reason: null }));
    const v1 = await t.http().get(`/api/v1/plans/${id}/versions/1`).set(bearer(hr.token));
    expect(v1.body.lines.find((l: { id: string }) => l.id === firstLine.id)).toEqual(
      expect.objectContaining({ seats: 40, cost: 1_500_000 }),
    );
    expectProblem(await t.http().get(`/api/v1/plans/${id}/versions/9`).set(bearer(hr.token)), 404);
    expect((await audit(id)).map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['plan.create', 'plan.submit', 'plan.approve', 'plan.reopen']),
    );
  });

  it('does not let the person who submitted a plan approve it, and lets the head return it', async () => {
    const both = await createUser(t.db, { roles: ['hr_officer', 'agency_head'], agency: 'ministry-finance' });
    const token = await tokenFor(t, both.email);
    const { body: plan } = await t
      .http()
      .post('/api/v1/plans')
      .set(bearer(token))
      .send({ agencyId: treasury, year: 2027, budget: 100_000 });
    await t
      .http()
      .post(`/api/v1/plans/${plan.id}/lines`)
      .set(bearer(token))
      .send(line({ cost: 0 }))
      .expect(201);
    const { body: submitted } = await t.http().post(`/api/v1/plans/${plan.id}/submit`).set(bearer(token));
    const own = await t
      .http()
      .post(`/api/v1/plans/${plan.id}/approve`)
      .set(bearer(token))
      .send({ revision: submitted.revision });
    expect(expectProblem(own, 403).type).toMatch(/own-submission$/);
    // The head of the ministry answers for its sub-agencies' plans too.
    const returned = await t
      .http()
      .post(`/api/v1/plans/${plan.id}/return`)
      .set(bearer(head))
      .send({ reason: 'Зардлыг тодруулна уу' });
    expect(returned.body.status).toBe('draft');
    expect((await audit(plan.id)).map((a: { action: string }) => a.action)).toContain('plan.return');
  });

  it('drafts a plan from the seeded competency gaps: the course that builds each, face to face for people offline', async () => {
    const office = (await agencyByCode(t.db, 'tax-large-taxpayers-office')).id;
    const online = await createUser(t.db, { agency: 'tax-large-taxpayers-office', position: 'specialist' });
    const onlineToken = await tokenFor(t, online.email); // signed in: learns online
    // The year's needs survey: the online specialist says they are below the ethics level.
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const { body: survey } = await t
      .http()
      .post('/api/v1/needs-surveys')
      .set(bearer(hr.token))
      .send({ agencyId: office, year: 2027, opensOn: today, closesOn: today })
      .expect(201);
    await t
      .http()
      .post(`/api/v1/needs-surveys/${survey.id}/answers`)
      .set(bearer(onlineToken))
      .send({ userId: online.id, rater: 'self', ratings: [{ competencyCode: 'ethics', level: 0 }] })
      .expect(200);
    await createUser(t.db, { agency: 'tax-large-taxpayers-office', position: 'specialist' }); // never signed in
    await createUser(t.db, { agency: 'tax-large-taxpayers-office', position: 'tax-inspector' });
    const body = { agencyId: office, year: 2027, budget: 10_000_000 };

    expectProblem(await t.http().post('/api/v1/plans/draft').set(bearer(hrHealth)).send(body), 403);
    expectProblem(await t.http().post('/api/v1/plans/draft').set(bearer(head)).send(body), 403);
    const drafted = await t.http().post('/api/v1/plans/draft').set(bearer(hr.token)).send(body);
    expect(drafted.status).toBe(201);
    expect(drafted.body).toEqual(expect.objectContaining({ status: 'draft', allocated: 0, approvedVersion: 0 }));
    const lines = drafted.body.lines as {
      competency: { code: string };
      modality: string;
      course: { id: string } | null;
      seats: number;
      quarter: number;
      positions: { code: string }[];
      targetAgency: { id: string };
      kpiMeasure: string;
    }[];
    // Ethics: both positions lack the level; the one person online learns online, the two offline face to face.
    const ethics = lines.filter((l) => l.competency.code === 'ethics');
    expect(ethics.map((l) => [l.modality, l.seats, l.course?.id]).sort()).toEqual([
      ['face_to_face', 2, courseId],
      ['online', 1, courseId],
    ]);
    expect(ethics[0].positions.map((p) => p.code).sort()).toEqual(['specialist', 'tax-inspector']);
    expect((ethics[0] as unknown as { kpi: string }).kpi).toContain('1 confirmed by the needs survey');
    expect(ethics.every((l) => l.quarter === 1 && l.targetAgency.id === office)).toBe(true);
    // No course builds conflict of interest: external training for all three.
    expect(lines.find((l) => l.competency.code === 'conflict-of-interest')).toEqual(
      expect.objectContaining({ modality: 'external', course: null, seats: 3 }),
    );
    // Every competency some position there requires and nobody holds, once (ethics twice: online and offline).
    expect(lines.map((l) => l.competency.code).sort()).toEqual(
      [
        'access-to-information',
        'asset-declaration',
        'citizen-service',
        'conflict-of-interest',
        'data-protection',
        'ethics',
        'ethics',
        'records-management',
      ].sort(),
    );
    expect(lines.every((l) => l.kpiMeasure === 'competency_coverage')).toBe(true);
    expect(lines.map((l) => l.quarter)).toEqual([...lines.map((l) => l.quarter)].sort());
    expect((await audit(drafted.body.id)).map((a: { action: string }) => a.action)).toEqual(['plan.draft']);
    expectProblem(await t.http().post('/api/v1/plans/draft').set(bearer(hr.token)).send(body), 409);
  });

  it('records spending against approved lines once per reference, never beyond a line’s allocation', async () => {
    const { body: plans } = await t.http().get(`/api/v1/plans?year=2027&agencyId=${finance}`).set(bearer(hr.token));
    const plan = (
      await t
        .http()
        .get(`/api/v1/plans/${plans.items.find((p: { agency: { id: string } }) => p.agency.id === finance).id}`)
        .set(bearer(hr.token))
    ).body;
    const lineId = plan.lines.find((l: { modality: string }) => l.modality === 'online').id;
    const spend = {
      lineId,
      amount: 750_000,
      spentOn: '2027-04-10',
      reference: 'ТШ-2027/014',
      note: 'Сургалтын танхим',
    };

    const first = await t.http().post(`/api/v1/plans/${plan.id}/spending`).set(bearer(hr.token)).send(spend);
    expect(first.status).toBe(201);
    expect(first.body).toEqual(expect.objectContaining({ amount: 750_000, reference: 'ТШ-2027/014', lineId }));
    const twice = await t.http().post(`/api/v1/plans/${plan.id}/spending`).set(bearer(hr.token)).send(spend);
    expect(twice.status).toBe(200);
    expect(twice.body.id).toBe(first.body.id);
    const changed = await t
      .http()
      .post(`/api/v1/plans/${plan.id}/spending`)
      .set(bearer(hr.token))
      .send({ ...spend, amount: 1 });
    expect(expectProblem(changed, 409).type).toMatch(/reference-used$/);
    const beyond = await t
      .http()
      .post(`/api/v1/plans/${plan.id}/spending`)
      .set(bearer(hr.token))
      .send({ ...spend, reference: 'ТШ-2027/015', amount: 1_250_001 });
    expect(expectProblem(beyond, 422).type).toMatch(/line-overspent$/);
    const badDay = await t
      .http()
      .post(`/api/v1/plans/${plan.id}/spending`)
      .set(bearer(hr.token))
      .send({ ...spend, reference: 'x', spentOn: '2027-02-30' });
    expect(expectProblem(badDay, 422).type).toMatch(/spent-on-invalid$/);
    expectProblem(
      await t
        .http()
        .post(`/api/v1/plans/${plan.id}/spending`)
        .set(bearer(head))
        .send({ ...spend, reference: 'y' }),
      403,
    );

    const { body: money } = await t.http().get(`/api/v1/plans/${plan.id}/spending`).set(bearer(head));
    expect(money).toEqual(expect.objectContaining({ budget: 5_000_000, allocated: 2_500_000, spent: 750_000 }));
    expect(money.items).toHaveLength(1);
    expect((await t.http().get(`/api/v1/plans/${plan.id}`).set(bearer(hr.token))).body.lines).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: lineId, spent: 750_000 })]),
    );

    // A line with spending stays in the plan, even after reopening.
    await t.http().post(`/api/v1/plans/${plan.id}/reopen`).set(bearer(hr.token)).send({ reason: 'Тодотгол' });
    const remove = await t.http().delete(`/api/v1/plans/${plan.id}/lines/${lineId}`).set(bearer(hr.token));
    expect(expectProblem(remove, 409).type).toMatch(/line-has-spending$/);
  });
});
