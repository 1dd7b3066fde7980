// What a package lesson's page adds to what the package itself loads (issue 21: at most 30 KB), as
// bytes on the wire (Brotli, as a browser asks), first visit and repeat visit, for the sample SCORM
// 1.2 package (content/samples) and a two-SCO SCORM 2004 package; beside it a Markdown lesson page.
// Counted: the lesson page and the scripts and styles it loads, the player page (content origin)
// and the runtime and player scripts it loads. The package's own files are not counted: they are
// what the package loads. A repeat visit counts what is not kept: the runtime and player scripts
// (hashed names, immutable) and the shell's assets are cached, the pages are not.
import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { login, machineNote, startApp } from './bench-support';

const BUDGET_BYTES = 30 * 1024;

/** Raw bytes of an answer as they arrive (not decompressed), and its decompressed text if it is text. */
function fetchRaw(url: string, cookie?: string): Promise<{ wire: number; text: string; cacheable: boolean }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'accept-encoding': 'br', accept: 'text/html,*/*' };
    if (cookie) headers.cookie = cookie;
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        if ((response.statusCode ?? 0) >= 400) return reject(new Error(`${url}: ${response.statusCode}`));
        const body = Buffer.concat(chunks);
        const decoded = response.headers['content-encoding'] === 'br' ? brotliDecompressSync(body) : body;
        const cache = String(response.headers['cache-control'] ?? '');
        resolve({
          wire: body.length,
          text: decoded.toString('utf8'),
          cacheable: /immutable|max-age=[1-9]/.test(cache),
        });
      });
    }).on('error', reject);
  });
}

const SOURCES = /<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"/g;

/** A page and what it loads (scripts, styles; the player frame when it is a package lesson). */
async function weigh(pageUrl: string, cookie: string, playerUrl?: string) {
  const page = await fetchRaw(pageUrl, cookie);
  const parts: { url: string; wire: number; cacheable: boolean }[] = [{ url: pageUrl, ...page }];
  for (const [, src] of page.text.matchAll(SOURCES)) {
    if (!src.endsWith('.js') && !src.endsWith('.css')) continue;
    const url = new URL(src, pageUrl).toString();
    parts.push({ url, ...(await fetchRaw(url, cookie)) });
  }
  if (playerUrl) {
    const player = await fetchRaw(playerUrl);
    parts.push({ url: playerUrl, ...player });
    for (const [, src] of player.text.matchAll(SOURCES)) {
      const url = new URL(src, playerUrl).toString();
      parts.push({ url, ...(await fetchRaw(url)) });
    }
  }
  const first = parts.reduce((n, p) => n + p.wire, 0);
  const repeat = parts.filter((p) => !p.cacheable).reduce((n, p) => n + p.wire, 0);
  return { first, repeat, parts };
}

function samplePackage12(): Buffer {
  const dir = join(process.cwd(), 'content', 'samples', 'scorm-ethics-refresher');
  return Buffer.from(
    zipSync(Object.fromEntries(readdirSync(dir).map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))]))),
  );
}

function package2004(): Buffer {
  const page = (t: string) =>
    new TextEncoder().encode(
      `<!doctype html><html lang="mn"><head><meta charset="utf-8"><title>${t}</title></head><body><h1>${t}</h1></body></html>`,
    );
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="bench.weight.2004" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>Худалдан авах ажиллагаа</title>
    <item identifier="a" identifierref="ra"><title>Танилцуулга</title></item>
    <item identifier="b" identifierref="rb"><title>Шалгалт</title></item>
  </organization></organizations>
  <resources>
    <resource identifier="ra" type="webcontent" adlcp:scormType="sco" href="a.html"><file href="a.html"/></resource>
    <resource identifier="rb" type="webcontent" adlcp:scormType="sco" href="b.html"><file href="b.html"/></resource>
  </resources>
</manifest>`;
  return Buffer.from(
    zipSync({ 'imsmanifest.xml': new TextEncoder().encode(manifest), 'a.html': page('A'), 'b.html': page('B') }),
  );
}

async function main() {
  const { app, url } = await startApp();
  const trainer = await login(url, 'trainer@demo.chadavkhi.mn');
  const learner = await login(url, 'learner@demo.chadavkhi.mn');
  const cookie = `chadavkhi_session=${learner}`;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's answers, read as the bench needs
  const api = async (path: string, token: string, init: RequestInit = {}): Promise<any> => {
    const response = await fetch(`${url}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const enrol = async (courseId: string) =>
    (await api(`/courses/${courseId}/enrollments`, learner, { method: 'POST' })).id;
  const packageLesson = async (zip: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([zip], { type: 'application/zip' }), 'package.zip');
    const made = await api('/courses/from-scorm-package', trainer, { method: 'POST', body: form });
    await api(`/courses/${made.course.id}/publish`, trainer, { method: 'POST' });
    const enrollmentId = await enrol(made.course.id);
    const lessonUrl = `${url}/learn/${enrollmentId}/lessons/${made.lessonId}`;
    const page = await fetchRaw(lessonUrl, cookie);
    const player = /data-player="([^"]+)"/.exec(page.text)?.[1];
    if (!player) throw new Error('the package lesson page names no player');
    return { lessonUrl, player: player.replace(/&amp;/g, '&') };
  };

  // A Markdown lesson: the first lesson of the first demo course.
  const catalogue = await api('/courses?limit=1', learner);
  const markdownEnrolment = await enrol(catalogue.items[0].id);
  const detail = await api(`/enrollments/${markdownEnrolment}`, learner);
  const markdown = await weigh(`${url}/learn/${markdownEnrolment}/lessons/${detail.modules[0].lessons[0].id}`, cookie);

  console.log(`\nA package lesson's page against a Markdown lesson's, bytes on the wire (Brotli); ${machineNote()}`);
  console.log(`  Markdown lesson page: first visit ${kb(markdown.first)}, repeat ${kb(markdown.repeat)}`);
  for (const [name, zip] of [
    ['SCORM 1.2 (the sample)', samplePackage12()],
    ['SCORM 2004 4th edition', package2004()],
  ] as const) {
    const { lessonUrl, player } = await packageLesson(zip);
    const weight = await weigh(lessonUrl, cookie, player);
    const added = weight.first - markdown.first;
    const addedRepeat = weight.repeat - markdown.repeat;
    console.log(
      `  ${name}: first visit ${kb(weight.first)} (adds ${kb(added)} ${added <= BUDGET_BYTES ? '✓' : '✗'} target ≤ 30 KB), repeat ${kb(weight.repeat)} (adds ${kb(addedRepeat)} ${addedRepeat <= BUDGET_BYTES ? '✓' : '✗'})`,
    );
    for (const p of weight.parts)
      console.log(
        `      ${kb(p.wire).padStart(9)} ${p.cacheable ? 'kept ' : 'fresh'} ${new URL(p.url).pathname.slice(0, 80)}`,
      );
  }
  console.log('');
  await app.close();
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
