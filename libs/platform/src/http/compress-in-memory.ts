// Answers already in memory (every page, every JSON body) compressed in one call: one task on
// libuv's pool and one write with a Content-Length. @fastify/compress turns such a string into a
// stream (Readable.from, peek-stream, pump, a Brotli stream) and writes it chunked, which cost more
// of the event loop than the page's own rendering in the exam-storm profile. It still compresses
// streams (files, PDFs), and leaves alone an answer whose Content-Encoding is already set, which is
// why this hook runs first (application hooks run before the route-level hook it adds).
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Smaller answers go as they are: compressing them saves less than it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

// @fastify/compress's own test for compressible types, without octet-stream (in memory, that is a
// file the route already chose to send as it is).
const COMPRESSIBLE = /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|(?:\+|\/)text(?:;|$)|(?:\+|\/)xml(?:;|$)/u;
const ENCODINGS = ['br', 'gzip'];
/**
 * Up to this size an answer is compressed on the event loop (about 0.2 ms for a 12 KB page): handing
 * it to the thread pool costs a thread switch either way, and on a busy machine the woken pool
 * thread takes the event loop's core. Larger answers go to the pool.
 */
const SYNC_LIMIT_BYTES = 64 * 1024;

/** Brotli at quality 4 (cheap per request), its window no larger than the answer. */
function brotliOptions(length: number) {
  const window = Math.min(24, Math.max(10, Math.ceil(Math.log2(length + 1))));
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 4,
      [constants.BROTLI_PARAM_LGWIN]: window,
      [constants.BROTLI_PARAM_SIZE_HINT]: length,
    },
  };
}

/** The encoding the client accepts that we prefer, if any (`*` and `x-gzip` read as gzip). */
export function acceptedEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  if (!header) return undefined;
  const chosen = negotiate(header.toLowerCase().replace(/\*|x-gzip/gu, 'gzip'), ENCODINGS);
  return chosen === 'br' || chosen === 'gzip' ? chosen : undefined;
}

/** An onSend hook (callback style: it runs on every answer). */
export function compressInMemory(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: Error | null, payload?: unknown) => void,
): void {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
  if (reply.hasHeader('content-encoding') || request.headers['x-no-compression'] !== undefined)
    return done(null, payload);
  // A part of a file (206) is bytes of the file as it is: compressed, its Content-Range would lie.
  if (reply.statusCode === 206 || reply.hasHeader('content-range')) return done(null, payload);
  const type = reply.getHeader('content-type');
  if (typeof type !== 'string' || !COMPRESSIBLE.test(type)) return done(null, payload);
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  if (body.length < COMPRESS_THRESHOLD_BYTES) return done(null, payload);
  // The answer depends on Accept-Encoding from here on, whichever way this request goes.
  const vary = reply.getHeader('vary');
  if (!vary) reply.header('vary', 'Accept-Encoding');
  else if (!/accept-encoding|\*/iu.test(String(vary))) reply.header('vary', `${vary}, Accept-Encoding`);
  const encoding = acceptedEncoding(request.headers['accept-encoding']);
  if (!encoding) return done(null, payload);
  const finish = (error: Error | null, compressed: Buffer) => {
    // Compression failing is no reason to fail the answer: it goes as it is.
    if (error) return done(null, payload);
    reply.header('content-encoding', encoding);
    reply.removeHeader('content-length');
    done(null, compressed);
  };
  if (body.length <= SYNC_LIMIT_BYTES) {
    let compressed: Buffer;
    try {
      compressed = encoding === 'br' ? brotliCompressSync(body, brotliOptions(body.length)) : gzipSync(body);
    } catch (error) {
      return finish(error as Error, body);
    }
    return finish(null, compressed);
  }
  if (encoding === 'br') brotliCompress(body, brotliOptions(body.length), finish);
  else gzip(body, finish);
}
