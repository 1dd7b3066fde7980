// A package's files answer HTTP Range requests on the content origin (issue 21: a package's video
// seeks without downloading the whole file, and Safari plays no video without ranges): one range is a
// 206 with the exact bytes, read from storage as a stream; a range past the end is a 416; several
// ranges, a stale If-Range or a malformed header get the whole file; a part is never compressed.
// The product's host still serves none of these paths.
import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, expectProblem, tokenFor, withBinaryBody } from '../support/http';
import { scorm12Manifest, zip } from '../support/scorm-packages';
import { startTestApp, TestApp } from '../support/test-app';

const MiB = 1024 * 1024;

describe('SCORM package files by range', () => {
  let t: TestApp;
  let content: string;
  let product: string;
  let base: string;
  // Larger than what a whole answer holds in memory (8 MiB), and not a whole number of 1 MiB slices.
  const video = randomBytes(9 * MiB + 12345);
  const notes = Buffer.from('Ашиг сонирхлын зөрчлийг таних, мэдүүлэх, зайлсхийх.\n'.repeat(200));

  /** Raw HTTP with a chosen Host header (these answers are not the API's), the body as bytes. */
  const get = (host: string, path: string, headers: Record<string, string> = {}) =>
    withBinaryBody(request(t.app.getHttpServer()).get(path).set('host', host).set(headers));

  beforeAll(async () => {
    t = await startTestApp({}, { listen: true });
    const port = new URL(t.url!).port;
    product = `127.0.0.1:${port}`;
    content = `localhost:${port}`;
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const body = courseBody({ modules: [{ title: 'Үндэс', lessons: [{ title: 'Танилцуулга', body: 'Эхлэл' }] }] });
    const course = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(body).expect(201)).body;
    const added = await t
      .http()
      .post(`/api/v1/courses/${course.id}/modules/${course.draft.modules[0].id}/scorm-packages`)
      .set(bearer(trainer))
      .attach(
        'file',
        zip(
          {
            'imsmanifest.xml': scorm12Manifest({ extraFiles: ['media/clip.mp4', 'notes.txt'] }),
            'sco/index.html': '<!doctype html><title>Видео</title><video src="../media/clip.mp4"></video>',
            'shared/api.js': 'window.scormReady = true;',
            'media/clip.mp4': video,
            'notes.txt': notes,
          },
          0,
        ),
        'package.zip',
      )
      .expect(201);
    base = `/scorm-content/${added.body.package.sha256}`;
  });
  afterAll(() => t.close());

  it('answers one range with exactly its bytes (206), across storage slices, from the start or the end', async () => {
    const whole = await get(content, `${base}/media/clip.mp4`).expect(200);
    const etag = whole.headers['etag'];
    for (const [header, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=1048000-2097999', 1048000, 2097999],
      ['bytes=9437000-', 9437000, video.length - 1],
      ['bytes=-1000', video.length - 1000, video.length - 1],
      ['bytes=5-99999999', 5, video.length - 1],
    ] as const) {
      const part = await get(content, `${base}/media/clip.mp4`, {
        range: header,
        'accept-encoding': 'gzip, br',
      }).expect(206);
      expect(part.headers['content-range']).toBe(`bytes ${start}-${end}/${video.length}`);
      expect(part.headers['content-length']).toBe(String(end - start + 1));
      expect(part.headers['content-type']).toBe('video/mp4');
      expect(part.headers['content-encoding']).toBeUndefined();
      expect(part.headers['etag']).toBe(etag);
      expect(part.headers['content-security-policy']).toContain("connect-src 'self'");
      expect((part.body as Buffer).equals(video.subarray(start, end + 1))).toBe(true);
    }
  });

  it('sends a whole file as before, saying it takes ranges: a large one streamed, a text one compressed', async () => {
    const whole = await get(content, `${base}/media/clip.mp4`).expect(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-length']).toBe(String(video.length));
    expect(whole.headers['content-range']).toBeUndefined();
    expect((whole.body as Buffer).equals(video)).toBe(true);

    const text = await get(content, `${base}/notes.txt`, { 'accept-encoding': 'br' }).expect(200);
    expect(text.headers['accept-ranges']).toBe('bytes');
    expect(text.headers['content-encoding']).toBe('br');
    expect((text.body as Buffer).equals(notes)).toBe(true);
  });

  it('never compresses a part of a text file', async () => {
    const part = await get(content, `${base}/notes.txt`, {
      range: 'bytes=10-4009',
      'accept-encoding': 'br, gzip',
    }).expect(206);
    expect(part.headers['content-encoding']).toBeUndefined();
    expect(part.headers['content-length']).toBe('4000');
    expect((part.body as Buffer).equals(notes.subarray(10, 4010))).toBe(true);
  });

  it('refuses a range past the end with 416 and the size, as problem+json', async () => {
    for (const header of [`bytes=${video.length}-`, `bytes=${video.length + 10}-${video.length + 20}`, 'bytes=-0']) {
      const refused = await request(t.app.getHttpServer())
        .get(`${base}/media/clip.mp4`)
        .set('host', content)
        .set('range', header);
      expect(expectProblem(refused, 416).type).toMatch(/range-not-satisfiable$/);
      expect(refused.headers['content-range']).toBe(`bytes */${video.length}`);
    }
  });

  it('answers several ranges, a stale If-Range and a header it cannot read with the whole file', async () => {
    const path = `${base}/notes.txt`;
    const etag = (await get(content, path).expect(200)).headers['etag'];
    for (const headers of <Record<string, string>[]>[
      { range: 'bytes=0-9, 20-29' },
      { range: 'bytes=0-9', 'if-range': '"0000"' },
      { range: 'bytes=0-9', 'if-range': 'Wed, 21 Oct 2015 07:28:00 GMT' },
      { range: 'bytes=9-1' },
      { range: 'pages=1-2' },
    ]) {
      const whole = await get(content, path, headers).expect(200);
      expect(whole.headers['content-range']).toBeUndefined();
      expect((whole.body as Buffer).equals(notes)).toBe(true);
    }
    const kept = await get(content, path, { range: 'bytes=0-9', 'if-range': etag }).expect(206);
    expect((kept.body as Buffer).equals(notes.subarray(0, 10))).toBe(true);
    // A client that holds the file already gets 304, range or not.
    await get(content, path, { range: 'bytes=0-9', 'if-none-match': etag }).expect(304);
  });

  it('serves none of these on the product’s host, with a range or without', async () => {
    await get(product, `${base}/media/clip.mp4`).expect(404);
    await get(product, `${base}/media/clip.mp4`, { range: 'bytes=0-99' }).expect(404);
    await get(content, `${base}/media/missing.mp4`, { range: 'bytes=0-99' }).expect(404);
  });
});
