// Meilisearch stopped while documents are edited: every save still succeeds (PostgreSQL and the
// outbox are the source of truth), and once it is back the index converges to match PostgreSQL.
import { createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { expectedIndexIds, indexedIds, indexSettled } from '../support/knowledge';
import { PrivateMeilisearch } from '../support/meili-server';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';
import { JobQueueRepository } from '../../libs/platform/src/queue/job-queue.repository';
import { KnowledgeIndexRepository } from '../../libs/knowledge/src/search/knowledge-index.repository';

describe('knowledge search survives Meilisearch going away', () => {
  let meili: PrivateMeilisearch;
  let t: TestApp;
  let reviewer: string;

  beforeAll(async () => {
    meili = await PrivateMeilisearch.create();
    await meili.start();
    t = await startTestApp({
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
    });
    reviewer = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).email);
  });
  afterAll(async () => {
    if (!meili.running) await meili.start();
    await t.close();
    await meili.destroy();
  });

  const api = () => t.http();
  const publishNew = async (title: string) => {
    const created = await api()
      .post('/api/v1/knowledge/documents')
      .set(bearer(reviewer))
      .send({
        title,
        body: `${title} body`,
        type: 'report',
        language: 'en',
        visibility: 'public',
        requiresApproval: false,
      });
    expect(created.status).toBe(201);
    expect(
      (await api().post(`/api/v1/knowledge/documents/${created.body.id}/publish`).set(bearer(reviewer))).status,
    ).toBe(201);
    return created.body.id as string;
  };

  /** The title each document has in the index, by document id. */
  const indexedTitles = async () => {
    const docs = await t.app
      .get(KnowledgeIndexRepository)
      .index()
      .getDocuments({ fields: ['entityId', 'title'], limit: 1000 });
    return new Map(docs.results.map((d) => [d.entityId, d.title]));
  };

  it('saves edits while Meilisearch is down and brings the index back in line when it returns', async () => {
    const kept = await publishNew('Annual report on citizen feedback');
    const toArchive = await publishNew('Quarterly report to be archived');
    await indexSettled(t);

    await meili.stop();
    expect(
      (
        await api()
          .patch(`/api/v1/knowledge/documents/${kept}`)
          .set(bearer(reviewer))
          .send({ title: 'Annual report on citizen feedback, revised' })
      ).status,
    ).toBe(200);
    expect((await api().post(`/api/v1/knowledge/documents/${toArchive}/archive`).set(bearer(reviewer))).status).toBe(
      201,
    );
    const added = await publishNew('Monitoring and evaluation report written offline');
    expect((await api().get(`/api/v1/knowledge/documents/${added}`)).status).toBe(200); // reading needs only PostgreSQL
    expect((await api().get('/api/v1/knowledge/search?q=report')).status).toBe(503); // search says so plainly
    await until(
      async () =>
        (await t.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE dispatched_at IS NULL`))[0].n === 0,
    ); // handed to the queue, which retries
    const searchIndex = t.app.get(JobQueueRepository).queue('search-index');
    await until(async () => (await searchIndex.getDelayed()).some((job) => job.attemptsMade > 0)); // a job failed against the stopped engine and waits to retry

    await meili.start();
    await until(async () => {
      const titles = await indexedTitles();
      return (
        JSON.stringify(await indexedIds(t)) === JSON.stringify(await expectedIndexIds(t)) &&
        titles.get(kept) === 'Annual report on citizen feedback, revised'
      );
    }, 90000);
    const titles = await indexedTitles();
    expect([...titles.keys()].sort()).toEqual([kept, added].sort());
    const found = await api().get('/api/v1/knowledge/search?q=revised').expect(200);
    expect(found.body.items.map((h: { id: string }) => h.id)).toEqual([kept]);
  }, 120000);
});
