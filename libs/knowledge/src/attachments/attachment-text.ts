// The searchable text of an attachment, bounded: at most MAX_TEXT characters, PDFs read to at most
// MAX_PDF_PAGES pages, and zip parts inflated only when their declared size is small (no zip bombs).
// DOCX and XLSX are zip archives of XML: the words are the text runs of word/document.xml and the
// shared strings of xl/sharedStrings.xml, which fflate reads without inflating anything else.
import { unzipSync } from 'fflate';

export const MAX_TEXT = 200_000;
const MAX_PDF_PAGES = 100;
const MAX_PART_BYTES = 20 * 1024 * 1024;

// pdf-parse's package entry runs a self-test when loaded without a parent module; its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse: (data: Buffer, options?: { max?: number }) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : XML_ENTITIES[e],
  );
}

function zipPart(bytes: Buffer, wanted: (name: string) => boolean): string[] {
  const parts = unzipSync(bytes, { filter: (f) => wanted(f.name) && f.originalSize <= MAX_PART_BYTES });
  return Object.keys(parts)
    .sort()
    .map((name) => new TextDecoder().decode(parts[name]));
}

function docxText(bytes: Buffer): string {
  const [xml = ''] = zipPart(bytes, (n) => n === 'word/document.xml');
  return decodeXml(xml.replace(/<\/w:p>/g, '\n').replace(/<w:tab\/>/g, '\t').replace(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<[^>]+>/g, (_, t?: string) => t ?? ''));
}

function xlsxText(bytes: Buffer): string {
  const xml = zipPart(bytes, (n) => n === 'xl/sharedStrings.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).join('\n');
  const strings: string[] = [];
  xml.replace(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g, (_, t: string) => (strings.push(decodeXml(t)), ''));
  return strings.join('\n');
}

export async function extractText(kind: string, bytes: Buffer): Promise<string> {
  let text = '';
  try {
    if (kind === 'txt') text = new TextDecoder().decode(bytes);
    else if (kind === 'pdf') text = (await pdfParse(bytes, { max: MAX_PDF_PAGES })).text;
    else if (kind === 'docx') text = docxText(bytes);
    else if (kind === 'xlsx') text = xlsxText(bytes);
  } catch {
    text = ''; // a damaged file is still stored; it just adds nothing to search
  }
  return text.replace(/\u0000/g, '').replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim().slice(0, MAX_TEXT);
}
