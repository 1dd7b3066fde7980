import { inflateSync } from 'node:zlib';
import { CertificateArtwork, renderCertificatePdf } from './certificate-pdf';

// pdf-parse's index runs a self-test on import; its library entry does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse: (b: Buffer) => Promise<{ text: string; numpages: number }> = require('pdf-parse/lib/pdf-parse.js');

const art = (holderName: string, code: string): CertificateArtwork => ({
  holderName,
  courseTitle: 'Төрийн албаны ёс зүй',
  courseTitleEn: 'Civil service ethics',
  agencyName: 'Татварын ерөнхий газар',
  agencyNameEn: 'General Department of Taxation',
  issuedAt: new Date('2026-03-02T04:00:00Z'),
  expiresAt: new Date('2028-03-02T04:00:00Z'),
  code,
  verifyUrl: `https://chadavkhi.example.mn/verify/${code}`,
  issuerName: 'Төрийн албаны зөвлөл · Civil Service Council',
  score: 92,
});

/** Every stream of the PDF (page content, font programs, cmaps), inflated, in file order. */
function streams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/<<([^<>]*)>>\nstream\n/g)) {
    const start = m.index! + m[0].length;
    const length = Number(/\/Length (\d+)/.exec(m[1])![1]);
    const data = pdf.subarray(start, start + length);
    out.push((m[1].includes('/FlateDecode') ? inflateSync(data) : data).toString('latin1'));
  }
  return out;
}

// Text shaping and glyph outlines are remembered across documents (see certificate-pdf.ts); a
// certificate must not show anything of the one drawn before it, and must come out the same warm
// as cold.
it('draws each certificate from its own facts, the same whatever was drawn before it', async () => {
  const first = art('Батбаярын Оюунчимэг', 'AB12-CD34-EF56');
  const cold = await renderCertificatePdf(first);
  const other = await renderCertificatePdf(art('Ганбаатарын Өлзийжаргал', 'ZX98-YW76-VU54'));
  const warm = await renderCertificatePdf(first);

  const [coldText, otherText, warmText] = await Promise.all([cold, other, warm].map(async (pdf) => (await pdfParse(pdf)).text));
  expect(coldText).toContain('Батбаярын Оюунчимэг');
  expect(coldText).toContain('AB12-CD34-EF56');
  expect(coldText).toContain('ГЭРЧИЛГЭЭ');
  expect(otherText).toContain('Ганбаатарын Өлзийжаргал');
  expect(otherText).toContain('ZX98-YW76-VU54');
  expect(otherText).not.toContain('Оюунчимэг');
  expect(warmText).toBe(coldText);
  expect(streams(warm)).toEqual(streams(cold));
  expect(streams(warm).length).toBeGreaterThanOrEqual(5); // page, two font programs, their cmaps
});
