// Agency figures from the metrics queue equal a direct recount after a burst of concurrent
// completions with duplicated jobs; HR sees only its subtree; open data is aggregate-only.
import { MetricsService } from '@chadavkhi/accountability';
import { JobQueueRepository } from '../../libs/platform/src/queue/job-queue.repository';
import { agencyByCode, createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

describe('agency metrics and open data', () => {
  let t: TestApp;
  let hrFinance: string;
  let hrHealth: string;

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });
    hrFinance = await tokenFor(
      t,
      (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).email,
    );
    hrHealth = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-health' })).email);
  });
  afterAll(() => t.close());

  /** What the figures must be, counted straight from the source rows. */
  async function recount(agencyCode: string) {
    const [row] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM users u JOIN agencies a ON a.id = u.agency_id WHERE a.path @> ARRAY[r.id]) AS headcount,
              (SELECT count(*)::int FROM enrollments e JOIN users u ON u.id = e.user_id JOIN agencies a ON a.id = u.agency_id WHERE a.path @> ARRAY[r.id]) AS enrolled,
              (SELECT count(*)::int FROM enrollments e JOIN users u ON u.id = e.user_id JOIN agencies a ON a.id = u.agency_id WHERE a.path @> ARRAY[r.id] AND e.status = 'completed') AS completed,
              (SELECT count(DISTINCT c.user_id)::int FROM certificates c JOIN users u ON u.id = c.user_id JOIN agencies a ON a.id = u.agency_id WHERE a.path @> ARRAY[r.id] AND c.revoked_at IS NULL) AS certified
         FROM agencies r WHERE r.code = $1`,
      [agencyCode],
    );
    return row;
  }

  it('equals a direct recount after a burst of concurrent completions with duplicated and retried jobs', async () => {
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const course = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body;
    await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer));
    const learners = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createUser(t.db, { agency: i % 2 ? 'tax-general-department' : 'customs-general-administration' }),
      ),
    );
    const tokens = await Promise.all(learners.map((l) => tokenFor(t, l.email)));
    await Promise.all(
      tokens.map(async (token, i) => {
        const enrollment = (await t.http().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(token))).body;
        if (i === 7) return; // one stays in progress
        const detail = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(token))).body;
        await Promise.all(
          detail.modules
            .flatMap((m: { lessons: { id: string }[] }) => m.lessons)
            .map((l: { id: string }) =>
              t.http().post(`/api/v1/enrollments/${enrollment.id}/lessons/${l.id}/complete`).set(bearer(token)),
            ),
        );
      }),
    );
    // Duplicates and retries: the same events again under other job ids, and direct recomputes racing them.
    const tax = await agencyByCode(t.db, 'tax-general-department');
    const jobs = t.app.get(JobQueueRepository);
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        jobs.add('metrics', 'enrollment.completed', { agencyId: tax.id }, `dup-${i}`),
      ),
    );
    await Promise.all(Array.from({ length: 3 }, () => t.app.get(MetricsService).recomputeWithAncestors(tax.id)));

    const expected = await recount('ministry-finance');
    expect(expected.completed).toBeGreaterThanOrEqual(7);
    const figures = await until(async () => {
      const certified = (await recount('ministry-finance')).certified;
      const body = (
        await t
          .http()
          .get(`/api/v1/agencies/${(await agencyByCode(t.db, 'ministry-finance')).id}/metrics`)
          .set(bearer(hrFinance))
      ).body;
      return certified === 7 && body.figures?.certifiedPeople === 7 && body.figures.completed === expected.completed
        ? body
        : undefined;
    }, 30000);
    const now = await recount('ministry-finance');
    expect(figures.figures).toEqual(
      expect.objectContaining({
        headcount: now.headcount,
        enrolled: now.enrolled,
        completed: now.completed,
        certifiedPeople: now.certified,
      }),
    );
    expect(figures.subAgencies.map((s: { code: string }) => s.code)).toEqual(
      expect.arrayContaining(['tax-general-department', 'customs-general-administration']),
    );
    const taxFigures = figures.subAgencies.find((s: { code: string }) => s.code === 'tax-general-department').figures;
    const taxNow = await recount('tax-general-department');
    expect(taxFigures).toEqual(expect.objectContaining({ enrolled: taxNow.enrolled, completed: taxNow.completed }));
  });

  it('keeps a daily snapshot for charts, one row per agency per day however often it runs', async () => {
    const finance = await agencyByCode(t.db, 'ministry-finance');
    await t.app.get(MetricsService).snapshot();
    await t.app.get(MetricsService).snapshot();
    const history = (
      await t.http().get(`/api/v1/agencies/${finance.id}/metrics/history?days=30`).set(bearer(hrFinance))
    ).body;
    expect(history.days).toHaveLength(1);
    expect(history.days[0]).toEqual(
      expect.objectContaining({
        day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        completed: expect.any(Number),
        headcount: expect.any(Number),
      }),
    );
    expectProblem(await t.http().get(`/api/v1/agencies/${finance.id}/metrics/history`).set(bearer(hrHealth)), 403);
    expectProblem(
      await t.http().get(`/api/v1/agencies/${finance.id}/metrics/history?days=5000`).set(bearer(hrFinance)),
      400,
    );
  });

  it("never shows an HR officer another subtree's figures", async () => {
    const finance = await agencyByCode(t.db, 'ministry-finance');
    const health = await agencyByCode(t.db, 'ministry-health');
    expectProblem(await t.http().get(`/api/v1/agencies/${finance.id}/metrics`).set(bearer(hrHealth)), 403);
    expect((await t.http().get(`/api/v1/agencies/${health.id}/metrics`).set(bearer(hrHealth))).status).toBe(200);
    const learner = await tokenFor(t, (await createUser(t.db)).email);
    expectProblem(await t.http().get(`/api/v1/agencies/${finance.id}/metrics`).set(bearer(learner)), 403);
  });

  it('publishes open data without personal data, leaving out agencies under five people', async () => {
    // Four more people outside any listed ministry, so the government minus its listed ministries is
    // a group of five or more (see the differencing rule in open-data.service.spec.ts).
    await Promise.all(Array.from({ length: 4 }, () => createUser(t.db, { agency: 'national-statistics-office' })));
    await t.app.get(MetricsService).recomputeAll();
    const json = await t.http().get('/api/v1/open-data/agency-metrics.json');
    expect(json.status).toBe(200);
    expect(json.body.schema.columns).toContain('completion_rate');
    const codes = json.body.rows.map((r: { agency_code: string }) => r.agency_code);
    expect(codes).toEqual(expect.arrayContaining(['government', 'ministry-finance']));
    for (const row of json.body.rows) expect(row.headcount).toBeGreaterThanOrEqual(5);
    expect(codes).not.toContain('ministry-health'); // one HR officer and one learner only
    const text = JSON.stringify(json.body);
    expect(text).not.toMatch(/@test\.chadavkhi\.mn|Тест Хэрэглэгч|user_id|email/);
    const csv = await t.http().get('/api/v1/open-data/agency-metrics.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe(json.body.schema.columns.join(','));
  });
});
