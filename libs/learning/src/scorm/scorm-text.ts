// The visible text of a package's HTML pages, for search: what a learner reads inside the package,
// which its manifest (titles, description) does not say. Script, style and other non-text content is
// dropped; pages the organization launches come first, then the others by path. Bounded: pages over
// MAX_PAGE_BYTES are skipped, at most MAX_HTML_BYTES of markup is read, and the text stops at
// MAX_TEXT_CHARS.
import sanitizeHtml from 'sanitize-html';
import type { ScormManifest, ScormTocItem } from './scorm-manifest';

export const MAX_TEXT_CHARS = 200_000;
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;
// Markup with little text is slow to read (sanitize-html weighs every tag): this bounds how long an import waits for its text.
export const MAX_HTML_BYTES = 8 * 1024 * 1024;

export interface HtmlPage {
  path: string;
  bytes: Uint8Array;
}

const HTML = /\.x?html?$/i;
// sanitize-html hands textFilter each text node decoded and then escaped again (&, <, >): undone here.
// (Not platform's decodeEntities: this file runs in a worker thread that loads no lib.)
const unescaped = (text: string) =>
  text.replace(/&(amp|lt|gt);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>' })[e]!);
const NON_TEXT = ['script', 'style', 'noscript', 'template', 'textarea', 'option', 'svg', 'math'];

/** The package's HTML pages worth reading, in reading order: launched pages first. */
export function textPages(manifest: ScormManifest, files: { path: string; size: number }[]): string[] {
  const launched: string[] = [];
  const walk = (items: ScormTocItem[]) => {
    for (const item of items) {
      if (item.launch) launched.push(item.launch.replace(/[?#].*$/, ''));
      walk(item.children);
    }
  };
  walk(manifest.organization.items);
  const readable = new Map(files.filter((f) => HTML.test(f.path) && f.size <= MAX_PAGE_BYTES).map((f) => [f.path, f]));
  const order = [...new Set([...launched.filter((p) => readable.has(p)), ...[...readable.keys()].sort()])];
  const chosen: string[] = [];
  let bytes = 0;
  for (const path of order) {
    bytes += readable.get(path)!.size;
    if (bytes > MAX_HTML_BYTES) break;
    chosen.push(path);
  }
  return chosen;
}

/** The pages' visible text, whitespace collapsed, at most MAX_TEXT_CHARS. */
export function extractText(pages: HtmlPage[]): string {
  const parts: string[] = [];
  let length = 0;
  const decoder = new TextDecoder('utf-8');
  for (const page of pages) {
    if (length >= MAX_TEXT_CHARS) break;
    const chunks: string[] = [];
    // Only textFilter's text nodes are kept; what sanitize-html returns is not needed.
    // A space before every tag keeps the words of neighbouring elements apart (<li>a</li><li>b</li>);
    // text nodes are then joined as they are, so an entity does not split a word.
    sanitizeHtml(decoder.decode(page.bytes).replace(/</g, ' <'), {
      allowedTags: [],
      allowedAttributes: {},
      nonTextTags: NON_TEXT,
      textFilter: (text) => {
        chunks.push(unescaped(text));
        return '';
      },
    });
    const text = chunks.join('').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    parts.push(text);
    length += text.length + 1;
  }
  return parts.join('\n').slice(0, MAX_TEXT_CHARS);
}
