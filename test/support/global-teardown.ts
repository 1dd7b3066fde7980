// After the run: drop every database, index and Redis key this run created.
import IORedis from 'ioredis';
import { Meilisearch } from 'meilisearch';
import { Client } from 'pg';
import { testRun } from './test-env';

export default async function globalTeardown() {
  const { runId, adminUrl } = testRun();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${runId}%`]);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();

  const meili = new Meilisearch({ host: process.env.MEILI_URL!, apiKey: process.env.MEILI_MASTER_KEY });
  const { results } = await meili.getIndexes({ limit: 1000 });
  await Promise.all(results.filter((i) => i.uid.startsWith(runId)).map((i) => meili.deleteIndex(i.uid)));

  const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${runId}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
