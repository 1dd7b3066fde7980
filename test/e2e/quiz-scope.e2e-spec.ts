// A quiz id is only an id within its course: a trainer who copies another course's quiz id into
// their own draft reads only their own learners' results, the real owner keeps reading theirs,
// and a learner on both courses starts the quiz of the enrolment they name. The certificate's
// score is the final quiz's, never a module quiz's.
import { AttemptsService } from '@chadavkhi/assessment';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { location, signInPage } from '../support/web';

const bank = (prompt: string) => ({
  title: 'Сан',
  questions: [
    { type: 'true_false', prompt, correct: true },
    { type: 'true_false', prompt: `${prompt}-2`, correct: false },
  ],
});
const quiz = (over: Record<string, unknown> = {}) => ({
  title: 'Эцсийн шалгалт',
  passMarkPercent: 50,
  timeLimitMinutes: 10,
  maxAttempts: 3,
  draws: [{ bank: '0', count: 2 }],
  ...over,
});

describe('quiz ids scoped to their course', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const trainer = async () => tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
  const learner = async () => tokenFor(t, (await createUser(t.db)).email);

  async function publish(token: string, body: Record<string, unknown>) {
    const created = await t.http().post('/api/v1/courses').set(bearer(token)).send(courseBody(body));
    expect(created.status).toBe(201);
    expect((await t.http().post(`/api/v1/courses/${created.body.id}/publish`).set(bearer(token))).status).toBe(201);
    return created.body.id as string;
  }

  async function enrol(token: string, courseId: string) {
    const enrollment = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(token))).body;
    return { enrollmentId: enrollment.id as string, quizzes: enrollment.quizzes as { id: string; final: boolean }[] };
  }

  /** Starts (or resumes) the quiz and answers every question true: one right of two, 50%. */
  async function attempt(token: string, quizId: string, body: Record<string, unknown> = {}) {
    const started = await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(token)).send(body);
    expect([200, 201]).toContain(started.status);
    const answers = Object.fromEntries(started.body.questions.map((q: { id: string }) => [q.id, true]));
    const graded = await t
      .http()
      .post(`/api/v1/attempts/${started.body.id}/submit`)
      .set(bearer(token))
      .send({ answers });
    expect(graded.status).toBe(200);
    return started.body;
  }

  it("gives a trainer who copied another course's quiz id only their own results, and the owner theirs", async () => {
    const [a, b] = [await trainer(), await trainer()];
    const courseA = await publish(a, { questionBanks: [bank('A-PROMPT')], quizzes: [quiz()] });
    const learnerA = await learner();
    const { quizzes } = await enrol(learnerA, courseA);
    const quizId = quizzes[0].id;
    await attempt(learnerA, quizId);

    // Trainer B learns the id (any learner sees it) and puts it on B's own quiz; B publishes twice.
    const courseB = await publish(b, { questionBanks: [bank('B-PROMPT')], quizzes: [quiz({ id: quizId })] });
    expect(
      (await t.http().patch(`/api/v1/courses/${courseB}`).set(bearer(b)).send({ estimatedMinutes: 50 })).status,
    ).toBe(200);
    expect((await t.http().post(`/api/v1/courses/${courseB}/publish`).set(bearer(b))).status).toBe(201);

    const seenByB = await t.http().get(`/api/v1/quizzes/${quizId}/results`).set(bearer(b));
    expect(seenByB.status).toBe(200);
    expect(seenByB.body).toEqual(
      expect.objectContaining({ courseId: courseB, submittedAttempts: 0, passRate: null, questions: [] }),
    );
    expect(seenByB.text).not.toContain('A-PROMPT');

    const seenByA = await t.http().get(`/api/v1/quizzes/${quizId}/results`).set(bearer(a));
    expect(seenByA.status).toBe(200);
    expect(seenByA.body).toEqual(expect.objectContaining({ courseId: courseA, submittedAttempts: 1, passRate: 1 }));
    expect(seenByA.body.questions.map((q: { prompt: string }) => q.prompt).sort()).toEqual(['A-PROMPT', 'A-PROMPT-2']);

    // A learner of B's course: B now sees that attempt, with B's questions; A still sees only A's.
    const learnerB = await learner();
    await enrol(learnerB, courseB);
    await attempt(learnerB, quizId);
    const laterB = (await t.http().get(`/api/v1/quizzes/${quizId}/results`).set(bearer(b))).body;
    expect(laterB).toEqual(expect.objectContaining({ courseId: courseB, submittedAttempts: 1 }));
    expect(laterB.questions.map((q: { prompt: string }) => q.prompt).sort()).toEqual(['B-PROMPT', 'B-PROMPT-2']);
    expect((await t.http().get(`/api/v1/quizzes/${quizId}/results`).set(bearer(a))).body.submittedAttempts).toBe(1);

    // An administrator names the course when the id is on two; without it, a clear 409.
    const admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
    expect(
      expectProblem(await t.http().get(`/api/v1/quizzes/${quizId}/results`).set(bearer(admin)), 409).detail,
    ).toMatch(/courseId/);
    expect(
      (await t.http().get(`/api/v1/quizzes/${quizId}/results?courseId=${courseA}`).set(bearer(admin))).body,
    ).toEqual(expect.objectContaining({ courseId: courseA, submittedAttempts: 1 }));
    expectProblem(await t.http().get(`/api/v1/quizzes/${quizId}/results?courseId=${courseA}`).set(bearer(b)), 403);
    expectProblem(await t.http().get(`/api/v1/quizzes/${quizId}/results?courseId=nope`).set(bearer(b)), 400);
    // The course editor's results page of each course shows that course's quiz.
    const page = await t.http().get(`/author/courses/${courseA}/quizzes/${quizId}/results`).set(bearer(a));
    expect(page.status).toBe(200);
    expect(page.text).toContain('A-PROMPT');
  });

  it('starts the quiz of the enrolment a learner names when two of their courses share the id', async () => {
    const [a, b] = [await trainer(), await trainer()];
    const courseA = await publish(a, { questionBanks: [bank('A-ONLY')], quizzes: [quiz()] });
    const person = await createUser(t.db);
    const token = await tokenFor(t, person.email);
    const onA = await enrol(token, courseA);
    const quizId = onA.quizzes[0].id;
    const courseB = await publish(b, { questionBanks: [bank('B-ONLY')], quizzes: [quiz({ id: quizId })] });
    const onB = await enrol(token, courseB); // enrolled later: the one a bare start would pick
    // On the web, Start on course A's page starts A's quiz.
    const page = await signInPage(t, person.email);
    await page.get(`/learn/${onA.enrollmentId}`);
    const onWeb = (
      await t
        .http()
        .get(
          location(await page.post(`/learn/${onA.enrollmentId}/quizzes/${quizId}/start`)).replace(
            '/attempts/',
            '/api/v1/attempts/',
          ),
        )
        .set(bearer(token))
    ).body;
    expect(onWeb).toEqual(
      expect.objectContaining({
        enrollmentId: onA.enrollmentId,
        questions: expect.arrayContaining([expect.objectContaining({ prompt: 'A-ONLY' })]),
      }),
    );
    const started = await attempt(token, quizId, { enrollmentId: onB.enrollmentId });
    expect(started.enrollmentId).toBe(onB.enrollmentId);
    expect(started.questions.map((q: { prompt: string }) => q.prompt).sort()).toEqual(['B-ONLY', 'B-ONLY-2']);
    const resumedOnA = await attempt(token, quizId, { enrollmentId: onA.enrollmentId });
    expect(resumedOnA.id).toBe(onWeb.id); // A's attempt, still open, is resumed
    expect(resumedOnA.questions.map((q: { prompt: string }) => q.prompt).sort()).toEqual(['A-ONLY', 'A-ONLY-2']);
    // An enrolment without this quiz, or someone else's, is refused.
    const other = await publish(a, { questionBanks: [bank('X')], quizzes: [quiz()] });
    const elsewhere = await enrol(token, other);
    expectProblem(
      await t
        .http()
        .post(`/api/v1/quizzes/${quizId}/attempts`)
        .set(bearer(token))
        .send({ enrollmentId: elsewhere.enrollmentId }),
      404,
    );
    expectProblem(
      await t
        .http()
        .post(`/api/v1/quizzes/${quizId}/attempts`)
        .set(bearer(await learner()))
        .send({ enrollmentId: onA.enrollmentId }),
      404,
    );
  });

  it('refuses a draft whose quiz, bank or question ids repeat within the course, with a 422', async () => {
    const a = await trainer();
    const id = '5b0c4f3e-2f7a-4c2e-9a51-0d6b1c1e7a10';
    const twice = await t
      .http()
      .post('/api/v1/courses')
      .set(bearer(a))
      .send(courseBody({ questionBanks: [bank('Q')], quizzes: [quiz({ id }), quiz({ id, module: '0' })] }));
    expect(expectProblem(twice, 422).detail).toMatch(/id is used twice/);
    const questionTwice = {
      title: 'Сан',
      questions: [
        { id, type: 'true_false', prompt: 'x', correct: true },
        { id, type: 'true_false', prompt: 'y', correct: true },
      ],
    };
    expect(
      expectProblem(
        await t
          .http()
          .post('/api/v1/courses')
          .set(bearer(a))
          .send(courseBody({ questionBanks: [questionTwice] })),
        422,
      ).detail,
    ).toMatch(/id is used twice/);
  });

  it("takes the certificate's score from the final quiz, not from a module quiz", async () => {
    const a = await trainer();
    const moduleBank = { title: 'Модуль', questions: [{ type: 'true_false', prompt: 'M', correct: true }] };
    const courseId = await publish(a, {
      questionBanks: [bank('F'), moduleBank],
      quizzes: [quiz(), quiz({ title: 'Модулийн шалгалт', module: '0', draws: [{ bank: '1', count: 1 }] })],
    });
    const token = await learner();
    const { enrollmentId, quizzes } = await enrol(token, courseId);
    await attempt(token, quizzes.find((q) => !q.final)!.id); // 100%
    const attempts = t.app.get(AttemptsService);
    expect(await attempts.bestFinalScore(enrollmentId)).toBeNull();
    await attempt(token, quizzes.find((q) => q.final)!.id); // 50%, passed
    expect(await attempts.bestFinalScore(enrollmentId)).toBe(50);
  });
});
