// Reading a PDF back in tests: its text layer (what search, copy and screen readers get) and its
// streams (page content, font programs, cmaps), inflated, in file order.
import { inflateSync } from 'node:zlib';

// pdf-parse's index runs a self-test on import; its library entry does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const pdfParse: (b: Buffer) => Promise<{ text: string; numpages: number }> = require('pdf-parse/lib/pdf-parse.js');

export function pdfStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/<<([^<>]*)>>\nstream\n/g)) {
    const start = m.index! + m[0].length;
    const length = Number(/\/Length (\d+)/.exec(m[1])![1]);
    const data = pdf.subarray(start, start + length);
    out.push((m[1].includes('/FlateDecode') ? inflateSync(data) : data).toString('latin1'));
  }
  return out;
}
