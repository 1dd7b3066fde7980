// Brings the index in line with PostgreSQL: one document or course at a time (from the queue), or
// everything into a fresh index that is then swapped in (reindex). Each step reads the current
// state and upserts or deletes accordingly, so order, repeats and retries do not matter.
import { Injectable } from '@nestjs/common';
import type { EnqueuedTaskPromise } from 'meilisearch';
import { CourseSearchSourceRepository } from './course-search-source.repository';
import { DocumentSearchSourceRepository } from './document-search-source.repository';
import { entryId } from './knowledge-index';
import { KnowledgeIndexRepository, settle } from './knowledge-index.repository';

/** Batches queued in Meilisearch at once while reindexing (see reindexAll). */
const QUEUED_BATCHES = 4;

export interface ReindexProgress {
  total: number;
  done: number;
}

@Injectable()
export class SearchIndexerService {
  constructor(
    private readonly index: KnowledgeIndexRepository,
    private readonly documents: DocumentSearchSourceRepository,
    private readonly courses: CourseSearchSourceRepository,
  ) {}

  async indexDocuments(ids: string[], into?: string): Promise<void> {
    await this.index.ensure(into);
    const entries = await Promise.all(ids.map(async (id) => ({ id, entry: await this.documents.entry(id) })));
    await this.index.upsert(
      entries.flatMap((e) => (e.entry ? [e.entry] : [])),
      into,
    );
    await this.index.remove(
      entries.filter((e) => !e.entry).map((e) => entryId('document', e.id)),
      into,
    );
  }

  async indexCourses(ids: string[], into?: string): Promise<void> {
    await this.index.ensure(into);
    const entries = await Promise.all(ids.map(async (id) => ({ id, entry: await this.courses.entry(id) })));
    await this.index.upsert(
      entries.flatMap((e) => (e.entry ? [e.entry] : [])),
      into,
    );
    await this.index.remove(
      entries.filter((e) => !e.entry).map((e) => entryId('course', e.id)),
      into,
    );
  }

  /**
   * Builds `<prefix>knowledge-build-<time>` from PostgreSQL in batches, swaps it with the live index
   * (searches keep answering from the old one until the swap), deletes the old one, then re-applies
   * anything changed while it ran (those edits went to the old index).
   */
  async reindexAll(
    options: { batchSize?: number; onProgress?: (p: ReindexProgress) => void } = {},
  ): Promise<{ documents: number; courses: number; index: string }> {
    const size = options.batchSize ?? 1000;
    const startedAt = new Date(Date.now() - 1000);
    const building = this.index.buildName();
    await this.index.ensure(building);
    const total = (await this.documents.count()) + (await this.courses.count());
    const progress = { total, done: 0 };
    options.onProgress?.(progress);
    const counts = { documents: 0, courses: 0 };
    // A few batches stay queued in Meilisearch while the next are read from PostgreSQL: it merges
    // queued additions into one indexing pass (autobatching), so its per-pass work (prefixes,
    // facets) is paid once per several batches rather than once per batch.
    const queued: { task: EnqueuedTaskPromise; size: number }[] = [];
    const settleOldest = async () => {
      const oldest = queued.shift()!;
      await settle(oldest.task);
      progress.done += oldest.size;
      options.onProgress?.(progress);
    };
    try {
      for (const [kind, source] of [
        ['documents', this.documents],
        ['courses', this.courses],
      ] as const) {
        // Fetching the next batch from PostgreSQL overlaps with Meilisearch indexing the queued ones.
        let next = source.page(null, size);
        for (;;) {
          const { entries, last } = await next;
          if (!entries.length) break;
          next = source.page(last, size);
          const task = this.index.enqueueUpsert(entries, building);
          task.catch(() => undefined); // a refused request surfaces when settled, in order
          queued.push({ task, size: entries.length });
          counts[kind] += entries.length;
          if (queued.length >= QUEUED_BATCHES) await settleOldest();
        }
      }
      while (queued.length) await settleOldest();
    } finally {
      // After a failure, wait for the tasks already sent, so none is still writing when the caller gives up.
      await Promise.allSettled(queued.map((q) => settle(q.task)));
    }
    await this.index.swapIn(building);
    await this.indexDocuments(await this.documents.changedSince(startedAt));
    await this.indexCourses(await this.courses.changedSince(startedAt));
    return { ...counts, index: this.index.liveName };
  }
}
