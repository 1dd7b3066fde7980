import { pdfParse, pdfStreams as streams } from '../../../../test/support/pdf';
import { sampleArtwork } from '../../../../test/support/certificates';
import { certificateSvg, renderCertificatePdf } from './certificate-pdf';

// Text shaping and glyph outlines are remembered across documents (see certificate-pdf.ts); a
// certificate must not show anything of the one drawn before it, and must come out the same warm
// as cold.
it('draws each certificate from its own facts, the same whatever was drawn before it', async () => {
  const first = sampleArtwork('Батбаярын Оюунчимэг', 'AB12-CD34-EF56');
  const cold = await renderCertificatePdf(first);
  const other = await renderCertificatePdf(sampleArtwork('Ганбаатарын Өлзийжаргал', 'ZX98-YW76-VU54'));
  const warm = await renderCertificatePdf(first);

  const [coldText, otherText, warmText] = await Promise.all(
    [cold, other, warm].map(async (pdf) => (await pdfParse(pdf)).text),
  );
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

/** Where each glyph is drawn on the page (svg-to-pdfkit sets each with its own text matrix): x and baseline y, in points. */
const glyphs = (pdf: Buffer) =>
  streams(pdf).flatMap((s) =>
    [...s.matchAll(/1 0 0 -1 (-?[\d.]+) (-?[\d.]+) Tm/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) })),
  );
const readable = (text: string) => text.replace(/\s+/g, ' ');

it('prints a name typed with combining marks as the composed letters ё and й', async () => {
  const typed = 'Алёна Цолмонгийн'.normalize('NFD'); // е + U+0308, и + U+0306
  expect(typed).not.toContain('ё');
  const text = (
    await pdfParse(
      await renderCertificatePdf(
        sampleArtwork(typed, 'AB12-CD34-EF57', { courseTitle: 'Төрийн албаны ёс зүй'.normalize('NFD') }),
      ),
    )
  ).text;
  expect(readable(text)).toContain('Алёна Цолмонгийн');
  expect(readable(text)).toContain('Төрийн албаны ёс зүй');
});

it('keeps a very long name and course title within the page, the whole of them printed', async () => {
  const name = 'Энхтөрийн Батбаярын Оюунчимэг-Өлзийжаргалсайхан Ганбаатарын Цэцэгмаа Дашдондогийн';
  const title =
    'Төрийн албан хаагчийн ёс зүй, ашиг сонирхлын зөрчлөөс урьдчилан сэргийлэх, мэдүүлэг гаргах журам, хариуцлагын тогтолцоо';
  const pdf = await renderCertificatePdf(sampleArtwork(name, 'AB12-CD34-EF58', { courseTitle: title }));
  // The name's lines are drawn round y = 214 and the title's round y = 322 (content/certificate-templates/default.svg.hbs).
  const xs = glyphs(pdf)
    .filter((g) => (g.y > 190 && g.y < 235) || (g.y > 300 && g.y < 340))
    .map((g) => g.x);
  expect(xs.length).toBeGreaterThan(name.length + title.length - 20);
  expect(Math.min(...xs)).toBeGreaterThanOrEqual(60); // inside the frame (30–812) with the template's margin
  expect(Math.max(...xs)).toBeLessThanOrEqual(782);
  const text = readable((await pdfParse(pdf)).text);
  for (const part of [...name.split(' '), ...title.split(' ')]) expect(text).toContain(part);
});

it('puts no ligature in the text layer: "certifies" is found as typed', async () => {
  const pdf = await renderCertificatePdf(sampleArtwork('Болдын Дорж', 'AB12-CD34-EF59'));
  expect(readable((await pdfParse(pdf)).text)).toContain('This certifies that');
  // pdf.js turns ligatures back into letters when it reads; other readers take the font's ToUnicode
  // map as it is, so no glyph drawn may map to a ligature character (U+FB00–FB06).
  const cmaps = streams(pdf).filter((s) => s.includes('begincmap'));
  expect(cmaps.length).toBeGreaterThanOrEqual(2);
  for (const cmap of cmaps) expect(cmap).not.toMatch(/<fb0[0-6]>/i);
});

it('leaves a quiet zone of at least four modules round the QR code', () => {
  const { svg, qrBoxes, qr } = certificateSvg(sampleArtwork('Болдын Дорж', 'AB12-CD34-EF60'));
  const [box] = qrBoxes;
  const module = box.size / qr.size;
  const frame = new RegExp(
    `<rect x="([\\d.]+)" y="([\\d.]+)" width="([\\d.]+)" height="([\\d.]+)" fill="#ffffff"/>`,
    'g',
  );
  const white = [...svg.matchAll(frame)]
    .map((m) => m.slice(1).map(Number))
    .find(([x, y, w]) => x < box.x && y < box.y && x + w > box.x + box.size)!;
  expect(white).toBeDefined();
  const [x, y, w, h] = white;
  for (const margin of [box.x - x, box.y - y, x + w - (box.x + box.size), y + h - (box.y + box.size)])
    expect(margin / module).toBeGreaterThanOrEqual(4);
});
