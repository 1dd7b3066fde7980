// Reading a PDF back in tests: its text layer (what search, copy and screen readers get) and its
// streams (page content, font programs, cmaps), inflated, in file order.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

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

/**
 * Reads the QR code drawn in the PDF back as a phone camera would: the module rectangles of the
 * page's content (a `q … cm … re … f Q` block, in module units), painted into a PNG for jsQR.
 */
export function decodeQrInPdf(pdf: Buffer): string | undefined {
  const block = pdfStreams(pdf)
    .flatMap((s) => [
      ...s.matchAll(
        /\bq\n1 0 0 1 [\d.]+ [\d.]+ cm\n[\d.]+ 0 0 [\d.]+ 0 0 cm\n((?:\d+ \d+ \d+ 1 re\n)+)(?:[^Q\n]*\n)*?f\nQ/g,
      ),
    ])
    .map((m) => m[1])[0];
  if (!block) return undefined;
  const runs = [...block.matchAll(/(\d+) (\d+) (\d+) 1 re/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
  const size = Math.max(...runs.map(([x, , run]) => x + run), ...runs.map(([, y]) => y + 1));
  const scale = 8;
  const quiet = 4;
  const width = (size + quiet * 2) * scale;
  const png = new PNG({ width, height: width });
  png.data.fill(255);
  for (const [x0, y0, run] of runs) {
    const y = y0 + quiet;
    for (let x = x0 + quiet; x < x0 + quiet + run; x++) {
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const i = ((y * scale + dy) * width + (x * scale + dx)) * 4;
          png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
        }
    }
  }
  return jsQR(new Uint8ClampedArray(png.data), width, width)?.data;
}
