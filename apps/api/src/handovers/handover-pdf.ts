// The printable handover: A4, DejaVu fonts embedded (Cyrillic, incl. Ө and Ү), the same pdfkit and
// font handling as the course packs and certificates. The page builds the lines in its language;
// this only draws them.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

export interface HandoverPdfSection {
  heading: string;
  empty: string;
  items: { title: string; lines: string[]; warn?: string }[];
}

export interface HandoverPdfModel {
  lang: string;
  title: string;
  facts: string[];
  sections: HandoverPdfSection[];
  footer: string;
}

// Parsed once per process; every mapped glyph looked up first, as pack-document.ts explains (DejaVu
// draws some Cyrillic letters from Latin parts, which must be cached with their own code points).
let fonts: { sans: fontkit.Font; bold: fontkit.Font } | undefined;
function sharedFonts() {
  const load = (file: string) => {
    const font = fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
    // Not the ligatures (U+FB00–FB06): looked up first, "fi" set as one glyph would reach the
    // text layer as "ﬁ"; left to the layout, the ligature glyph keeps the letters it stands for.
    for (const codePoint of font.characterSet)
      if (codePoint < 0xfb00 || codePoint > 0xfb06) font.glyphForCodePoint(codePoint);
    return font;
  };
  fonts ??= { sans: load('DejaVuSans.ttf'), bold: load('DejaVuSans-Bold.ttf') };
  return fonts;
}

const MARGIN = 56;
const MUTED = '#555555';
const WARN = '#8a1c00';

export function renderHandoverPdf(model: HandoverPdfModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: model.lang,
    displayTitle: true,
    info: { Title: model.title, Creator: 'Chadavkhi' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { sans, bold } = sharedFonts();
  doc.registerFont('sans', sans as never);
  doc.registerFont('bold', bold as never);
  const width = doc.page.width - 2 * MARGIN;

  doc.font('bold').fontSize(17).fillColor('#111111').text(model.title, { width });
  doc.moveDown(0.4);
  doc.font('sans').fontSize(10).fillColor(MUTED);
  for (const fact of model.facts) doc.text(fact, { width });
  for (const section of model.sections) {
    doc.moveDown(1);
    doc.font('bold').fontSize(13).fillColor('#111111').text(section.heading, { width });
    doc.moveDown(0.3);
    if (!section.items.length) doc.font('sans').fontSize(10).fillColor(MUTED).text(section.empty, { width });
    for (const item of section.items) {
      doc.font('bold').fontSize(10.5).fillColor('#111111').text(`• ${item.title}`, { width });
      doc.font('sans').fontSize(9.5).fillColor(MUTED);
      for (const line of item.lines) doc.text(line, { width, indent: 10 });
      if (item.warn) doc.fillColor(WARN).text(item.warn, { width, indent: 10 });
      doc.moveDown(0.3);
    }
  }
  doc.moveDown(1.5);
  doc.font('sans').fontSize(8).fillColor(MUTED).text(model.footer, { width });
  doc.end();
  return done;
}
