// A trainer writes a course's quizzes in the browser, without JavaScript: the final quiz's questions
// of each kind with their answer keys (mistakes said beside the field, what was typed kept), its
// settings and removal rules, a learner's attempt at the published quiz without the key, and a
// module's quiz with a bank of its own. Only the course's trainer (and administrators) see these pages.
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { location, PageSession, signInPage } from '../support/web';

describe('quiz authoring pages', () => {
  let t: TestApp;
  let trainer: PageSession;
  let trainerToken: string;
  let courseId: string;
  let page: string;

  beforeAll(async () => {
    t = await startTestApp();
    const owner = await createUser(t.db, { roles: ['trainer'] });
    trainer = await signInPage(t, owner.email);
    trainerToken = await tokenFor(t, owner.email);
    courseId = (await t.http().post('/api/v1/courses').set(bearer(trainerToken)).send(courseBody())).body.id;
    page = `/author/courses/${courseId}/quiz`;
  });
  afterAll(() => t.close());

  it('is linked from the course editor and starts empty', async () => {
    expect((await trainer.get(`/author/courses/${courseId}`)).text).toContain(`href="${page}"`);
    const empty = await trainer.get(page);
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('Асуулт алга');
    // No quiz can be made before there is a question to draw.
    const refused = await trainer.post(page, {
      title: 'Эцсийн шалгалт',
      questionCount: '1',
      passMarkPercent: '70',
      timeLimitMinutes: '20',
      maxAttempts: '2',
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Эхлээд дор хаяж нэг асуулт нэмнэ үү');
  });

  it('says what is wrong with a question beside its field and keeps what was typed', async () => {
    const bad = await trainer.post(`${page}/questions`, {
      type: 'single',
      prompt: 'Ашиг сонирхлын зөрчил гэж юу вэ?',
      options: 'Нэг\nХоёр\nГурав',
      answer: '4',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Зөв сонголтын дугаарыг 1-ээс 3 хүртэл бичнэ үү');
    expect(bad.text).toContain('Ашиг сонирхлын зөрчил гэж юу вэ?</textarea>');
    expect(bad.text).toContain('Нэг\nХоёр\nГурав</textarea>');
    expect(bad.text).toMatch(/href="#question-answer"/); // the error summary links to the field
    const few = await trainer.post(`${page}/questions`, {
      type: 'multiple',
      prompt: 'Q',
      options: 'Ганц',
      answer: '1',
    });
    expect(few.text).toContain('2-оос 20 хүртэл сонголтыг');
    const english = await trainer.post(`${page}/questions?lang=en`, {
      type: 'true_false',
      prompt: 'Q',
      answer: 'maybe',
    });
    expect(english.status).toBe(422);
    // The bounds are learning's (QuestionInput): its refusals come back beside the fields, in both languages.
    const many = await trainer.post(`${page}/questions?lang=en`, {
      type: 'single',
      prompt: 'Q',
      options: Array.from({ length: 21 }, (_, i) => `Option ${i + 1}`).join('\n'),
      answer: '1',
    });
    expect(many.status).toBe(422);
    expect(many.text).toContain('Write 2 to 20 options, one per line.');
    expect(many.text).toMatch(/href="#question-options"/);
    const long = await trainer.post(`${page}/questions`, {
      type: 'true_false',
      prompt: 'Я'.repeat(2001),
      answer: 'true',
      points: '0,25',
    });
    expect(long.status).toBe(422);
    expect(long.text).toContain('Хамгийн ихдээ 2000 тэмдэгт');
    expect(long.text).toContain('Хамгийн багадаа 0.5');
    expect(
      (
        await t.db.query(
          `SELECT jsonb_array_length(COALESCE(draft->'questionBanks', '[]'::jsonb)) AS n FROM courses WHERE id = $1`,
          [courseId],
        )
      )[0].n,
    ).toBe(0);
  });

  it('adds questions of each kind with their answer keys, and makes a quiz that draws from them', async () => {
    const add = async (fields: Record<string, string>) =>
      expect(location(await trainer.post(`${page}/questions`, fields))).toBe(`${page}?notice=questionAdded#questions`);
    await add({
      type: 'single',
      prompt: 'Бэлэг авч болох уу?',
      options: 'Үгүй\nТийм',
      answer: '1',
      explanation: 'Ёс зүйн дүрмийн 5.1',
    });
    await add({
      type: 'multiple',
      prompt: 'Аль нь зөрчил вэ?',
      options: 'Хамаатныдаа гэрээ өгөх\nМэдүүлэг гаргах\nНууц мэдээлэл задлах',
      answer: '1, 3',
    });
    await add({ type: 'true_false', prompt: 'Мэдүүлгийг жил бүр гаргана.', answer: 'Үнэн' });
    await add({ type: 'numeric', prompt: 'Хэдэн хоногт мэдүүлэх вэ?', answer: '30', tolerance: '1', points: '2' });
    await add({ type: 'text', prompt: 'Хэн хянадаг вэ?', answer: 'АТГ\nАвлигатай тэмцэх газар' });
    await add({ type: 'ordering', prompt: 'Дарааллыг тогтоо', options: 'Мэдэгдэх\nТатгалзах\nБүртгэх' });

    const listed = await trainer.get(page);
    for (const prompt of ['Бэлэг авч болох уу?', 'Аль нь зөрчил вэ?', 'Хэдэн хоногт мэдүүлэх вэ?', 'Дарааллыг тогтоо'])
      expect(listed.text).toContain(prompt);
    expect(listed.text).toContain('Зөв хариулт: 30 (± 1)');
    expect(listed.text).toContain('Зөвшөөрөх хариултууд: АТГ · Авлигатай тэмцэх газар');
    const [{ bank }] = await t.db.query(`SELECT draft->'questionBanks'->0 AS bank FROM courses WHERE id = $1`, [
      courseId,
    ]);
    const questions = bank.questions as { type: string; correct?: unknown; tolerance?: number; points: number }[];
    expect(questions.map((q) => [q.type, q.correct])).toEqual([
      ['single', 0],
      ['multiple', [0, 2]],
      ['true_false', true],
      ['numeric', 30],
      ['text', ['АТГ', 'Авлигатай тэмцэх газар']],
      ['ordering', undefined],
    ]);
    expect(questions[3]).toEqual(expect.objectContaining({ tolerance: 1, points: 2 }));

    expect(
      location(
        await trainer.post(page, {
          title: 'Эцсийн шалгалт',
          questionCount: '6',
          passMarkPercent: '60',
          timeLimitMinutes: '20',
          maxAttempts: '2',
          reviewAfterSubmit: 'on',
        }),
      ),
    ).toBe(`${page}?notice=quizSaved#settings`);
    const tooMany = await trainer.post(page, {
      title: 'Эцсийн шалгалт',
      questionCount: '7',
      passMarkPercent: '60',
      timeLimitMinutes: '20',
      maxAttempts: '2',
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toContain('Санд 6 асуулт байгаа тул түүнээс олныг сугалах боломжгүй');
    // A question the quiz's draw needs cannot go.
    const needed = /action="([^"]+\/questions\/[0-9a-f-]{36}\/delete)"/.exec((await trainer.get(page)).text)![1];
    const kept = await trainer.post(needed);
    expect(kept.status).toBe(422);
    expect(kept.text).toContain('оролдлого бүрт 6 асуулт сугалдаг');
  });

  it('publishes the quiz for learners, who answer it without ever being sent the key', async () => {
    expect((await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainerToken))).status).toBe(201);
    const learnerToken = await tokenFor(t, (await createUser(t.db, { roles: ['learner'] })).email);
    const [{ quiz_id: quizId }] = await t.db.query(
      `SELECT q->>'id' AS quiz_id FROM course_versions v, jsonb_array_elements(v.quizzes) q WHERE v.course_id = $1`,
      [courseId],
    );
    expect((await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(learnerToken))).status).toBe(201);
    const attempt = await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(learnerToken));
    expect(attempt.status).toBe(201);
    expect(attempt.body.questions).toHaveLength(6);
    const sent = JSON.stringify(attempt.body);
    expect(sent).not.toContain('correct');
    expect(sent).not.toContain('Ёс зүйн дүрмийн 5.1'); // the explanation waits for review
  });

  it("writes a module's quiz on its own page, with its own bank, leaving the final quiz as it was", async () => {
    const [{ module_id: moduleId, title }] = await t.db.query(
      `SELECT draft->'modules'->0->>'id' AS module_id, draft->'modules'->0->>'title' AS title FROM courses WHERE id = $1`,
      [courseId],
    );
    const modulePage = `${page}?module=${moduleId}`;
    const editor = await trainer.get(`/author/courses/${courseId}`);
    expect(editor.text).toContain(`href="${modulePage}"`);
    const empty = await trainer.get(modulePage);
    expect(empty.text).toContain(`Бүлгийн шалгалт: ${title}`);
    expect(empty.text).toContain('Асуулт алга'); // not the final quiz's questions
    const add = (prompt: string) =>
      trainer.post(`${page}/questions?module=${moduleId}`, { type: 'true_false', prompt, answer: 'худал' });
    expect(location(await add('Ёс зүйн дүрэм зөвхөн удирдлагад хамаатай.'))).toBe(
      `${page}?module=${moduleId}&notice=questionAdded#questions`,
    );
    expect(location(await add('Мэдүүлэг заавал биш.'))).toBe(
      `${page}?module=${moduleId}&notice=questionAdded#questions`,
    );
    expect(
      location(
        await trainer.post(`${page}?module=${moduleId}`, {
          title: 'Бүлэг 1-ийн шалгалт',
          questionCount: '2',
          passMarkPercent: '50',
          timeLimitMinutes: '10',
          maxAttempts: '3',
        }),
      ),
    ).toBe(`${page}?module=${moduleId}&notice=quizSaved#settings`);
    const [{ quizzes, banks }] = await t.db.query(
      `SELECT draft->'quizzes' AS quizzes, draft->'questionBanks' AS banks FROM courses WHERE id = $1`,
      [courseId],
    );
    expect(banks).toHaveLength(2);
    const moduleQuiz = quizzes.find((q: { moduleId: string | null }) => q.moduleId === moduleId);
    const finalQuiz = quizzes.find((q: { moduleId: string | null }) => q.moduleId === null);
    expect(moduleQuiz).toEqual(
      expect.objectContaining({
        title: 'Бүлэг 1-ийн шалгалт',
        passMarkPercent: 50,
        draws: [expect.objectContaining({ count: 2 })],
      }),
    );
    expect(moduleQuiz.draws[0].bankId).not.toBe(finalQuiz.draws[0].bankId);
    expect(
      banks
        .find((b: { id: string }) => b.id === moduleQuiz.draws[0].bankId)
        .questions.map((q: { correct: boolean }) => q.correct),
    ).toEqual([false, false]);
    expect(finalQuiz).toEqual(
      expect.objectContaining({ passMarkPercent: 60, draws: [expect.objectContaining({ count: 6 })] }),
    );
    expect((await trainer.get(`${page}?module=00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it("is the owning trainer's page only", async () => {
    const other = await signInPage(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    expect([403, 404]).toContain((await other.get(page)).status);
    expect([403, 404]).toContain(
      (await other.post(`${page}/questions`, { type: 'true_false', prompt: 'Q', answer: 'true' })).status,
    );
    const learner = await signInPage(t, (await createUser(t.db, { roles: ['learner'] })).email);
    expect((await learner.get(page)).status).toBe(403);
    expect((await trainer.get('/author/courses/not-an-id/quiz')).status).toBe(404);
    const admin = await signInPage(t, (await createUser(t.db, { roles: ['admin'] })).email);
    expect((await admin.get(page)).status).toBe(200);
  });
});
