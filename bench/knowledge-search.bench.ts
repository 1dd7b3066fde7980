// Knowledge search with BENCH_KNOWLEDGE_DOCS (default 100,000) documents: how long indexing them
// takes, then median and p95 latency of the same queries end to end through the API, straight to
// Meilisearch (the ratio is our overhead) beside its own processingTimeMs, and as a PostgreSQL ILIKE
// scan (the baseline without a search engine). Requests are sequential, so latencies are of one
// request at a time. The API is called as browsers do (gzip/br accepted) and once more uncompressed,
// to show what compression costs on this path.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { buildFilter, SearchIndexerService, searchParams } from '@chadavkhi/knowledge';
import { KnowledgeIndexRepository } from '../libs/knowledge/src/search/knowledge-index.repository';
import { escapeLike } from '@chadavkhi/platform';
import { login, startApp } from './bench-support';

const DOCS = Number(process.env.BENCH_KNOWLEDGE_DOCS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_KNOWLEDGE_ROUNDS ?? 15);

const MN =
  'төсөв худалдан авах ажиллагаа ил тод байдал иргэн мэдээлэл хууль журам заавар төрийн алба хяналт шинжилгээ үнэлгээ санал хүсэлт тайлан гэрээ тендер аудит татвар сургалт хариуцлага ёс зүй авлига зөрчил байгууллага үйлчилгээ төлөвлөгөө хэрэгжилт'.split(
    ' ',
  );
const EN =
  'budget procurement transparency citizen information law regulation guideline civil service monitoring evaluation feedback report contract tender audit tax training accountability ethics corruption conflict agency service plan implementation quotation supplier threshold portal'.split(
    ' ',
  );
const TYPES = ['law', 'policy', 'guideline', 'template', 'case_study', 'lesson_learned', 'report', 'faq'];
const VISIBILITIES = ['public', 'public', 'internal', 'agency'];

/** A small deterministic generator, so every run indexes the same corpus. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

async function seed(db: DataSource): Promise<void> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM knowledge_documents WHERE slug LIKE 'bench-%'`);
  if (n >= DOCS) return;
  const agencies: string[] = (await db.query(`SELECT id FROM agencies ORDER BY code`)).map((r: { id: string }) => r.id);
  const random = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const words = (list: string[], count: number) => Array.from({ length: count }, () => pick(list)).join(' ');
  const bar = new SingleBar({ format: 'seeding documents [{bar}] {value}/{total}' }, Presets.shades_classic);
  bar.start(DOCS, n);
  const BATCH = 2000;
  for (let start = n; start < DOCS; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, DOCS - start) }, (_, i) => {
      const mn = random() < 0.6;
      const list = mn ? MN : EN;
      return [
        `bench-${start + i}`,
        `${words(list, 5)} ${start + i}`,
        words(list, 20),
        `## ${words(list, 3)}\n\n${words(list, 120)}\n\n${words(list, 80)}`,
        pick(TYPES),
        [pick(list), pick(list)],
        mn ? 'mn' : 'en',
        pick(VISIBILITIES),
        pick(agencies),
      ];
    });
    const column = (k: number) => rows.map((r) => r[k]);
    await db.query(
      `INSERT INTO knowledge_documents (slug, title, summary, body, type, tags, language, visibility, owner_agency_id, status, requires_approval, current_version, published_version, published_at, review_by)
       SELECT s, ti, su, bo, ty, ARRAY(SELECT jsonb_array_elements_text(tg)), la, vi, ag, 'published', false, 1, 1, now() - (random() * interval '900 days'), (now() + (random() * interval '900 days') - interval '300 days')::date
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[], $9::uuid[]) AS u(s, ti, su, bo, ty, tg, la, vi, ag)`,
      [
        column(0),
        column(1),
        column(2),
        column(3),
        column(4),
        column(5).map((t) => JSON.stringify(t)),
        column(6),
        column(7),
        column(8),
      ],
    );
    bar.update(start + rows.length);
  }
  bar.stop();
  // Flush the freshly written rows now, so a checkpoint does not stall the timed part.
  await db.query('CHECKPOINT').catch(() => undefined);
  await db.query('ANALYZE knowledge_documents');
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} cores`;

async function main() {
  // More rounds would pass the anonymous limit per address; each anonymous request is still counted, as in production.
  const { app, url } = await startApp({ KNOWLEDGE_ANONYMOUS_SEARCHES_PER_MINUTE: 100_000 });
  const db = app.get(DataSource);
  const seeding = performance.now();
  await seed(db);
  console.log(`Seeded ${DOCS} documents in PostgreSQL in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

  const indexer = app.get(SearchIndexerService);
  const bar = new SingleBar(
    { format: 'indexing [{bar}] {value}/{total}  {eta_formatted} left' },
    Presets.shades_classic,
  );
  let started = false;
  const t0 = performance.now();
  const result = await indexer.reindexAll({
    batchSize: 5000,
    onProgress: ({ total, done }) => {
      if (started) bar.update(done);
      else {
        bar.start(total, done);
        started = true;
      }
      if (!process.stdout.isTTY && done % 20000 < 5000)
        console.log(`  indexed ${done}/${total} after ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    },
  });
  bar.stop();
  const indexingSeconds = (performance.now() - t0) / 1000;
  const indexingLoad = load();
  console.log(
    `\nIndexed ${result.documents} documents and ${result.courses} courses in ${indexingSeconds.toFixed(1)} s (${Math.round(result.documents / indexingSeconds)} documents/s; ${indexingLoad})`,
  );

  const token = await login(url, 'learner@demo.chadavkhi.mn');
  const [learner] = await db.query(
    `SELECT u.id, u.roles, u.agency_id AS "agencyId", a.path AS "agencyPath" FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.email = 'learner@demo.chadavkhi.mn'`,
  );
  const index = app.get(KnowledgeIndexRepository).index();
  const queries: { q: string; type?: string; language?: string; signedIn: boolean }[] = [
    { q: 'procurement', signedIn: false },
    { q: 'procurment', signedIn: true },
    { q: 'худалдан авах', signedIn: true },
    { q: 'ил тод', signedIn: false },
    { q: 'төсөв', language: 'mn', signedIn: true },
    { q: 'budget transparency', signedIn: true },
    { q: 'хяналт', type: 'report', signedIn: false },
    { q: 'ethics', type: 'guideline', signedIn: true },
    { q: 'тайлан', signedIn: true },
    { q: 'supplier', signedIn: false },
  ];
  const api: number[] = [];
  const apiPlain: number[] = [];
  const meili: number[] = [];
  const processing: number[] = [];
  const pg: number[] = [];
  const queryLoadBefore = load();
  for (let round = 0; round < ROUNDS + 1; round++) {
    for (const query of queries) {
      const params = new URLSearchParams({
        q: query.q,
        limit: '20',
        ...(query.type ? { type: query.type } : {}),
        ...(query.language ? { language: query.language } : {}),
      });
      const caller = query.signedIn ? learner : null;
      const filter = buildFilter(caller, { type: query.type, language: query.language });
      const headers: Record<string, string> = query.signedIn ? { authorization: `Bearer ${token}` } : {};

      let took = 0;
      const meiliCall = () =>
        timed(
          async () =>
            (took = (await index.search(query.q, searchParams(filter, { limit: 20, page: 1, sort: 'relevance' })))
              .processingTimeMs),
        );
      const apiCall = (encoding?: string) =>
        timed(async () => {
          const response = await fetch(`${url}/api/v1/knowledge/search?${params}`, {
            headers: encoding ? { ...headers, 'accept-encoding': encoding } : headers,
          });
          if (!response.ok) throw new Error(`search ${params}: ${response.status}`);
          await response.json();
        });
      // Alternate which goes first: the first request after a pause pays more on this machine, whichever it is.
      let a: number;
      let m: number;
      if (round % 2) {
        a = await apiCall();
        m = await meiliCall();
      } else {
        m = await meiliCall();
        a = await apiCall();
      }
      const plain = await apiCall('identity');
      const visible = caller
        ? `(visibility IN ('public','internal') OR (visibility = 'agency' AND owner_agency_id = ANY($2::uuid[])))`
        : `visibility = 'public'`;
      const extra = [query.type ? `type = '${query.type}'` : '', query.language ? `language = '${query.language}'` : '']
        .filter(Boolean)
        .map((c) => ` AND ${c}`)
        .join('');
      const where = `published_version IS NOT NULL AND status <> 'archived' AND ${visible}${extra} AND (title ILIKE $1 OR summary ILIKE $1 OR body ILIKE $1)`;
      const args = caller ? [`%${escapeLike(query.q)}%`, caller.agencyPath] : [`%${escapeLike(query.q)}%`];
      const p = await timed(() =>
        Promise.all([
          db.query(
            `SELECT id, title, summary FROM knowledge_documents WHERE ${where} ORDER BY published_at DESC LIMIT 20`,
            args,
          ),
          db.query(`SELECT count(*)::int FROM knowledge_documents WHERE ${where}`, args),
        ]),
      );
      if (round > 0) {
        api.push(a);
        apiPlain.push(plain);
        meili.push(m);
        processing.push(took);
        pg.push(p);
      }
    }
  }
  const p50 = (xs: number[]) => percentile(xs, 50);
  const p95 = (xs: number[]) => percentile(xs, 95);
  const line = (name: string, xs: number[]) =>
    `  ${name.padEnd(52)} median ${p50(xs).toFixed(1).padStart(7)} ms   p95 ${p95(xs).toFixed(1).padStart(7)} ms`;
  const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  console.log(
    `\nKnowledge search over ${result.documents} documents — ${queries.length} queries × ${ROUNDS} rounds, one request at a time`,
  );
  console.log(`  ${queryLoadBefore} before the queries, ${load()} after`);
  console.log(line('GET /api/v1/knowledge/search (end to end, gzip/br)', api));
  console.log(line('GET /api/v1/knowledge/search (uncompressed)', apiPlain));
  console.log(line('Meilisearch search (same request, round trip)', meili));
  console.log(line('Meilisearch processingTimeMs (its own figure)', processing));
  console.log(line('PostgreSQL ILIKE on title/summary/body', pg));
  console.log(
    `  API / Meilisearch round trip: median ${(p50(api) / p50(meili)).toFixed(2)}×, p95 ${(p95(api) / p95(meili)).toFixed(2)}×; ILIKE / API median ${(p50(pg) / p50(api)).toFixed(1)}×`,
  );
  console.log(
    `  target: indexing ${result.documents} documents < 300 s: ${indexingSeconds.toFixed(1)} s ${met(indexingSeconds < 300 * (result.documents / 100_000))} (${indexingLoad})`,
  );
  console.log(
    `  target: API p95 < 50 ms: ${p95(api).toFixed(1)} ms ${met(p95(api) < 50)}${result.documents < 100_000 ? ` (only ${result.documents} documents: BENCH_KNOWLEDGE_DOCS)` : ''}\n`,
  );
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
