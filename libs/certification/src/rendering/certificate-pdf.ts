// The printable certificate: a Handlebars SVG template from content/certificate-templates, drawn
// into an A4 landscape PDF with DejaVu fonts embedded (Mongolian Cyrillic renders in any viewer).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import Handlebars from 'handlebars';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { qrRuns } from './qr-modules';

export interface CertificateArtwork {
  holderName: string;
  courseTitle: string;
  courseTitleEn: string | null;
  agencyName: string;
  agencyNameEn: string | null;
  issuedAt: Date;
  expiresAt: Date | null;
  code: string;
  verifyUrl: string;
  issuerName: string;
  score: number | null;
}

// Parsed once and shared by every document: fontkit caches tables and glyphs on the Font object,
// and re-parsing the TTF for each certificate was three quarters of the rendering time.
const FONT = withSharedLayouts(sharedFont('DejaVuSans.ttf'));
const FONT_BOLD = withSharedLayouts(sharedFont('DejaVuSans-Bold.ttf'));

/**
 * A shared Font caches each glyph with the characters of its first lookup, and subsetting a
 * composite glyph (DejaVu draws Cyrillic о and е from Latin o and e) looks its parts up with none,
 * so a later document's text layer (search, copy, screen readers) could lose those letters though
 * they print right. Looking every mapped character up first (about 10 ms a font, once a thread)
 * caches each glyph with its own.
 */
function sharedFont(file: string): fontkit.Font {
  const font = fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
  for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
  return font;
}

/**
 * The font with what each document used to redo remembered across documents. pdfkit keeps a layout
 * cache per document, so every certificate shaped the same template sentences again, and fontkit's
 * subsetter decodes every used glyph's outline afresh in each PDF only to learn whether it is a
 * composite; the two were a third of the rendering time. pdfkit accepts any object with layout() as
 * a font; this one inherits everything else from the fontkit font, hands out a copy of each cached
 * run (pdfkit scales the positions in place), and keeps each glyph's decoded outline (read-only for
 * a font without variations, which DejaVu Sans is).
 */
function withSharedLayouts(font: fontkit.Font, limit = 4000): fontkit.Font {
  const runs = new Map<string, fontkit.GlyphRun>();
  const shared: fontkit.Font = Object.create(font);
  const decoded = new WeakSet<fontkit.Glyph>();
  shared.getGlyph = function (this: fontkit.Font, id, codePoints) {
    const glyph = font.getGlyph.call(this, id, codePoints);
    if (!decoded.has(glyph)) {
      decoded.add(glyph);
      const decode = glyph._decode;
      let outline: unknown;
      glyph._decode = function (this: fontkit.Glyph) {
        return outline === undefined ? (outline = decode.call(this)) : outline;
      };
    }
    return glyph;
  };
  shared.layout = (text, features) => {
    const key = features ? `${JSON.stringify(features)}\u0000${text}` : text;
    let run = runs.get(key);
    if (!run) {
      if (runs.size >= limit) runs.clear(); // holder names are endless; the template's words come back at once
      runs.set(key, (run = font.layout(text, features)));
    }
    const copy: fontkit.GlyphRun = Object.create(Object.getPrototypeOf(run));
    return Object.assign(copy, run, { positions: run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p)), p)) });
  };
  return shared;
}
/** Where a template put the QR code, in the page's points (the SVG is drawn at 1 unit = 1 pt). */
interface QrBox {
  x: number;
  y: number;
  size: number;
}

// Templates get one helper, {{{qrCode x=… y=… size=…}}}: it puts the white quiet zone in the SVG and
// notes the box, and the modules are drawn straight into the PDF afterwards, on top (x, y and size
// are page points: a template's viewBox is the A4 page, 0 0 842 595). Handing svg-to-pdfkit a path
// of a few hundred rectangles to parse was over a quarter of each certificate's drawing.
const QUIET_ZONE = 6;
const handlebars = Handlebars.create();
handlebars.registerHelper('qrCode', function (options: Handlebars.HelperOptions) {
  const { x, y, size } = options.hash as Record<string, unknown>;
  const box = { x: Number(x), y: Number(y), size: Number(size) };
  if (![box.x, box.y, box.size].every(Number.isFinite) || box.size <= 0) throw new Error('qrCode needs numeric x, y and size (points)');
  (options.data.qrBoxes as QrBox[]).push(box);
  const frame = box.size + 2 * QUIET_ZONE;
  return new handlebars.SafeString(`<rect x="${box.x - QUIET_ZONE}" y="${box.y - QUIET_ZONE}" width="${frame}" height="${frame}" fill="#ffffff"/>`);
});

const templates = new Map<string, Handlebars.TemplateDelegate>();

function template(name: string, contentDir: string): Handlebars.TemplateDelegate {
  const file = join(contentDir, 'certificate-templates', `${name}.svg.hbs`);
  let compiled = templates.get(file);
  if (!compiled) templates.set(file, (compiled = handlebars.compile(readFileSync(file, 'utf8'))));
  return compiled;
}

// Building an Intl.DateTimeFormat costs more than formatting with it; one per locale.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateIn(locale: string, d: Date): string {
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Ulaanbaatar' })));
  return format.format(d);
}

/** The certificate as SVG, and where its template wants the QR code drawn. */
export function certificateSvg(art: CertificateArtwork, contentDir = join(process.cwd(), 'content'), templateName = 'default'): { svg: string; qrBoxes: QrBox[] } {
  const [issuerName, issuerNameEn] = art.issuerName.split(' · ');
  const qrBoxes: QrBox[] = [];
  const svg = template(templateName, contentDir)(
    {
      ...art,
      issuedOn: dateIn('mn-MN', art.issuedAt),
      issuedOnEn: dateIn('en-GB', art.issuedAt),
      expiresOn: art.expiresAt ? dateIn('mn-MN', art.expiresAt) : null,
      expiresOnEn: art.expiresAt ? dateIn('en-GB', art.expiresAt) : null,
      issuerName,
      issuerNameEn: issuerNameEn ?? '',
      score: art.score === null ? null : Math.round(art.score),
    },
    { data: { qrBoxes } },
  );
  return { svg, qrBoxes };
}

/** Draws the QR code of `text` into each box, dark modules as filled rectangles. */
function drawQrCodes(doc: PDFKit.PDFDocument, text: string, boxes: QrBox[]): void {
  if (!boxes.length) return;
  const { runs, size } = qrRuns(text);
  for (const box of boxes) {
    doc.save().translate(box.x, box.y).scale(box.size / size);
    for (const [x, y, length] of runs) doc.rect(x, y, length, 1);
    doc.fill('#000000').restore();
  }
}

// pdfkit opens Helvetica for every new document unless told otherwise (parsing its metrics each
// time); every string here is drawn in DejaVu, so no default font is opened.
const NO_DEFAULT_FONT = '';

export function renderCertificatePdf(art: CertificateArtwork, contentDir?: string): Promise<Buffer> {
  const { svg, qrBoxes } = certificateSvg(art, contentDir);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, font: NO_DEFAULT_FONT, info: { Title: `${art.courseTitle} — ${art.holderName}`, Author: art.issuerName, Subject: art.code } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('DejaVuSans', FONT as never);
    doc.registerFont('DejaVuSans-Bold', FONT_BOLD as never);
    SVGtoPDF(doc, svg, 0, 0, { width: 842, height: 595, assumePt: true, fontCallback: (_family: string, bold: boolean) => (bold ? 'DejaVuSans-Bold' : 'DejaVuSans') });
    drawQrCodes(doc, art.verifyUrl, qrBoxes);
    doc.end();
  });
}
