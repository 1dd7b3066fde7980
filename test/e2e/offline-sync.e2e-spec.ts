// Lesson completions a device queued offline, sent later: applied once per device-made id however
// often the batch is sent (also twice at once), refused with a reason when they cannot apply (also
// when dated before the enrolment or in the future, beyond a little clock skew), and
// the enrolment completes with exactly one enrollment.completed. The offline manifest lists the
// pinned version's pages and nothing of its quizzes.
import { randomUUID } from 'node:crypto';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

describe('offline sync', () => {
  let t: TestApp;
  let learner: string;
  let other: string;
  let enrollmentId: string;
  let lessonIds: string[];
  let courseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    courseId = (
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(
          courseBody({
            modules: [
              {
                title: 'М',
                lessons: [
                  { title: 'Нэг', body: 'Нэгдүгээр хичээл ![зураг](/assets/icons/icon-192.png)' },
                  { title: 'Хоёр', body: 'Хоёрдугаар' },
                  { title: 'Гурав', body: 'Гуравдугаар' },
                ],
              },
            ],
          }),
        )
    ).body.id;
    await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
    learner = await tokenFor(t, (await createUser(t.db)).email);
    other = await tokenFor(t, (await createUser(t.db)).email);
    enrollmentId = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(learner))).body.id;
    // Enrolled yesterday, so lessons done offline an hour ago fit in the enrolment's time.
    await t.db.query(`UPDATE enrollments SET enrolled_at = now() - interval '1 day' WHERE id = $1`, [enrollmentId]);
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollmentId}`).set(bearer(learner))).body;
    lessonIds = detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons.map((l) => l.id));
  });
  afterAll(() => t.close());

  const completion = (lessonId: string, occurredAt = new Date(Date.now() - 3600_000).toISOString()) => ({
    id: randomUUID(),
    type: 'lesson.completed',
    enrollmentId,
    lessonId,
    occurredAt,
  });
  const completedEvents = async () =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'enrollment.completed' AND payload->>'enrollmentId' = $1`,
        [enrollmentId],
      )
    )[0].n;

  it('lists what to save for offline: the overview and every lesson of the pinned version, with its images', async () => {
    const manifest = await t.http().get(`/api/v1/enrollments/${enrollmentId}/offline`).set(bearer(learner));
    expect(manifest.status).toBe(200);
    expect(manifest.body.version).toBe(1);
    expect(manifest.body.pages).toEqual([
      `/learn/${enrollmentId}`,
      ...lessonIds.map((id) => `/learn/${enrollmentId}/lessons/${id}`),
    ]);
    expect(manifest.body.images).toEqual(['/assets/icons/icon-192.png']);
    expect(JSON.stringify(manifest.body)).not.toMatch(/quiz|attempt|correct/i);
    expectProblem(await t.http().get(`/api/v1/enrollments/${enrollmentId}/offline`).set(bearer(other)), 403);
    expectProblem(await t.http().get(`/api/v1/enrollments/${enrollmentId}/offline`), 401);
  });

  it('applies a batch once per device id, sent twice and twice at once, and completes the enrolment once', async () => {
    const batch = { items: lessonIds.slice(0, 2).map((id) => completion(id)) };
    const first = await t.http().post('/api/v1/sync').set(bearer(learner)).send(batch);
    expect(first.status).toBe(200);
    expect(first.body).toEqual(expect.objectContaining({ applied: 2, duplicate: 0, refused: 0 }));
    expect(first.body.items.map((i: { status: string }) => i.status)).toEqual(['applied', 'applied']);
    const again = await t.http().post('/api/v1/sync').set(bearer(learner)).send(batch);
    expect(again.body).toEqual(expect.objectContaining({ applied: 0, duplicate: 2, refused: 0 }));

    // The last lesson, sent twice at the same moment (a device retrying on a flaky line).
    const last = { items: [completion(lessonIds[2])] };
    const racing = await Promise.all([1, 2].map(() => t.http().post('/api/v1/sync').set(bearer(learner)).send(last)));
    expect(racing.map((r) => r.body.items[0].status).sort()).toEqual(['applied', 'duplicate']);
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollmentId}`).set(bearer(learner))).body;
    expect(detail.status).toBe('completed');
    expect(detail.completedLessons).toBe(3);
    expect(await completedEvents()).toBe(1);
    // The device's time is kept for when the lesson was done.
    const [row] = await t.db.query(
      `SELECT completed_at FROM lesson_completions WHERE enrollment_id = $1 AND lesson_id = $2`,
      [enrollmentId, lessonIds[0]],
    );
    expect(Math.floor(Date.parse(row.completed_at) / 1000)).toBe(
      Math.floor(Date.parse(batch.items[0].occurredAt) / 1000),
    );
  });

  it('refuses, item by item and with the reason, what cannot apply, and applies the rest', async () => {
    const foreign = completion(lessonIds[0]);
    const mixed = await t
      .http()
      .post('/api/v1/sync')
      .set(bearer(other))
      .send({ items: [foreign, { ...completion(randomUUID()), enrollmentId: randomUUID() }] });
    expect(mixed.status).toBe(200);
    expect(mixed.body.items[0]).toEqual({
      id: foreign.id,
      status: 'refused',
      reason: expect.stringMatching(/someone else/),
    });
    expect(mixed.body.items[1]).toEqual(
      expect.objectContaining({ status: 'refused', reason: expect.stringMatching(/No enrolment/) }),
    );

    const unknownLesson = completion(randomUUID());
    const again = completion(lessonIds[1]);
    const r = await t
      .http()
      .post('/api/v1/sync')
      .set(bearer(learner))
      .send({ items: [unknownLesson, again] });
    expect(r.body.items[0]).toEqual(
      expect.objectContaining({ status: 'refused', reason: expect.stringMatching(/not part of the course version/) }),
    );
    expect(r.body.items[1].status).toBe('applied'); // already done: recorded, changes nothing, never a second completion
    expect(await completedEvents()).toBe(1);
    // Someone else reusing an applied id on their own enrolment is refused, not reported as their duplicate.
    const theirs = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(other))).body.id;
    const reused = await t
      .http()
      .post('/api/v1/sync')
      .set(bearer(other))
      .send({ items: [{ ...again, enrollmentId: theirs, occurredAt: new Date().toISOString() }] });
    expect(reused.body.items[0]).toEqual(
      expect.objectContaining({ status: 'refused', reason: expect.stringMatching(/already used/) }),
    );
  });

  it('refuses events dated before the enrolment began (a clock at 1970) or in the future, and applies the rest of the batch', async () => {
    const person = await tokenFor(t, (await createUser(t.db)).email);
    const mine = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(person))).body.id;
    const [{ enrolled_at: enrolledAt }] = await t.db.query(`SELECT enrolled_at FROM enrollments WHERE id = $1`, [mine]);
    const event = (lessonId: string, occurredAt: string) => ({
      ...completion(lessonId, occurredAt),
      enrollmentId: mine,
    });
    const epoch = event(lessonIds[0], '1970-01-01T00:00:00Z');
    const beforeEnrolling = event(lessonIds[0], new Date(Date.parse(enrolledAt) - 3600_000).toISOString());
    const nextWeek = event(lessonIds[1], new Date(Date.now() + 7 * 86_400_000).toISOString());
    const fine = event(lessonIds[2], new Date(Date.now() + 60_000).toISOString()); // a device a minute fast
    const r = await t
      .http()
      .post('/api/v1/sync')
      .set(bearer(person))
      .send({ items: [epoch, beforeEnrolling, nextWeek, fine] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(expect.objectContaining({ applied: 1, refused: 3 }));
    expect(r.body.items[0]).toEqual({
      id: epoch.id,
      status: 'refused',
      reason: expect.stringMatching(/before you enrolled/),
    });
    expect(r.body.items[1]).toEqual({
      id: beforeEnrolling.id,
      status: 'refused',
      reason: expect.stringMatching(/before you enrolled/),
    });
    expect(r.body.items[2]).toEqual({
      id: nextWeek.id,
      status: 'refused',
      reason: expect.stringMatching(/in the future/),
    });
    expect(r.body.items[3]).toEqual({ id: fine.id, status: 'applied' });
    const rows: { lesson_id: string; completed_at: Date }[] = await t.db.query(
      `SELECT lesson_id, completed_at FROM lesson_completions WHERE enrollment_id = $1`,
      [mine],
    );
    expect(rows.map((row) => row.lesson_id)).toEqual([lessonIds[2]]);
    expect(new Date(rows[0].completed_at).getTime()).toBeLessThanOrEqual(Date.now()); // taken as now, not a minute ahead
    // Refused events were not recorded: the same ids with the device's clock put right apply.
    const corrected = await t
      .http()
      .post('/api/v1/sync')
      .set(bearer(person))
      .send({ items: [{ ...epoch, occurredAt: new Date().toISOString() }] });
    expect(corrected.body.items[0].status).toBe('applied');
  });

  it('rejects malformed batches with a clear 400', async () => {
    const one = completion(lessonIds[0]);
    for (const body of [
      {},
      { items: [] },
      { items: [{ ...one, id: 'not-a-uuid' }] },
      { items: [{ ...one, type: 'quiz.answered' }] },
      { items: [{ ...one, occurredAt: 'yesterday' }] },
      { items: [{ ...one, extra: true }] },
      { items: [one], device: 'x' },
      { items: Array.from({ length: 1001 }, () => completion(lessonIds[0])) },
    ]) {
      expectProblem(await t.http().post('/api/v1/sync').set(bearer(learner)).send(body), 400);
    }
    expectProblem(
      await t
        .http()
        .post('/api/v1/sync')
        .send({ items: [one] }),
      401,
    );
  });
});
