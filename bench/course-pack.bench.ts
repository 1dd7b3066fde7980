// Printable course pack of a 20-lesson Mongolian course (the shipped lessons, ~5 KB each) with a
// 20-question final quiz: seconds per pack built through GET …/pack.pdf (each version uncached, as
// the first download of a new version is), against a baseline in the same process — the same
// lesson text written into a PDF with the same fonts as plain paragraphs, so the ratio is the cost
// of the layout (Markdown, contents, answer sheet). Also pages, bytes, a cached download, the
// marking key, peak RSS of the process and the load average.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { DataSource } from 'typeorm';
import { parse } from 'yaml';
import type { AuthUser } from '@chadavkhi/identity';
import { courseDraftFromSource, CoursesService, QuestionDefinition } from '@chadavkhi/learning';
import { login, median, startApp } from './bench-support';

/** Pages of a PDF, read by pdf.js (ES modules only; Node requires them from CommonJS). */
async function pageCount(pdf: Buffer): Promise<number> {
  type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getDocument }: PdfJs = require('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    useWorkerFetch: false,
  });
  const pages = (await task.promise).numPages;
  await task.destroy();
  return pages;
}

const VERSIONS = Number(process.env.BENCH_PACK_VERSIONS ?? 7);
const WARMUPS = 2;
const LESSONS = 20;
const QUESTIONS = 20;

function shippedCourses() {
  const root = join(process.cwd(), 'content', 'courses');
  return readdirSync(root)
    .sort()
    .map((folder) => {
      const dir = join(root, folder);
      const files = Object.fromEntries(
        readdirSync(dir)
          .filter((f) => f.endsWith('.md'))
          .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
      );
      return courseDraftFromSource({
        folder,
        yaml: parse(readFileSync(join(dir, 'course.yaml'), 'utf8')),
        files,
        quizYaml: parse(readFileSync(join(dir, 'quiz.yaml'), 'utf8')),
      }).draft;
    });
}

/** The baseline: the same words, same fonts, as plain paragraphs on A4. */
const BASE_FONT = fontkit.create(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')));
function plainPdf(texts: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 62 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('serif', BASE_FONT as never);
    doc.font('serif').fontSize(10.5);
    for (const text of texts) {
      doc.addPage();
      doc.text(text, { lineGap: 2.5 });
    }
    doc.end();
  });
}

async function main() {
  const { app, url } = await startApp();
  const db = app.get(DataSource);
  const courses = app.get(CoursesService);
  const [trainer] = await db.query(`SELECT id, email, roles FROM users WHERE email = 'trainer@demo.chadavkhi.mn'`);
  const shipped = shippedCourses();
  const lessons = shipped.flatMap((c) => c.modules.flatMap((m) => m.lessons)).slice(0, LESSONS);
  const questions: QuestionDefinition[] = shipped
    .flatMap((c) => c.questionBanks.flatMap((b) => b.questions))
    .slice(0, QUESTIONS);
  if (lessons.length < LESSONS || questions.length < QUESTIONS)
    throw new Error(
      `content/courses has ${lessons.length} lessons and ${questions.length} questions; the bench needs ${LESSONS} and ${QUESTIONS}`,
    );
  const modules = Array.from({ length: 4 }, (_, mi) => ({
    title: `${mi + 1}-р хэсэг: ${shipped[mi % shipped.length].title}`,
    lessons: lessons.slice(mi * 5, mi * 5 + 5).map((l) => ({ title: l.title, body: l.body })),
  }));
  const created = await courses.create(
    trainer as AuthUser,
    {
      title: 'Төрийн албан хаагчийн ёс зүй, худалдан авалт, мэдээллийн ил тод байдал',
      summary: 'Сумын төрийн албан хаагчдад зориулсан танхимын сургалт.',
      language: 'mn',
      estimatedMinutes: 240,
      modules,
      questionBanks: [{ title: 'Эцсийн шалгалтын сан', questions: questions.map(({ id: _id, ...q }) => q) }],
      quizzes: [
        {
          title: 'Эцсийн шалгалт',
          passMarkPercent: 70,
          timeLimitMinutes: 40,
          maxAttempts: 3,
          draws: [{ bank: '0', count: QUESTIONS }],
        },
      ],
    } as never,
  );
  const markdownChars = lessons.reduce((n, l) => n + l.body.length, 0);
  for (let v = 1; v <= VERSIONS; v++) {
    // Each version differs a little, so each is a new pack to build (versions are cached once built).
    if (v > 1)
      await courses.updateDraft(trainer as AuthUser, created.id, {
        summary: `Сумын төрийн албан хаагчдад зориулсан танхимын сургалт (${v}-р засвар).`,
      } as never);
    await courses.publish(trainer as AuthUser, created.id, null);
  }
  const token = await login(url, 'admin@demo.chadavkhi.mn');
  const download = async (path: string) => {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    const body = Buffer.from(await response.arrayBuffer());
    return { seconds: (performance.now() - started) / 1000, body };
  };

  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const texts = lessons.map((l) => l.body);
  // Warm both paths (JIT, font caches) outside the figures; English labels are other cache entries.
  for (let i = 0; i < WARMUPS; i++) {
    await plainPdf(texts);
    await download(`/api/v1/courses/${created.id}/versions/${i + 1}/pack.pdf?lang=en`);
  }
  // pdfkit draws on the event loop: how long other requests could wait behind a build.
  const delay = monitorEventLoopDelay({ resolution: 10 });

  const packs: number[] = [];
  const baselines: number[] = [];
  const ratios: number[] = [];
  // CPU seconds of this process (app and client alike): far less disturbed by other load than wall time.
  const packCpu: number[] = [];
  const baseCpu: number[] = [];
  const cpuSince = (from: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(from);
    return (used.user + used.system) / 1e6;
  };
  let last: Buffer = Buffer.alloc(0);
  for (let v = 1; v <= VERSIONS; v++) {
    const b0 = performance.now();
    const c0 = process.cpuUsage();
    await plainPdf(texts);
    const base = (performance.now() - b0) / 1000;
    baseCpu.push(cpuSince(c0));
    delay.enable();
    const c1 = process.cpuUsage();
    const { seconds, body } = await download(`/api/v1/courses/${created.id}/versions/${v}/pack.pdf`);
    packCpu.push(cpuSince(c1));
    delay.disable();
    baselines.push(base);
    packs.push(seconds);
    ratios.push(seconds / base);
    last = body;
    console.log(
      `version ${v}/${VERSIONS}: pack ${seconds.toFixed(3)} s (CPU ${packCpu.at(-1)!.toFixed(3)} s), baseline ${base.toFixed(3)} s (CPU ${baseCpu.at(-1)!.toFixed(3)} s), ${(seconds / base).toFixed(2)}×, load ${loadavg()[0].toFixed(2)}`,
    );
  }
  const cached: number[] = [];
  for (let i = 0; i < 5; i++)
    cached.push((await download(`/api/v1/courses/${created.id}/versions/${VERSIONS}/pack.pdf`)).seconds);
  const key = await download(`/api/v1/courses/${created.id}/versions/${VERSIONS}/marking-key.pdf`);
  clearInterval(sampler);
  const pages = await pageCount(last);
  const keyPages = await pageCount(key.body);
  const [l1, l5, l15] = loadavg();
  console.log(
    `\nCourse pack: ${LESSONS} lessons (${(markdownChars / 1000).toFixed(0)} k characters of Mongolian Markdown), ${QUESTIONS}-question final quiz — ${cpus().length} CPUs, load average ${l1.toFixed(2)} ${l5.toFixed(2)} ${l15.toFixed(2)}`,
  );
  console.log(
    `  pack built (uncached GET pack.pdf)  median ${median(packs).toFixed(3)} s of ${VERSIONS}; ratio to baseline ${median(ratios).toFixed(2)} (baseline: same text as plain paragraphs, median ${median(baselines).toFixed(3)} s)`,
  );
  console.log(
    `  CPU seconds per pack median ${median(packCpu).toFixed(3)} s; baseline ${median(baseCpu).toFixed(3)} s; CPU ratio ${(median(packCpu) / median(baseCpu)).toFixed(2)}`,
  );
  console.log(
    `  event loop blocked at most ${(delay.max / 1e6).toFixed(0)} ms at a time during builds (p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms; wall time, so inflated by other load)`,
  );
  console.log(
    `  pack: ${pages} pages, ${(last.length / 1024).toFixed(0)} KiB; cached download median ${(median(cached) * 1000).toFixed(1)} ms`,
  );
  console.log(
    `  marking key: ${key.seconds.toFixed(3)} s, ${keyPages} pages, ${(key.body.length / 1024).toFixed(0)} KiB`,
  );
  console.log(`  peak memory (RSS) of the process: ${(peakRss / 1024 / 1024).toFixed(0)} MiB\n`);
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
