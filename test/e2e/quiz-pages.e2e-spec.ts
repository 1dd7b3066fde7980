// Taking a quiz on the web without JavaScript: start, answer on one form (mistakes shown, answers
// kept), result and review, attempt limits and the server's deadline. No page shows the key early.
import { createUser } from '../support/factories';
import { courseBody, everyKindBank } from '../support/courses';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { location, PageSession, signInPage } from '../support/web';

const SECRET = 'SECRET-ANSWER-4b7';
const EXPLAINED = 'EXPLANATION-MARKER-2d9';
const bank = everyKindBank({
  title: 'Ил тод байдал',
  explained: EXPLAINED,
  textAnswers: [SECRET, 'Шилэн данс'],
  ordering: ['o-first', 'o-second', 'o-third'],
});
const quiz = (over: Record<string, unknown> = {}) => ({
  title: 'Эцсийн шалгалт',
  passMarkPercent: 70,
  timeLimitMinutes: 10,
  maxAttempts: 2,
  reviewAfterSubmit: false,
  draws: [{ bank: '0', count: 6 }],
  ...over,
});

type Shown = { id: string; type: string; prompt: string; options?: { key: number; text: string }[] };

/** The form a learner who knows the material fills in: field names as the page has them. */
function rightFields(questions: Shown[]): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const q of questions) {
    const key = (text: string) => String(q.options!.find((o) => o.text === text)!.key);
    const name = `a-${q.id}`;
    if (q.prompt === 'Q-single') fields[name] = key('s-right');
    if (q.prompt === 'Q-multiple') fields[name] = [key('m-right-1'), key('m-right-2')];
    if (q.prompt === 'Q-tf') fields[name] = 'true';
    if (q.prompt === 'Q-numeric') fields[name] = '30,5';
    if (q.prompt === 'Q-text') fields[name] = '  шилэн ДАНС ';
    if (q.prompt === 'Q-ordering')
      ['o-first', 'o-second', 'o-third'].forEach((text, i) => (fields[`${name}-${key(text)}`] = String(i + 1)));
  }
  return fields;
}

describe('quiz pages', () => {
  let t: TestApp;
  let trainerToken: string;
  let trainerPage: PageSession;

  beforeAll(async () => {
    t = await startTestApp();
    const trainer = await createUser(t.db, { roles: ['trainer'] });
    trainerToken = await tokenFor(t, trainer.email);
    trainerPage = await signInPage(t, trainer.email);
  });
  afterAll(() => t.close());

  async function publishedCourse(over: Record<string, unknown> = {}): Promise<string> {
    const created = await t
      .http()
      .post('/api/v1/courses')
      .set(bearer(trainerToken))
      .send(courseBody({ questionBanks: [bank], quizzes: [quiz(over)] }));
    expect(created.status).toBe(201);
    expect((await t.http().post(`/api/v1/courses/${created.body.id}/publish`).set(bearer(trainerToken))).status).toBe(
      201,
    );
    return created.body.id;
  }

  async function learnerOn(courseId: string): Promise<{ page: PageSession; overview: string; seen: string[] }> {
    const user = await createUser(t.db, { roles: ['learner'], agency: 'tax-general-department' });
    const page = await signInPage(t, user.email);
    const overview = location(await page.post(`/courses/${courseId}/enroll`)).split('?')[0];
    return { page, overview, seen: [] };
  }

  const questionsOf = async (page: PageSession, attemptPath: string): Promise<Shown[]> =>
    (await t.http().get(`/api/v1${attemptPath}`).set('cookie', page.cookie)).body.questions;

  it('takes a quiz on one form: mistakes are shown with the answers kept, then graded, passed and reviewed', async () => {
    const courseId = await publishedCourse({ reviewAfterSubmit: true });
    const { page, overview, seen } = await learnerOn(courseId);
    const before = await page.get(overview);
    seen.push(before.text);
    expect(before.text).toContain('Эцсийн шалгалт');
    const startAction = /action="(\/learn\/[^"]+\/quizzes\/[^"]+\/start)"/.exec(before.text)![1];

    const attemptPath = location(await page.post(startAction));
    expect(attemptPath).toMatch(/^\/attempts\/[0-9a-f-]{36}$/);
    expect(location(await page.post(startAction))).toBe(attemptPath); // the open attempt, not a second one
    const form = await page.get(attemptPath);
    seen.push(form.text);
    expect(form.status).toBe(200);
    expect(form.text.match(/<fieldset/g)).toHaveLength(6);
    expect(form.text).toContain('Хариултаа илгээх');

    const questions = await questionsOf(page, attemptPath);
    const right = rightFields(questions);
    const numeric = questions.find((q) => q.type === 'numeric')!;
    const ordering = questions.find((q) => q.type === 'ordering')!;
    const single = questions.find((q) => q.type === 'single')!;
    const wrongForm = {
      ...right,
      [`a-${numeric.id}`]: 'гучин',
      [`a-${ordering.id}-0`]: '1',
      [`a-${ordering.id}-1`]: '1',
      [`a-${ordering.id}-2`]: '2',
    };
    const mistakes = await page.post(`${attemptPath}/submit`, wrongForm);
    seen.push(mistakes.text);
    expect(mistakes.status).toBe(422);
    expect(mistakes.text).toContain(`href="#q-${numeric.id}"`);
    expect(mistakes.text).toContain(`href="#q-${ordering.id}"`);
    expect(mistakes.text).toMatch(new RegExp(`id="a-${numeric.id}"[^>]*value="гучин"`));
    expect(mistakes.text).toMatch(new RegExp(`id="a-${single.id}-${right[`a-${single.id}`]}"[^>]*checked`)); // the choice is kept
    expect(
      (await t.db.query(`SELECT status FROM quiz_attempts WHERE id = $1`, [attemptPath.split('/')[2]]))[0].status,
    ).toBe('open');

    // How long a text answer may be is the grader's rule; the page words its refusal and keeps the form.
    const text = questions.find((q) => q.type === 'text')!;
    const tooLong = { ...right, [`a-${text.id}`]: 'я'.repeat(501) };
    const mnLong = await page.post(`${attemptPath}/submit`, tooLong);
    seen.push(mnLong.text);
    expect(mnLong.status).toBe(422);
    expect(mnLong.text).toContain(`href="#q-${text.id}"`);
    expect(mnLong.text).toContain('Хариулт хэт урт байна.');
    expect(mnLong.text).not.toContain('cannot be graded');
    const enLong = await page.post(`${attemptPath}/submit?lang=en`, tooLong);
    seen.push(enLong.text);
    expect(enLong.status).toBe(422);
    expect(enLong.text).toContain('The answer is too long.');
    expect(
      (await t.db.query(`SELECT status FROM quiz_attempts WHERE id = $1`, [attemptPath.split('/')[2]]))[0].status,
    ).toBe('open');

    for (const body of seen) {
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain(EXPLAINED);
    }

    expect(location(await page.post(`${attemptPath}/submit`, right))).toBe(attemptPath);
    const result = await page.get(attemptPath);
    expect(result.text).toContain('Тэнцлээ');
    expect(result.text).toContain('100%');
    expect(result.text).toContain(EXPLAINED); // this quiz allows review
    expect(result.text).toContain('✓ Зөв');
    // Submitting the same form again changes nothing.
    expect(location(await page.post(`${attemptPath}/submit`, {}))).toBe(attemptPath);
    expect((await page.get(attemptPath)).text).toContain('100%');
    const after = await page.get(overview);
    expect(after.text).toContain('Тэнцсэн: 100%');
    expect(after.text).not.toContain(startAction);

    // The trainer sees the attempt in the results and the item analysis; a learner may not.
    const editor = await trainerPage.get(`/author/courses/${courseId}`);
    const resultsHref = /href="(\/author\/courses\/[^"]+\/quizzes\/[^"]+\/results)"/.exec(editor.text)![1];
    const results = await trainerPage.get(resultsHref);
    expect(results.status).toBe(200);
    expect(results.text).toMatch(/<strong>1<\/strong> илгээсэн оролдлого/);
    expect(results.text).toContain('Q-ordering');
    expect((await page.get(resultsHref)).status).toBe(403);
  });

  it('keeps the key to itself without review, limits attempts, and closes an attempt at the deadline', async () => {
    const courseId = await publishedCourse({ maxAttempts: 2 });
    const { page, overview } = await learnerOn(courseId);
    const startAction = /action="(\/learn\/[^"]+\/quizzes\/[^"]+\/start)"/.exec((await page.get(overview)).text)![1];

    const first = location(await page.post(startAction));
    expect(location(await page.post(`${first}/submit`, {}))).toBe(first); // nothing answered
    const failed = await page.get(first);
    expect(failed.text).toContain('Тэнцсэнгүй');
    expect(failed.text).toContain('Дахин өгөх (1 оролдлого үлдсэн)');
    expect(failed.text).not.toContain(EXPLAINED);
    expect(failed.text).not.toContain('s-right');

    const second = location(await page.post(startAction));
    expect(second).not.toBe(first);
    await t.db.query(`UPDATE quiz_attempts SET deadline_at = now() - interval '5 minutes' WHERE id = $1`, [
      second.split('/')[2],
    ]);
    const late = await page.post(`${second}/submit`, rightFields(await questionsOf(page, second)));
    expect(location(late)).toBe(`${second}?late=1`);
    const closed = await page.get(`${second}?late=1`);
    expect(closed.text).toContain('Хугацаа дууссан');
    expect(
      (await t.db.query(`SELECT status, passed FROM quiz_attempts WHERE id = $1`, [second.split('/')[2]]))[0],
    ).toEqual({ status: 'expired', passed: false });

    const limit = location(await page.post(startAction));
    expect(limit).toBe(`${overview}?quiz=no-attempts-left#quizzes`);
    expect((await page.get(limit)).text).toContain('Оролдлогын тоо дууссан');
  });

  it('shows an attempt only to its owner', async () => {
    const courseId = await publishedCourse();
    const { page, overview } = await learnerOn(courseId);
    const other = await learnerOn(courseId);
    const attempt = location(
      await page.post(/action="(\/learn\/[^"]+\/quizzes\/[^"]+\/start)"/.exec((await page.get(overview)).text)![1]),
    );
    expect((await other.page.get(attempt)).status).toBe(403);
    expect((await other.page.post(`${attempt}/submit`, {})).status).toBe(403);
    expect((await page.get('/attempts/not-an-id')).status).toBe(404);
    const foreignStart = /action="(\/learn\/[^"]+\/quizzes\/[^"]+\/start)"/.exec(
      (await other.page.get(other.overview)).text,
    )![1];
    const notEnrolled = await signInPage(t, (await createUser(t.db, { roles: ['learner'] })).email);
    expect((await notEnrolled.post(foreignStart)).status).toBe(404);
  });
});
