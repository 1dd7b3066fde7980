// Quizzes a trainer allows offline: an attempt started for answering offline carries no answer key
// and keeps the quiz's time limit, plus a short grace for the answers to arrive (never the offline
// days: a 1-minute quiz stays a 1-minute quiz); answers arriving in time are graded on the server,
// later ones refused in words; quizzes not allowed offline refuse to start so.
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { location, signInPage } from '../support/web';

const SECRET = 'OFFLINE-SECRET-7d1';
const EXPLAINED = 'OFFLINE-EXPLANATION-3b2';
const bank = {
  title: 'Сан',
  questions: [
    { type: 'single', prompt: 'Q1', options: ['wrong', 'right'], correct: 1, explanation: EXPLAINED },
    { type: 'text', prompt: 'Q2', correct: [SECRET], explanation: EXPLAINED },
  ],
};

describe('quizzes taken offline', () => {
  let t: TestApp;
  let trainer: string;

  beforeAll(async () => {
    t = await startTestApp();
    trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
  });
  afterAll(() => t.close());

  async function enrolledOn(offlineDays?: number, timeLimitMinutes = 15) {
    const quiz = {
      title: 'Эцсийн шалгалт',
      passMarkPercent: 50,
      timeLimitMinutes,
      maxAttempts: 3,
      reviewAfterSubmit: true,
      draws: [{ bank: '0', count: 2 }],
      ...(offlineDays ? { offlineDays } : {}),
    };
    const course = await t
      .http()
      .post('/api/v1/courses')
      .set(bearer(trainer))
      .send(courseBody({ questionBanks: [bank], quizzes: [quiz] }));
    expect(course.status).toBe(201);
    await t.http().post(`/api/v1/courses/${course.body.id}/publish`).set(bearer(trainer));
    const learner = await createUser(t.db);
    const token = await tokenFor(t, learner.email);
    const enrollment = (await t.http().post(`/api/v1/courses/${course.body.id}/enrollments`).set(bearer(token))).body;
    return { token, learner, enrollment, quizId: enrollment.quizzes[0].id as string };
  }

  const rightAnswers = (questions: { id: string; prompt: string; options?: { key: number; text: string }[] }[]) =>
    Object.fromEntries(
      questions.map((q) => [
        q.id,
        q.prompt === 'Q1' ? q.options!.find((o) => o.text === 'right')!.key : SECRET.toLowerCase(),
      ]),
    );

  it('starts an offline attempt with the time limit and a short grace as the deadline, no key, and grades answers that arrive in it', async () => {
    const { token, quizId } = await enrolledOn(7);
    const started = await t
      .http()
      .post(`/api/v1/quizzes/${quizId}/attempts`)
      .set(bearer(token))
      .send({ offline: true });
    expect(started.status).toBe(201);
    expect(started.body.offline).toBe(true);
    const minutes = (Date.parse(started.body.deadlineAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29.9); // 15 minutes to answer, 15 more for the answers to arrive
    expect(minutes).toBeLessThanOrEqual(30);
    expect(started.text).not.toContain(SECRET);
    expect(started.text).not.toContain(EXPLAINED);
    // 25 minutes later (the attempt's clock moved back), the device reconnects and sends its answers.
    await t.db.query(
      `UPDATE quiz_attempts SET started_at = started_at - interval '25 minutes', deadline_at = deadline_at - interval '25 minutes' WHERE id = $1`,
      [started.body.id],
    );
    const graded = await t
      .http()
      .post(`/api/v1/attempts/${started.body.id}/submit`)
      .set(bearer(token))
      .send({ answers: rightAnswers(started.body.questions) });
    expect(graded.status).toBe(200);
    expect(graded.body.result).toEqual(expect.objectContaining({ percent: 100, passed: true }));
  });

  it('keeps a 1-minute quiz a 1-minute quiz offline: answers sent days later are refused', async () => {
    const { token, quizId } = await enrolledOn(7, 1);
    const started = (
      await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(token)).send({ offline: true })
    ).body;
    expect(Date.parse(started.deadlineAt) - Date.parse(started.serverTime)).toBeLessThanOrEqual(16 * 60_000);
    await t.db.query(`UPDATE quiz_attempts SET started_at = started_at - interval '3 days' WHERE id = $1`, [
      started.id,
    ]);
    await t.db.query(`UPDATE quiz_attempts SET deadline_at = deadline_at - interval '3 days' WHERE id = $1`, [
      started.id,
    ]);
    const late = await t
      .http()
      .post(`/api/v1/attempts/${started.id}/submit`)
      .set(bearer(token))
      .send({ answers: rightAnswers(started.questions) });
    expect(expectProblem(late, 409).detail).toMatch(/time for this attempt ran out/);
  });

  it('refuses answers sent after the offline deadline, in words, and closes the attempt as it stood', async () => {
    const { token, quizId } = await enrolledOn(2);
    const started = (
      await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(token)).send({ offline: true })
    ).body;
    await t.db.query(`UPDATE quiz_attempts SET deadline_at = now() - interval '1 hour' WHERE id = $1`, [started.id]);
    const late = await t
      .http()
      .post(`/api/v1/attempts/${started.id}/submit`)
      .set(bearer(token))
      .send({ answers: rightAnswers(started.questions) });
    expectProblem(late, 409);
    expect(late.body.detail).toMatch(/time for this attempt ran out/);
    const [row] = await t.db.query(`SELECT status, passed FROM quiz_attempts WHERE id = $1`, [started.id]);
    expect(row).toEqual({ status: 'expired', passed: false });
  });

  it('refuses an offline start on a quiz not allowed offline, and malformed starts', async () => {
    const { token, quizId } = await enrolledOn();
    const refused = await t
      .http()
      .post(`/api/v1/quizzes/${quizId}/attempts`)
      .set(bearer(token))
      .send({ offline: true });
    expectProblem(refused, 422);
    expect(refused.body.detail).toMatch(/cannot be taken offline/);
    expectProblem(
      await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(token)).send({ offline: 'yes' }),
      400,
    );
    expectProblem(
      await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(token)).send({ later: true }),
      400,
    );
    const online = await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(token));
    expect(online.status).toBe(201);
    expect(online.body.offline).toBe(false);
  });

  it('offers "Take offline" on the course page and starts it from a plain form', async () => {
    const { learner, enrollment } = await enrolledOn(7);
    const page = await signInPage(t, learner.email);
    const overview = await page.get(`/learn/${enrollment.id}?lang=en`);
    expect(overview.text).toContain('Take offline (answer within 30 minutes, with or without a connection)');
    const action = /action="(\/learn\/[^"]+\/quizzes\/[^"]+\/start)"/.exec(overview.text)![1];
    const attemptPath = location(await page.post(`${action}?lang=en`, { offline: '1' }));
    const attempt = await page.get(`${attemptPath}?lang=en`);
    expect(attempt.text).toContain('You may answer without a connection');
    expect(attempt.text).toContain('data-offline-attempt=');
    expect(attempt.text).not.toContain(SECRET);
    expect(attempt.text).not.toContain(EXPLAINED);
  });
});
