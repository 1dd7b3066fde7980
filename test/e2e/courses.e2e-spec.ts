// System #1, part 1 through the API: author, publish, enrol, learn, complete, with versions pinned.
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

describe('courses, versions, enrolment and progress', () => {
  let t: TestApp;
  let trainer: string;
  let otherTrainer: string;
  let learner: string;
  let learner2: string;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await Promise.all([
      createUser(t.db, { roles: ['trainer', 'learner'], agency: 'civil-service-council' }),
      createUser(t.db, { roles: ['trainer'], agency: 'civil-service-council' }),
      createUser(t.db, { roles: ['learner'], agency: 'tax-general-department' }),
      createUser(t.db, { roles: ['learner'], agency: 'aimag-khovsgol' }),
    ]);
    [trainer, otherTrainer, learner, learner2] = await Promise.all(users.map((u) => tokenFor(t, u.email)));
  });
  afterAll(() => t.close());

  const api = () => t.http();
  const lessonIds = (detail: { modules: { lessons: { id: string; title: string; required: boolean }[] }[] }) =>
    detail.modules.flatMap((m) => m.lessons);

  it('takes a course from draft to completion, writing one enrollment.completed event', async () => {
    const draft = await api().post('/api/v1/courses').set(bearer(trainer)).send(courseBody());
    expect(draft.status).toBe(201);
    expect(draft.body).toEqual(expect.objectContaining({ currentVersion: 0, hasUnpublishedChanges: true }));
    const courseId = draft.body.id;

    expectProblem(await api().get(`/api/v1/courses/${courseId}`).set(bearer(learner)), 404); // a draft is invisible
    const catalogueBefore = await api().get('/api/v1/courses').set(bearer(learner));
    expect(catalogueBefore.body.items.map((c: { id: string }) => c.id)).not.toContain(courseId);

    const published = await api().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(1);
    expectProblem(await api().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer)), 409); // nothing changed

    const found = await api().get('/api/v1/courses?q=ёс%20зүй&language=mn').set(bearer(learner));
    expect(found.body.items).toEqual([
      expect.objectContaining({
        id: courseId,
        version: 1,
        lessonCount: 3,
        moduleCount: 2,
        titleEn: 'Civil service ethics',
      }),
    ]);
    expect(
      (await api().get('/api/v1/courses?language=en').set(bearer(learner))).body.items.map((c: { id: string }) => c.id),
    ).not.toContain(courseId);

    const enrolled = await api().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(learner));
    expect(enrolled.status).toBe(201);
    const again = await api().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(learner));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(enrolled.body.id);
    const enrollmentId = enrolled.body.id;

    const detail = await api().get(`/api/v1/courses/${courseId}`).set(bearer(learner));
    expect(detail.body.enrollment).toEqual(
      expect.objectContaining({ id: enrollmentId, progressPercent: 0, version: 1 }),
    );
    const [first, optional, last] = lessonIds(detail.body);

    const lesson = await api().get(`/api/v1/enrollments/${enrollmentId}/lessons/${first.id}`).set(bearer(learner));
    expect(lesson.body).toEqual(
      expect.objectContaining({
        title: 'Танилцуулга',
        position: 1,
        totalLessons: 3,
        previousLessonId: null,
        nextLessonId: optional.id,
      }),
    );
    expect(lesson.body.html).toContain('<strong>шударга</strong>');

    const afterFirst = await api()
      .post(`/api/v1/enrollments/${enrollmentId}/lessons/${first.id}/complete`)
      .set(bearer(learner));
    expect(afterFirst.status).toBe(200);
    expect(afterFirst.body).toEqual(
      expect.objectContaining({ progressPercent: 50, status: 'in_progress', resumeLessonId: optional.id }),
    );
    await api().post(`/api/v1/enrollments/${enrollmentId}/lessons/${first.id}/complete`).set(bearer(learner)); // twice: no change
    const done = await api()
      .post(`/api/v1/enrollments/${enrollmentId}/lessons/${last.id}/complete`)
      .set(bearer(learner));
    expect(done.body).toEqual(
      expect.objectContaining({ progressPercent: 100, status: 'completed', completedAt: expect.any(String) }),
    );
    await api().post(`/api/v1/enrollments/${enrollmentId}/lessons/${optional.id}/complete`).set(bearer(learner));
    await api().post(`/api/v1/enrollments/${enrollmentId}/lessons/${last.id}/complete`).set(bearer(learner));

    const events = await t.db.query(
      `SELECT payload FROM outbox_events WHERE type = 'enrollment.completed' AND payload->>'enrollmentId' = $1`,
      [enrollmentId],
    );
    expect(events).toHaveLength(1);
    expect(events[0].payload).toEqual(
      expect.objectContaining({ courseId, courseVersionId: expect.any(String), agencyId: expect.any(String) }),
    );

    const mine = await api().get('/api/v1/me/enrollments').set(bearer(learner));
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        id: enrollmentId,
        status: 'completed',
        progressPercent: 100,
        completedLessons: 3,
        totalLessons: 3,
      }),
    ]);
  });

  it('keeps an enrolled learner on their version while new learners get the new one, and shows trainers what changed', async () => {
    const course = (
      await api()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ title: 'Хувилбарын туршилт' }))
    ).body;
    await api().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer));
    const onV1 = (await api().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learner))).body;

    const draft = (await api().get(`/api/v1/courses/${course.id}/draft`).set(bearer(trainer))).body.draft;
    const [m1, m2] = draft.modules;
    const edited = await api()
      .patch(`/api/v1/courses/${course.id}`)
      .set(bearer(trainer))
      .send({
        estimatedMinutes: 50,
        modules: [
          {
            id: m1.id,
            title: m1.title,
            lessons: [{ ...m1.lessons[0], body: m1.lessons[0].body + '\n\nШинэ догол мөр.' }],
          },
          { id: m2.id, title: m2.title, lessons: [...m2.lessons, { title: 'Шинэ хичээл', body: 'v2-д нэмэгдсэн' }] },
        ],
      });
    expect(edited.status).toBe(200);
    expect(edited.body.hasUnpublishedChanges).toBe(true);
    expect((await api().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer))).body.version).toBe(2);

    const v1Lessons = (await api().get(`/api/v1/enrollments/${onV1.id}`).set(bearer(learner))).body;
    expect(v1Lessons.version).toBe(1);
    expect(lessonIds(v1Lessons).map((l) => l.title)).toEqual(['Танилцуулга', 'Нэмэлт унших', 'Жишээ']);
    const v1First = await api().get(`/api/v1/enrollments/${onV1.id}/lessons/${m1.lessons[0].id}`).set(bearer(learner));
    expect(v1First.body.html).not.toContain('Шинэ догол мөр');

    const onV2 = (await api().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learner2))).body;
    expect(onV2.version).toBe(2);
    expect(onV2.totalLessons).toBe(3);
    const v2First = await api().get(`/api/v1/enrollments/${onV2.id}/lessons/${m1.lessons[0].id}`).set(bearer(learner2));
    expect(v2First.body.html).toContain('Шинэ догол мөр');

    const versions = await api().get(`/api/v1/courses/${course.id}/versions`).set(bearer(trainer));
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const diff = await api().get(`/api/v1/courses/${course.id}/versions/compare?from=1&to=2`).set(bearer(trainer));
    expect(diff.body.fields).toEqual([expect.objectContaining({ field: 'estimatedMinutes', from: 45, to: 50 })]);
    expect(diff.body.lessonsAdded.map((l: { title: string }) => l.title)).toEqual(['Шинэ хичээл']);
    expect(diff.body.lessonsRemoved.map((l: { title: string }) => l.title)).toEqual(['Нэмэлт унших']);
    expect(diff.body.lessonsChanged[0].bodyPatch).toContain('+Шинэ догол мөр.');
  });

  it('refuses what each role may not do', async () => {
    expectProblem(await api().post('/api/v1/courses').set(bearer(learner)).send(courseBody()), 403);
    const course = (
      await api()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ title: 'Эзэмшлийн туршилт' }))
    ).body;
    expectProblem(await api().post(`/api/v1/courses/${course.id}/publish`).set(bearer(learner)), 403);
    expectProblem(
      await api().patch(`/api/v1/courses/${course.id}`).set(bearer(otherTrainer)).send({ title: 'Булаан авсан' }),
      403,
    );
    expectProblem(await api().post(`/api/v1/courses/${course.id}/publish`).set(bearer(otherTrainer)), 403);
    expectProblem(await api().get(`/api/v1/courses/${course.id}/draft`).set(bearer(otherTrainer)), 403);
    expectProblem(await api().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learner)), 404); // unpublished

    await api().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer));
    const enrollment = (await api().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learner))).body;
    const lesson = lessonIds((await api().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(learner))).body)[0];
    expectProblem(
      await api().post(`/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}/complete`).set(bearer(learner2)),
      403,
    );
    expectProblem(
      await api().get(`/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}`).set(bearer(learner2)),
      403,
    );
    expectProblem(await api().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(learner2)), 403);
    expectProblem(
      await api()
        .post(`/api/v1/enrollments/${enrollment.id}/lessons/00000000-0000-4000-8000-000000000000/complete`)
        .set(bearer(learner)),
      404,
    );
  });

  it('refuses to publish a course without a lesson, saying why', async () => {
    const empty = (
      await api()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ title: 'Хоосон', modules: [] }))
    ).body;
    const problem = expectProblem(await api().post(`/api/v1/courses/${empty.id}/publish`).set(bearer(trainer)), 422);
    expect(problem.detail).toMatch(/at least one lesson/);
  });

  it('renders a hostile lesson body harmless', async () => {
    const body = '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[x](javascript:alert(3))';
    const course = (
      await api()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ title: 'XSS', modules: [{ title: 'M', lessons: [{ title: 'L', body }] }] }))
    ).body;
    await api().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer));
    const enrollment = (await api().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learner))).body;
    const lessonId = lessonIds((await api().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(learner))).body)[0]
      .id;
    const { html } = (await api().get(`/api/v1/enrollments/${enrollment.id}/lessons/${lessonId}`).set(bearer(learner)))
      .body;
    expect(html).not.toMatch(/<script|<img[^>]*onerror|href="javascript:/i);
    expect(html).toContain('&lt;script&gt;'); // shown as text, not run
  });

  it('validates drafts field by field', async () => {
    const problem = expectProblem(
      await api()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ language: 'fr', estimatedMinutes: -5, modules: [{ title: '', lessons: [{ body: 1 }] }] })),
      400,
    );
    const fields = (problem.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'language',
        'estimatedMinutes',
        'modules.0.title',
        'modules.0.lessons.0.title',
        'modules.0.lessons.0.body',
      ]),
    );
  });
});
