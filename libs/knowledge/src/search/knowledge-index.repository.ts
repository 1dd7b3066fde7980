// The knowledge index in Meilisearch: create it with its settings, upsert and delete entries, and
// wait for each task so a failure surfaces in the job (and BullMQ retries it).
import { Injectable } from '@nestjs/common';
import type { EnqueuedTaskPromise, Index } from 'meilisearch';
import { SearchEngineClient } from '@chadavkhi/platform';
import { IndexedEntry, indexSettings, KNOWLEDGE_INDEX, settingsHold } from './knowledge-index';

const WAIT = { timeout: 120_000, interval: 50 };
const SETTINGS_WAIT = { timeout: 600_000, interval: 250 };

export async function settle(task: EnqueuedTaskPromise, wait = WAIT): Promise<void> {
  const done = await task.waitTask(wait);
  if (done.status !== 'succeeded')
    throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? 'no detail'}`);
}

@Injectable()
export class KnowledgeIndexRepository {
  private ready?: string;

  constructor(readonly engine: SearchEngineClient) {}

  get liveName(): string {
    return this.engine.indexName(KNOWLEDGE_INDEX);
  }

  /** A fresh name for an index built beside the live one (then swapped in). */
  buildName(): string {
    return this.engine.indexName(`${KNOWLEDGE_INDEX}-build-${Date.now()}`);
  }

  index(name = this.liveName): Index<IndexedEntry> {
    return this.engine.client.index<IndexedEntry>(name);
  }

  /** Creates the index (primary key id) if missing and applies the settings; once per process per index. */
  async ensure(name = this.liveName): Promise<void> {
    if (this.ready === name) return;
    const exists = await this.engine.client.getIndex(name).then(
      () => true,
      (error: { cause?: { code?: string } }) => {
        if (error.cause?.code === 'index_not_found') return false;
        throw error;
      },
    );
    if (!exists) await settle(this.engine.client.createIndex(name, { primaryKey: 'id' }));
    // Every process start used to send the settings again. Unchanged settings are quick to apply,
    // but the task still waits behind whatever is queued, and changed ones re-index everything
    // (88 s for 100,000 entries): only a change is sent, and then given up to 10 minutes.
    const wanted = indexSettings();
    if (!exists || !settingsHold(wanted, await this.index(name).getSettings()))
      await settle(this.index(name).updateSettings(wanted), SETTINGS_WAIT);
    if (name === this.liveName) this.ready = name;
  }

  async upsert(entries: IndexedEntry[], name = this.liveName): Promise<void> {
    if (entries.length) await settle(this.enqueueUpsert(entries, name));
  }

  /** Sends entries without waiting for Meilisearch to index them; settle() the task to wait. */
  enqueueUpsert(entries: IndexedEntry[], name = this.liveName): EnqueuedTaskPromise {
    return this.index(name).addDocuments(entries, { primaryKey: 'id' });
  }

  async remove(ids: string[], name = this.liveName): Promise<void> {
    if (ids.length) await settle(this.index(name).deleteDocuments(ids));
  }

  /** Makes `building` the live index in one step (searches never see a half-built index), then drops the old one. */
  async swapIn(building: string): Promise<void> {
    await this.ensure(this.liveName);
    await settle(this.engine.client.swapIndexes([{ indexes: [this.liveName, building], rename: false }]));
    await settle(this.engine.client.deleteIndex(building));
    this.ready = undefined;
  }

  /** Every entry id in an index (for checks and the tests: does the index match PostgreSQL?). */
  async allIds(name = this.liveName): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 1000) {
      const batch = await this.index(name).getDocuments({ fields: ['id'], limit: 1000, offset });
      ids.push(...batch.results.map((d) => d.id));
      if (batch.results.length < 1000) return ids;
    }
  }
}
