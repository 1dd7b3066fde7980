// The renderer on its own: what a PDF reader extracts from the pages (search, copy, screen readers).
import { renderCoursePack, renderMarkingKey, PackContent } from './course-pack-pdf';
import { paperQuiz } from './paper-quiz';
import { decodeQrInPdf, pdfParse } from '../../../../test/support/pdf';

const content = (over: Partial<PackContent> = {}): PackContent => ({
  courseTitle: 'Өргөдөл, гомдол шийдвэрлэх',
  courseTitleEn: 'Handling petitions',
  summary: 'Иргэдийн өргөдлийг хуулийн хугацаанд шийднэ.',
  courseLanguage: 'mn',
  version: 4,
  publishedAt: new Date('2026-03-02T04:00:00Z'),
  printedAt: new Date('2026-12-01T04:00:00Z'),
  modules: [
    {
      title: 'Үндэс',
      lessons: [
        {
          title: 'Танилцуулга',
          markdown: 'Хүлээн авсан өргөдлийг **бүртгэнэ**. Reviewed on receipt.',
          videoUrl: null,
          required: true,
        },
      ],
    },
  ],
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
    for (const words of [
      'PRINTABLE COURSE PACK',
      'Version 4',
      'Published: 2 March 2026',
      'Printed: 1 December 2026',
      'Contents',
      'Module 1. Үндэс',
      'Reviewed on receipt',
      'Page 2 of 3',
    ])
      expect(second).toContain(words);
  });

  it('numbers the contents by the pages lessons start on, past a module without lessons', async () => {
    const lesson = (title: string, markdown: string) => ({ title, markdown, videoUrl: null, required: true });
    const long = Array.from(
      { length: 40 },
      (_, i) => `${i + 1}. Өргөдлийг бүртгэж, хариуг хуулийн хугацаанд өгнө; энэ мөр урт тул дараагийн мөрөнд шилжинэ.`,
    ).join('\n\n');
    const text = await flat(
      await renderCoursePack(
        content({
          modules: [
            { title: 'Нэг', lessons: [lesson('Урт хичээл', long)] },
            { title: 'Хоосон', lessons: [] },
            { title: 'Гурав', lessons: [lesson('Сүүлийн хичээл', 'Төгсгөл.')] },
          ],
        }),
        'mn',
      ),
    );
    // Title page 1, contents 2, the long lesson from 3 over several pages, then the last lesson.
    const pages = Number(/Хуудас 2 \/ (\d+)/.exec(text)![1]);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(text).toContain('1.1Урт хичээл3');
    expect(text).toContain(`3.1Сүүлийн хичээл${pages}`);
    expect(text).not.toContain('Хоосон');
  });

  it('letters options in the course language, so a sheet printed in English matches a key printed in Mongolian', async () => {
    const quiz = paperQuiz(
      'v',
      {
        id: 'z',
        title: 'Шалгалт',
        moduleId: null,
        passMarkPercent: 50,
        timeLimitMinutes: 10,
        maxAttempts: 1,
        shuffleQuestions: false,
        shuffleOptions: false,
        showAnswers: 'never',
        draws: [{ bankId: 'b', count: 1 }],
      },
      [
        {
          id: 'b',
          title: 'Сан',
          questions: [
            { id: 'q', type: 'single', points: 1, prompt: 'Хэдэн хоног?', options: ['Арав', 'Гуч', 'Жар'], correct: 1 },
          ],
        },
      ],
    );
    const sheet = await flat(await renderCoursePack(content({ quiz }), 'en'));
    const key = await flat(await renderMarkingKey(content({ quiz }), quiz, 'mn'));
    expect(sheet).toMatch(/Б\. ?Гуч/);
    expect(sheet).toMatch(/1 point(?!s)/);
    expect(key).toMatch(/Б\. ?Гуч/);
  });

  it('prints a SCORM package lesson as its description, time and a QR code that opens it online, not as its text', async () => {
    const url = 'https://training.example.gov.mn/courses/c1/lessons/l1';
    const pack = content({
      modules: [
        {
          title: 'Багц',
          lessons: [
            {
              title: 'Худалдан авах ажиллагаа',
              markdown: '- Тендерийн урилга\n- Гэрээний хяналт',
              videoUrl: null,
              required: true,
              online: { description: 'Тендер шалгаруулалтын журам.', minutes: 25, url },
            },
          ],
        },
      ],
    });
    const pdf = await renderCoursePack(pack, 'mn');
    const mn = await flat(pdf);
    expect(mn).toContain('Худалдан авах ажиллагаа');
    expect(mn).toContain('Тендер шалгаруулалтын журам.');
    expect(mn).toContain('ойролцоогоор 25 минут');
    expect(mn).toContain('зөвхөн онлайнаар хийнэ');
    expect(mn).toContain(url);
    expect(mn).not.toContain('Тендерийн урилга');
    expect(decodeQrInPdf(pdf)).toBe(url);
    const en = await flat(await renderCoursePack(pack, 'en'));
    expect(en).toContain('Estimated time: about 25 minutes');
    expect(en).toContain('must be done online');
  });
});
