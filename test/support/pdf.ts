// Reading a PDF back in tests: its text layer (what search, copy and screen readers get) and its
// streams (page content, font programs, cmaps), inflated, in file order.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { inflateSync } from 'node:zlib';

/** The PDF's text (pages in order, each after a blank line) and its page count, read by pdf.js. */
export function pdfParse(pdf: Buffer): Promise<{ text: string; numpages: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'pdf-text.mjs'), { workerData: new Uint8Array(pdf) });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the PDF reader stopped (exit code ${code}) before answering`)));
  });
}

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
