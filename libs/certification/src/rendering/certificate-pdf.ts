// The printable certificate: a Handlebars SVG template from content/certificate-templates, drawn
// into an A4 landscape PDF with DejaVu fonts embedded (Mongolian Cyrillic renders in any viewer).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import Handlebars from 'handlebars';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { qrPath } from './qr-path';

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
const FONT = withSharedLayouts(fontkit.create(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))));
const FONT_BOLD = withSharedLayouts(fontkit.create(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))));

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
const templates = new Map<string, Handlebars.TemplateDelegate>();

function template(name: string, contentDir: string): Handlebars.TemplateDelegate {
  const file = join(contentDir, 'certificate-templates', `${name}.svg.hbs`);
  let compiled = templates.get(file);
  if (!compiled) templates.set(file, (compiled = Handlebars.compile(readFileSync(file, 'utf8'))));
  return compiled;
}

// Building an Intl.DateTimeFormat costs more than formatting with it; one per locale.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateIn(locale: string, d: Date): string {
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Ulaanbaatar' })));
  return format.format(d);
}

export function certificateSvg(art: CertificateArtwork, contentDir = join(process.cwd(), 'content'), templateName = 'default'): string {
  const qr = qrPath(art.verifyUrl);
  const qrScale = 132 / qr.size;
  const [issuerName, issuerNameEn] = art.issuerName.split(' · ');
  return template(templateName, contentDir)({
    ...art,
    issuedOn: dateIn('mn-MN', art.issuedAt),
    issuedOnEn: dateIn('en-GB', art.issuedAt),
    expiresOn: art.expiresAt ? dateIn('mn-MN', art.expiresAt) : null,
    expiresOnEn: art.expiresAt ? dateIn('en-GB', art.expiresAt) : null,
    issuerName,
    issuerNameEn: issuerNameEn ?? '',
    qrPath: qr.d,
    qrScale: qrScale.toFixed(4),
    qrFrame: 132 + 12,
    score: art.score === null ? null : Math.round(art.score),
  });
}

// pdfkit opens Helvetica for every new document unless told otherwise (parsing its metrics each
// time); every string here is drawn in DejaVu, so no default font is opened.
const NO_DEFAULT_FONT = '';

export function renderCertificatePdf(art: CertificateArtwork, contentDir?: string): Promise<Buffer> {
  const svg = certificateSvg(art, contentDir);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, font: NO_DEFAULT_FONT, info: { Title: `${art.courseTitle} — ${art.holderName}`, Author: art.issuerName, Subject: art.code } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('DejaVuSans', FONT as never);
    doc.registerFont('DejaVuSans-Bold', FONT_BOLD as never);
    SVGtoPDF(doc, svg, 0, 0, { width: 842, height: 595, assumePt: true, fontCallback: (_family: string, bold: boolean) => (bold ? 'DejaVuSans-Bold' : 'DejaVuSans') });
    doc.end();
  });
}
