// Knowledge search through the API on a real Meilisearch: typos, synonyms across languages,
// Cyrillic highlights, visibility inside hits, totals and facets, courses in the same box,
// attachment text, and a rebuild that swaps in without search going dark.
import { strToU8, zipSync } from 'fflate';
import PDFDocument from 'pdfkit';
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, tokenFor } from '../support/http';
import { importFixtures, indexSettled, indexedIds, searchIndexIdle } from '../support/knowledge';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';
import { SearchIndexerService } from '@chadavkhi/knowledge';
import { KnowledgeIndexRepository, settle } from '../../libs/knowledge/src/search/knowledge-index.repository';

describe('knowledge search', () => {
  let t: TestApp;
  let slugs: Map<string, string>;
  let ministry: string; // learner at ministry-finance (parent of the tax department)
  let taxAuditor: string; // learner at tax-audit-department (inside the tax department's subtree)
  let trainer: string;
  let courseId: string;
  let taxAgencyId: string;

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });
    slugs = await importFixtures(t);
    const [m, a, tr] = await Promise.all([
      createUser(t.db, { agency: 'ministry-finance' }),
      createUser(t.db, { agency: 'tax-audit-department' }),
      createUser(t.db, { roles: ['trainer'], agency: 'civil-service-council' }),
    ]);
    [ministry, taxAuditor, trainer] = await Promise.all([m, a, tr].map((u) => tokenFor(t, u.email)));
    courseId = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer)).expect(201);
    [{ id: taxAgencyId }] = await t.db.query(`SELECT id FROM agencies WHERE code = 'tax-general-department'`);
    await indexSettled(t);
  });
  afterAll(() => t.close());

  const search = (query: string, token?: string) => {
    const r = t.http().get(`/api/v1/knowledge/search?${query}`);
    return token ? r.set(bearer(token)) : r;
  };
  const ids = (body: { items: { id: string }[] }) => body.items.map((h) => h.id);

  it('finds a document despite a typo ("procurment")', async () => {
    const response = await search('q=procurment').expect(200);
    expect(ids(response.body)).toContain(slugs.get('public-procurement-guideline'));
    expect(response.body.items[0]).toEqual(
      expect.objectContaining({
        kind: 'document',
        type: 'guideline',
        language: 'en',
        stale: false,
        url: expect.stringContaining('/api/v1/knowledge/documents/'),
      }),
    );
  });

  it('finds a Mongolian document from a misspelt Mongolian word ("нээлтэй" for "нээлттэй")', async () => {
    const response = await search(`q=${encodeURIComponent('нээлтэй')}`).expect(200);
    expect(ids(response.body)).toEqual([slugs.get('information-transparency-law')]);
  });

  it('highlights Cyrillic words in snippets, HTML-escaped around the <mark>', async () => {
    const response = await search(`q=${encodeURIComponent('хариуцлагатай')}`).expect(200);
    const hit = response.body.items[0];
    expect(hit.id).toBe(slugs.get('information-transparency-law'));
    expect(hit.highlight.snippet).toMatch(/<mark>хариуцлагатай<\/mark>/);
    expect(hit.highlight.snippet).not.toMatch(/<(?!\/?mark>)/); // no tag but <mark>
  });

  it('flags documents past their review date as stale in hits', async () => {
    const response = await search(`q=${encodeURIComponent('ил тод')}`).expect(200);
    const law = response.body.items.find((h: { id: string }) => h.id === slugs.get('information-transparency-law'));
    expect(law).toEqual(expect.objectContaining({ stale: true, reviewBy: '2020-01-01' }));
  });

  it('matches across languages through synonyms (procurement ↔ худалдан авах)', async () => {
    const response = await search('q=procurement&language=mn', ministry).expect(200);
    expect(ids(response.body)).toEqual(
      expect.arrayContaining([slugs.get('information-transparency-law'), slugs.get('budget-planning-internal')]),
    );
  });

  it('keeps internal and agency-only documents out of hits, totals and facets of the public', async () => {
    const response = await search('').expect(200);
    expect(response.body.total).toBe(2);
    expect(ids(response.body).sort()).toEqual(
      [slugs.get('information-transparency-law'), slugs.get('public-procurement-guideline')].sort(),
    );
    expect(response.body.facets.type.map((f: { value: string }) => f.value).sort()).toEqual(['guideline', 'law']);
    expect(response.body.facets.agencyId.map((f: { value: string }) => f.value)).not.toContain(taxAgencyId);
    expect(response.body.facets.tag.map((f: { value: string }) => f.value)).not.toContain('audit');
    const zebra = await search('q=zebracorn').expect(200);
    expect(zebra.body).toEqual(expect.objectContaining({ total: 0, items: [] }));
    expect(zebra.body.facets.type).toEqual([]);
  });

  it('shows internal documents and courses to a signed-in user, but agency-only ones only inside the owning subtree', async () => {
    const asMinistry = await search('q=procurement', ministry).expect(200);
    expect(ids(asMinistry.body)).not.toContain(slugs.get('tax-audit-lessons'));
    expect(asMinistry.body.facets.type.map((f: { value: string }) => f.value)).not.toContain('lesson_learned');
    const all = await search('', ministry).expect(200);
    expect(all.body.total).toBe(4); // 3 visible documents + the course
    expect(ids(all.body)).toContain(courseId);

    const asTaxAuditor = await search('q=zebracorn', taxAuditor).expect(200);
    expect(ids(asTaxAuditor.body)).toEqual([slugs.get('tax-audit-lessons')]);
    expect(asTaxAuditor.body.facets.agencyId).toEqual([
      expect.objectContaining({
        value: taxAgencyId,
        count: 1,
        label: expect.objectContaining({ en: expect.stringMatching(/Taxation/) }),
      }),
    ]);
  });

  it('filters by type, tag, language and agency (sub-agencies included)', async () => {
    expect(ids((await search('type=law').expect(200)).body)).toEqual([slugs.get('information-transparency-law')]);
    expect(ids((await search('tag=procurement').expect(200)).body)).toEqual([
      slugs.get('public-procurement-guideline'),
    ]);
    expect(ids((await search('language=en').expect(200)).body)).toEqual([slugs.get('public-procurement-guideline')]);
    const [{ id: ministryId }] = await t.db.query(`SELECT id FROM agencies WHERE code = 'ministry-finance'`);
    const underMinistry = await search(`agencyId=${ministryId}`, taxAuditor).expect(200);
    expect(ids(underMinistry.body).sort()).toEqual(
      [slugs.get('budget-planning-internal'), slugs.get('tax-audit-lessons')].sort(),
    );
    await search('type=nonsense').expect(400);
    await search(`tag=${encodeURIComponent('x" OR visibility = agency')}`).expect(400);
  });

  it('finds a course by what a lesson teaches, not only by its title', async () => {
    const response = await search(`q=${encodeURIComponent('шударга')}&kind=course`, ministry).expect(200);
    expect(ids(response.body)).toEqual([courseId]);
    expect(response.body.items[0]).toEqual(
      expect.objectContaining({ kind: 'course', type: 'course', url: `/api/v1/courses/${courseId}` }),
    );
    expect((await search(`q=${encodeURIComponent('шударга')}`).expect(200)).body.total).toBe(0); // courses are for signed-in users
  });

  it('searches the text of attachments', async () => {
    const docId = slugs.get('public-procurement-guideline')!;
    const admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
    await t
      .http()
      .put(`/api/v1/knowledge/documents/${docId}/attachments/checklist.txt`)
      .set(bearer(admin))
      .set('content-type', 'application/octet-stream')
      .send(Buffer.from('Quotation checklist: platypus signature required.'))
      .expect(201);
    const response = await until(async () => {
      const r = await search('q=platypus');
      return r.body.total ? r : undefined;
    }, 45000); // indexing runs through the outbox and the queue: allow for a busy 2-core machine
    expect(ids(response.body)).toEqual([docId]);
    expect(response.body.items[0].highlight.snippet).toContain('<mark>platypus</mark>');
  });

  it('searches the words of DOCX, XLSX and PDF attachments, read in the extraction thread', async () => {
    const docId = slugs.get('public-procurement-guideline')!;
    const admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
    const docx = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': strToU8(
        '<w:document><w:body><w:p><w:r><w:t>Tender wombat clause</w:t></w:r></w:p></w:body></w:document>',
      ),
    });
    const xlsx = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/sharedStrings.xml': strToU8('<sst><si><t>Budget quokka line</t></si></sst>'),
    });
    const pdf = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument();
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
      doc.text('Signed numbat minutes');
      doc.end();
    });
    for (const [name, bytes] of [
      ['clause.docx', docx],
      ['budget.xlsx', xlsx],
      ['minutes.pdf', pdf],
    ] as const) {
      const uploaded = await t
        .http()
        .put(`/api/v1/knowledge/documents/${docId}/attachments/${name}`)
        .set(bearer(admin))
        .set('content-type', 'application/octet-stream')
        .send(Buffer.from(bytes))
        .expect(201);
      expect(uploaded.body.textStatus).toBe('extracted');
    }
    for (const word of ['wombat', 'quokka', 'numbat']) {
      const response = await until(async () => {
        const r = await search(`q=${word}`);
        return r.body.total ? r : undefined;
      }, 45000);
      expect(ids(response.body)).toEqual([docId]);
    }
  });

  it('rebuilds into a new index and swaps it in while search keeps answering', async () => {
    const indexer = t.app.get(SearchIndexerService);
    let failures = 0;
    let searches = 0;
    let rebuilding = true;
    const prober = (async () => {
      while (rebuilding) {
        const r = await search('q=procurement');
        searches++;
        if (r.status !== 200 || !r.body.total) failures++;
      }
    })();
    const progress: number[] = [];
    const result = await indexer.reindexAll({ batchSize: 2, onProgress: (p) => progress.push(p.done) });
    rebuilding = false;
    await prober;
    expect(result).toEqual(expect.objectContaining({ documents: 4, courses: 1 }));
    expect(progress[progress.length - 1]).toBe(5);
    expect(searches).toBeGreaterThan(0);
    expect(failures).toBe(0);
    expect(await indexedIds(t)).toHaveLength(5);
    const names = (await t.app.get(KnowledgeIndexRepository).engine.client.getIndexes({ limit: 1000 })).results.map(
      (i) => i.uid,
    );
    expect(names.filter((n: string) => n.startsWith(t.config.MEILI_INDEX_PREFIX))).toEqual([
      `${t.config.MEILI_INDEX_PREFIX}knowledge`,
    ]);
    expect((await search('q=procurment').expect(200)).body.total).toBeGreaterThan(0); // settings came along
  });

  it('sends the index settings only when they changed, so a restart queues no re-indexing', async () => {
    const live = t.app.get(KnowledgeIndexRepository);
    const settingsTasks = async () =>
      (await live.engine.client.tasks.getTasks({ types: ['settingsUpdate'], indexUids: [live.liveName], limit: 1000 }))
        .results.length;
    const before = await settingsTasks();
    // A new process: its own repository, which has not seen the index yet.
    const restarted = new KnowledgeIndexRepository(live.engine);
    await restarted.ensure();
    expect(await settingsTasks()).toBe(before);
    // Someone changed a setting by hand: the next start puts it back.
    await settle(live.index().updateSettings({ searchCutoffMs: 999 }));
    await new KnowledgeIndexRepository(live.engine).ensure();
    expect(await settingsTasks()).toBe(before + 2);
    expect((await live.index().getSettings()).searchCutoffMs).toBe(150);
  });

  it('leaves a file added to a published document that needs approval out of search and downloads until that version is approved', async () => {
    const [author, reviewer] = await Promise.all(
      [
        createUser(t.db, { agency: 'tax-general-department' }),
        createUser(t.db, { roles: ['hr_officer'], agency: 'tax-general-department' }),
      ].map(async (u) => tokenFor(t, (await u).email)),
    );
    const doc = (
      await t
        .http()
        .post('/api/v1/knowledge/documents')
        .set(bearer(author))
        .send({
          title: 'Field inspection routes',
          body: 'Routes for inspectors.',
          type: 'guideline',
          language: 'en',
          visibility: 'public',
        })
        .expect(201)
    ).body;
    const approve = async (version: number) => {
      await t.http().post(`/api/v1/knowledge/documents/${doc.id}/submit`).set(bearer(author)).expect(201);
      await t
        .http()
        .post(`/api/v1/knowledge/documents/${doc.id}/approve`)
        .set(bearer(reviewer))
        .send({ version })
        .expect(201);
    };
    await approve(1);
    const file = (
      await t
        .http()
        .put(`/api/v1/knowledge/documents/${doc.id}/attachments/route.txt`)
        .set(bearer(author))
        .set('content-type', 'application/octet-stream')
        .send(Buffer.from('Route card: cassowary crossing at the border post.'))
        .expect(201)
    ).body;
    await searchIndexIdle(t);
    expect((await search('q=cassowary').expect(200)).body.total).toBe(0);
    expect((await t.http().get(file.url)).status).toBe(404);
    await approve(2);
    const found = await until(async () => {
      const r = await search('q=cassowary');
      return r.body.total ? r : undefined;
    }, 45000);
    expect(ids(found.body)).toEqual([doc.id]);
    expect((await t.http().get(file.url)).status).toBe(200);
  });
});

describe('knowledge search without signing in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ KNOWLEDGE_ANONYMOUS_SEARCHES_PER_MINUTE: 5, TRUST_PROXY: true });
  });
  afterAll(() => t.close());

  const search = (ip: string, token?: string) => {
    const r = t.http().get('/api/v1/knowledge/search?q=budget').set('x-forwarded-for', ip);
    return token ? r.set(bearer(token)) : r;
  };

  it('lets exactly the limit through from one address a minute, even sent at once; signed-in users are not limited', async () => {
    const sent = await Promise.all(Array.from({ length: 15 }, () => search('198.51.100.90')));
    expect(sent.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = sent.filter((r) => r.status === 429);
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    const page = await t
      .http()
      .get('/knowledge?q=budget')
      .set('x-forwarded-for', '198.51.100.90')
      .set('accept', 'text/html');
    expect(page.status).toBe(429);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    expect(page.text).toContain('хэт олон хайлт');
    expect(
      (
        await t
          .http()
          .get('/knowledge?q=budget&lang=en')
          .set('x-forwarded-for', '198.51.100.90')
          .set('accept', 'text/html')
      ).text,
    ).toContain('Too many searches');

    expect((await search('198.51.100.91')).status).toBe(200); // another address
    const token = await tokenFor(t, (await createUser(t.db, { agency: 'ministry-finance' })).email);
    const signedIn = await Promise.all(Array.from({ length: 10 }, () => search('198.51.100.90', token)));
    expect(signedIn.map((r) => r.status)).toEqual(Array(10).fill(200));
  });
});
