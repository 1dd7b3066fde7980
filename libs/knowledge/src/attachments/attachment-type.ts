// What an uploaded file really is, from its first bytes rather than its name, limited to the kinds
// the repository accepts. A name whose extension disagrees with the content is refused, so an HTML
// page or a program cannot pass as a PDF.
import { unzipSync } from 'fflate';

export interface AttachmentKind {
  mediaType: string;
  extensions: string[];
}

export const ACCEPTED: Record<string, AttachmentKind> = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  txt: { mediaType: 'text/plain', extensions: ['txt', 'md', 'csv'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { mediaType: 'image/gif', extensions: ['gif'] },
  webp: { mediaType: 'image/webp', extensions: ['webp'] },
};

const startsWith = (bytes: Buffer, ...sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** Names inside a zip archive (its central directory), without inflating anything. */
function zipEntryNames(bytes: Buffer): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (file) => (names.push(file.name), false) });
  } catch {
    return [];
  }
  return names;
}

/** Text files: valid UTF-8, no NUL or other binary control bytes, and not markup a browser would run. */
function looksLikePlainText(bytes: Buffer): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 64 * 1024));
  if (text.includes('\uFFFD') && bytes.length <= 64 * 1024) return false;
  if (/[\u0000-\u0008\u000E-\u001F]/.test(text)) return false;
  return !/^\s*(<!doctype\s+html|<html|<svg|<\?xml)|<script[\s>]/i.test(text);
}

/** The accepted kind the content is, or null for anything else (executables, HTML, SVG, archives...). */
export function sniffAttachment(bytes: Buffer): string | null {
  if (!bytes.length) return null;
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf'; // %PDF-
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (startsWith(bytes, 0x47, 0x49, 0x46, 0x38)) return 'gif'; // GIF8
  if (startsWith(bytes, 0x52, 0x49, 0x46, 0x46) && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) {
    const names = zipEntryNames(bytes);
    if (names.includes('[Content_Types].xml') && names.includes('word/document.xml')) return 'docx';
    if (names.includes('[Content_Types].xml') && names.includes('xl/workbook.xml')) return 'xlsx';
    return null;
  }
  return looksLikePlainText(bytes) ? 'txt' : null;
}

export type AttachmentCheck = { ok: true; kind: string; mediaType: string } | { ok: false; reason: string };

export function checkAttachment(filename: string, bytes: Buffer): AttachmentCheck {
  const kind = sniffAttachment(bytes);
  if (!kind)
    return {
      ok: false,
      reason:
        'The file is not one of the accepted kinds (PDF, DOCX, XLSX, plain text, PNG, JPEG, GIF, WebP), judged by its content.',
    };
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1]?.toLowerCase();
  const accepted = ACCEPTED[kind];
  if (!extension || !accepted.extensions.includes(extension)) {
    return {
      ok: false,
      reason: `The content is ${accepted.mediaType}, but the name ${filename} says otherwise; name it .${accepted.extensions[0]}.`,
    };
  }
  return { ok: true, kind, mediaType: accepted.mediaType };
}

/** Bidirectional controls (embeddings, overrides, isolates, marks): "invoice\u202Efdp.exe" shows as "invoiceexe.pdf". */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A file name safe to store and to send back in Content-Disposition, shown as it really ends. */
export function cleanFilename(raw: string): string | null {
  const name = raw
    .normalize('NFC')
    .replace(BIDI_CONTROLS, '')
    .replace(/[\u0000-\u001F\u007F"\\/:*?<>|]+/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return name.length ? name : null;
}
