// Knowledge documents through the API: visibility (404, never 403, for what you may not see),
// versions, governance with its denials, malicious Markdown, and attachments typed by content.
import { createHash } from 'node:crypto';
import { zipSync, strToU8 } from 'fflate';
import { createUser } from '../support/factories';
import { answerBeforeBody, bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { signInPage } from '../support/web';
import { hostileDocx, hostileXlsx } from '../support/zip-bombs';

describe('knowledge documents', () => {
  let t: TestApp;
  let author: string; // learner at the tax department
  let colleague: string; // learner in the same agency
  let subAgencyUser: string; // learner at tax-audit-department (a sub-agency of the tax department)
  let ministryUser: string; // learner at ministry-finance (the tax department's parent: outside its subtree)
  let taxHr: string; // reviewer of the tax department
  let taxHr2: string;
  let otherHr: string; // hr_officer of an unrelated agency
  let authorEmail: string;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await Promise.all([
      createUser(t.db, { agency: 'tax-general-department' }),
      createUser(t.db, { agency: 'tax-general-department' }),
      createUser(t.db, { agency: 'tax-audit-department' }),
      createUser(t.db, { agency: 'ministry-finance' }),
      createUser(t.db, { roles: ['hr_officer'], agency: 'tax-general-department' }),
      createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' }),
      createUser(t.db, { roles: ['hr_officer'], agency: 'civil-service-council' }),
    ]);
    [author, colleague, subAgencyUser, ministryUser, taxHr, taxHr2, otherHr] = await Promise.all(
      users.map((u) => tokenFor(t, u.email)),
    );
    authorEmail = users[0].email;
  });
  afterAll(() => t.close());

  const api = () => t.http();
  const body = (overrides: Record<string, unknown> = {}) => ({
    title: 'Татварын хяналт шалгалтын заавар',
    summary: 'Шалгалтын үе шат',
    body: '## Үе шат\n\nЭхлээд **төлөвлөнө**.',
    type: 'guideline',
    tags: ['audit', 'Татвар'],
    language: 'mn',
    visibility: 'agency',
    reviewBy: '2030-01-01',
    ...overrides,
  });
  const create = async (token: string, overrides: Record<string, unknown> = {}) => {
    const r = await api().post('/api/v1/knowledge/documents').set(bearer(token)).send(body(overrides));
    expect(r.status).toBe(201);
    return r.body;
  };
  const get = (id: string, token?: string) =>
    token
      ? api().get(`/api/v1/knowledge/documents/${id}`).set(bearer(token))
      : api().get(`/api/v1/knowledge/documents/${id}`);

  it('keeps a draft to its editors, and answers 404 (not 403) to everyone else', async () => {
    const doc = await create(author);
    expect(doc).toEqual(
      expect.objectContaining({
        status: 'draft',
        version: 1,
        tags: ['audit', 'татвар'],
        stale: false,
        editor: expect.objectContaining({
          currentVersion: 1,
          publishedVersion: null,
          requiresApproval: true,
          canReview: false,
        }),
      }),
    );
    expect((await get(doc.id, author)).status).toBe(200);
    expect((await get(doc.id, taxHr)).body.editor.canReview).toBe(true);
    for (const token of [colleague, subAgencyUser, ministryUser, otherHr]) expectProblem(await get(doc.id, token), 404);
    expectProblem(await get(doc.id), 404);
    expectProblem(
      await api()
        .patch(`/api/v1/knowledge/documents/${doc.id}`)
        .set(bearer(ministryUser))
        .send({ title: 'Hijacked title' }),
      404,
    );
  });

  it('needs approval by a reviewer of the owning agency, not by the author or an outsider', async () => {
    const doc = await create(author);
    expectProblem(await api().post(`/api/v1/knowledge/documents/${doc.id}/publish`).set(bearer(author)), 403);
    expectProblem(
      await api().patch(`/api/v1/knowledge/documents/${doc.id}`).set(bearer(author)).send({ requiresApproval: false }),
      403,
    );
    const submitted = await api().post(`/api/v1/knowledge/documents/${doc.id}/submit`).set(bearer(author));
    expect(submitted.body.status).toBe('in_review');
    expectProblem(
      await api().post(`/api/v1/knowledge/documents/${doc.id}/approve`).set(bearer(author)).send({ version: 1 }),
      403,
    );
    expectProblem(
      await api().post(`/api/v1/knowledge/documents/${doc.id}/approve`).set(bearer(otherHr)).send({ version: 1 }),
      404,
    );
    const queue = await api().get('/api/v1/knowledge/documents?scope=review&status=in_review').set(bearer(taxHr2));
    expect(queue.body.items.map((d: { id: string }) => d.id)).toContain(doc.id); // the ministry's hr_officer reviews its sub-agencies
    const approved = await api()
      .post(`/api/v1/knowledge/documents/${doc.id}/approve`)
      .set(bearer(taxHr))
      .send({ note: 'OK', version: 1 });
    expect(approved.status).toBe(201);
    expect(approved.body).toEqual(
      expect.objectContaining({ status: 'published', editor: expect.objectContaining({ publishedVersion: 1 }) }),
    );
    expect(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'knowledge.document.changed' AND payload->>'documentId' = $1`,
          [doc.id],
        )
      )[0].n,
    ).toBeGreaterThanOrEqual(3);
    expect(
      (await t.db.query(`SELECT action FROM audit_log_entries WHERE target_id = $1`, [doc.id])).map(
        (r: { action: string }) => r.action,
      ),
    ).toContain('knowledge.publish');

    // An agency document is for the owning agency's subtree: a colleague and a sub-agency yes, the parent ministry no.
    expect((await get(doc.id, colleague)).body).toEqual(expect.objectContaining({ id: doc.id, version: 1 }));
    expect((await get(doc.id, colleague)).body.editor).toBeUndefined();
    expect((await get(doc.id, subAgencyUser)).status).toBe(200);
    expectProblem(await get(doc.id, ministryUser), 404);
    expectProblem(await get(doc.id), 404);
    expectProblem(
      await api().patch(`/api/v1/knowledge/documents/${doc.id}`).set(bearer(colleague)).send({ title: 'Not mine' }),
      403,
    ); // can read, cannot change
  });

  it('keeps readers on the published version while an edit waits for approval; rejection sends it back', async () => {
    const doc = await create(author, { visibility: 'public' });
    await api().post(`/api/v1/knowledge/documents/${doc.id}/submit`).set(bearer(author)).expect(201);
    await api()
      .post(`/api/v1/knowledge/documents/${doc.id}/approve`)
      .set(bearer(taxHr))
      .send({ version: 1 })
      .expect(201);
    const edited = await api()
      .patch(`/api/v1/knowledge/documents/${doc.id}`)
      .set(bearer(author))
      .send({ title: 'Шинэчилсэн заавар', note: 'title' });
    expect(edited.body).toEqual(
      expect.objectContaining({
        title: 'Шинэчилсэн заавар',
        version: 2,
        status: 'published',
        editor: expect.objectContaining({ publishedVersion: 1, hasUnpublishedChanges: true }),
      }),
    );
    expect((await get(doc.id)).body).toEqual(
      expect.objectContaining({ title: 'Татварын хяналт шалгалтын заавар', version: 1 }),
    );
    await api().post(`/api/v1/knowledge/documents/${doc.id}/submit`).set(bearer(author)).expect(201);
    const rejected = await api()
      .post(`/api/v1/knowledge/documents/${doc.id}/reject`)
      .set(bearer(taxHr))
      .send({ note: 'Гарчгийг тодруул' });
    expect(rejected.body).toEqual(
      expect.objectContaining({
        status: 'published',
        editor: expect.objectContaining({ reviewNote: 'Гарчгийг тодруул', publishedVersion: 1 }),
      }),
    );
    expect((await get(doc.id)).body.title).toBe('Татварын хяналт шалгалтын заавар');
    // A reviewer's own edit of a published document publishes at once.
    const byReviewer = await api()
      .patch(`/api/v1/knowledge/documents/${doc.id}`)
      .set(bearer(taxHr))
      .send({ summary: 'Шинэ хураангуй' });
    expect(byReviewer.body.editor).toEqual(expect.objectContaining({ currentVersion: 3, publishedVersion: 3 }));
    expect((await get(doc.id)).body).toEqual(
      expect.objectContaining({ title: 'Шинэчилсэн заавар', summary: 'Шинэ хураангуй', version: 3 }),
    );
    // Archived: gone for readers.
    await api().post(`/api/v1/knowledge/documents/${doc.id}/archive`).set(bearer(taxHr)).expect(201);
    expectProblem(await get(doc.id), 404);
  });

  it('lists in the document view the workflow steps each caller may take now, and each step listed is accepted', async () => {
    const doc = await create(author);
    const steps = async (token: string) => (await get(doc.id, token)).body.editor?.steps;
    const take = (step: string, token: string, send: Record<string, unknown> = {}) =>
      api().post(`/api/v1/knowledge/documents/${doc.id}/${step}`).set(bearer(token)).send(send).expect(201);

    expect(await steps(author)).toEqual(['submit']); // a draft that needs approval: the owner asks for it
    expect(await steps(taxHr)).toEqual(['publish']); // a reviewer may publish it directly
    await take('submit', author);
    expect(await steps(author)).toEqual([]);
    expect(await steps(taxHr)).toEqual(['approve', 'reject']);
    await take('approve', taxHr, { version: 1 });
    expect(await steps(author)).toEqual(['archive']);
    expect(await steps(taxHr)).toEqual(['archive']);
    const read = await get(doc.id, colleague); // a reader of the published version
    expect(read.status).toBe(200);
    expect(read.body.editor).toBeUndefined();

    await api()
      .patch(`/api/v1/knowledge/documents/${doc.id}`)
      .set(bearer(author))
      .send({ summary: 'Засварласан хураангуй' })
      .expect(200);
    expect(await steps(author)).toEqual(['submit', 'archive']);
    expect(await steps(taxHr)).toEqual(['publish', 'archive']);
    await take('archive', taxHr);
    expect(await steps(author)).toEqual([]);
    expect(await steps(taxHr)).toEqual([]);
  });

  it('approves only the version the reviewer names; an edit during review withdraws the request', async () => {
    const doc = await create(author, { visibility: 'public', body: 'Хянуулсан агуулга.' });
    await api().post(`/api/v1/knowledge/documents/${doc.id}/submit`).set(bearer(author)).expect(201);
    expectProblem(
      await api().post(`/api/v1/knowledge/documents/${doc.id}/approve`).set(bearer(taxHr)).send({ note: 'OK' }),
      400,
    ); // which version?

    // The author edits while the reviewer reads version 1: the request is withdrawn, and approving version 1 publishes nothing.
    const edited = await api()
      .patch(`/api/v1/knowledge/documents/${doc.id}`)
      .set(bearer(author))
      .send({ body: 'Хянагдаагүй агуулга.' });
    expect(edited.body).toEqual(expect.objectContaining({ status: 'draft', version: 2 }));
    const stale = expectProblem(
      await api().post(`/api/v1/knowledge/documents/${doc.id}/approve`).set(bearer(taxHr)).send({ version: 1 }),
      409,
    );
    expect(stale.detail).toMatch(/no longer|only a document waiting for review/i);
    expectProblem(await get(doc.id), 404); // still unpublished

    // Sent again: naming the old version is refused with the version now waiting; naming it publishes it.
    await api().post(`/api/v1/knowledge/documents/${doc.id}/submit`).set(bearer(author)).expect(201);
    const outdated = expectProblem(
      await api().post(`/api/v1/knowledge/documents/${doc.id}/approve`).set(bearer(taxHr)).send({ version: 1 }),
      409,
    );
    expect(outdated).toEqual(
      expect.objectContaining({ type: expect.stringContaining('review-version-changed'), currentVersion: 2 }),
    );
    expectProblem(await get(doc.id), 404);
    await api()
      .post(`/api/v1/knowledge/documents/${doc.id}/approve`)
      .set(bearer(taxHr))
      .send({ version: 2 })
      .expect(201);
    expect((await get(doc.id)).body).toEqual(expect.objectContaining({ version: 2, body: 'Хянагдаагүй агуулга.' }));

    // On a published document, an edit during review also withdraws the request; readers keep the published version.
    await api()
      .patch(`/api/v1/knowledge/documents/${doc.id}`)
      .set(bearer(author))
      .send({ body: 'Гурав дахь хувилбар.' })
      .expect(200);
    await api().post(`/api/v1/knowledge/documents/${doc.id}/submit`).set(bearer(author)).expect(201);
    const during = await api()
      .patch(`/api/v1/knowledge/documents/${doc.id}`)
      .set(bearer(author))
      .send({ body: 'Дөрөв дэх хувилбар.' });
    expect(during.body).toEqual(
      expect.objectContaining({
        status: 'published',
        version: 4,
        editor: expect.objectContaining({ publishedVersion: 2 }),
      }),
    );
    expectProblem(
      await api().post(`/api/v1/knowledge/documents/${doc.id}/approve`).set(bearer(taxHr)).send({ version: 3 }),
      409,
    );
    expect((await get(doc.id)).body).toEqual(expect.objectContaining({ version: 2, body: 'Хянагдаагүй агуулга.' }));
  });

  it('lists, compares and restores versions (a restore is a new version)', async () => {
    const doc = await create(taxHr, { requiresApproval: false, body: 'Нэгдүгээр хувилбар.\n' });
    await api().post(`/api/v1/knowledge/documents/${doc.id}/publish`).set(bearer(taxHr)).expect(201);
    await api()
      .patch(`/api/v1/knowledge/documents/${doc.id}`)
      .set(bearer(taxHr))
      .send({ body: 'Хоёрдугаар хувилбар.\n', tags: ['audit'] })
      .expect(200);
    const same = await api()
      .patch(`/api/v1/knowledge/documents/${doc.id}`)
      .set(bearer(taxHr))
      .send({ body: 'Хоёрдугаар хувилбар.\n' });
    expect(same.body.version).toBe(2); // nothing changed: no new version
    const versions = await api().get(`/api/v1/knowledge/documents/${doc.id}/versions`).set(bearer(taxHr));
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const diff = await api()
      .get(`/api/v1/knowledge/documents/${doc.id}/versions/compare?from=1&to=2`)
      .set(bearer(taxHr));
    expect(diff.body).toEqual(
      expect.objectContaining({
        from: 1,
        to: 2,
        fields: [{ field: 'tags', from: ['audit', 'татвар'], to: ['audit'] }],
      }),
    );
    expect(diff.body.bodyPatch).toContain('-Нэгдүгээр хувилбар.');
    expect(diff.body.bodyPatch).toContain('+Хоёрдугаар хувилбар.');
    const restored = await api().post(`/api/v1/knowledge/documents/${doc.id}/versions/1/restore`).set(bearer(taxHr));
    expect(restored.status).toBe(201);
    expect(restored.body).toEqual(
      expect.objectContaining({ version: 3, body: 'Нэгдүгээр хувилбар.\n', tags: ['audit', 'татвар'] }),
    );
    expect((await api().get(`/api/v1/knowledge/documents/${doc.id}/versions`).set(bearer(taxHr))).body[0]).toEqual(
      expect.objectContaining({ version: 3, note: 'Restored version 1' }),
    );
    expectProblem(
      await api().get(`/api/v1/knowledge/documents/${doc.id}/versions/compare?from=1&to=9`).set(bearer(taxHr)),
      404,
    );
    expectProblem(await api().get(`/api/v1/knowledge/documents/${doc.id}/versions`).set(bearer(colleague)), 403); // a reader, not an editor
  });

  it('renders malicious Markdown harmless', async () => {
    const attack = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '[click](javascript:alert(1))',
      '[data](data:text/html;base64,PHNjcmlwdD4=)',
      '<iframe src="https://evil.example"></iframe>',
      '![x](javascript:alert(1))',
    ].join('\n\n');
    const doc = await create(taxHr, {
      requiresApproval: false,
      visibility: 'public',
      body: attack,
      title: '<b onmouseover=alert(1)>Title</b>',
    });
    await api().post(`/api/v1/knowledge/documents/${doc.id}/publish`).set(bearer(taxHr)).expect(201);
    const html: string = (await get(doc.id)).body.html;
    // Text that merely shows the attack (escaped) is fine; a live tag, handler attribute or URL is not.
    expect(html).not.toMatch(/<script|<iframe|<[^>]*\son[a-z]+\s*=|(href|src)\s*=\s*"(javascript|data):/i);
    expect(html).toContain('&lt;script&gt;'); // shown as text, not run
  });

  it('flags a document past its review-by date as stale, and lists it for its owner', async () => {
    const doc = await create(author, { reviewBy: '2021-06-30' });
    expect(doc.stale).toBe(true);
    const stale = await api().get('/api/v1/knowledge/documents?stale=true').set(bearer(author));
    expect(stale.body.items.map((d: { id: string }) => d.id)).toContain(doc.id);
    expect(stale.body.items.every((d: { stale: boolean }) => d.stale)).toBe(true);
  });

  it('rejects invalid input as problem+json', async () => {
    expectProblem(
      await api()
        .post('/api/v1/knowledge/documents')
        .set(bearer(author))
        .send(body({ type: 'memo', visibility: 'everyone' })),
      400,
    );
    expectProblem(
      await api()
        .post('/api/v1/knowledge/documents')
        .set(bearer(author))
        .send(body({ extra: 1 })),
      400,
    );
    expectProblem(await api().post('/api/v1/knowledge/documents').send(body()), 401);
    const [{ id: councilId }] = await t.db.query(`SELECT id FROM agencies WHERE code = 'civil-service-council'`);
    expectProblem(
      await api()
        .post('/api/v1/knowledge/documents')
        .set(bearer(author))
        .send(body({ ownerAgencyId: councilId })),
      403,
    );
  });

  describe('attachments', () => {
    let docId: string;
    const put = (name: string, bytes: Buffer, token = author) =>
      api()
        .put(`/api/v1/knowledge/documents/${docId}/attachments/${encodeURIComponent(name)}`)
        .set(bearer(token))
        .set('content-type', 'application/octet-stream')
        .send(bytes);
    const docx = Buffer.from(
      zipSync({
        '[Content_Types].xml': strToU8('<Types/>'),
        'word/document.xml': strToU8(
          '<w:document><w:body><w:p><w:r><w:t>Хяналтын хуудас</w:t></w:r></w:p></w:body></w:document>',
        ),
      }),
    );

    beforeAll(async () => {
      docId = (await create(author, { visibility: 'public' })).id;
    });

    it('stores an attachment typed by its content, with its checksum, and serves it as a download', async () => {
      const uploaded = await put('Хяналтын хуудас.docx', docx);
      expect(uploaded.status).toBe(201);
      expect(uploaded.body).toEqual(
        expect.objectContaining({
          filename: 'Хяналтын хуудас.docx',
          mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          size: docx.length,
          sha256: createHash('sha256').update(docx).digest('hex'),
          textStatus: 'extracted',
        }),
      );
      const [{ extracted_text }] = await t.db.query(`SELECT extracted_text FROM knowledge_attachments WHERE id = $1`, [
        uploaded.body.id,
      ]);
      expect(extracted_text).toBe('Хяналтын хуудас');
      const again = await put('Хяналтын хуудас.docx', docx);
      expect(again.status).toBe(200); // same name: replaced, not duplicated
      const file = await api()
        .get(uploaded.body.url)
        .set(bearer(author))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(file.status).toBe(200);
      expect(Buffer.compare(file.body, docx)).toBe(0);
      expect(file.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expectProblem(await api().get(uploaded.body.url), 404); // a draft: not for the public
      expect((await get(docId, author)).body.attachments).toHaveLength(1);
    });

    it('keeps a file added to, replaced on or removed from a published document that needs approval away from readers until that version is approved', async () => {
      const published = await create(author, { visibility: 'public' });
      await api().post(`/api/v1/knowledge/documents/${published.id}/submit`).set(bearer(author)).expect(201);
      await api()
        .post(`/api/v1/knowledge/documents/${published.id}/approve`)
        .set(bearer(taxHr))
        .send({ version: 1 })
        .expect(201);
      const upload = (bytes: string) =>
        api()
          .put(`/api/v1/knowledge/documents/${published.id}/attachments/plan.txt`)
          .set(bearer(author))
          .set('content-type', 'application/octet-stream')
          .send(Buffer.from(bytes));
      const approveCurrent = async () => {
        const current = (await get(published.id, author)).body.editor.currentVersion;
        await api().post(`/api/v1/knowledge/documents/${published.id}/submit`).set(bearer(author)).expect(201);
        await api()
          .post(`/api/v1/knowledge/documents/${published.id}/approve`)
          .set(bearer(taxHr))
          .send({ version: current })
          .expect(201);
      };
      const download = async (url: string) => {
        const r = await api()
          .get(url)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          });
        return r.status === 200 ? (r.body as Buffer).toString() : r.status;
      };

      const first = (await upload('First plan').expect(201)).body;
      expect(await download(first.url)).toBe(404); // the public sees nothing unreviewed
      expect((await get(published.id)).body.attachments).toEqual([]);
      expect((await get(published.id, author)).body).toEqual(
        expect.objectContaining({
          status: 'published',
          attachments: [expect.objectContaining({ id: first.id })],
          editor: expect.objectContaining({ hasUnpublishedChanges: true }),
        }),
      );
      await approveCurrent();
      expect(await download(first.url)).toBe('First plan');
      expect((await get(published.id)).body.attachments).toEqual([expect.objectContaining({ id: first.id })]);

      // A replacement waits for approval; readers keep the approved file meanwhile.
      const second = (await upload('Second plan').expect(200)).body;
      expect(await download(second.url)).toBe(404);
      expect(await download(first.url)).toBe('First plan');
      await approveCurrent();
      expect(await download(second.url)).toBe('Second plan');
      expect(await download(first.url)).toBe(404);

      // So does a removal.
      await api()
        .delete(`/api/v1/knowledge/documents/${published.id}/attachments/${second.id}`)
        .set(bearer(author))
        .expect(204);
      expect((await get(published.id, author)).body.attachments).toEqual([]);
      expect(await download(second.url)).toBe('Second plan');
      await approveCurrent();
      expect(await download(second.url)).toBe(404);
      expect(
        (
          await t.db.query(`SELECT count(*)::int AS n FROM knowledge_attachments WHERE document_id = $1`, [
            published.id,
          ])
        )[0].n,
      ).toBe(0); // nothing left behind
    });

    it('stores a DOCX or XLSX inflating to hundreds of MiB as "too large", while /health keeps answering within 200 ms', async () => {
      const docId = (await create(author, { visibility: 'public' })).id; // a document of its own: the other tests count attachments
      const put = (name: string, bytes: Buffer) =>
        api()
          .put(`/api/v1/knowledge/documents/${docId}/attachments/${encodeURIComponent(name)}`)
          .set(bearer(author))
          .set('content-type', 'application/octet-stream')
          .send(bytes);
      const bombs: [string, Buffer][] = [
        ['Зөвлөмж.docx', hostileDocx(400)], // word/document.xml: 400 MiB, declared 1 KiB
        ['Төсөв.xlsx', hostileXlsx(6, 19)], // six sheets of 19 MiB, declared truly
      ];
      // Connections to the three services open, and the extraction thread started: what is measured is the hostile file.
      await api().get('/api/v1/health').expect(200);
      await put('warm.txt', Buffer.from('warm')).expect(201);
      for (const [name, bytes] of bombs) {
        const rssBefore = process.memoryUsage().rss; // the app runs in this process, its threads too
        let rssPeak = rssBefore;
        const latencies: number[] = [];
        const answers = new Set<number>();
        let uploading = true;
        const prober = (async () => {
          while (uploading) {
            const started = performance.now();
            const health = await api().get('/api/v1/health');
            latencies.push(performance.now() - started);
            answers.add(health.status);
            rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
          }
        })();
        const uploaded = await Promise.resolve(put(name, bytes)).finally(() => (uploading = false));
        await prober;
        expect(latencies.length).toBeGreaterThan(2);
        expect(Math.max(...latencies)).toBeLessThan(200);
        expect([...answers]).toEqual([200]);
        expect(rssPeak - rssBefore).toBeLessThan(300 * 1024 * 1024);
        expect(uploaded.status).toBe(201);
        expect(uploaded.body).toEqual(expect.objectContaining({ filename: name, textStatus: 'too_large' }));
        const [row] = await t.db.query(`SELECT text_status, extracted_text FROM knowledge_attachments WHERE id = $1`, [
          uploaded.body.id,
        ]);
        expect(row).toEqual({ text_status: 'too_large', extracted_text: '' });
      }
      const attachments = (await get(docId, author)).body.attachments as { filename: string; textStatus: string }[];
      expect(attachments.find((a) => a.filename === 'Зөвлөмж.docx')?.textStatus).toBe('too_large');
      const page = await signInPage(t, authorEmail);
      expect((await page.get(`/knowledge/documents/${docId}`)).text).toMatch(
        /Зөвлөмж\.docx<\/a> <span class="muted">\(\d+ KB · текстийг гаргаж аваагүй: хэт том\)/,
      );
      expect((await page.get(`/knowledge/documents/${docId}?lang=en`)).text).toContain('text not extracted: too large');
    });

    it('refuses a program or an HTML page named .pdf, and a file of no accepted kind', async () => {
      const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]);
      expectProblem(await put('report.pdf', elf), 415);
      expectProblem(
        await put(
          'report.pdf',
          Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>'),
        ),
        415,
      );
      expectProblem(await put('notes.pdf', Buffer.from('plain words')), 415); // text, named as a PDF
      expectProblem(
        await put('image.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')),
        415,
      );
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM knowledge_attachments WHERE document_id = $1`, [
        docId,
      ]);
      expect(n).toBe(1);
    });

    it('limits size and who may upload', async () => {
      const big = await startTestApp({ KNOWLEDGE_ATTACHMENT_MAX_BYTES: 2048 });
      try {
        const owner = await tokenFor(big, (await createUser(big.db, { agency: 'tax-general-department' })).email);
        const id = (await big.http().post('/api/v1/knowledge/documents').set(bearer(owner)).send(body())).body.id;
        const r = await big
          .http()
          .put(`/api/v1/knowledge/documents/${id}/attachments/big.txt`)
          .set(bearer(owner))
          .set('content-type', 'application/octet-stream')
          .send(Buffer.alloc(4096, 'a'));
        expectProblem(r, 413);
      } finally {
        await big.close();
      }
      expectProblem(await put('x.txt', Buffer.from('hello'), ministryUser), 404);
      expectProblem(
        await api()
          .put(`/api/v1/knowledge/documents/${docId}/attachments/x.txt`)
          .set('content-type', 'application/octet-stream')
          .send(Buffer.from('hello')),
        401,
      );
    });

    /** Sends the headers of a 9.5 MiB upload and only its first 64 KiB; resolves with the answer given without the rest. */
    async function answerToPartialUpload(
      method: string,
      path: string,
      headers: Record<string, string> = {},
    ): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
      const answer = await answerBeforeBody(t, {
        method,
        path,
        headers: { 'content-type': 'application/octet-stream', ...headers },
        declaredBytes: 9.5 * 1024 * 1024,
      });
      return { status: answer.status, type: String(answer.headers['content-type']), body: answer.body };
    }

    it('answers an anonymous upload 401 before reading its body', async () => {
      const answer = await answerToPartialUpload('PUT', `/api/v1/knowledge/documents/${docId}/attachments/big.txt`);
      expect(answer).toEqual({
        status: 401,
        type: expect.stringMatching(/^application\/problem\+json/),
        body: expect.objectContaining({ status: 401 }),
      });
      const forged = await answerToPartialUpload('PUT', `/api/v1/knowledge/documents/${docId}/attachments/big.txt`, {
        authorization: 'Bearer not.a.token',
      });
      expect(forged.status).toBe(401);
    });

    it('takes a file body on the upload route only: elsewhere 415 unread, and JSON keeps its 1 MiB limit', async () => {
      expect(
        (await answerToPartialUpload('POST', '/api/v1/knowledge/documents', { authorization: `Bearer ${author}` }))
          .status,
      ).toBe(415);
      expectProblem(
        await api()
          .post('/api/v1/knowledge/documents')
          .set(bearer(author))
          .set('content-type', 'application/octet-stream')
          .send(Buffer.alloc(2048, 'a')),
        415,
      );
      expectProblem(
        await api()
          .patch(`/api/v1/knowledge/documents/${docId}`)
          .set(bearer(author))
          .set('content-type', 'application/pdf')
          .send(Buffer.from('%PDF-1.7')),
        415,
      );
      expectProblem(
        await api()
          .post('/api/v1/knowledge/documents')
          .set(bearer(author))
          .send(body({ body: 'x'.repeat(1.5 * 1024 * 1024) })),
        413,
      );
      expect((await put('still.txt', Buffer.from('the upload route takes files'))).status).toBe(201);
    });
  });
});
