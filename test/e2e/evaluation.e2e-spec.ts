// Training evaluation (issue 20 §4) end to end: the question bank and a trainer's own questions
// (bounded, owner only); the reaction survey offered at completion, answered once (a repeat is
// absorbed), refused for someone else's enrolment, before completion and after its window; results
// per version, trainer and agency with nothing shown below the small-group threshold; and the
// follow-ups about 90 days on — opened by the daily round through the real queue with time moved
// forward, to the learner and their supervisor, reminded twice at most, answered once, closed after.
import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { FOLLOW_UP_ROUND } from '@chadavkhi/evaluation';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { pdfParse } from '../support/pdf';
import { Package } from 'datapackage';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { untilQueuesDrained } from '../support/queues-drained';
import { SmtpListener } from '../support/smtp-listener';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';
import { location, signInPage } from '../support/web';

const DAY = 24 * 3600 * 1000;

interface Person {
  id: string;
  email: string;
  token: string;
}

/** A problem's stable refusal code: the last segment of its type. */
const slugOf = (problem: Record<string, unknown>) => String(problem.type).split('/').pop();

const GOOD = { relevant: 5, clear: 4, trainer: 4, will_apply: 5, recommend: 4 };

describe('evaluation: reaction surveys, 90-day follow-ups and their results', () => {
  let smtp: SmtpListener;
  let t: TestApp;
  let trainer: Person;
  let otherTrainer: Person;
  let hr: Person;
  let foreignHr: Person;
  let boss: Person;
  let learners: Person[];
  let taxLearner: Person;
  let courseId: string;
  const enrolments = new Map<string, string>();

  async function person(roles: ('learner' | 'hr_officer' | 'trainer')[], agency = 'ministry-finance', name?: string) {
    const user = await createUser(t.db, { roles, agency, name });
    return { id: user.id, email: user.email, token: await tokenFor(t, user.email) };
  }

  /** Enrols and completes every lesson; returns the enrolment. */
  async function complete(who: Person): Promise<string> {
    const enrolment = await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(who.token));
    expect(enrolment.status).toBeLessThan(300);
    const detail = (await t.http().get(`/api/v1/enrollments/${enrolment.body.id}`).set(bearer(who.token))).body;
    for (const l of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons))
      await t.http().post(`/api/v1/enrollments/${enrolment.body.id}/lessons/${l.id}/complete`).set(bearer(who.token));
    enrolments.set(who.id, enrolment.body.id);
    return enrolment.body.id;
  }

  const answer = (who: Person, body: Record<string, unknown>, enrollmentId = enrolments.get(who.id)) =>
    t.http().post(`/api/v1/enrollments/${enrollmentId}/reaction-survey`).set(bearer(who.token)).send(body);
  const results = (who: Person, query = '') =>
    t.http().get(`/api/v1/evaluation/results?courseId=${courseId}${query}`).set(bearer(who.token));

  /** The daily follow-up round, through the real queue, as of a moment (time moved forward). */
  async function round(asOf: Date): Promise<void> {
    const queue = t.app.get<Queue>(getQueueToken('evaluation'));
    const job = await queue.add(FOLLOW_UP_ROUND, { asOf: asOf.toISOString() });
    await until(async () => ((await job.isCompleted()) ? true : undefined), 20000);
    await untilQueuesDrained(t, ['evaluation', 'notifications']);
  }

  beforeAll(async () => {
    smtp = new SmtpListener();
    await smtp.start();
    t = await startTestApp({
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://training.example.mn',
    });
    trainer = await person(['trainer'], 'civil-service-council');
    otherTrainer = await person(['trainer'], 'civil-service-council');
    courseId = (await t.http().post('/api/v1/courses').set(bearer(trainer.token)).send(courseBody())).body.id;
    expect((await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer.token))).status).toBe(201);
    hr = await person(['hr_officer']);
    foreignHr = await person(['hr_officer'], 'ministry-foreign-affairs');
    boss = await person(['learner'], 'ministry-finance', 'Даргын Болд');
    learners = [];
    for (let i = 0; i < 6; i++) learners.push(await person(['learner'], 'ministry-finance', `Суралцагч ${i + 1}`));
    taxLearner = await person(['learner'], 'tax-general-department');
    await t.db.query(`UPDATE users SET supervisor_id = $1 WHERE id = ANY($2::uuid[])`, [
      boss.id,
      learners.map((l) => l.id),
    ]);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('ships the standard questions in Mongolian and English, and lets the course trainer add a few', async () => {
    const bank = await t.http().get('/api/v1/evaluation/questions').set(bearer(learners[0].token));
    expect(bank.status).toBe(200);
    expect(bank.body.reaction.map((q: { key: string }) => q.key)).toEqual(
      expect.arrayContaining(['relevant', 'will_apply', 'comment']),
    );
    expect(bank.body.learner_follow_up.find((q: { key: string }) => q.key === 'applied')).toEqual(
      expect.objectContaining({ kind: 'choice', mn: expect.any(String), en: expect.any(String) }),
    );

    const add = (who: Person, body: Record<string, unknown>) =>
      t.http().post(`/api/v1/courses/${courseId}/evaluation-questions`).set(bearer(who.token)).send(body);
    const first = await add(trainer, {
      survey: 'reaction',
      kind: 'rating',
      textMn: 'Жишээнүүд ойлгомжтой байсан.',
      textEn: 'The examples were clear.',
    });
    expect(first.status).toBe(201);
    expect(first.body).toEqual(expect.objectContaining({ survey: 'reaction', kind: 'rating', courseId }));
    // Not the course's trainer, a learner, and a question too short: refused.
    expectProblem(await add(otherTrainer, { survey: 'reaction', kind: 'text', textMn: 'Өөр асуулт?' }), 403);
    expectProblem(await add(learners[0], { survey: 'reaction', kind: 'text', textMn: 'Өөр асуулт?' }), 403);
    expectProblem(await add(trainer, { survey: 'reaction', kind: 'text', textMn: 'А' }), 400);
    expectProblem(await add(trainer, { survey: 'reaction', kind: 'choice', textMn: 'Сонголт?' }), 400);
    // At most three per survey.
    const extra = [];
    for (let i = 0; i < 3; i++)
      extra.push(await add(trainer, { survey: 'reaction', kind: 'text', textMn: `Нэмэлт асуулт ${i + 1}?` }));
    expect(extra.map((r) => r.status)).toEqual([201, 201, 409]);
    expect(slugOf(extra[2].body)).toBe('too-many-questions');
    // Removing one frees a place; the list is the course's own.
    expect(
      (await t.http().delete(`/api/v1/evaluation-questions/${extra[1].body.id}`).set(bearer(trainer.token))).status,
    ).toBe(204);
    const own = await t.http().get(`/api/v1/courses/${courseId}/evaluation-questions`).set(bearer(trainer.token));
    expect(own.body.maxPerSurvey).toBe(3);
    expect(own.body.items).toHaveLength(2);
    // The same on the trainer's page: the standard questions listed, theirs with a remove button; a
    // fourth refused in words, a question too short named beside its field.
    const page = await signInPage(t, trainer.email);
    const shown = await page.get(`/author/courses/${courseId}/evaluation`);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Энэ сургалт миний ажилд хамааралтай байсан.');
    expect(shown.text).toContain('Жишээнүүд ойлгомжтой байсан.');
    const short = await page.post(`/author/courses/${courseId}/evaluation`, {
      survey: 'learner_follow_up',
      kind: 'text',
      textMn: 'А',
    });
    expect(short.status).toBe(422);
    expect(short.text).toContain('id="eq-textMn-error"');
    expect(
      location(
        await page.post(`/author/courses/${courseId}/evaluation`, {
          survey: 'reaction',
          kind: 'text',
          textMn: 'Нэмэлт асуулт 3?',
        }),
      ),
    ).toBe(`/author/courses/${courseId}/evaluation?notice=added`);
    const fourth = await page.post(`/author/courses/${courseId}/evaluation`, {
      survey: 'reaction',
      kind: 'text',
      textMn: 'Дөрөв дэх асуулт?',
    });
    expect(fourth.status).toBe(409);
    expect(fourth.text).toContain('3-аас олон асуулт нэмэх боломжгүй');
    const third = (await t.http().get(`/api/v1/courses/${courseId}/evaluation-questions`).set(bearer(trainer.token)))
      .body.items[2];
    expect(location(await page.post(`/author/courses/${courseId}/evaluation/${third.id}/remove`, {}))).toBe(
      `/author/courses/${courseId}/evaluation?notice=removed`,
    );
    expect(
      (
        await (
          await signInPage(t, otherTrainer.email)
        ).post(`/author/courses/${courseId}/evaluation`, {
          survey: 'reaction',
          kind: 'text',
          textMn: 'Өөр хүний асуулт?',
        })
      ).status,
    ).toBe(403);

    const audit = await t.db.query(
      `SELECT action FROM audit_log_entries WHERE action LIKE 'evaluation.%' ORDER BY created_at`,
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'evaluation.question_added',
      'evaluation.question_added',
      'evaluation.question_added',
      'evaluation.question_removed',
      'evaluation.question_added',
      'evaluation.question_removed',
    ]);
  });

  it('offers the reaction survey at completion, keeps one sheet per enrolment and refuses the rest clearly', async () => {
    // Before completion: the survey is not open.
    const started = await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(learners[0].token));
    enrolments.set(learners[0].id, started.body.id);
    const early = await t
      .http()
      .get(`/api/v1/enrollments/${started.body.id}/reaction-survey`)
      .set(bearer(learners[0].token));
    expect(early.body.state).toBe('not-yet-open');
    expect(slugOf(expectProblem(await answer(learners[0], { answers: GOOD }), 409))).toBe('survey-not-open');

    const enrollmentId = await complete(learners[0]);
    const form = await t
      .http()
      .get(`/api/v1/enrollments/${enrollmentId}/reaction-survey`)
      .set(bearer(learners[0].token));
    expect(form.status).toBe(200);
    expect(form.body.state).toBe('open');
    const custom = form.body.questions.filter((q: { custom?: boolean }) => q.custom);
    expect(custom.map((q: { en: string }) => q.en)).toEqual(['The examples were clear.', 'Нэмэлт асуулт 1?']);

    // Missing ratings, a rating out of range and an unknown question: refused field by field, nothing kept.
    const bad = await answer(learners[0], { answers: { relevant: 7, nonsense: 1 } });
    const problem = expectProblem(bad, 400);
    const fields = (problem.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['answers.relevant', 'answers.nonsense', 'answers.clear']));

    const sheet = { ...GOOD, [custom[0].key]: 5, comment: 'Илүү олон жишээ хэрэгтэй.' };
    const first = await answer(learners[0], { answers: sheet });
    expect(first.status).toBe(201);
    expect(first.body).toEqual(expect.objectContaining({ recorded: true, channel: 'online', survey: 'reaction' }));
    // The same sheet again (a double tap), or another one: absorbed, the first kept.
    const again = await answer(learners[0], { answers: { ...GOOD, relevant: 1 } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(expect.objectContaining({ recorded: false, id: first.body.id }));
    expect(again.body.message).toMatch(/already recorded/);
    const kept = await t.db.query(`SELECT answers FROM evaluation_responses WHERE enrollment_id = $1`, [enrollmentId]);
    expect(kept).toHaveLength(1);
    expect(kept[0].answers.relevant).toBe(5);
    expect(
      (await t.http().get(`/api/v1/enrollments/${enrollmentId}/reaction-survey`).set(bearer(learners[0].token))).body
        .state,
    ).toBe('answered');

    // Someone else's enrolment: answered as missing, whoever asks.
    expectProblem(await answer(learners[1], { answers: GOOD }, enrollmentId), 404);
    expectProblem(await t.http().get(`/api/v1/enrollments/${enrollmentId}/reaction-survey`).set(bearer(hr.token)), 404);

    // After the window (30 days from completion): closed, with a clear reason.
    const late = await complete(learners[1]);
    await t.db.query(`UPDATE enrollments SET completed_at = now() - interval '31 days' WHERE id = $1`, [late]);
    const closed = await answer(learners[1], { answers: GOOD });
    expect(slugOf(expectProblem(closed, 409))).toBe('survey-closed');
    await t.db.query(`UPDATE enrollments SET completed_at = now() WHERE id = $1`, [late]);
  });

  it('shows results per version, trainer and agency only to HR and the trainer, nothing below the threshold', async () => {
    // Four answers in all: below the threshold of five, nothing of the answers is shown.
    for (const l of learners.slice(1, 3)) {
      if (!enrolments.has(l.id)) await complete(l);
      expect((await answer(l, { answers: GOOD })).status).toBe(201);
    }
    // Two sends of the same sheet at the same moment (a double tap on a slow line): one kept.
    await complete(learners[3]);
    const racing = await Promise.all([answer(learners[3], { answers: GOOD }), answer(learners[3], { answers: GOOD })]);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(
      await t.db.query(`SELECT 1 FROM evaluation_responses WHERE enrollment_id = $1`, [enrolments.get(learners[3].id)]),
    ).toHaveLength(1);
    const few = await results(hr);
    expect(few.status).toBe(200);
    expect(few.body.threshold).toBe(5);
    expect(few.body.reaction).toEqual(
      expect.objectContaining({ respondents: null, questions: [], byAgency: [], comments: [] }),
    );

    // A fifth in the ministry and one in the tax department below it: the total is shown, the
    // department's single answer is not, and neither is the ministry's group that would reveal it.
    await complete(learners[4]);
    expect((await answer(learners[4], { answers: { ...GOOD, relevant: 3 } })).status).toBe(201);
    await complete(taxLearner);
    expect((await answer(taxLearner, { answers: { ...GOOD, relevant: 1 } })).status).toBe(201);
    const shown = (await results(hr)).body;
    expect(shown.reaction.respondents).toBe(6);
    const relevant = shown.reaction.questions.find((q: { key: string }) => q.key === 'relevant');
    expect(relevant.mean).toBe(Math.round(((5 * 4 + 3 + 1) / 6) * 100) / 100);
    expect(relevant.distribution).toEqual(expect.arrayContaining([{ value: '1', count: 1 }]));
    expect(shown.reaction.byVersion).toEqual([expect.objectContaining({ key: '1', respondents: 6 })]);
    expect(shown.reaction.byTrainer).toEqual([expect.objectContaining({ key: trainer.id, respondents: 6 })]);
    expect(shown.reaction.byAgency).toEqual([]);
    expect(shown.reaction.hiddenGroups).toBe(2);
    expect(shown.reaction.comments).toEqual(['Илүү олон жишээ хэрэгтэй.']);
    expect(JSON.stringify(shown)).not.toContain(learners[0].id);

    // The tax department's HR view is its own single answer: hidden.
    const taxHr = await person(['hr_officer'], 'tax-general-department');
    expect((await results(taxHr)).body.reaction.respondents).toBeNull();

    // The course's trainer reads it; another trainer, a learner and an HR officer of another ministry do not.
    expect((await results(trainer)).body.reaction.respondents).toBe(6);
    expectProblem(await results(otherTrainer), 403);
    expectProblem(await results(learners[0]), 403);
    const outside = await t.db.query(`SELECT id FROM agencies WHERE code = 'ministry-finance'`);
    expectProblem(await results(foreignHr, `&agencyId=${outside[0].id}`), 403);
    expect((await results(foreignHr)).body.reaction.respondents).toBeNull();
  });

  it('asks the learner and their supervisor about 90 days on, reminds them twice at most, and keeps one answer each', async () => {
    // learners[0..2] completed "91 days ago"; the daily round (as of now) opens their follow-ups.
    const back = learners.slice(0, 3);
    await t.db.query(`UPDATE enrollments SET completed_at = now() - interval '91 days' WHERE id = ANY($1::uuid[])`, [
      back.map((l) => enrolments.get(l.id)),
    ]);
    const now = new Date();
    await round(now);
    const opened = await t.db.query(
      `SELECT role, respondent_id, learner_id FROM evaluation_follow_ups ORDER BY role, learner_id`,
    );
    expect(opened).toHaveLength(6);
    expect(
      opened
        .filter((f: { role: string }) => f.role === 'supervisor')
        .map((f: { respondent_id: string }) => f.respondent_id),
    ).toEqual([boss.id, boss.id, boss.id]);
    // Completions of today are not asked yet; the same round again opens nothing more.
    await round(now);
    expect(await t.db.query(`SELECT id FROM evaluation_follow_ups`)).toHaveLength(6);

    // Told in the app and by e-mail: the learner about their training, the supervisor about each report.
    const mail = await until(async () => {
      const m = smtp.to(learners[0].email).filter((x) => x.subject.includes('Гурван сарын дараа'));
      return m.length ? m : undefined;
    });
    expect(mail).toHaveLength(1);
    expect(mail[0].text).toContain('https://training.example.mn/follow-ups/');
    await until(async () => (smtp.to(boss.email).length >= 3 ? true : undefined));
    expect(smtp.to(boss.email).filter((m) => m.subject.includes('Суралцагч 1'))).toHaveLength(1);
    const inbox = (await t.http().get('/api/v1/me/notifications').set(bearer(boss.token))).body.items;
    expect(inbox.filter((n: { kind: string }) => n.kind === 'evaluation.follow_up')).toHaveLength(3);
    const home = (await (await signInPage(t, boss.email)).get('/')).text;
    expect(home).toContain('Таны хариултыг 3 асуулга хүлээж байна.');
    expect(home).toContain('href="/follow-ups"');

    const mine = (await t.http().get('/api/v1/me/follow-ups').set(bearer(learners[0].token))).body.items;
    expect(mine).toEqual([expect.objectContaining({ role: 'learner', state: 'open', courseId })]);
    const followUpId = mine[0].id;
    const form = (await t.http().get(`/api/v1/follow-ups/${followUpId}`).set(bearer(learners[0].token))).body;
    expect(form.survey).toBe('learner_follow_up');
    expect(form.questions.map((q: { key: string }) => q.key)).toEqual(['applied', 'usefulness', 'example']);

    // A week on: the first reminder to everyone unanswered; the same day again sends none.
    await round(new Date(now.getTime() + 8 * DAY));
    await round(new Date(now.getTime() + 8 * DAY));
    const reminded = await t.db.query(`SELECT reminders_sent FROM evaluation_follow_ups`);
    expect(reminded.map((r: { reminders_sent: number }) => r.reminders_sent)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(smtp.to(learners[0].email).filter((m) => m.subject.startsWith('Сануулга'))).toHaveLength(1);

    // The learner answers (someone else cannot; a second sheet is absorbed).
    const sheet = { applied: 'yes', usefulness: 4, example: 'Ашиг сонирхлын мэдүүлгийг шинэ журмаар хянасан.' };
    expectProblem(
      await t
        .http()
        .post(`/api/v1/follow-ups/${followUpId}/answers`)
        .set(bearer(learners[1].token))
        .send({ answers: sheet }),
      404,
    );
    expectProblem(
      await t
        .http()
        .post(`/api/v1/follow-ups/${followUpId}/answers`)
        .set(bearer(learners[0].token))
        .send({ answers: { applied: 'sometimes', usefulness: 4 } }),
      400,
    );
    const answered = await t
      .http()
      .post(`/api/v1/follow-ups/${followUpId}/answers`)
      .set(bearer(learners[0].token))
      .send({ answers: sheet });
    expect(answered.status).toBe(201);
    const twice = await t
      .http()
      .post(`/api/v1/follow-ups/${followUpId}/answers`)
      .set(bearer(learners[0].token))
      .send({ answers: { ...sheet, applied: 'no' } });
    expect(twice.status).toBe(200);
    expect(twice.body.recorded).toBe(false);

    // The supervisor answers about one report.
    const bossItems = (await t.http().get('/api/v1/me/follow-ups').set(bearer(boss.token))).body.items;
    expect(bossItems).toHaveLength(3);
    expect(bossItems.every((f: { role: string }) => f.role === 'supervisor')).toBe(true);
    expect(
      (
        await t
          .http()
          .post(`/api/v1/follow-ups/${bossItems[0].id}/answers`)
          .set(bearer(boss.token))
          .send({ answers: { applied: 'partly', usefulness: 3 } })
      ).status,
    ).toBe(201);

    // Two weeks on: a second reminder, only to those still unanswered; three weeks on: no third.
    await round(new Date(now.getTime() + 15 * DAY));
    await round(new Date(now.getTime() + 22 * DAY));
    const after = await t.db.query(
      `SELECT f.reminders_sent, f.answered_at IS NOT NULL AS answered FROM evaluation_follow_ups f ORDER BY f.id`,
    );
    for (const f of after) expect(f.reminders_sent).toBe(f.answered ? 1 : 2);
    await untilQueuesDrained(t, ['notifications']);
    expect(smtp.to(learners[0].email).filter((m) => m.subject.startsWith('Сануулга'))).toHaveLength(1);
    expect(smtp.to(learners[1].email).filter((m) => m.subject.startsWith('Сануулга'))).toHaveLength(2);

    // Past its window: closed, with the day it closed.
    const other = (await t.http().get('/api/v1/me/follow-ups').set(bearer(learners[1].token))).body.items[0];
    await t.db.query(`UPDATE evaluation_follow_ups SET closes_at = now() - interval '1 day' WHERE id = $1`, [other.id]);
    const late = await t
      .http()
      .post(`/api/v1/follow-ups/${other.id}/answers`)
      .set(bearer(learners[1].token))
      .send({ answers: sheet });
    expect(slugOf(expectProblem(late, 409))).toBe('survey-closed');

    // Results per course and agency: one learner's answer is below the threshold, so not shown; the
    // response rate is.
    const r = (await results(hr)).body;
    expect(r.learnerFollowUp.respondents).toBeNull();
    expect(r.followUps).toEqual([
      { role: 'learner', asked: 3, answered: 1 },
      { role: 'supervisor', asked: 3, answered: 1 },
    ]);
  });

  it('takes a survey answered offline through /sync with the lessons, once, judged as of when it was answered', async () => {
    const who = learners[5];
    const enrolment = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(who.token))).body;
    const detail = (await t.http().get(`/api/v1/enrollments/${enrolment.id}`).set(bearer(who.token))).body;
    const lessons: string[] = detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons.map((l) => l.id));
    const at = new Date().toISOString();
    // As the installed app sends them: ratings as the form's strings, each item with its device-made id.
    const items = [
      ...lessons.map((lessonId) => ({
        id: randomUUID(),
        type: 'lesson.completed',
        enrollmentId: enrolment.id,
        lessonId,
        occurredAt: at,
      })),
      {
        id: randomUUID(),
        type: 'survey.answered',
        enrollmentId: enrolment.id,
        answers: {
          relevant: '4',
          clear: '4',
          trainer: '5',
          will_apply: '4',
          recommend: '5',
          comment: 'Офлайн уншсан.',
        },
        occurredAt: at,
      },
    ];
    const sync = () => t.http().post('/api/v1/sync').set(bearer(who.token)).send({ items });
    const first = await sync();
    expect(first.status).toBe(200);
    expect(first.body.applied).toBe(items.length);
    const kept = await until(async () => {
      const rows = await t.db.query(
        `SELECT channel, answers, submitted_at FROM evaluation_responses WHERE enrollment_id = $1`,
        [enrolment.id],
      );
      return rows.length ? rows : undefined;
    });
    expect(kept).toEqual([
      expect.objectContaining({ channel: 'offline', answers: expect.objectContaining({ relevant: 4 }) }),
    ]);
    // The batch again (the device never heard back): every item a duplicate, nothing kept twice.
    const again = await sync();
    expect(again.body).toEqual(expect.objectContaining({ applied: 0, duplicate: items.length, refused: 0 }));
    await untilQueuesDrained(t, ['evaluation']);
    expect(
      await t.db.query(`SELECT 1 FROM evaluation_responses WHERE enrollment_id = $1`, [enrolment.id]),
    ).toHaveLength(1);

    // A sheet of more answers than any survey has: refused by the sync, with a reason.
    const oversized = await t
      .http()
      .post('/api/v1/sync')
      .set(bearer(who.token))
      .send({
        items: [
          {
            id: randomUUID(),
            type: 'survey.answered',
            enrollmentId: enrolment.id,
            answers: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 1])),
            occurredAt: at,
          },
        ],
      });
    expect(oversized.body.items[0]).toEqual(
      expect.objectContaining({ status: 'refused', reason: expect.stringMatching(/at most 30/) }),
    );
  });

  it("takes a session's paper sheets typed in by its trainer or HR, each sheet once, within the window", async () => {
    const hour = 3600 * 1000;
    const session = await t
      .http()
      .post('/api/v1/sessions')
      .set(bearer(trainer.token))
      .send({
        courseId,
        agencyId: (await t.db.query(`SELECT id FROM agencies WHERE code = 'ministry-finance'`))[0].id,
        place: 'Сангийн яамны хурлын танхим',
        startsAt: new Date(Date.now() + 24 * hour).toISOString(),
        endsAt: new Date(Date.now() + 30 * hour).toISOString(),
        capacity: 30,
      });
    expect(session.status).toBe(201);
    const sessionId = session.body.id;
    const enter = (who: Person, sheets: unknown[]) =>
      t.http().post(`/api/v1/sessions/${sessionId}/paper-surveys`).set(bearer(who.token)).send({ sheets });
    const sheets = [1, 2, 3].map((number) => ({ number, answers: { ...GOOD, relevant: 2 } }));

    // Not begun yet: nothing to type in.
    expect(slugOf(expectProblem(await enter(trainer, sheets), 409))).toBe('survey-not-open');
    await t.db.query(
      `UPDATE training_sessions SET starts_at = now() - interval '2 days', ends_at = now() - interval '2 days' + interval '6 hours' WHERE id = $1`,
      [sessionId],
    );
    // Someone else's session: refused.
    expectProblem(await enter(foreignHr, sheets), 403);
    expectProblem(await enter(otherTrainer, sheets), 403);
    expectProblem(await enter(learners[0], sheets), 403);
    // A sheet with a rating the scale has not: the whole stack refused, the sheet named, nothing kept.
    const bad = await enter(hr, [...sheets, { number: 4, answers: { ...GOOD, clear: 9 } }]);
    expect((expectProblem(bad, 400).errors as { field: string }[]).map((e) => e.field)).toEqual([
      'sheets.3.answers.clear',
    ]);
    expect(await t.db.query(`SELECT 1 FROM evaluation_responses WHERE session_id = $1`, [sessionId])).toEqual([]);

    const typed = await enter(hr, sheets);
    expect(typed.status).toBe(201);
    expect(typed.body).toEqual(expect.objectContaining({ recorded: 3, duplicates: [], total: 3 }));
    // The trainer types the stack again, with one more: the three are absorbed, the fourth kept.
    const again = await enter(trainer, [...sheets, { number: 4, answers: GOOD }]);
    expect(again.body).toEqual(expect.objectContaining({ recorded: 1, duplicates: [1, 2, 3], total: 4 }));
    expect((await enter(trainer, sheets)).status).toBe(200);
    const kept = await t.db.query(
      `SELECT channel, trainer_id, agency_id, entered_by FROM evaluation_responses WHERE session_id = $1 ORDER BY sheet_number`,
      [sessionId],
    );
    expect(kept).toHaveLength(4);
    expect(kept[0]).toEqual(expect.objectContaining({ channel: 'paper', trainer_id: trainer.id, entered_by: hr.id }));
    const audit = await t.db.query(
      `SELECT details FROM audit_log_entries WHERE action = 'evaluation.paper_sheets_entered' AND target_id = $1`,
      [sessionId],
    );
    expect(audit).toHaveLength(3);

    // Counted with the online and offline answers, in the trainer's and the agency's results.
    const r = (await results(hr)).body;
    expect(r.reaction.respondents).toBe(11);

    // The same on the web, one sheet at a time: the trainer types sheet 5, then by mistake sheet 5 again.
    const page = await signInPage(t, trainer.email);
    const form = await page.get(`/sessions/${sessionId}/paper-surveys`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="5"'); // the next number after the four typed
    const fields = { number: '5', 'answer-relevant': '4', 'answer-clear': '5', 'answer-comment': 'Цаасаар.' };
    expect(location(await page.post(`/sessions/${sessionId}/paper-surveys`, fields))).toBe(
      `/sessions/${sessionId}/paper-surveys?saved=5`,
    );
    expect(location(await page.post(`/sessions/${sessionId}/paper-surveys`, fields))).toBe(
      `/sessions/${sessionId}/paper-surveys?again=5`,
    );
    const wrong = await page.post(`/sessions/${sessionId}/paper-surveys`, { number: '6', 'answer-relevant': '8' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Санал болгосон хариултаас сонгоно уу.');
    expect((await (await signInPage(t, learners[0].email)).get(`/sessions/${sessionId}/paper-surveys`)).status).toBe(
      403,
    );
    const typedOnWeb = await t.db.query(
      `SELECT answers FROM evaluation_responses WHERE session_id = $1 AND sheet_number = 5`,
      [sessionId],
    );
    expect(typedOnWeb).toEqual([{ answers: { relevant: 4, clear: 5, comment: 'Цаасаар.' } }]);

    // Long after the session: closed.
    await t.db.query(
      `UPDATE training_sessions SET starts_at = now() - interval '70 days', ends_at = now() - interval '70 days' + interval '6 hours' WHERE id = $1`,
      [sessionId],
    );
    expect(slugOf(expectProblem(await enter(hr, [{ number: 9, answers: GOOD }]), 409))).toBe('survey-closed');
  });

  it('prints the survey sheet in the course pack, with the trainer’s own questions, in Mongolian and English', async () => {
    const pdf = async (lang: string) => {
      const r = await t
        .http()
        .get(`/api/v1/courses/${courseId}/versions/1/pack.pdf?lang=${lang}`)
        .set(bearer(hr.token))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(r.status).toBe(200);
      return (await pdfParse(r.body as Buffer)).text.replace(/\s+/g, ' ');
    };
    const mn = await pdf('mn');
    expect(mn).toContain('Сургалтын үнэлгээ');
    expect(mn).toContain('Хуудасны дугаар');
    expect(mn).toContain('Энэ сургалт миний ажилд хамааралтай байсан.');
    expect(mn).toContain('Жишээнүүд ойлгомжтой байсан.');
    const en = await pdf('en');
    expect(en).toContain('Course evaluation');
    expect(en).toContain('This course was relevant to my work.');
    expect(en).toContain('The examples were clear.');
  });

  it('publishes course evaluations as open data with no personal data and no group under the threshold', async () => {
    // One answer from another ministry: too few to show, and with it the finance ministry's group,
    // which the government's figure minus it would otherwise give away.
    const outsider = await person(['learner'], 'ministry-foreign-affairs');
    await complete(outsider);
    expect((await answer(outsider, { answers: GOOD })).status).toBe(201);

    const json = await t.http().get('/api/v1/open-data/course-evaluations.json');
    expect(json.status).toBe(200);
    expect(json.headers['access-control-allow-origin']).toBe('*');
    const rows = json.body.rows.filter((r: { course_id: string }) => r.course_id === courseId);
    expect(rows).toEqual([
      expect.objectContaining({
        agency_code: 'government',
        level: 0,
        reaction_respondents: 13,
        relevant_mean: expect.any(Number),
        learner_follow_up_respondents: null,
        learner_applied_share: null,
      }),
    ]);
    const text = JSON.stringify(json.body);
    for (const l of [...learners, outsider, hr, trainer]) {
      expect(text).not.toContain(l.id);
      expect(text).not.toContain(l.email);
    }
    expect(text).not.toContain('Илүү олон жишээ');

    const csv = await t.http().get('/api/v1/open-data/course-evaluations.csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toMatch(/^course_id,course_code,course_title_mn,[^\n]*\r\n/);
    expect(csv.text).toContain(',government,');
    expect(csv.text).not.toContain('ministry-finance');

    // One Data Package describes every open file: the agency figures, these, and the plans'.
    const descriptor = (await t.http().get('/api/v1/open-data/datapackage.json')).body;
    expect(descriptor.resources.map((r: { name: string }) => r.name)).toEqual([
      'agency-metrics',
      'course-evaluations',
      'capacity-plans',
      'capacity-plan-lines',
    ]);
    const pkg = await Package.load(descriptor);
    expect(pkg.errors.map(String)).toEqual([]);
    expect(pkg.valid).toBe(true);

    // The open data page shows the government's rows.
    const page = await t.http().get('/open-data').set('accept', 'text/html');
    expect(page.status).toBe(200);
    const section = /id="evaluations"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? '';
    expect(section).toContain('Төрийн албан хаагчийн ёс зүй');
    expect(section).toContain('/api/v1/open-data/course-evaluations.csv');
  });
});
