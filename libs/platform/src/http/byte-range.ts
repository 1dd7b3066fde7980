// Which part of a file a request's Range header asks for (RFC 9110 §14), for routes that serve files
// a browser seeks in (a package's video). One range is answered as a 206; several are answered with
// the whole file, which the RFC allows and spares a multipart/byteranges body nobody here needs.
// Written here rather than taken from range-parser (jshttp, 1.3.0), tried and dropped: it answers
// 416 to a suffix longer than the file (`bytes=-5000` of 1,000 bytes), where RFC 9110 §14.1.2 says
// the whole file.

/** What to send: the whole file, bytes `start`–`end` (inclusive), or 416 (nothing in the file was asked for). */
export type ByteRange = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

const WHOLE: ByteRange = { kind: 'whole' };
const RANGE_SPEC = /^(\d*)-(\d*)$/;

/**
 * The range to send of a file of `size` bytes. A header that is absent, malformed or in another unit
 * is ignored (the whole file: RFC 9110 lets a server ignore what it cannot use), as is one on an empty
 * file (nothing to cut). Unsatisfiable means every range starts at or past the end.
 */
export function byteRange(header: string | undefined, size: number): ByteRange {
  if (!header || size === 0) return WHOLE;
  const eq = header.indexOf('=');
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return WHOLE;
  const specs = header.slice(eq + 1).split(',');
  const satisfiable: { start: number; end: number }[] = [];
  for (const spec of specs) {
    const parsed = RANGE_SPEC.exec(spec.trim());
    if (!parsed || (parsed[1] === '' && parsed[2] === '')) return WHOLE;
    const range = resolve(parsed[1], parsed[2], size);
    if (range === 'malformed') return WHOLE;
    if (range) satisfiable.push(range);
  }
  if (satisfiable.length === 0) return { kind: 'unsatisfiable' };
  return specs.length === 1 ? { kind: 'part', ...satisfiable[0] } : WHOLE;
}

/** One range-spec against the file: its bytes, undefined when it asks for none of them, or malformed. */
function resolve(first: string, last: string, size: number): { start: number; end: number } | undefined | 'malformed' {
  if (first === '') {
    // A suffix: the last N bytes (all of them when N is larger than the file).
    const length = Number(last);
    return length === 0 ? undefined : { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return 'malformed';
  return start >= size ? undefined : { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/** Content-Range for a 206 part, or for a 416 (the size alone, after an asterisk). */
export function contentRange(range: { start: number; end: number } | undefined, size: number): string {
  return range ? `bytes ${range.start}-${range.end}/${size}` : `bytes */${size}`;
}
