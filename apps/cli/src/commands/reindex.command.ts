// Rebuilds the knowledge search index from PostgreSQL into a new index and swaps it in, so search
// keeps answering from the old index until the new one is complete.
import { Presets, SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { CourseSearchSourceRepository, DocumentSearchSourceRepository, KnowledgeIndexRepository, SearchIndexerService } from '@chadavkhi/knowledge';
import { AppConfig, SearchEngineRepository } from '@chadavkhi/platform';

/** Only the Meilisearch settings are needed, read from the same variables the apps use. */
function searchEngine(env: NodeJS.ProcessEnv): SearchEngineRepository {
  if (!env.MEILI_URL || !/^https?:\/\/\S+$/.test(env.MEILI_URL)) throw new Error('MEILI_URL must be set to the Meilisearch URL such as http://127.0.0.1:7700');
  const prefix = env.MEILI_INDEX_PREFIX ?? 'chadavkhi_';
  if (!/^[A-Za-z0-9_-]{0,40}$/.test(prefix)) throw new Error('MEILI_INDEX_PREFIX must be up to 40 letters, digits, dashes or underscores');
  return new SearchEngineRepository({ MEILI_URL: env.MEILI_URL, MEILI_MASTER_KEY: env.MEILI_MASTER_KEY, MEILI_INDEX_PREFIX: prefix } as AppConfig);
}

export async function reindex(db: DataSource, options: { progress: boolean; batchSize?: number }, log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const engine = searchEngine(env);
  await engine.ping();
  const indexer = new SearchIndexerService(new KnowledgeIndexRepository(engine), new DocumentSearchSourceRepository(db), new CourseSearchSourceRepository(db));
  const bar = options.progress ? new SingleBar({ format: 'Indexing  [{bar}] {value}/{total} documents and courses  {eta_formatted} left', hideCursor: true }, Presets.shades_classic) : undefined;
  const started = Date.now();
  let barStarted = false;
  const result = await indexer.reindexAll({
    batchSize: options.batchSize,
    onProgress: ({ total, done }) => {
      if (!bar) return;
      if (!barStarted) bar.start(total, done);
      else bar.update(done);
      barStarted = true;
    },
  });
  bar?.stop();
  log(`Reindexed ${result.documents} documents and ${result.courses} courses into ${result.index} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
