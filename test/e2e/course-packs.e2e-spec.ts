// Printable course packs: the pack of a published version (lessons + an answer sheet without
// answers) and the trainer's marking key, read back with a PDF parser; who may print which; bad
// ids and versions; versions printed as they were published; the links on the web pages.
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { signInPage } from '../support/web';
import { decodeQrInPdf, pdfParse } from '../support/pdf';
import { scorm2004Package } from '../support/scorm-packages';

const LESSON_LINE = 'Төрийн албан хаагч өргөдлийг шударга, хүнд сурталгүй шийднэ.';
const LESSON_V2 = 'Шинэчилсэн өгүүлбэр: иргэний өргөдөлд долоо хоногт хариулна.';
const TABLE_CELL = 'Мэдүүлгийн хугацаа';
const TEXT_ANSWER = 'НУУЦХАРИУЛТ';
const NUMERIC_ANSWER = 7315.5;
const EXPLAINED = [
  'ТАЙЛБАРЫН-ТЭМДЭГ-1',
  'ТАЙЛБАРЫН-ТЭМДЭГ-2',
  'ТАЙЛБАРЫН-ТЭМДЭГ-3',
  'ТАЙЛБАРЫН-ТЭМДЭГ-4',
  'ТАЙЛБАРЫН-ТЭМДЭГ-5',
  'ТАЙЛБАРЫН-ТЭМДЭГ-6',
];

const lessonBody = (line: string) =>
  [
    '## Өргөдөл, гомдол',
    '',
    line,
    '',
    'Албан хаагч **хуулийн хугацаанд** хариулж, _иргэнд_ ойлгомжтой тайлбарлана. Урт Монгол өгүүлбэрүүд мөрөөр зөв таслагдах ёстой тул энэ догол мөр хэд хэдэн мөрөнд хуваагдана.',
    '',
    '- Өргөдлийг бүртгэнэ',
    '- Шийдвэрлэнэ',
    '',
    `| ${TABLE_CELL} | Хоног |`,
    '| --- | ---: |',
    '| Энгийн өргөдөл | 30 |',
  ].join('\n');

const bank = {
  title: 'Өргөдлийн асуултууд',
  questions: [
    {
      type: 'single',
      prompt: 'Асуулт-нэг: хариулах хугацаа?',
      options: ['Хоёр өдөр', 'Гучин өдөр', 'Нэг жил'],
      correct: 1,
      explanation: EXPLAINED[0],
    },
    {
      type: 'multiple',
      points: 2,
      scoring: 'partial',
      prompt: 'Асуулт-олон: аль нь үүрэг вэ?',
      options: ['Бүртгэх', 'Нуух', 'Шийдвэрлэх'],
      correct: [0, 2],
      explanation: EXPLAINED[1],
    },
    { type: 'true_false', prompt: 'Асуулт-үнэн: өргөдлийг бүртгэнэ.', correct: true, explanation: EXPLAINED[2] },
    {
      type: 'numeric',
      prompt: 'Асуулт-тоо: хэдэн төгрөг?',
      correct: NUMERIC_ANSWER,
      tolerance: 0.5,
      explanation: EXPLAINED[3],
    },
    {
      type: 'text',
      prompt: 'Асуулт-үг: байгууллагын товчлол?',
      correct: [TEXT_ANSWER, 'АТГ'],
      explanation: EXPLAINED[4],
    },
    {
      type: 'ordering',
      prompt: 'Асуулт-дараалал: алхмууд',
      options: ['Хүлээн авах', 'Бүртгэх', 'Шийдвэрлэх', 'Хариулах'],
      explanation: EXPLAINED[5],
    },
  ],
};
const finalQuiz = {
  title: 'Эцсийн шалгалт',
  passMarkPercent: 70,
  timeLimitMinutes: 20,
  maxAttempts: 3,
  draws: [{ bank: '0', count: 6 }],
};

const binary = (
  res: NodeJS.ReadableStream & { setEncoding(e: string): void },
  done: (e: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('printable course packs', () => {
  let t: TestApp;
  const tokens: Record<'owner' | 'otherTrainer' | 'hr' | 'admin' | 'learner', string> = {} as never;
  const emails: Record<string, string> = {};
  let courseId: string;

  const get = (path: string, token?: string) => {
    const r = t
      .http()
      .get(path)
      .buffer(true)
      .parse(binary as never);
    return token ? r.set(bearer(token)) : r;
  };
  const pdfText = async (path: string, token: string) => {
    const r = await get(path, token);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+\.pdf"$/);
    const parsed = await pdfParse(r.body as Buffer);
    return { text: parsed.text, pages: parsed.numpages };
  };
  /** A problem+json response read as JSON (the binary parser above keeps bodies as bytes). */
  const problem = async (path: string, token: string | undefined, status: number) => {
    const r = await get(path, token);
    return expectProblem(
      { status: r.status, headers: r.headers, body: JSON.parse((r.body as Buffer).toString('utf8')) },
      status,
    );
  };

  beforeAll(async () => {
    t = await startTestApp();
    const users = {
      owner: await createUser(t.db, { roles: ['trainer'], agency: 'civil-service-council' }),
      otherTrainer: await createUser(t.db, { roles: ['trainer'], agency: 'civil-service-council' }),
      hr: await createUser(t.db, { roles: ['hr_officer'] }),
      admin: await createUser(t.db, { roles: ['admin'], agency: 'civil-service-council' }),
      learner: await createUser(t.db, { roles: ['learner'] }),
    };
    for (const [role, user] of Object.entries(users)) {
      tokens[role as keyof typeof tokens] = await tokenFor(t, user.email);
      emails[role] = user.email;
    }
    const body = courseBody({
      modules: [
        {
          title: 'Өргөдөл хүлээн авах',
          lessons: [
            { title: 'Өргөдлийн журам', body: lessonBody(LESSON_LINE) },
            { title: 'Нэмэлт жишээ', body: 'Жишээ нөхцөл байдал.', required: false },
          ],
        },
        { title: 'Хариулах', lessons: [{ title: 'Хариу бичих', body: 'Хариуг **бичгээр** өгнө.' }] },
      ],
      questionBanks: [bank],
      quizzes: [finalQuiz],
    });
    const draft = await t.http().post('/api/v1/courses').set(bearer(tokens.owner)).send(body);
    expect(draft.status).toBe(201);
    courseId = draft.body.id;
    expect((await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(tokens.owner))).status).toBe(201);
  });
  afterAll(() => t.close());

  it('prints the lessons in Mongolian with a title page, contents and the quiz as an answer sheet without answers', async () => {
    const { text, pages } = await pdfText(`/api/v1/courses/${courseId}/versions/1/pack.pdf`, tokens.owner);
    const flat = text.replace(/\s+/g, ' ');
    expect(pages).toBeGreaterThanOrEqual(6);
    // Title page: the course, its version and the date.
    expect(flat).toContain('Төрийн албан хаагчийн ёс зүй');
    expect(flat).toContain('Хувилбар 1');
    expect(flat).toMatch(/Нийтэлсэн: \d{4} оны/);
    expect(flat).toContain('Агуулга');
    // The lessons, rendered from Markdown, Cyrillic intact (Ө, Ү included).
    expect(flat).toContain(LESSON_LINE);
    expect(flat).toContain('Өргөдлийн журам');
    expect(flat).toContain('хуулийн хугацаанд');
    expect(flat).toContain(TABLE_CELL);
    expect(flat).toMatch(/Хуудас 3 \/ \d+/);
    // The answer sheet: every question with its options, and nothing of the key.
    expect(flat).toContain('Хариултын хуудас');
    for (const q of bank.questions) expect(flat).toContain(q.prompt);
    for (const option of ['Гучин өдөр', 'Бүртгэх', 'Шийдвэрлэх', 'Хүлээн авах', 'Хариулах'])
      expect(flat).toContain(option);
    expect(flat).not.toContain(TEXT_ANSWER);
    expect(flat).not.toContain('7315');
    for (const e of EXPLAINED) expect(flat).not.toContain(e);
    expect(flat).not.toContain('Зөв хариулт');
    expect(flat).not.toContain('Тайлбар:');
  });

  it('writes its own words in English with ?lang=en', async () => {
    const { text } = await pdfText(`/api/v1/courses/${courseId}/versions/1/pack.pdf?lang=en`, tokens.hr);
    const flat = text.replace(/\s+/g, ' ');
    for (const words of ['Version 1', 'Contents', 'Answer sheet', 'Page 2 of', 'Module 1.'])
      expect(flat).toContain(words);
    expect(flat).toContain(LESSON_LINE);
    expect(flat).not.toContain(TEXT_ANSWER);
  });

  it('gives the owning trainer and administrators the marking key: answers, points and explanations, audited', async () => {
    const { text } = await pdfText(`/api/v1/courses/${courseId}/versions/1/marking-key.pdf`, tokens.owner);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Зөв хариултын түлхүүр');
    expect(flat).toContain('Хувилбар 1');
    expect(flat).toContain(TEXT_ANSWER);
    expect(flat).toContain(String(NUMERIC_ANSWER));
    expect(flat).toContain('Гучин өдөр');
    expect(flat).toContain('Үнэн');
    for (const e of EXPLAINED) expect(flat).toContain(e);
    for (const q of bank.questions) expect(flat).toContain(q.prompt);
    expect(flat).toContain('Тэнцэх босго');
    expect((await get(`/api/v1/courses/${courseId}/versions/1/marking-key.pdf?lang=en`, tokens.admin)).status).toBe(
      200,
    );
    const audited = await t.db.query(
      `SELECT actor_id, details FROM audit_log_entries WHERE action = 'course.marking_key.download' AND target_id = $1 ORDER BY created_at`,
      [courseId],
    );
    expect(audited).toHaveLength(2);
    expect(audited[0].details).toEqual(expect.objectContaining({ version: 1 }));
  });

  it('lets only the owning trainer, HR officers and administrators print; the key only the owner and administrators', async () => {
    const pack = `/api/v1/courses/${courseId}/versions/1/pack.pdf`;
    const key = `/api/v1/courses/${courseId}/versions/1/marking-key.pdf`;
    for (const who of ['hr', 'admin'] as const) expect((await get(pack, tokens[who])).status).toBe(200);
    await problem(pack, tokens.learner, 403);
    await problem(pack, tokens.otherTrainer, 403);
    await problem(pack, undefined, 401);
    await problem(key, tokens.hr, 403);
    await problem(key, tokens.otherTrainer, 403);
    await problem(key, tokens.learner, 403);
    await problem(key, undefined, 401);
  });

  it('answers bad ids, versions and languages with problem details, never a 500', async () => {
    const base = `/api/v1/courses/${courseId}/versions`;
    await problem(`${base}/2/pack.pdf`, tokens.owner, 404);
    await problem(`${base}/999999999/pack.pdf`, tokens.owner, 404);
    await problem(`${base}/2/marking-key.pdf`, tokens.owner, 404);
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999'])
      await problem(`${base}/${bad}/pack.pdf`, tokens.owner, 400);
    await problem(`/api/v1/courses/00000000-0000-4000-8000-000000000000/versions/1/pack.pdf`, tokens.hr, 404);
    await problem(`/api/v1/courses/not-a-uuid/versions/1/pack.pdf`, tokens.hr, 400);
    await problem(`${base}/1/pack.pdf?lang=fr`, tokens.owner, 400);
    await problem(`${base}/1/pack.pdf?answers=1`, tokens.owner, 400);
  });

  it('prints each version as it was published, and the same questions on the sheet and in the key', async () => {
    const bigBank = {
      title: 'Сан',
      questions: Array.from({ length: 8 }, (_, i) => ({
        type: 'single',
        prompt: `Сонгох-асуулт-${i + 1}`,
        options: ['Тийм', 'Үгүй'],
        correct: i % 2,
        explanation: `Сонгох-тайлбар-${i + 1}`,
      })),
    };
    const draft = await t
      .http()
      .post('/api/v1/courses')
      .set(bearer(tokens.owner))
      .send(
        courseBody({
          modules: [{ title: 'Модуль', lessons: [{ title: 'Хичээл', body: LESSON_LINE }] }],
          questionBanks: [bigBank],
          quizzes: [{ ...finalQuiz, draws: [{ bank: '0', count: 4 }] }],
        }),
      );
    const id = draft.body.id;
    expect((await t.http().post(`/api/v1/courses/${id}/publish`).set(bearer(tokens.owner))).status).toBe(201);
    const v1 = (await t.http().get(`/api/v1/courses/${id}/draft`).set(bearer(tokens.owner))).body.draft;
    v1.modules[0].lessons[0].body = LESSON_V2;
    expect(
      (await t.http().patch(`/api/v1/courses/${id}`).set(bearer(tokens.owner)).send({ modules: v1.modules })).status,
    ).toBe(200);
    expect((await t.http().post(`/api/v1/courses/${id}/publish`).set(bearer(tokens.owner))).status).toBe(201);

    const first = (await pdfText(`/api/v1/courses/${id}/versions/1/pack.pdf`, tokens.hr)).text.replace(/\s+/g, ' ');
    const second = (await pdfText(`/api/v1/courses/${id}/versions/2/pack.pdf`, tokens.hr)).text.replace(/\s+/g, ' ');
    expect(first).toContain(LESSON_LINE);
    expect(first).not.toContain(LESSON_V2);
    expect(second).toContain(LESSON_V2);
    expect(second).toContain('Хувилбар 2');

    const key = (await pdfText(`/api/v1/courses/${id}/versions/1/marking-key.pdf`, tokens.owner)).text.replace(
      /\s+/g,
      ' ',
    );
    const onSheet = first.match(/Сонгох-асуулт-\d/g) ?? [];
    expect(onSheet).toHaveLength(4);
    expect(key.match(/Сонгох-асуулт-\d/g)).toEqual(onSheet);
    for (const q of onSheet) expect(key).toContain(`Сонгох-тайлбар-${q.slice(-1)}`);
    // Printed twice, the same sheet: trainers can print more copies later.
    const again = (await pdfText(`/api/v1/courses/${id}/versions/1/pack.pdf`, tokens.owner)).text.replace(/\s+/g, ' ');
    expect(again.match(/Сонгох-асуулт-\d/g)).toEqual(onSheet);
  });

  it('prints a course without a final quiz without an answer sheet, and has no marking key for it', async () => {
    const draft = await t.http().post('/api/v1/courses').set(bearer(tokens.owner)).send(courseBody());
    expect((await t.http().post(`/api/v1/courses/${draft.body.id}/publish`).set(bearer(tokens.owner))).status).toBe(
      201,
    );
    const { text } = await pdfText(`/api/v1/courses/${draft.body.id}/versions/1/pack.pdf`, tokens.owner);
    expect(text).toContain('Танилцуулга');
    expect(text).not.toContain('Хариултын хуудас');
    await problem(`/api/v1/courses/${draft.body.id}/versions/1/marking-key.pdf`, tokens.owner, 404);
  });

  it('links the printouts from the course editor (each version) and, for HR officers, from the course page', async () => {
    const owner = await signInPage(t, emails.owner);
    const editor = await owner.get(`/author/courses/${courseId}`);
    expect(editor.status).toBe(200);
    expect(editor.text).toContain(`href="/api/v1/courses/${courseId}/versions/1/pack.pdf?lang=mn"`);
    // The marking key is audited: a button sending a form with the CSRF token, so no image or link can fetch it.
    expect(editor.text).toContain(
      `<form method="post" action="/api/v1/courses/${courseId}/versions/1/marking-key.pdf?lang=mn"`,
    );
    const keyDownloads = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM audit_log_entries WHERE action = 'course.marking_key.download' AND target_id = $1`,
          [courseId],
        )
      )[0].n;
    const before = await keyDownloads();
    expectProblem(
      await t.http().get(`/api/v1/courses/${courseId}/versions/1/marking-key.pdf`).set('cookie', owner.cookie),
      403,
    );
    expectProblem(
      await t.http().post(`/api/v1/courses/${courseId}/versions/1/marking-key.pdf`).set('cookie', owner.cookie),
      403,
    ); // no token
    expect(await keyDownloads()).toBe(before);
    const key = await owner.post(`/api/v1/courses/${courseId}/versions/1/marking-key.pdf?lang=mn`);
    expect(key.status).toBe(200);
    expect(key.headers['content-type']).toBe('application/pdf');
    expect(await keyDownloads()).toBe(before + 1);

    const hr = await signInPage(t, emails.hr);
    const page = await hr.get(`/courses/${courseId}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/api/v1/courses/${courseId}/versions/1/pack.pdf?lang=`);
    expect(page.text).not.toContain('marking-key.pdf');
    // The link works with the web session (cookie), as a browser would follow it.
    expect(
      (await t.http().get(`/api/v1/courses/${courseId}/versions/1/pack.pdf`).set('cookie', hr.cookie)).status,
    ).toBe(200);

    const learner = await signInPage(t, emails.learner);
    const learnerPage = await learner.get(`/courses/${courseId}`);
    expect(learnerPage.status).toBe(200);
    expect(learnerPage.text).not.toContain('pack.pdf');
  });

  it('prints a SCORM package lesson as its description, time and a QR code whose address opens the lesson online', async () => {
    const draft = (await t.http().post('/api/v1/courses').set(bearer(tokens.owner)).send(courseBody())).body;
    const added = await t
      .http()
      .post(`/api/v1/courses/${draft.id}/modules/${draft.draft.modules[1].id}/scorm-packages`)
      .set(bearer(tokens.owner))
      .attach('file', scorm2004Package(), 'package.zip')
      .expect(201);
    await t.http().post(`/api/v1/courses/${draft.id}/publish`).set(bearer(tokens.owner)).expect(201);
    const path = `/courses/${draft.id}/lessons/${added.body.lessonId}`;

    const response = await get(`/api/v1/courses/${draft.id}/versions/1/pack.pdf?lang=en`, tokens.hr).expect(200);
    const flat = (await pdfParse(response.body as Buffer)).text.replace(/\s+/g, ' ');
    expect(flat).toContain('Тендер шалгаруулалтын журам, гэрээний хяналт.');
    expect(flat).toMatch(/Estimated time: about \d+ minutes/);
    expect(flat).toContain('This lesson is interactive (a SCORM package) and must be done online.');
    expect(flat.replace(/ /g, '')).toContain(path); // the address wraps where it may
    // The table of contents is the online lesson's, not the printout's.
    expect(flat).not.toContain('Тендерийн урилга');
    const scanned = decodeQrInPdf(response.body as Buffer)!;
    expect(new URL(scanned).pathname).toBe(path);

    // The address sends a stranger to sign in, a learner to the course to enrol, and an enrolled one to the lesson.
    const anonymous = await t.http().get(path).set('accept', 'text/html');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toContain(`next=${encodeURIComponent(path)}`);
    const learner = await signInPage(t, emails.learner);
    const before = await learner.get(path);
    expect(before.status).toBe(303);
    expect(before.headers.location).toBe(`/courses/${draft.id}`);
    const enrolled = await t
      .http()
      .post(`/api/v1/courses/${draft.id}/enrollments`)
      .set(bearer(tokens.learner))
      .expect(201);
    const after = await learner.get(path);
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe(`/learn/${enrolled.body.id}/lessons/${added.body.lessonId}`);
    expect((await learner.get(`/courses/${draft.id}/lessons/not-a-uuid`)).status).toBe(404);
  });
});
