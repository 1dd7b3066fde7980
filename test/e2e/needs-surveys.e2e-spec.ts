// The training needs survey: HR opens it for a subtree and a year; a person rates themselves against
// their position's competencies and their supervisor gives their view, within the window; the same
// answers again change nothing; answers for someone else, after the window or about competencies the
// position does not require are refused; HR types in paper sheets; the needs report puts the survey
// beside the certificate-based gaps (JSON and CSV).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AccountabilityContentService, competencyFramework } from '@chadavkhi/accountability';
import { agencyByCode, createUser, TestUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

const content = join(__dirname, '..', '..', 'content');
const day = (offset: number) =>
  new Date(Date.now() + 8 * 3600 * 1000 + offset * 24 * 3600 * 1000).toISOString().slice(0, 10);

describe('training needs survey', () => {
  let t: TestApp;
  let hr: string;
  let hrHealth: string;
  let inspector: TestUser & { token: string };
  let boss: TestUser & { token: string };
  let treasury: string;
  let surveyId: string;
  let closedId: string;

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
    hr = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).email);
    hrHealth = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-health' })).email);
    const b = await createUser(t.db, {
      agency: 'ministry-finance-treasury',
      position: 'specialist',
      name: 'Дарга Болд',
    });
    boss = Object.assign(b, { token: await tokenFor(t, b.email) });
    const i = await createUser(t.db, {
      agency: 'ministry-finance-treasury',
      position: 'tax-inspector',
      name: 'Байцаагч Сараа',
    });
    inspector = Object.assign(i, { token: await tokenFor(t, i.email) });
    await t.db.query(`UPDATE users SET supervisor_id = $1 WHERE id = $2`, [boss.id, inspector.id]);
    treasury = (await agencyByCode(t.db, 'ministry-finance-treasury')).id;
  });
  afterAll(() => t.close());

  const answer = (token: string, id: string, body: Record<string, unknown>) =>
    t.http().post(`/api/v1/needs-surveys/${id}/answers`).set(bearer(token)).send(body);

  it('is opened by HR for its own subtree, once a year', async () => {
    const body = { agencyId: treasury, year: 2027, opensOn: day(-1), closesOn: day(10) };
    const opened = await t.http().post('/api/v1/needs-surveys').set(bearer(hr)).send(body);
    expect(opened.status).toBe(201);
    surveyId = opened.body.id;
    expect(expectProblem(await t.http().post('/api/v1/needs-surveys').set(bearer(hr)).send(body), 409).type).toMatch(
      /survey-exists$/,
    );
    expectProblem(
      await t
        .http()
        .post('/api/v1/needs-surveys')
        .set(bearer(hrHealth))
        .send({ ...body, year: 2028 }),
      403,
    );
    expectProblem(
      await t
        .http()
        .post('/api/v1/needs-surveys')
        .set(bearer(inspector.token))
        .send({ ...body, year: 2028 }),
      403,
    );
    const backwards = await t
      .http()
      .post('/api/v1/needs-surveys')
      .set(bearer(hr))
      .send({ ...body, year: 2028, opensOn: day(5), closesOn: day(1) });
    expect(expectProblem(backwards, 422).type).toMatch(/survey-window$/);
    closedId = (
      await t
        .http()
        .post('/api/v1/needs-surveys')
        .set(bearer(hr))
        .send({ agencyId: treasury, year: 2026, opensOn: day(-20), closesOn: day(-2) })
    ).body.id;
  });

  it('asks each person about themselves and each supervisor about their direct reports', async () => {
    const { body: mine } = await t.http().get('/api/v1/me/needs-surveys').set(bearer(inspector.token));
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0].subjects).toEqual([expect.objectContaining({ userId: inspector.id, rater: 'self' })]);
    expect(mine.items[0].subjects[0].questions).toEqual(
      expect.arrayContaining([expect.objectContaining({ competencyCode: 'ethics', required: 3, answer: null })]),
    );
    const { body: bosses } = await t.http().get('/api/v1/me/needs-surveys').set(bearer(boss.token));
    expect(bosses.items[0].subjects.map((s: { userId: string; rater: string }) => [s.userId, s.rater])).toEqual([
      [boss.id, 'self'],
      [inspector.id, 'supervisor'],
    ]);
  });

  it('takes answers once (a repeat changes nothing), and refuses someone else’s, late ones and foreign competencies', async () => {
    const mine = {
      userId: inspector.id,
      rater: 'self',
      ratings: [
        { competencyCode: 'ethics', level: 2 },
        { competencyCode: 'data-protection', level: 2 },
      ],
    };
    expect((await answer(inspector.token, surveyId, mine)).body).toEqual({ changed: 2 });
    expect((await answer(inspector.token, surveyId, mine)).body).toEqual({ changed: 0 });
    expect(
      (await answer(inspector.token, surveyId, { ...mine, ratings: [{ competencyCode: 'ethics', level: 1 }] })).body,
    ).toEqual({ changed: 1 });

    expect(expectProblem(await answer(inspector.token, surveyId, { ...mine, userId: boss.id }), 403).type).toMatch(
      /not-your-answer$/,
    );
    expectProblem(await answer(inspector.token, surveyId, { ...mine, rater: 'supervisor' }), 403);
    expect(
      expectProblem(
        await answer(inspector.token, surveyId, { ...mine, ratings: [{ competencyCode: 'budgeting', level: 1 }] }),
        422,
      ).type,
    ).toMatch(/competency-not-required$/);
    expectProblem(
      await answer(inspector.token, surveyId, { ...mine, ratings: [{ competencyCode: 'ethics', level: 7 }] }),
      400,
    );
    expect(expectProblem(await answer(inspector.token, closedId, mine), 409).type).toMatch(/survey-closed$/);
    const outside = await createUser(t.db, { agency: 'ministry-health', position: 'specialist' });
    expect(
      expectProblem(await answer(hr, surveyId, { ...mine, userId: outside.id, source: 'paper' }), 422).type,
    ).toMatch(/person-outside-survey$/);

    // The supervisor's view of their report.
    const view = { userId: inspector.id, rater: 'supervisor', ratings: [{ competencyCode: 'ethics', level: 1 }] };
    expect((await answer(boss.token, surveyId, view)).body).toEqual({ changed: 1 });
  });

  it('takes paper sheets typed in by HR after the window, within the grace period', async () => {
    const sheet = {
      userId: boss.id,
      rater: 'self',
      source: 'paper',
      ratings: [{ competencyCode: 'ethics', level: 2 }],
    };
    expect((await answer(hr, closedId, sheet)).body).toEqual({ changed: 1 });
    expectProblem(await answer(hrHealth, closedId, sheet), 403);
    const [row] = await t.db.query(
      `SELECT source, entered_by FROM needs_survey_answers WHERE survey_id = $1 AND user_id = $2`,
      [closedId, boss.id],
    );
    expect(row.source).toBe('paper');
  });

  it('reports the needs per competency beside the certificate-based gaps, as JSON and CSV', async () => {
    const { body } = await t.http().get(`/api/v1/needs-surveys/${surveyId}/report`).set(bearer(hr)).expect(200);
    expect(body.agency.id).toBe(treasury);
    expect(body.rows.find((r: { competencyCode: string }) => r.competencyCode === 'ethics')).toEqual(
      expect.objectContaining({
        people: 2,
        certificateGaps: 2,
        selfAnswered: 1,
        selfBelow: 1,
        supervisorAnswered: 1,
        supervisorBelow: 1,
      }),
    );
    const csv = (await t.http().get(`/api/v1/needs-surveys/${surveyId}/report.csv`).set(bearer(hr)).expect(200)).text;
    expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
      'competency_code,competency_name_mn,competency_name_en,people,certificate_gaps,self_answered,self_below,supervisor_answered,supervisor_below',
    );
    expectProblem(await t.http().get(`/api/v1/needs-surveys/${surveyId}/report`).set(bearer(hrHealth)), 404);
    expectProblem(await t.http().get(`/api/v1/needs-surveys/${surveyId}/report`).set(bearer(inspector.token)), 403);
    const health = (await agencyByCode(t.db, 'ministry-health')).id;
    expectProblem(
      await t.http().get(`/api/v1/needs-surveys/${surveyId}/report?agencyId=${health}`).set(bearer(hr)),
      422,
    );
  });
});
