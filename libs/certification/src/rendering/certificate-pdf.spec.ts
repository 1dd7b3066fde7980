import { pdfParse, pdfStreams as streams } from '../../../../test/support/pdf';
import { sampleArtwork } from '../../../../test/support/certificates';
import { renderCertificatePdf } from './certificate-pdf';

// Text shaping and glyph outlines are remembered across documents (see certificate-pdf.ts); a
// certificate must not show anything of the one drawn before it, and must come out the same warm
// as cold.
it('draws each certificate from its own facts, the same whatever was drawn before it', async () => {
  const first = sampleArtwork('Батбаярын Оюунчимэг', 'AB12-CD34-EF56');
  const cold = await renderCertificatePdf(first);
  const other = await renderCertificatePdf(sampleArtwork('Ганбаатарын Өлзийжаргал', 'ZX98-YW76-VU54'));
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
