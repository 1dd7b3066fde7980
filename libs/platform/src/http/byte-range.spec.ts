import { byteRange, contentRange } from './byte-range';

describe('byteRange', () => {
  const size = 1000;

  it('answers one range as a part, bounded by the file', () => {
    expect(byteRange('bytes=0-99', size)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(byteRange('bytes=500-', size)).toEqual({ kind: 'part', start: 500, end: 999 });
    expect(byteRange('bytes=900-5000', size)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(byteRange('bytes=-100', size)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(byteRange('bytes=-5000', size)).toEqual({ kind: 'part', start: 0, end: 999 });
    expect(byteRange('Bytes = 999-999', size)).toEqual({ kind: 'part', start: 999, end: 999 });
  });

  it('refuses a range that asks for nothing in the file', () => {
    expect(byteRange('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=2000-3000', size)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=1000-1001, 5000-', size)).toEqual({ kind: 'unsatisfiable' });
  });

  it('sends the whole file for several ranges, and ignores what it cannot read', () => {
    expect(byteRange('bytes=0-9, 20-29', size)).toEqual({ kind: 'whole' });
    expect(byteRange('bytes=0-9, 5000-', size)).toEqual({ kind: 'whole' });
    for (const header of [
      undefined,
      '',
      'bytes',
      'bytes=',
      'bytes=-',
      'bytes=9-1',
      'bytes=a-b',
      'items=0-9',
      'bytes=0-9,',
    ])
      expect(byteRange(header, size)).toEqual({ kind: 'whole' });
    expect(byteRange('bytes=0-9', 0)).toEqual({ kind: 'whole' });
  });

  it('words Content-Range for a part and for a refusal', () => {
    expect(contentRange({ start: 0, end: 99 }, size)).toBe('bytes 0-99/1000');
    expect(contentRange(undefined, size)).toBe('bytes */1000');
  });
});
