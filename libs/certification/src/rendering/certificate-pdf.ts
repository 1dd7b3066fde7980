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
const FONT = fontkit.create(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));
const FONT_BOLD = fontkit.create(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')));
const templates = new Map<string, Handlebars.TemplateDelegate>();

function template(name: string, contentDir: string): Handlebars.TemplateDelegate {
  const file = join(contentDir, 'certificate-templates', `${name}.svg.hbs`);
  let compiled = templates.get(file);
  if (!compiled) templates.set(file, (compiled = Handlebars.compile(readFileSync(file, 'utf8'))));
  return compiled;
}

const dateIn = (locale: string, d: Date) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Ulaanbaatar' }).format(d);

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

export function renderCertificatePdf(art: CertificateArtwork, contentDir?: string): Promise<Buffer> {
  const svg = certificateSvg(art, contentDir);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0, info: { Title: `${art.courseTitle} — ${art.holderName}`, Author: art.issuerName, Subject: art.code } });
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
