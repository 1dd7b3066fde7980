// GET /api/v1/health latency while hostile attachments are uploaded (a DOCX inflating to 400 MiB
// that declares 1 KiB, an XLSX of six 19 MiB sheets), against the same probe with nothing else
// running, in alternating rounds of the same run: median and p99, and their ratios. Text extraction
// runs in a worker thread, so the ratio is what the event loop loses to the uploads themselves.
import { cpus, loadavg } from 'node:os';
import { hostileDocx, hostileXlsx } from '../test/support/zip-bombs';
import { login, median, ROUNDS, SECONDS, startApp } from './bench-support';

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function probeHealth(url: string, until: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (!until()) {
    const started = performance.now();
    const response = await fetch(`${url}/api/v1/health`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`health answered ${response.status}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

async function main() {
  const { app, url } = await startApp();
  const token = await login(url, 'learner@demo.chadavkhi.mn');
  const headers = { authorization: `Bearer ${token}` };
  const created = await fetch(`${url}/api/v1/knowledge/documents`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Хавсралтын туршилт',
      summary: 'bench',
      body: 'bench',
      type: 'report',
      tags: [],
      language: 'mn',
      visibility: 'internal',
    }),
  });
  if (!created.ok) throw new Error(`create document: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const bombs: [string, Buffer][] = [
    ['bomb.docx', hostileDocx(400)],
    ['bomb.xlsx', hostileXlsx(6, 19)],
  ];
  const upload = async ([name, bytes]: [string, Buffer]) => {
    const r = await fetch(`${url}/api/v1/knowledge/documents/${id}/attachments/${name}`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    const body = (await r.json()) as { textStatus?: string };
    if (r.status >= 300 || body.textStatus !== 'too_large')
      throw new Error(`upload ${name}: ${r.status} ${JSON.stringify(body)}`);
  };
  await upload(bombs[0]); // the extraction thread is up: rounds measure extraction, not its start

  const idle: number[] = [];
  const hostile: number[] = [];
  let uploads = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const end = Date.now() + SECONDS * 1000;
    idle.push(...(await probeHealth(url, () => Date.now() > end)));
    let uploading = true;
    const uploader = (async () => {
      for (let i = 0; uploading; i++, uploads++) await upload(bombs[i % bombs.length]);
    })();
    const hostileEnd = Date.now() + SECONDS * 1000;
    hostile.push(...(await probeHealth(url, () => Date.now() > hostileEnd)));
    uploading = false;
    await uploader;
  }
  const [l1] = loadavg();
  console.log(
    `\nGET /api/v1/health during hostile attachment uploads — ${cpus().length} CPUs, load average ${l1.toFixed(2)}, ${ROUNDS} rounds of ${SECONDS} s each`,
  );
  console.log(
    `  idle:    ${idle.length} probes, median ${median(idle).toFixed(1)} ms, p99 ${percentile(idle, 99).toFixed(1)} ms, max ${Math.max(...idle).toFixed(1)} ms`,
  );
  console.log(
    `  hostile: ${hostile.length} probes during ${uploads} uploads, median ${median(hostile).toFixed(1)} ms, p99 ${percentile(hostile, 99).toFixed(1)} ms, max ${Math.max(...hostile).toFixed(1)} ms`,
  );
  console.log(
    `  ratio hostile / idle: median ${(median(hostile) / median(idle)).toFixed(2)}, p99 ${(percentile(hostile, 99) / percentile(idle, 99)).toFixed(2)}`,
  );
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
