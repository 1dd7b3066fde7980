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
  /** The name in Latin letters for the English text, when the HR record gives one. */
  holderNameLatin?: string | null;
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
  /** Set on a revoked certificate: it is drawn stamped as revoked, with the date. */
  revokedAt?: Date | null;
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
 * caches each glyph with its own — but for the ligatures (U+FB00–FB06): looked up first, "fi" set
 * as one glyph would reach the text layer as "ﬁ", and readers other than pdf.js would not find
 * "certifies"; left to the layout, the ligature glyph keeps the letters it stands for.
 */
function sharedFont(file: string): fontkit.Font {
  const font = fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
  for (const codePoint of font.characterSet)
    if (codePoint < 0xfb00 || codePoint > 0xfb06) font.glyphForCodePoint(codePoint);
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
    return Object.assign(copy, run, {
      positions: run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p)), p)),
    });
  };
  return shared;
}
/** A line of text set to fit a width: its font size and its one or two lines. */
export interface FittedText {
  size: number;
  lines: string[];
}

/**
 * The text's words, each with the space after it, and their widths in ems: pdfkit lays a line out
 * word by word in just these pieces, through the shared layout cache (see withSharedLayouts), so
 * measuring them costs the drawing nothing more.
 */
function words(font: fontkit.Font, text: string): { piece: string; em: number }[] {
  const unitsPerEm = (font as fontkit.Font & { unitsPerEm: number }).unitsPerEm;
  return (text.match(/[^ \t]*[ \t]|[^ \t]+/g) ?? []).map((piece) => ({
    piece,
    em: font.layout(piece).advanceWidth / unitsPerEm,
  }));
}

/** The largest size, in tenths of a point, at which `em` ems fit `maxWidth` points. */
const sizeToFit = (em: number, maxWidth: number) => Math.floor((maxWidth / em) * 10) / 10;

/**
 * Sets `text` to fit `maxWidth` points: at `size` when it fits; else smaller, down to `minSize`;
 * else on two lines at `minSize`, broken between the words that best balance them. A name with no
 * space to break at, or lines still too wide at `minSize`, goes smaller still: text never runs off
 * the page. Each word is measured once, from the layout the PDF then reuses.
 */
export function fitText(
  text: string,
  options: { maxWidth: number; size: number; minSize: number; bold?: boolean },
): FittedText {
  const { maxWidth, size, minSize } = options;
  const pieces = words(options.bold ? FONT_BOLD : FONT, text);
  const total = pieces.reduce((sum, w) => sum + w.em, 0);
  if (total * size <= maxWidth) return { size, lines: [text] };
  if (total * minSize <= maxWidth) return { size: Math.max(minSize, sizeToFit(total, maxWidth)), lines: [text] };
  if (pieces.length < 2) return { size: sizeToFit(total, maxWidth), lines: [text] };

  let best = { at: 1, longer: Infinity };
  for (let at = 1, left = 0; at < pieces.length; at++) {
    left += pieces[at - 1].em;
    const longer = Math.max(left, total - left);
    if (longer < best.longer) best = { at, longer };
  }
  const lines = [
    pieces
      .slice(0, best.at)
      .map((w) => w.piece)
      .join('')
      .trimEnd(),
    pieces
      .slice(best.at)
      .map((w) => w.piece)
      .join('')
      .trimStart(),
  ];
  return { size: best.longer * minSize <= maxWidth ? minSize : sizeToFit(best.longer, maxWidth), lines };
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Where a template put the QR code, in the page's points (the SVG is drawn at 1 unit = 1 pt). */
interface QrBox {
  x: number;
  y: number;
  size: number;
}

// Templates get one helper, {{{qrCode x=… y=… size=…}}}: it puts the white quiet zone in the SVG and
// notes the box, and the modules are drawn straight into the PDF afterwards, on top (x, y and size
// are page points: a template's viewBox is the A4 page, 0 0 842 595). Handing svg-to-pdfkit a path
// of a few hundred rectangles to parse was over a quarter of each certificate's drawing. The quiet
// zone is four modules wide on every side, as ISO/IEC 18004 requires for scanners to find the code.
const QUIET_ZONE_MODULES = 4;
const handlebars = Handlebars.create();
handlebars.registerHelper('qrCode', function (options: Handlebars.HelperOptions) {
  const { x, y, size } = options.hash as Record<string, unknown>;
  const box = { x: Number(x), y: Number(y), size: Number(size) };
  if (![box.x, box.y, box.size].every(Number.isFinite) || box.size <= 0)
    throw new Error('qrCode needs numeric x, y and size (points)');
  (options.data.qrBoxes as QrBox[]).push(box);
  const quiet = Math.ceil(((QUIET_ZONE_MODULES * box.size) / (options.data.qrModules as number)) * 10) / 10;
  const frame = box.size + 2 * quiet;
  return new handlebars.SafeString(
    `<rect x="${box.x - quiet}" y="${box.y - quiet}" width="${frame}" height="${frame}" fill="#ffffff"/>`,
  );
});

// {{{fittedText holderName x=… y=… maxWidth=… size=… minSize=… bold=true fill="…"}}} draws a
// centred line that shrinks, then wraps to two lines round y, to stay within maxWidth points.
handlebars.registerHelper('fittedText', function (text: unknown, options: Handlebars.HelperOptions) {
  const { x, y, maxWidth, size, minSize, bold, fill } = options.hash as Record<string, unknown>;
  const box = {
    x: Number(x),
    y: Number(y),
    maxWidth: Number(maxWidth),
    size: Number(size),
    minSize: Number(minSize ?? size),
  };
  if (!Object.values(box).every(Number.isFinite) || box.maxWidth <= 0 || box.minSize <= 0)
    throw new Error('fittedText needs numeric x, y, maxWidth, size and minSize (points)');
  const fitted = fitText(String(text ?? ''), { ...box, bold: bold === true });
  const lineHeight = fitted.size * 1.2;
  const top = box.y - ((fitted.lines.length - 1) * lineHeight) / 2;
  const attributes = `font-family="DejaVu Sans"${bold === true ? ' font-weight="bold"' : ''} font-size="${fitted.size}" fill="${escapeXml(String(fill ?? '#000000'))}" text-anchor="middle"`;
  return new handlebars.SafeString(
    fitted.lines
      .map(
        (line, i) =>
          `<text x="${box.x}" y="${Math.round((top + i * lineHeight) * 10) / 10}" ${attributes}>${escapeXml(line)}</text>`,
      )
      .join(''),
  );
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
  if (!format)
    dateFormats.set(
      locale,
      (format = new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        timeZone: 'Asia/Ulaanbaatar',
      })),
    );
  return format.format(d);
}

/**
 * The artwork's text in composed form (NFC): a name typed as "и" + combining breve or "е" + combining
 * diaeresis prints and reads back as "й" and "ё", the letters DejaVu draws and search and copy find.
 */
function composed(art: CertificateArtwork): CertificateArtwork {
  const nfc = <T extends string | null>(s: T): T => (s === null ? s : (s.normalize('NFC') as T));
  return {
    ...art,
    holderName: nfc(art.holderName),
    holderNameLatin: nfc(art.holderNameLatin ?? null),
    courseTitle: nfc(art.courseTitle),
    courseTitleEn: nfc(art.courseTitleEn),
    agencyName: nfc(art.agencyName),
    agencyNameEn: nfc(art.agencyNameEn),
    issuerName: nfc(art.issuerName),
  };
}

/** The certificate as SVG, where its template wants the QR code drawn, and the code's modules. */
export function certificateSvg(
  original: CertificateArtwork,
  contentDir = join(process.cwd(), 'content'),
  templateName = 'default',
): { svg: string; qrBoxes: QrBox[]; qr: ReturnType<typeof qrRuns> } {
  const art = composed(original);
  const [issuerName, issuerNameEn] = art.issuerName.split(' · ');
  const qrBoxes: QrBox[] = [];
  const qr = qrRuns(art.verifyUrl);
  const svg = template(templateName, contentDir)(
    {
      ...art,
      issuedOn: dateIn('mn-MN', art.issuedAt),
      issuedOnEn: dateIn('en-GB', art.issuedAt),
      expiresOn: art.expiresAt ? dateIn('mn-MN', art.expiresAt) : null,
      expiresOnEn: art.expiresAt ? dateIn('en-GB', art.expiresAt) : null,
      revokedOn: art.revokedAt ? dateIn('mn-MN', art.revokedAt) : null,
      revokedOnEn: art.revokedAt ? dateIn('en-GB', art.revokedAt) : null,
      issuerName,
      issuerNameEn: issuerNameEn ?? '',
      score: art.score === null ? null : Math.round(art.score),
    },
    { data: { qrBoxes, qrModules: qr.size } },
  );
  return { svg, qrBoxes, qr };
}

/** Draws the QR code into each box, dark modules as filled rectangles. */
function drawQrCodes(doc: PDFKit.PDFDocument, { runs, size }: ReturnType<typeof qrRuns>, boxes: QrBox[]): void {
  if (!boxes.length) return;
  for (const box of boxes) {
    doc
      .save()
      .translate(box.x, box.y)
      .scale(box.size / size);
    for (const [x, y, length] of runs) doc.rect(x, y, length, 1);
    doc.fill('#000000').restore();
  }
}

// pdfkit opens Helvetica for every new document unless told otherwise (parsing its metrics each
// time); every string here is drawn in DejaVu, so no default font is opened.
const NO_DEFAULT_FONT = '';

export function renderCertificatePdf(original: CertificateArtwork, contentDir?: string): Promise<Buffer> {
  const art = composed(original);
  const { svg, qrBoxes, qr } = certificateSvg(art, contentDir);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: 0,
      font: NO_DEFAULT_FONT,
      info: { Title: `${art.courseTitle} — ${art.holderName}`, Author: art.issuerName, Subject: art.code },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('DejaVuSans', FONT as never);
    doc.registerFont('DejaVuSans-Bold', FONT_BOLD as never);
    SVGtoPDF(doc, svg, 0, 0, {
      width: 842,
      height: 595,
      assumePt: true,
      fontCallback: (_family: string, bold: boolean) => (bold ? 'DejaVuSans-Bold' : 'DejaVuSans'),
    });
    drawQrCodes(doc, qr, qrBoxes);
    doc.end();
  });
}
