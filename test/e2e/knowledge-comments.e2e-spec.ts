// Public comments on public documents: anyone may comment (rate-limited, plain text), each comment
// has a working-day deadline, only the owning agency answers, and overdue counts are public.
import { createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { importFixtures } from '../support/knowledge';
import { startTestApp, TestApp } from '../support/test-app';

describe('knowledge comments', () => {
  let t: TestApp;
  let slugs: Map<string, string>;
  let procurementHr: string; // hr_officer of the public procurement agency, which owns the public guideline
  let otherHr: string;
  let learner: string;

  beforeAll(async () => {
    t = await startTestApp({ KNOWLEDGE_COMMENTS_PER_HOUR: 4, KNOWLEDGE_COMMENT_RESPONSE_DAYS: 15, TRUST_PROXY: true });
    slugs = await importFixtures(t);
    const users = await Promise.all([
      createUser(t.db, { roles: ['hr_officer'], agency: 'public-procurement-agency' }),
      createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' }),
      createUser(t.db, { agency: 'public-procurement-agency' }),
    ]);
    [procurementHr, otherHr, learner] = await Promise.all(users.map((u) => tokenFor(t, u.email)));
  });
  afterAll(() => t.close());

  const api = () => t.http();
  const comment = (slug: string, body: Record<string, unknown>, ip = '203.0.113.1') =>
    api()
      .post(`/api/v1/knowledge/documents/${slugs.get(slug)}/comments`)
      .set('x-forwarded-for', ip)
      .send(body);

  it('takes an anonymous comment on a public document as plain text, due in 15 working days', async () => {
    const before = Date.now();
    const r = await comment('public-procurement-guideline', {
      name: 'Б. Болд <b>',
      email: 'Bold@Example.mn',
      body: 'Хэзээ нийтлэх вэ? <script>alert(1)</script><img src=x onerror=alert(1)> A & B',
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual(
      expect.objectContaining({ name: 'Б. Болд', body: 'Хэзээ нийтлэх вэ?  A & B', response: null, overdue: false }),
    );
    expect(r.body.email).toBeUndefined();
    const days = (new Date(r.body.dueAt).getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(19); // 15 working days span at least three weeks
    expect(days).toBeLessThan(26);
    const listed = await api().get(`/api/v1/knowledge/documents/${slugs.get('public-procurement-guideline')}/comments`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: r.body.id, name: 'Б. Болд' })]);
    expect(JSON.stringify(listed.body)).not.toContain('example.mn');
  });

  it('answers 404 for comments on internal or agency-only documents to those who cannot see them, 403 to those who can', async () => {
    expectProblem(await comment('budget-planning-internal', { name: 'X', body: 'Hello' }), 404);
    expectProblem(await comment('tax-audit-lessons', { name: 'X', body: 'Hello' }), 404);
    expectProblem(
      await api()
        .post(`/api/v1/knowledge/documents/${slugs.get('budget-planning-internal')}/comments`)
        .set(bearer(learner))
        .send({ name: 'X', body: 'Hello' }),
      403,
    );
    expectProblem(await comment('public-procurement-guideline', { name: '', body: 'x'.repeat(4001) }), 400);
  });

  it('limits comments per address per hour', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < 4; i++)
      expect((await comment('information-transparency-law', { name: 'Спам', body: `#${i}` }, ip)).status).toBe(201);
    const refused = expectProblem(
      await comment('information-transparency-law', { name: 'Спам', body: 'one more' }, ip),
      429,
    );
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(
      (
        await comment(
          'information-transparency-law',
          { name: 'Other', body: 'Another address is fine' },
          '198.51.100.8',
        )
      ).status,
    ).toBe(201);
  });

  it('lets only the owning agency answer, once', async () => {
    const c = (await comment('public-procurement-guideline', { name: 'Иргэн', body: 'Асуулт' }, '203.0.113.9')).body;
    expectProblem(
      await api()
        .post(`/api/v1/knowledge/comments/${c.id}/response`)
        .set(bearer(otherHr))
        .send({ response: 'Not ours' }),
      403,
    );
    expectProblem(
      await api()
        .post(`/api/v1/knowledge/comments/${c.id}/response`)
        .set(bearer(learner))
        .send({ response: 'Not a reviewer' }),
      403,
    );
    expectProblem(await api().post(`/api/v1/knowledge/comments/${c.id}/response`).send({ response: 'Anonymous' }), 401);
    const answered = await api()
      .post(`/api/v1/knowledge/comments/${c.id}/response`)
      .set(bearer(procurementHr))
      .send({ response: 'Таван ажлын өдрийн дотор.' });
    expect(answered.status).toBe(201);
    expect(answered.body).toEqual(
      expect.objectContaining({ response: 'Таван ажлын өдрийн дотор.', respondedAt: expect.any(String) }),
    );
    expectProblem(
      await api()
        .post(`/api/v1/knowledge/comments/${c.id}/response`)
        .set(bearer(procurementHr))
        .send({ response: 'Again' }),
      409,
    );
  });

  it("lists an agency's open and overdue comments for its hr_officer, and publishes overdue counts", async () => {
    const late = (
      await comment('public-procurement-guideline', { name: 'Хоцорсон', body: 'Хариу алга' }, '203.0.113.20')
    ).body;
    await t.db.query(`UPDATE knowledge_comments SET due_at = now() - interval '1 day' WHERE id = $1`, [late.id]);
    const overdue = await api().get('/api/v1/knowledge/comments?state=overdue').set(bearer(procurementHr));
    expect(overdue.status).toBe(200);
    expect(overdue.body.items).toEqual([
      expect.objectContaining({
        id: late.id,
        overdue: true,
        documentTitle: 'Public procurement guideline for small purchases',
      }),
    ]);
    const open = await api().get('/api/v1/knowledge/comments?state=open').set(bearer(procurementHr));
    expect(open.body.items.map((c: { id: string }) => c.id)).toContain(late.id);
    expect(open.body.items.every((c: { response: string | null }) => c.response === null)).toBe(true);
    expect((await api().get('/api/v1/knowledge/comments?state=overdue').set(bearer(otherHr))).body.items).toEqual([]);
    const [{ id: procurementAgency }] = await t.db.query(
      `SELECT id FROM agencies WHERE code = 'public-procurement-agency'`,
    );
    expectProblem(
      await api().get(`/api/v1/knowledge/comments?agencyId=${procurementAgency}`).set(bearer(otherHr)),
      403,
    );
    expectProblem(await api().get('/api/v1/knowledge/comments').set(bearer(learner)), 403);
    const counts = await api().get('/api/v1/knowledge/comments/overdue-counts');
    expect(counts.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'public-procurement-agency', overdue: 1, answered: 1 })]),
    );
  });

  it('stores and returns comments as inert text, markup written as entities included', async () => {
    const r = await comment(
      'information-transparency-law',
      {
        name: '&lt;svg onload=alert(1)&gt;Сараа',
        body: 'Асуулт &lt;img src=x onerror=alert(1)&gt; &amp;lt;svg onload=alert(1)&amp;gt;хэвээр? A &lt; B',
      },
      '203.0.113.30',
    );
    expect(r.status).toBe(201);
    expect(r.body).toEqual(expect.objectContaining({ name: 'Сараа', body: 'Асуулт  хэвээр? A < B' }));
    const listed = await api().get(`/api/v1/knowledge/documents/${slugs.get('information-transparency-law')}/comments`);
    const stored = listed.body.items.find((c: { id: string }) => c.id === r.body.id);
    for (const text of [r.body.name, r.body.body, stored.name, stored.body]) expect(text).not.toMatch(/<[A-Za-z!/?]/); // nothing a browser would build a tag from
  });

  it('lets exactly the hourly limit through when comments from one address arrive at once', async () => {
    const sent = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        comment('information-transparency-law', { name: 'Бөөн', body: `Зэрэг #${i}` }, '198.51.100.50'),
      ),
    );
    expect(sent.filter((r) => r.status === 201)).toHaveLength(4);
    const refused = sent.filter((r) => r.status === 429);
    expect(refused).toHaveLength(11);
    for (const r of refused) {
      expectProblem(r, 429);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM knowledge_comments WHERE name = 'Бөөн'`);
    expect(n).toBe(4);
  });
});
