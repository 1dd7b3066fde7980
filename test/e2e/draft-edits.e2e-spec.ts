// Two people editing one course draft: every change names the draft revision it was made on, so of
// two changes made on the same revision one is saved and the other refused with 409, through the
// REST sub-resources and through the authoring pages (which say so in Mongolian and English and keep
// what was typed). Only the course's trainer (or an administrator) may make these changes.
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { PageSession, signInPage } from '../support/web';

const question = (prompt: string) => ({ type: 'true_false', prompt, correct: true });

describe('draft edits', () => {
  let t: TestApp;
  let owner: string;
  let otherTrainer: string;
  let learner: string;
  let page: PageSession;

  const api = (token: string) => ({
    get: (path: string) => t.http().get(`/api/v1${path}`).set(bearer(token)),
    post: (path: string, body: object) => t.http().post(`/api/v1${path}`).set(bearer(token)).send(body),
    patch: (path: string, body: object) => t.http().patch(`/api/v1${path}`).set(bearer(token)).send(body),
    put: (path: string, body: object) => t.http().put(`/api/v1${path}`).set(bearer(token)).send(body),
    delete: (path: string) => t.http().delete(`/api/v1${path}`).set(bearer(token)),
  });
  const newCourse = async () =>
    (await api(owner).post('/courses', courseBody())).body as {
      id: string;
      revision: number;
      draft: { modules: { id: string; lessons: { id: string }[] }[] };
    };
  const draftOf = async (id: string) => (await api(owner).get(`/courses/${id}/draft`)).body;
  const revisionShown = (html: string) => Number(/name="revision" value="(\d+)"/.exec(html)![1]);

  beforeAll(async () => {
    t = await startTestApp();
    const [trainer, other, learnerUser] = await Promise.all([
      createUser(t.db, { roles: ['trainer'] }),
      createUser(t.db, { roles: ['trainer'] }),
      createUser(t.db, { roles: ['learner'] }),
    ]);
    [owner, otherTrainer, learner] = await Promise.all([
      tokenFor(t, trainer.email),
      tokenFor(t, other.email),
      tokenFor(t, learnerUser.email),
    ]);
    page = await signInPage(t, trainer.email);
  });
  afterAll(() => t.close());

  it('saves one of two outline changes made on the same revision and refuses the other with 409', async () => {
    const course = await newCourse();
    expect(course.revision).toBe(1);
    const results = await Promise.all(
      ['Гурав', 'Дөрөв'].map((title) => api(owner).post(`/courses/${course.id}/modules`, { title, revision: 1 })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = expectProblem(
      results.find((r) => r.status === 409)!,
      409,
    );
    expect(refused.type).toBe('https://chadavkhi.mn/problems/draft-changed');
    const saved = results.find((r) => r.status === 201)!.body;
    const draft = await draftOf(course.id);
    expect(draft.revision).toBe(2);
    expect(draft.draft.modules.map((m: { title: string }) => m.title)).toEqual([
      'Үндэс',
      'Практик',
      saved.course.draft.modules[2].title,
    ]);
    expect(draft.draft.modules[2].id).toBe(saved.moduleId);
  });

  it('saves one of two quiz changes made on the same revision and refuses the other with 409', async () => {
    const course = await newCourse();
    const results = await Promise.all(
      ['Нэг', 'Хоёр'].map((prompt) =>
        api(owner).post(`/courses/${course.id}/quizzes/final/questions`, { question: question(prompt), revision: 1 }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expectProblem(
      results.find((r) => r.status === 409)!,
      409,
    );
    const banks = (await draftOf(course.id)).draft.questionBanks;
    expect(banks).toHaveLength(1);
    expect(banks[0].questions).toHaveLength(1);
  });

  it('loses neither of two changes sent without a revision: each is made on the draft as the other left it', async () => {
    const course = await newCourse();
    const prompts = ['А', 'Б', 'В', 'Г'];
    const results = await Promise.all(
      prompts.map((prompt) =>
        api(owner).post(`/courses/${course.id}/quizzes/final/questions`, { question: question(prompt) }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const draft = await draftOf(course.id);
    expect(draft.draft.questionBanks[0].questions.map((q: { prompt: string }) => q.prompt).sort()).toEqual(prompts);
    expect(draft.revision).toBe(5);
  });

  it('edits lessons and a quiz through the sub-resources, each change one revision on', async () => {
    const course = await newCourse();
    const [first, second] = course.draft.modules;
    const added = await api(owner).post(`/courses/${course.id}/modules/${second.id}/lessons`, {
      title: 'Шинэ',
      revision: 1,
    });
    expect(added.status).toBe(201);
    const lessonId = added.body.lessonId;
    expect(
      (
        await api(owner).patch(`/courses/${course.id}/lessons/${lessonId}`, {
          title: 'Шинэ хичээл',
          body: '# Текст',
          required: false,
          revision: 2,
        })
      ).body.revision,
    ).toBe(3);
    const moved = await api(owner).post(`/courses/${course.id}/lessons/${second.lessons[0].id}/move`, {
      direction: 'up',
      revision: 3,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.draft.modules[0].lessons.map((l: { id: string }) => l.id)).toEqual([
      ...first.lessons.map((l) => l.id),
      second.lessons[0].id,
    ]);
    expect(
      (await api(owner).patch(`/courses/${course.id}/modules/${first.id}`, { title: 'Үндсэн ойлголт', revision: 4 }))
        .status,
    ).toBe(200);
    expect((await api(owner).delete(`/courses/${course.id}/lessons/${lessonId}?revision=5`)).status).toBe(200);
    expect(
      (
        await api(owner).post(`/courses/${course.id}/quizzes/${first.id}/questions`, {
          question: question('Модулийн асуулт'),
          revision: 6,
        })
      ).status,
    ).toBe(201);
    const quiz = await api(owner).put(`/courses/${course.id}/quizzes/${first.id}`, {
      title: 'Модулийн шалгалт',
      passMarkPercent: 60,
      timeLimitMinutes: 10,
      maxAttempts: 2,
      questionCount: 1,
      revision: 7,
    });
    expect(quiz.status).toBe(200);
    expect(quiz.body.draft.quizzes).toEqual([
      expect.objectContaining({ title: 'Модулийн шалгалт', moduleId: first.id }),
    ]);
    // The removal named a revision that is no longer the draft's: nothing is removed.
    expectProblem(await api(owner).delete(`/courses/${course.id}/quizzes/${first.id}?revision=7`), 409);
    expect(
      (await api(owner).delete(`/courses/${course.id}/quizzes/${first.id}?revision=8`)).body.draft.quizzes,
    ).toEqual([]);
    // The whole draft honours the same check when a revision is sent.
    expectProblem(await api(owner).patch(`/courses/${course.id}`, { title: 'Хуучин засвар', revision: 3 }), 409);
    expect((await api(owner).patch(`/courses/${course.id}`, { title: 'Шинэ нэр', revision: 9 })).body.revision).toBe(
      10,
    );
  });

  it('refuses bad input, unknown parts and the limits with problem+json', async () => {
    const course = await newCourse();
    expectProblem(await api(owner).post(`/courses/${course.id}/modules`, { title: '   ' }), 400);
    expectProblem(await api(owner).post(`/courses/${course.id}/modules`, { title: 'X', revision: 'one' }), 400);
    expectProblem(
      await api(owner).post(`/courses/${course.id}/lessons/${course.draft.modules[0].id}/move`, {
        direction: 'sideways',
      }),
      400,
    );
    expectProblem(
      await api(owner).patch(`/courses/${course.id}/lessons/00000000-0000-4000-8000-000000000000`, {
        title: 'X',
        body: '',
      }),
      404,
    );
    expectProblem(
      await api(owner).post(`/courses/${course.id}/quizzes/neither/questions`, { question: question('Q') }),
      400,
    );
    const noBank = expectProblem(
      await api(owner).put(`/courses/${course.id}/quizzes/final`, {
        title: 'Q',
        passMarkPercent: 50,
        timeLimitMinutes: 5,
        maxAttempts: 1,
        questionCount: 1,
      }),
      422,
    );
    expect(noBank.type).toBe('https://chadavkhi.mn/problems/quiz-needs-questions');
    await t.db.query(
      `UPDATE courses SET draft = jsonb_set(draft, '{modules}', (SELECT jsonb_agg(jsonb_build_object('id', gen_random_uuid(), 'title', 'M' || n, 'lessons', '[]'::jsonb)) FROM generate_series(1, 50) n)) WHERE id = $1`,
      [course.id],
    );
    const tooMany = expectProblem(
      await api(owner).post(`/courses/${course.id}/modules`, { title: 'Тавин нэг дэх' }),
      422,
    );
    expect(tooMany).toEqual(
      expect.objectContaining({ type: 'https://chadavkhi.mn/problems/too-many-modules', max: 50 }),
    );
  });

  it("lets only the course's trainer make the changes", async () => {
    const course = await newCourse();
    const moduleId = course.draft.modules[0].id;
    for (const token of [otherTrainer, learner]) {
      expectProblem(await api(token).post(`/courses/${course.id}/modules`, { title: 'Миний' }), 403);
      expectProblem(
        await api(token).post(`/courses/${course.id}/quizzes/final/questions`, { question: question('Q') }),
        403,
      );
      expectProblem(
        await api(token).put(`/courses/${course.id}/quizzes/${moduleId}`, {
          title: 'Q',
          passMarkPercent: 50,
          timeLimitMinutes: 5,
          maxAttempts: 1,
          questionCount: 1,
        }),
        403,
      );
      expectProblem(
        await api(token).delete(`/courses/${course.id}/lessons/${course.draft.modules[0].lessons[0].id}`),
        403,
      );
    }
    expectProblem(
      await api(otherTrainer).post(`/courses/00000000-0000-4000-8000-000000000000/modules`, { title: 'X' }),
      404,
    );
    expect((await draftOf(course.id)).revision).toBe(1);
  });

  it('says on the course page, in Mongolian and English, that a change made on an older revision was not saved, and shows the draft as it is now', async () => {
    const course = await newCourse();
    const shown = revisionShown((await page.get(`/author/courses/${course.id}`)).text);
    expect(shown).toBe(1);
    await api(owner).post(`/courses/${course.id}/modules`, { title: 'Өөр хүний бүлэг', revision: 1 });
    const stale = await page.post(`/author/courses/${course.id}/modules`, {
      title: 'Миний бүлэг',
      revision: String(shown),
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('өөр хүн энэ сургалтыг өөрчилсөн тул таны өөрчлөлт хадгалагдсангүй');
    expect(stale.text).toContain('Өөр хүний бүлэг'); // the current version
    expect(stale.text).toContain('value="Миний бүлэг"'); // what was typed is kept
    expect(revisionShown(stale.text)).toBe(2);
    const english = await page.post(
      `/author/courses/${course.id}/lessons/${course.draft.modules[0].lessons[0].id}/move?lang=en`,
      { direction: 'down', revision: '1' },
    );
    expect(english.status).toBe(409);
    expect(english.text).toContain(
      'Someone else changed this course while you were editing, so your change was not saved.',
    );
    expect((await draftOf(course.id)).draft.modules.map((m: { title: string }) => m.title)).toEqual([
      'Үндэс',
      'Практик',
      'Өөр хүний бүлэг',
    ]);
    // At the revision it was shown, the same form saves.
    expect(
      (await page.post(`/author/courses/${course.id}/modules`, { title: 'Миний бүлэг', revision: '2' })).status,
    ).toBe(303);
  });

  it("keeps a lesson's typed text when someone else saved it first, and shows the saved one beside it", async () => {
    const course = await newCourse();
    const lessonId = course.draft.modules[0].lessons[0].id;
    const editor = `/author/courses/${course.id}/lessons/${lessonId}`;
    expect(revisionShown((await page.get(editor)).text)).toBe(1);
    await api(owner).patch(`/courses/${course.id}/lessons/${lessonId}`, {
      title: 'Танилцуулга',
      body: 'Өөр хүний текст',
      revision: 1,
    });
    const stale = await page.post(`${editor}?lang=en`, {
      title: 'Танилцуулга',
      body: 'Миний текст',
      required: 'on',
      action: 'save',
      revision: '1',
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('your change was not saved');
    expect(stale.text).toContain('Миний текст</textarea>');
    expect(stale.text).toContain('Өөр хүний текст');
    expect((await draftOf(course.id)).draft.modules[0].lessons[0].body).toBe('Өөр хүний текст');
  });

  it('says on the quiz page that a question added on an older revision was not saved', async () => {
    const course = await newCourse();
    const quizPage = `/author/courses/${course.id}/quiz`;
    expect(revisionShown((await page.get(quizPage)).text)).toBe(1);
    await api(owner).post(`/courses/${course.id}/quizzes/final/questions`, {
      question: question('Өөр хүний асуулт'),
      revision: 1,
    });
    const stale = await page.post(`${quizPage}/questions`, {
      type: 'true_false',
      prompt: 'Миний асуулт',
      answer: 'Үнэн',
      revision: '1',
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('таны өөрчлөлт хадгалагдсангүй');
    expect(stale.text).toContain('Өөр хүний асуулт');
    expect(stale.text).toContain('Миний асуулт</textarea>');
    const english = await page.post(`${quizPage}/questions?lang=en`, {
      type: 'true_false',
      prompt: 'Mine',
      answer: 'true',
      revision: '1',
    });
    expect(english.text).toContain('Someone else changed this course while you were editing');
    expect((await draftOf(course.id)).draft.questionBanks[0].questions).toHaveLength(1);
  });
});
