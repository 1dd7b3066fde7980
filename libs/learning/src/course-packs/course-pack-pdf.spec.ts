// The renderer on its own: what a PDF reader extracts from the pages (search, copy, screen readers).
import { renderCoursePack, PackContent } from './course-pack-pdf';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse: (b: Buffer) => Promise<{ text: string; numpages: number }> = require('pdf-parse/lib/pdf-parse.js');

const content = (over: Partial<PackContent> = {}): PackContent => ({
  courseTitle: 'Өргөдөл, гомдол шийдвэрлэх',
  courseTitleEn: 'Handling petitions',
  summary: 'Иргэдийн өргөдлийг хуулийн хугацаанд шийднэ.',
  courseLanguage: 'mn',
  version: 4,
  publishedAt: new Date('2026-03-02T04:00:00Z'),
  printedAt: new Date('2026-12-01T04:00:00Z'),
  modules: [{ title: 'Үндэс', lessons: [{ title: 'Танилцуулга', markdown: 'Хүлээн авсан өргөдлийг **бүртгэнэ**. Reviewed on receipt.', videoUrl: null, required: true }] }],
  quiz: null,
  ...over,
});

const flat = async (pdf: Buffer) => (await pdfParse(pdf)).text.replace(/\s+/g, ' ');

describe('the course pack renderer', () => {
  it('keeps every letter in the text layer of later documents too (fonts are shared between documents)', async () => {
    // Mongolian first: its Cyrillic о and е are drawn from the Latin o and e glyphs.
    const first = await flat(await renderCoursePack(content(), 'mn'));
    const second = await flat(await renderCoursePack(content(), 'en'));
    expect(first).toContain('Хүлээн авсан өргөдлийг бүртгэнэ');
    expect(first).toContain('Хувилбар 4');
    for (const words of ['PRINTABLE COURSE PACK', 'Version 4', 'Published: 2 March 2026', 'Printed: 1 December 2026', 'Contents', 'Module 1. Үндэс', 'Reviewed on receipt', 'Page 2 of 3']) expect(second).toContain(words);
  });
});
