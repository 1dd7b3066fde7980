// The knowledge repository in the browser without JavaScript: anyone searches and reads what is
// public and comments on it; civil servants see more, write with a preview, send for review and
// publish; the owning agency answers comments. Visibility holds on every page.
import { CommentsService } from '@chadavkhi/knowledge';
import { ValidationProblemException } from '@chadavkhi/platform';
import { createUser } from '../support/factories';
import { importFixtures, indexSettled } from '../support/knowledge';
import { startTestApp, TestApp } from '../support/test-app';
import { location, PageSession, signInPage } from '../support/web';

describe('knowledge pages', () => {
  let t: TestApp;
  let slugs: Map<string, string>;
  let ministry: PageSession; // learner at ministry-finance
  let citizen: () => ReturnType<TestApp['http']>;

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });
    slugs = await importFixtures(t);
    ministry = await signInPage(t, (await createUser(t.db, { agency: 'ministry-finance' })).email);
    citizen = () => t.http();
    await indexSettled(t);
  });
  afterAll(() => t.close());

  const anon = (path: string) => citizen().get(path).set('accept', 'text/html');

  it('lets anyone search the public documents, with typos forgiven, highlights and facets', async () => {
    const page = await anon('/knowledge?q=procurment');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/knowledge/documents/${slugs.get('public-procurement-guideline')}"`);
    expect(page.text).toMatch(/<mark>[Pp]rocuremen(t)?<\/mark>/); // Meilisearch marks the typo-matched part
    expect(page.text).not.toContain(slugs.get('budget-planning-internal'));
    const all = await anon('/knowledge');
    expect(all.text).not.toContain(slugs.get('budget-planning-internal')); // internal: not for the public
    expect(all.text).not.toContain(slugs.get('tax-audit-lessons')); // agency-only
    expect(all.text).toContain('Нэвтрэх'); // the header offers sign-in
    const english = await anon('/knowledge?type=guideline&lang=en');
    expect(english.text).toContain('Public procurement guideline for small purchases');
    expect(english.text).toContain('Clear this filter');
  });

  it('shows civil servants what they may see, and 404 for what they may not', async () => {
    expect((await ministry.get('/knowledge')).text).toContain(slugs.get('budget-planning-internal'));
    expect((await anon(`/knowledge/documents/${slugs.get('budget-planning-internal')}`)).status).toBe(404);
    expect((await ministry.get(`/knowledge/documents/${slugs.get('budget-planning-internal')}`)).status).toBe(200);
    const outsider = await signInPage(t, (await createUser(t.db, { agency: 'aimag-khovsgol' })).email);
    expect((await outsider.get(`/knowledge/documents/${slugs.get('tax-audit-lessons')}`)).status).toBe(404);
    expect((await outsider.get('/knowledge?q=zebracorn')).text).not.toContain(slugs.get('tax-audit-lessons'));
  });

  it("refuses a comment's bad email the same way from the API, the page (in its language) and the service", async () => {
    const docId = slugs.get('information-transparency-law')!;
    const comment = { name: 'Бат', email: 'not-an-address', body: 'Сайн уу' };
    const api = await citizen().post(`/api/v1/knowledge/documents/${docId}/comments`).send(comment);
    expect(api.status).toBe(400);
    expect(api.body.errors).toEqual([{ field: 'email', messages: ['email must be an email address'] }]);
    const direct = await t.app
      .get(CommentsService)
      .create(null, docId, comment, '192.0.2.7')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((direct as ValidationProblemException).fieldErrors).toEqual(api.body.errors);
    const mn = await citizen()
      .post(`/knowledge/documents/${docId}/comments`)
      .set('accept', 'text/html')
      .type('form')
      .send(comment);
    expect(mn.status).toBe(422);
    expect(mn.text).toContain('name@example.mn хэлбэрийн и-мэйл хаяг оруулна уу.');
    const en = await citizen()
      .post(`/knowledge/documents/${docId}/comments?lang=en`)
      .set('accept', 'text/html')
      .type('form')
      .send(comment);
    expect(en.text).toContain('Enter an email address such as name@example.mn.');
    expect(
      await t.db.query(`SELECT 1 FROM knowledge_comments WHERE document_id = $1 AND email = 'not-an-address'`, [docId]),
    ).toHaveLength(0);
  });

  it('takes a public comment from a citizen and an answer from the owning agency', async () => {
    const docId = slugs.get('information-transparency-law')!;
    const doc = await anon(`/knowledge/documents/${docId}`);
    expect(doc.status).toBe(200);
    expect(doc.text).toContain('Иргэдийн санал');
    const empty = await citizen()
      .post(`/knowledge/documents/${docId}/comments`)
      .set('accept', 'text/html')
      .type('form')
      .send({ name: '', body: '' });
    expect(empty.status).toBe(422);
    const foreign = await citizen()
      .post(`/knowledge/documents/${docId}/comments`)
      .set('origin', 'https://evil.example')
      .type('form')
      .send({ name: 'Бат', body: 'Сайн уу' });
    expect(foreign.status).toBe(403);
    const sent = await citizen()
      .post(`/knowledge/documents/${docId}/comments`)
      .set('accept', 'text/html')
      .type('form')
      .send({ name: 'Б. Бат', email: 'bat@example.mn', body: 'Хүсэлтэд <b>хэдэн</b> хоногт хариулах вэ?' });
    expect(sent.status).toBe(303);
    const shown = await anon(`/knowledge/documents/${docId}`);
    expect(shown.text).toContain('Б. Бат');
    expect(shown.text).not.toContain('bat@example.mn');
    expect(shown.text).not.toContain('<b>хэдэн</b>');
    expect(shown.text).toContain('Хариулах хугацаа');

    // Someone outside the owning agency cannot answer; its hr_officer can.
    const outsider = await signInPage(
      t,
      (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).email,
    );
    const inbox = await outsider.get('/knowledge/comments');
    expect(inbox.status).toBe(200);
    expect(inbox.text).not.toContain('Б. Бат');
    const [comment] = await t.db.query(`SELECT id FROM knowledge_comments WHERE document_id = $1`, [docId]);
    expect((await outsider.post(`/knowledge/comments/${comment.id}/response`, { response: 'Үгүй' })).status).toBe(403);
    const owner = await signInPage(
      t,
      (await createUser(t.db, { roles: ['hr_officer'], agency: 'cabinet-secretariat' })).email,
    );
    expect((await owner.get('/knowledge/comments')).text).toContain('Б. Бат');
    location(
      await owner.post(`/knowledge/comments/${comment.id}/response`, {
        response: 'Хуулийн дагуу ажлын 7 хоногт хариулна.',
      }),
    );
    expect((await anon(`/knowledge/documents/${docId}`)).text).toContain('Хуулийн дагуу ажлын 7 хоногт хариулна.');
    expect((await ministry.get('/knowledge/comments')).status).toBe(403); // a learner has no inbox
  });

  it('lets a civil servant write with a preview, send for review, and a reviewer publish it', async () => {
    const form = {
      title: 'Шилэн дансны тайлагнал',
      summary: 'Сар бүрийн тайлан',
      body: '## Алхам\n\n1. **Нэвтрэх**\n\n<script>alert(1)</script>',
      type: 'guideline',
      language: 'mn',
      visibility: 'internal',
      tags: 'шилэн данс, transparency',
      reviewBy: '2027-12-31',
    };
    const preview = await ministry.post('/knowledge/new', { ...form, action: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('<strong>Нэвтрэх</strong>');
    expect(preview.text.slice(preview.text.indexOf('id="preview"'))).not.toContain('<script');
    expect((await ministry.post('/knowledge/new', { ...form, tags: 'bad/tag!', action: 'save' })).status).toBe(422);
    const created = location(await ministry.post('/knowledge/new', { ...form, action: 'save' }));
    const id = /\/knowledge\/documents\/([0-9a-f-]{36})\?notice=created/.exec(created)![1];
    const draft = await ministry.get(created);
    expect(draft.text).toContain('Хянуулахаар илгээх');
    expect((await anon(`/knowledge/documents/${id}`)).status).toBe(404);
    location(await ministry.post(`/knowledge/documents/${id}/submit`));
    const reviewer = await signInPage(
      t,
      (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).email,
    );
    const review = (await reviewer.get(`/knowledge/documents/${id}`)).text;
    expect(review).toContain('Зөвшөөрч нийтлэх');
    expect(review).toContain('name="version" value="1"'); // approving names the version on the page

    // The author changes it while it waits: warned before saving, told after, and the reviewer's approval of what they read is refused.
    expect((await ministry.get(`/knowledge/documents/${id}/edit`)).text).toContain(
      'Энэ баримт бичиг хянуулахаар хүлээгдэж байна',
    );
    const saved = location(
      await ministry.post(`/knowledge/documents/${id}/edit`, {
        ...form,
        summary: 'Сар бүрийн тайлан, хавсралттай',
        action: 'save',
      }),
    );
    expect(saved).toBe(`/knowledge/documents/${id}?notice=savedReviewWithdrawn`);
    expect((await ministry.get(saved)).text).toContain('хянуулах хүсэлт цуцлагдлаа');
    const refused = await reviewer.post(`/knowledge/documents/${id}/approve`, { version: '1' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Баримт бичиг хянуулахаар хүлээгдэхээ больсон');
    location(await ministry.post(`/knowledge/documents/${id}/submit`));
    expect((await reviewer.post(`/knowledge/documents/${id}/approve`, { version: '1' })).text).toContain(
      'өөр хувилбар хянуулахаар хүлээгдэж байна',
    );
    expect(location(await reviewer.post(`/knowledge/documents/${id}/approve`, { version: '2' }))).toBe(
      `/knowledge/documents/${id}?notice=approved`,
    );
    location(
      await ministry.post(`/knowledge/documents/${id}/edit`, {
        ...form,
        title: 'Шилэн дансны сарын тайлагнал',
        action: 'save',
      }),
    );
    const versions = await ministry.get(`/knowledge/documents/${id}/versions`);
    expect(versions.text).toContain('2-р хувилбар');
    const outsider = await signInPage(t, (await createUser(t.db, { agency: 'aimag-khovsgol' })).email);
    expect((await outsider.get(`/knowledge/documents/${id}`)).status).toBe(200); // internal: any civil servant reads it
    expect((await outsider.get(`/knowledge/documents/${id}/edit`)).status).toBe(403); // but only its editors edit it
  });
});
