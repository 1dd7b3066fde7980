// The searchable text of an attachment, read under bounds that count what is really there rather
// than what the file declares: zip parts are inflated a few KiB of input at a time, counting the
// bytes that come out, with caps on those bytes, on the entries walked and on the time; PDFs are
// read by pdf.js (eval off, no fonts or workers fetched) up to a page cap and the same deadline.
// It runs in AttachmentTextExtractor's thread: a file past a bound is stored without its text.
import { Unzip, UnzipInflate } from 'fflate';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });
interface TextItem {
  str: string;
  transform: number[];
}

export const MAX_TEXT = 200_000;

/** Whether an attachment's text went into search, and if not, why not. */
export const TEXT_STATUSES = ['extracted', 'not_applicable', 'too_large', 'timed_out', 'unreadable'] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];

export interface ExtractedText {
  status: TextStatus;
  text: string;
}

export interface TextLimits {
  /** Bytes inflated from the wanted parts of a DOCX or XLSX, all parts together. */
  maxInflatedBytes: number;
  /** Entries walked in a zip archive, wanted or not. */
  maxEntries: number;
  maxPdfPages: number;
  /** Epoch milliseconds after which reading stops. */
  deadline: number;
}

export const TEXT_LIMITS: Omit<TextLimits, 'deadline'> = {
  maxInflatedBytes: 32 * 1024 * 1024,
  maxEntries: 2000,
  maxPdfPages: 100,
};

/** Deflate turns one input byte into at most about 1 KiB, so a slice this size inflates to at most ~4 MiB before the count is checked. */
const ZIP_SLICE = 4096;

class Refused extends Error {
  constructor(readonly status: 'too_large' | 'timed_out') {
    super(status);
  }
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : XML_ENTITIES[e],
  );
}

function checkDeadline(limits: TextLimits): void {
  if (Date.now() > limits.deadline) throw new Refused('timed_out');
}

/** The wanted parts of a zip archive, inflated, in name order; refuses past the caps whatever the headers say. */
function zipParts(bytes: Uint8Array, wanted: (name: string) => boolean, limits: TextLimits): string[] {
  const parts = new Map<string, Uint8Array[]>();
  let entries = 0;
  let inflated = 0;
  const unzip = new Unzip((file) => {
    if (++entries > limits.maxEntries) throw new Refused('too_large');
    if (!wanted(file.name) || parts.has(file.name)) return;
    const chunks: Uint8Array[] = [];
    parts.set(file.name, chunks);
    file.ondata = (error, data) => {
      if (error) throw error;
      inflated += data.length;
      if (inflated > limits.maxInflatedBytes) throw new Refused('too_large');
      chunks.push(data);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for (let at = 0; at < bytes.length; at += ZIP_SLICE) {
    unzip.push(bytes.subarray(at, at + ZIP_SLICE), at + ZIP_SLICE >= bytes.length);
    checkDeadline(limits);
  }
  return [...parts.keys()].sort().map((name) => Buffer.concat(parts.get(name)!).toString('utf8'));
}

export function docxText(bytes: Uint8Array, limits: TextLimits): string {
  const [xml = ''] = zipParts(bytes, (n) => n === 'word/document.xml', limits);
  return decodeXml(
    xml
      .replace(/<\/w:p>/g, '\n')
      .replace(/<w:tab\/>/g, '\t')
      .replace(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<[^>]+>/g, (_, t?: string) => t ?? ''),
  );
}

export function xlsxText(bytes: Uint8Array, limits: TextLimits): string {
  const xml = zipParts(
    bytes,
    (n) => n === 'xl/sharedStrings.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(n),
    limits,
  ).join('\n');
  const strings: string[] = [];
  xml.replace(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g, (_, t: string) => (strings.push(decodeXml(t)), ''));
  return strings.join('\n');
}

/** A page's text as lines: items on one baseline run together, a new baseline starts a line. */
function pageText(items: TextItem[]): string {
  let text = '';
  let lastY: number | undefined;
  for (const item of items) {
    const y = item.transform[5];
    text += lastY === undefined || y === lastY ? item.str : `\n${item.str}`;
    lastY = y;
  }
  return text;
}

/** pdf.js, loaded once per thread (a few hundred milliseconds: the reading threads load it as they start). */
export function loadPdfJs(): PdfJs {
  // pdf.js ships only ES modules; Node (20.19 and later) requires them from CommonJS.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('pdfjs-dist/legacy/build/pdf.mjs');
}

export async function pdfText(bytes: Uint8Array, limits: TextLimits): Promise<string> {
  const pdfjs = loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdf.js takes the buffer over
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= Math.min(doc.numPages, limits.maxPdfPages) && length < MAX_TEXT; n++) {
      checkDeadline(limits);
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = pageText(content.items.filter((i) => 'str' in i));
      pages.push(text);
      length += text.length;
      page.cleanup();
    }
    return pages.join('\n\n');
  } finally {
    await task.destroy();
  }
}

const READERS: Record<string, (bytes: Uint8Array, limits: TextLimits) => string | Promise<string>> = {
  txt: (bytes) => new TextDecoder().decode(bytes),
  pdf: pdfText,
  docx: docxText,
  xlsx: xlsxText,
};

export const hasText = (kind: string): boolean => kind in READERS;

export async function extractText(kind: string, bytes: Uint8Array, limits: TextLimits): Promise<ExtractedText> {
  const read = READERS[kind];
  if (!read) return { status: 'not_applicable', text: '' };
  let text: string;
  try {
    text = await read(bytes, limits);
  } catch (error) {
    // A damaged or oversized file is still stored; it just adds nothing to search.
    return { status: error instanceof Refused ? error.status : 'unreadable', text: '' };
  }
  return {
    status: 'extracted',
    text: text
      .replace(/\u0000/g, '')
      .replace(/[ \t]+/g, ' ')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
      .slice(0, MAX_TEXT),
  };
}
