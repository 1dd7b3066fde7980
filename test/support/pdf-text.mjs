// Reads a PDF's text layer with pdf.js for test/support/pdf.ts, in a worker thread: pdf.js ships only
// ES modules, which jest's module system cannot load. Lines as pdf-parse made them: items on one
// baseline run together, a new baseline starts a line, each page starts with a blank line, and
// the spaces pdf.js adds for gaps between runs are left out.
import { parentPort, workerData } from 'node:worker_threads';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

const task = getDocument({
  data: workerData,
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  useWorkerFetch: false,
  verbosity: VerbosityLevel.ERRORS,
});
const doc = await task.promise;
let text = '';
for (let n = 1; n <= doc.numPages; n++) {
  const content = await (await doc.getPage(n)).getTextContent();
  let lastY;
  text += '\n\n';
  for (const item of content.items) {
    if (!('str' in item) || !item.str.trim()) continue;
    const y = item.transform[5];
    text += lastY === undefined || y === lastY ? item.str : `\n${item.str}`;
    lastY = y;
  }
}
const numpages = doc.numPages;
await task.destroy();
parentPort.postMessage({ text, numpages });
