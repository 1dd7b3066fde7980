import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import Fastify, { FastifyInstance, FastifyReply } from 'fastify';
import { acceptedEncoding, compressInMemory } from './compress-in-memory';

const PAGE = `<!doctype html><title>Хичээл</title>${'<p>Ёс зүйн хичээл — ethics lesson</p>'.repeat(200)}`;

describe('compressInMemory', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify();
    app.addHook('onSend', compressInMemory);
    // As in the app: @fastify/compress after it, for streams.
    await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'] });
    app.get('/page', (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
    app.get('/large', (_request, reply) => reply.type('text/html').send(PAGE.repeat(20)));
    app.get('/json', () => ({ lessons: Array.from({ length: 100 }, (_, i) => ({ id: i, title: `Lesson ${i}` })) }));
    app.get('/small', (_request, reply) => reply.type('text/html').send('<p>small</p>'));
    app.get('/png', (_request, reply) => reply.type('image/png').send(Buffer.alloc(4096, 7)));
    app.get('/stream', (_request, reply) => reply.type('text/plain').send(Readable.from([PAGE])));
    const part = (reply: FastifyReply) => reply.status(206).header('content-range', `bytes 0-1999/${PAGE.length}`);
    const partBody = () => Buffer.from(PAGE).subarray(0, 2000);
    // @fastify/compress looks at the type, not the status, in memory or streamed: a route of parts opts out of it.
    app.get('/part', { config: { compress: false } }, (_request, reply) =>
      part(reply).type('text/html').send(partBody()),
    );
    app.get('/part-compressed', (_request, reply) =>
      part(reply)
        .type('text/html')
        .send(Readable.from([partBody()])),
    );
    app.get('/part-stream', { config: { compress: false } }, (_request, reply) =>
      part(reply)
        .type('text/html')
        .send(Readable.from([partBody()])),
    );
    app.get('/varied', (_request, reply) => reply.header('vary', 'Cookie').type('text/html').send(PAGE));
    await app.ready();
  });
  afterAll(() => app.close());

  const get = (url: string, acceptEncoding?: string, extra: Record<string, string> = {}) =>
    app.inject({ url, headers: { ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}), ...extra } });

  it('sends a page in Brotli, in one body with its length, when the client takes it', async () => {
    const response = await get('/page', 'gzip, deflate, br');
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['vary']).toBe('Accept-Encoding');
    expect(response.headers['transfer-encoding']).toBeUndefined();
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(response.rawPayload.length).toBeLessThan(Buffer.byteLength(PAGE) / 5);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(PAGE);
  });

  it('compresses a large answer on the thread pool just the same', async () => {
    for (const encoding of ['br', 'gzip']) {
      const response = await get('/large', encoding);
      expect(response.headers['content-encoding']).toBe(encoding);
      const decoded = encoding === 'br' ? brotliDecompressSync(response.rawPayload) : gunzipSync(response.rawPayload);
      expect(decoded.toString()).toBe(PAGE.repeat(20));
    }
  });

  it('falls back to gzip, and honours q=0', async () => {
    for (const header of ['gzip', 'br;q=0, gzip', 'x-gzip', '*;q=0.5, br;q=0']) {
      const response = await get('/json', header);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(response.rawPayload).toString()).lessons).toHaveLength(100);
    }
  });

  it('sends it as it is to a client that accepts no encoding we have, still saying it varies', async () => {
    for (const header of [undefined, 'identity', 'deflate', 'br;q=0, gzip;q=0']) {
      const response = await get('/page', header);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers['vary']).toBe('Accept-Encoding');
      expect(response.payload).toBe(PAGE);
    }
  });

  it('leaves small answers, images and x-no-compression alone', async () => {
    expect((await get('/small', 'br')).headers['content-encoding']).toBeUndefined();
    const png = await get('/png', 'br');
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.rawPayload.length).toBe(4096);
    expect((await get('/page', 'br', { 'x-no-compression': '1' })).headers['content-encoding']).toBeUndefined();
  });

  it('keeps a route’s own Vary and leaves streams to @fastify/compress', async () => {
    const varied = await get('/varied', 'br');
    expect(varied.headers['vary']).toBe('Cookie, Accept-Encoding');
    const stream = await get('/stream', 'br');
    expect(stream.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(stream.rawPayload).toString()).toBe(PAGE);
  });

  it('never compresses a part of a file (206); @fastify/compress would, so such a route opts out of it', async () => {
    const expected = Buffer.from(PAGE).subarray(0, 2000);
    const inMemory = await get('/part', 'br');
    expect(inMemory.statusCode).toBe(206);
    expect(inMemory.headers['content-encoding']).toBeUndefined();
    expect(inMemory.rawPayload.equals(expected)).toBe(true);
    expect((await get('/part-compressed', 'br')).headers['content-encoding']).toBe('br');
    const streamed = await get('/part-stream', 'br');
    expect(streamed.headers['content-encoding']).toBeUndefined();
    expect(streamed.rawPayload.equals(expected)).toBe(true);
  });

  it('negotiates as RFC 9110 says', () => {
    expect(acceptedEncoding('gzip, br')).toBe('br');
    expect(acceptedEncoding('gzip;q=1, br;q=0.5')).toBe('gzip');
    expect(acceptedEncoding('deflate')).toBeUndefined();
    expect(acceptedEncoding(undefined)).toBeUndefined();
  });
});
