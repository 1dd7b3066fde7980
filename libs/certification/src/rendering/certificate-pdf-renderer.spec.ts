import { AppConfig } from '@chadavkhi/platform';
import { pdfParse } from '../../../../test/support/pdf';
import { sampleArtwork } from '../../../../test/support/certificates';
import { renderCertificatePdf } from './certificate-pdf';
import { CertificatePdfRenderer } from './certificate-pdf-renderer';

const art = (holderName: string, code: string) => sampleArtwork(holderName, code, { expiresAt: null, score: null });

const renderer = (threads: number) =>
  new CertificatePdfRenderer(Object.assign(new AppConfig(), { CERT_PDF_THREADS: threads }));

it('draws in worker threads the same certificate as on the main thread, many at once', async () => {
  const pool = renderer(2);
  try {
    const names = ['Батбаярын Оюунчимэг', 'Ганбаатарын Өлзийжаргал', 'Доржийн Үүрийнтуяа', 'Smith John'];
    const threaded = await Promise.all(names.map((name, i) => pool.render(art(name, `AB12-CD34-EF5${i}`))));
    for (const [i, pdf] of threaded.entries()) {
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = (await pdfParse(pdf)).text;
      expect(text).toContain(names[i]);
      expect(text).toContain(`AB12-CD34-EF5${i}`);
      expect(text).toContain('Civil service ethics');
      expect(text).toContain('CERTIFICATE OF COMPLETION');
    }
    // Same bytes as drawn in-line, apart from the creation date pdfkit stamps in.
    const inline = await renderCertificatePdf(art(names[0], 'AB12-CD34-EF50'));
    const undated = (pdf: Buffer) =>
      pdf
        .toString('latin1')
        .replace(/\(D:\d{14}Z\)/g, '')
        .replace(/\/ID \[[^\]]*\]/, '');
    expect(undated(threaded[0])).toBe(undated(inline));
  } finally {
    await pool.onModuleDestroy();
  }
});

it('draws in-line when told to use no threads', async () => {
  const inline = renderer(0);
  const text = (await pdfParse(await inline.render(art('Батбаярын Оюунчимэг', 'ZX98-YW76-VU54')))).text;
  expect(text).toContain('ZX98-YW76-VU54');
  await inline.onModuleDestroy();
});

it('fails only the drawing under way when its thread dies, and draws the next one in a new thread', async () => {
  const pool = renderer(1);
  try {
    await pool.render(art('Батбаярын Оюунчимэг', 'AB12-CD34-EF50')); // the thread is up
    const threads = (pool as unknown as { pool: { threads: { terminate(): Promise<number> }[] } }).pool.threads;
    const dying = pool.render(art('Ганбаатарын Өлзийжаргал', 'ZX98-YW76-VU54'));
    await threads[0].terminate(); // as if the thread ran out of memory mid-drawing
    await expect(dying).rejects.toThrow(); // the job fails, and BullMQ retries it
    const next = await pool.render(art('Доржийн Үүрийнтуяа', 'QW12-ER34-TY56'));
    expect((await pdfParse(next)).text).toContain('QW12-ER34-TY56');
  } finally {
    await pool.onModuleDestroy();
  }
});
