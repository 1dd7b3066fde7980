import PDFDocument from 'pdfkit';
import { strToU8, zipSync } from 'fflate';
import { AppConfig } from '@chadavkhi/platform';
import { hostileDocx, hostileXlsx, zipArchive } from '../../../../test/support/zip-bombs';
import { extractText, TEXT_LIMITS } from './attachment-text';
import { AttachmentTextExtractor } from './attachment-text-extractor';

const docx = () =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': strToU8(
        '<w:document><w:body><w:p><w:r><w:t>Худалдан авах</w:t></w:r><w:r><w:t xml:space="preserve"> журам &amp; заавар</w:t></w:r></w:p><w:p><w:r><w:t>Second</w:t></w:r></w:p></w:body></w:document>',
      ),
    }),
  );
const xlsx = () =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/sharedStrings.xml': strToU8('<sst><si><t>Төсөв</t></si><si><t>Budget 2025</t></si></sst>'),
    }),
  );
const limits = (overrides: Partial<typeof TEXT_LIMITS & { deadline: number }> = {}) => ({
  ...TEXT_LIMITS,
  deadline: Date.now() + 60_000,
  ...overrides,
});

async function pdf(pages: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  for (const text of pages) doc.addPage().text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe('attachment text, within bounds', () => {
  it('extracts the words of DOCX and XLSX files', async () => {
    expect(await extractText('docx', docx(), limits())).toEqual({
      status: 'extracted',
      text: 'Худалдан авах журам & заавар\nSecond',
    });
    expect(await extractText('xlsx', xlsx(), limits())).toEqual({ status: 'extracted', text: 'Төсөв\nBudget 2025' });
    expect(await extractText('png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), limits())).toEqual({
      status: 'not_applicable',
      text: '',
    });
  });

  it('stops a DOCX that inflates to 400 MiB though its headers say 1 KiB, counting what really comes out', async () => {
    const bomb = hostileDocx(400);
    const before = process.memoryUsage().arrayBuffers;
    expect(await extractText('docx', bomb, limits())).toEqual({ status: 'too_large', text: '' });
    // Chunks inflated before the cap stopped it still count until the collector runs (seen: 50 MiB
    // for a 32 MiB cap); inflating the part whole would be 400 MiB.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(3 * TEXT_LIMITS.maxInflatedBytes);
  });

  it('counts all the sheets of an XLSX together, whatever their headers say', async () => {
    expect(await extractText('xlsx', hostileXlsx(6, 16), limits())).toEqual({ status: 'too_large', text: '' });
    expect(await extractText('xlsx', hostileXlsx(6, 16, 1024), limits())).toEqual({ status: 'too_large', text: '' });
    expect((await extractText('xlsx', hostileXlsx(1, 16), limits())).status).toBe('extracted'); // one sheet alone is within the cap
  });

  it('stops walking an archive of too many entries, and one past its deadline', async () => {
    const many = zipArchive([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: '<w:t>x</w:t>' },
      ...Array.from({ length: TEXT_LIMITS.maxEntries }, (_, i) => ({ name: `media/${i}.bin`, content: '' })),
    ]);
    expect(await extractText('docx', many, limits())).toEqual({ status: 'too_large', text: '' });
    expect(await extractText('docx', hostileDocx(16), limits({ deadline: Date.now() - 1 }))).toEqual({
      status: 'timed_out',
      text: '',
    });
  });
});

describe('AttachmentTextExtractor', () => {
  const extractor = (limitMs = 10_000) =>
    new AttachmentTextExtractor(Object.assign(new AppConfig(), { KNOWLEDGE_TEXT_TIME_LIMIT_MS: limitMs }));

  it('reads PDFs with pdf.js in a worker thread, page by page, and marks a damaged one unreadable', async () => {
    const texts = extractor();
    try {
      const { status, text } = await texts.extract(
        'pdf',
        await pdf(['Procurement checklist: platypus signature', 'Second page']),
      );
      expect(status).toBe('extracted');
      expect(text).toBe('Procurement checklist: platypus signature\n\nSecond page');
      expect(await texts.extract('pdf', Buffer.from('%PDF-1.7\nbroken'))).toEqual({ status: 'unreadable', text: '' });
      expect(await texts.extract('jpeg', Buffer.from([0xff, 0xd8, 0xff]))).toEqual({
        status: 'not_applicable',
        text: '',
      });
    } finally {
      await texts.onModuleDestroy();
    }
  });

  it('inflates a hostile archive off the event loop, which keeps its timers on time', async () => {
    const texts = extractor();
    const bomb = hostileDocx(400);
    const gaps: number[] = [];
    let last = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      gaps.push(now - last);
      last = now;
    }, 10);
    try {
      await texts.extract('txt', Buffer.from('warm')); // the thread is up
      last = Date.now();
      gaps.length = 0;
      expect(await texts.extract('docx', bomb)).toEqual({ status: 'too_large', text: '' });
    } finally {
      clearInterval(ticker);
      await texts.onModuleDestroy();
    }
    expect(Math.max(...gaps)).toBeLessThan(100);
  });

  it('gives up on a file not read within its time limit, counted from when a thread starts on it', async () => {
    const texts = extractor(1);
    try {
      expect(await texts.extract('docx', hostileDocx(16))).toEqual({ status: 'timed_out', text: '' });
    } finally {
      await texts.onModuleDestroy();
    }
  });
});
