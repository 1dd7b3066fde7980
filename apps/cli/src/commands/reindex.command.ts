// Rebuilds the knowledge search index from PostgreSQL into a new index and swaps it in, so search
// keeps answering from the old index until the new one is complete.
import type { INestApplicationContext } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import { SearchIndexerService } from '@chadavkhi/knowledge';
import { SearchEngineClient } from '@chadavkhi/platform';

export async function reindex(
  app: INestApplicationContext,
  options: { progress: boolean; batchSize?: number },
  log: (line: string) => void,
): Promise<void> {
  await app.get(SearchEngineClient).ping();
  const bar = options.progress
    ? new SingleBar(
        { format: 'Indexing  [{bar}] {value}/{total} documents and courses  {eta_formatted} left', hideCursor: true },
        Presets.shades_classic,
      )
    : undefined;
  const started = Date.now();
  let barStarted = false;
  const result = await app.get(SearchIndexerService).reindexAll({
    batchSize: options.batchSize,
    onProgress: ({ total, done }) => {
      if (!bar) return;
      if (!barStarted) bar.start(total, done);
      else bar.update(done);
      barStarted = true;
    },
  });
  bar?.stop();
  log(
    `Reindexed ${result.documents} documents and ${result.courses} courses into ${result.index} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
