// The A4 portrait document both printouts are drawn on: DejaVu fonts (Cyrillic, incl. Ө and Ү)
// embedded, measured and drawn with the same font so Mongolian lines wrap where they are drawn,
// helpers that keep a block from starting at the foot of a page, and page footers.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export type FontName = 'serif' | 'serif-bold' | 'serif-italic' | 'serif-bold-italic' | 'sans' | 'sans-bold' | 'mono';

const FONT_FILES: Record<FontName, string> = {
  serif: 'DejaVuSerif.ttf',
  'serif-bold': 'DejaVuSerif-Bold.ttf',
  'serif-italic': 'DejaVuSerif-Italic.ttf',
  'serif-bold-italic': 'DejaVuSerif-BoldItalic.ttf',
  sans: 'DejaVuSans.ttf',
  'sans-bold': 'DejaVuSans-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
};

// Parsed once per process and shared by every document: fontkit caches tables and glyphs on the
// Font object, and parsing the TTFs for each pack made it about a third slower. A shared Font
// caches each glyph with the characters of its first lookup, and subsetting a composite glyph
// (DejaVu draws Cyrillic о and е from Latin o and e) looks its parts up with none, so the next
// document's text layer (search, copy, screen readers) would lose those letters though they print
// right. Looking every mapped character up first (about 10 ms a font) caches each glyph with its own.
let fonts: Record<FontName, fontkit.Font> | undefined;
function sharedFonts(): Record<FontName, fontkit.Font> {
  fonts ??= Object.fromEntries(
    Object.entries(FONT_FILES).map(([name, file]) => {
      const font = fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
      // Not the ligatures (U+FB00–FB06): looked up first, "fi" set as one glyph would reach the
      // text layer as "ﬁ"; left to the layout, the ligature glyph keeps the letters it stands for.
      for (const codePoint of font.characterSet)
        if (codePoint < 0xfb00 || codePoint > 0xfb06) font.glyphForCodePoint(codePoint);
      return [name, font];
    }),
  ) as Record<FontName, fontkit.Font>;
  return fonts;
}

export const PAGE = { width: 595.28, height: 841.89, margin: 62, footer: 34 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const INK = '#111111';
export const MUTED = '#555555';
export const RULE = '#999999';

export function newPackDocument(info: { title: string; subject: string; lang: string }): {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margin: PAGE.margin,
    bufferPages: true,
    autoFirstPage: true,
    lang: info.lang,
    displayTitle: true,
    info: { Title: info.title, Subject: info.subject, Creator: 'Chadavkhi' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [name, font] of Object.entries(sharedFonts())) doc.registerFont(name, font as never);
  doc.font('serif').fontSize(10.5).fillColor(INK);
  return { doc, done };
}

export function use(doc: PDFKit.PDFDocument, font: FontName, size: number, color = INK): PDFKit.PDFDocument {
  return doc.font(font).fontSize(size).fillColor(color);
}

/** Space left above the bottom margin on the current page. */
export function spaceLeft(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom - doc.y;
}

/** Starts a new page unless `height` still fits (a block taller than a page just starts where it is). */
export function keepTogether(doc: PDFKit.PDFDocument, height: number): void {
  const pageRoom = doc.page.height - doc.page.margins.top - doc.page.margins.bottom;
  if (height > spaceLeft(doc) && (height <= pageRoom || spaceLeft(doc) < pageRoom * 0.25)) doc.addPage();
}

/** Writes the footer on every page but the first: what this is on the left, the page number on the right. */
export function drawFooters(
  doc: PDFKit.PDFDocument,
  left: string,
  pageText: (page: number, pages: number) => string,
  fromPage = 1,
): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start + fromPage; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Below the bottom margin, so pdfkit would otherwise start a new page for it.
    doc.page.margins.bottom = 0;
    const y = PAGE.height - PAGE.footer;
    doc
      .moveTo(PAGE.margin, y - 6)
      .lineTo(PAGE.width - PAGE.margin, y - 6)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    use(doc, 'sans', 8, MUTED).text(left, PAGE.margin, y, {
      width: CONTENT_WIDTH - 110,
      height: 10,
      ellipsis: true,
      lineBreak: false,
    });
    doc.text(pageText(i + 1, range.count), PAGE.width - PAGE.margin - 110, y, {
      width: 110,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** Lets other requests run between long stretches of drawing (pdfkit draws synchronously). */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A QR code of `text`, `size` points wide with its top left at (x, y): one rectangle per run of dark modules, in module units. */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  doc
    .fillColor(INK)
    .save()
    .translate(x, y)
    .scale(size / modules.size);
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      let run = 1;
      while (col + run < modules.size && modules.get(row, col + run)) run++;
      doc.rect(col, row, run, 1);
      col += run - 1;
    }
  doc.fill().restore();
}
