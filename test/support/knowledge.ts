// Knowledge test helpers: import the fixture documents, and wait until the search index (fed by the
// outbox and the search-index queue) holds what PostgreSQL says it should.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeContentService } from '@chadavkhi/knowledge';
import { QueueAdminService } from '@chadavkhi/platform';
import { KnowledgeIndexRepository } from '../../libs/knowledge/src/search/knowledge-index.repository';
import type { TestApp } from './test-app';
import { until } from './until';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'knowledge');

export async function importFixtures(t: TestApp): Promise<Map<string, string>> {
  const sources = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(FIXTURES, file), 'utf8') }));
  await t.db.transaction((manager) => t.app.get(KnowledgeContentService).importKnowledge(manager, sources));
  const rows: { id: string; slug: string }[] = await t.db.query(
    `SELECT id, slug FROM knowledge_documents WHERE slug IS NOT NULL`,
  );
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** Entry ids the index should hold: published, not archived documents, and published courses. */
export async function expectedIndexIds(t: TestApp): Promise<string[]> {
  const docs: { id: string }[] = await t.db.query(
    `SELECT 'doc-' || id AS id FROM knowledge_documents WHERE published_version IS NOT NULL AND status <> 'archived'`,
  );
  const courses: { id: string }[] = await t.db.query(
    `SELECT 'course-' || id AS id FROM courses WHERE current_version_id IS NOT NULL`,
  );
  return [...docs, ...courses].map((r) => r.id).sort();
}

export async function indexedIds(t: TestApp): Promise<string[]> {
  return (
    await t.app
      .get(KnowledgeIndexRepository)
      .allIds()
      .catch(() => [] as string[])
  ).sort();
}

/** Waits until the index holds exactly the expected entries and no outbox row waits. */
export async function indexSettled(t: TestApp, timeoutMs = 60000): Promise<void> {
  await until(async () => {
    const [{ pending }] = await t.db.query(
      `SELECT count(*)::int AS pending FROM outbox_events WHERE dispatched_at IS NULL`,
    );
    if (pending) return false;
    const [expected, actual] = await Promise.all([expectedIndexIds(t), indexedIds(t)]);
    return JSON.stringify(expected) === JSON.stringify(actual);
  }, timeoutMs);
}

/** Waits until every change so far has gone through the outbox and the search-index queue (so a search now sees it, or never will). */
export async function searchIndexIdle(t: TestApp, timeoutMs = 60000): Promise<void> {
  await until(async () => {
    const [{ pending }] = await t.db.query(
      `SELECT count(*)::int AS pending FROM outbox_events WHERE dispatched_at IS NULL`,
    );
    if (pending) return false;
    const { counts } = await t.app.get(QueueAdminService).queueOverview('search-index');
    return counts.waiting + counts.active + counts.delayed === 0;
  }, timeoutMs);
}
