// Learning's enrolment rules, called on EnrollmentsService: one enrolment in progress per course,
// lesson completion and progress, completion (required lessons, then the final quiz) with its one
// enrollment.completed event in the same transaction, and the bulk forms other libs call.
import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '@chadavkhi/identity';
import { CoursesService, EnrollmentsService } from '@chadavkhi/learning';
import { createPerson, enrolled, publishedCourse } from '../support/factories';
import { ServiceContext, startServiceContext } from '../support/service-context';

const quizCourse = {
  questionBanks: [{ title: 'Асуултууд', questions: [{ type: 'true_false', prompt: 'Үнэн үү?', correct: true }] }],
  quizzes: [
    {
      title: 'Эцсийн шалгалт',
      passMarkPercent: 50,
      timeLimitMinutes: 5,
      maxAttempts: 2,
      draws: [{ bank: '0', count: 1 }],
    },
  ],
};

describe('EnrollmentsService', () => {
  let s: ServiceContext;
  let enrollments: EnrollmentsService;
  let trainer: AuthUser;

  beforeAll(async () => {
    s = await startServiceContext(['learning']);
    enrollments = s.get(EnrollmentsService);
    trainer = await createPerson(s, { roles: ['trainer'] });
  });
  afterAll(() => s.close());

  const completedEvents = (enrollmentId: string) =>
    s.db.query(
      `SELECT payload FROM outbox_events WHERE type = 'enrollment.completed' AND payload->>'enrollmentId' = $1`,
      [enrollmentId],
    );
  const lessonsOf = (e: { modules: { lessons: { id: string; required: boolean }[] }[] }) =>
    e.modules.flatMap((m) => m.lessons);

  it('keeps one enrolment in progress per course, across a new version', async () => {
    const learner = await createPerson(s);
    const { courseId } = await publishedCourse(s, trainer);
    const first = await enrollments.enroll(learner, courseId);
    expect(first).toEqual({
      created: true,
      enrollment: expect.objectContaining({ version: 1, status: 'in_progress', progressPercent: 0 }),
    });
    const again = await enrollments.enroll(learner, courseId);
    expect(again).toEqual({ created: false, enrollment: expect.objectContaining({ id: first.enrollment.id }) });

    const courses = s.get(CoursesService);
    await courses.updateDraft(trainer, courseId, { summary: 'Шинэ хувилбар.' });
    await courses.publish(trainer, courseId, null);
    // Still on version 1: the enrolment in progress is the one returned.
    expect(await enrollments.enroll(learner, courseId)).toEqual({
      created: false,
      enrollment: expect.objectContaining({ id: first.enrollment.id, version: 1 }),
    });
    const [{ n }] = await s.db.query(`SELECT count(*)::int AS n FROM enrollments WHERE user_id = $1`, [learner.id]);
    expect(n).toBe(1);
  });

  it('counts required lessons only, completes once with one event, and changes nothing the second time', async () => {
    const learner = await createPerson(s);
    const { courseId, courseVersionId } = await publishedCourse(s, trainer);
    const detail = await enrolled(s, learner, courseId);
    const [first, optional, last] = lessonsOf(detail);
    expect(optional.required).toBe(false);

    const afterFirst = await enrollments.completeLesson(learner, detail.id, first.id);
    expect(afterFirst).toEqual(
      expect.objectContaining({ progressPercent: 50, status: 'in_progress', resumeLessonId: optional.id }),
    );
    expect(await enrollments.completeLesson(learner, detail.id, first.id)).toEqual(
      expect.objectContaining({ progressPercent: 50, completedLessons: 1 }),
    );
    const done = await enrollments.completeLesson(learner, detail.id, last.id);
    expect(done).toEqual(
      expect.objectContaining({ progressPercent: 100, status: 'completed', completedAt: expect.any(String) }),
    );
    await enrollments.completeLesson(learner, detail.id, optional.id);
    await enrollments.completeLesson(learner, detail.id, last.id);

    const events = await completedEvents(detail.id);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toEqual(
      expect.objectContaining({ userId: learner.id, agencyId: learner.agencyId, courseId, courseVersionId }),
    );
    expect((await enrollments.get(learner, detail.id)).status).toBe('completed');
  });

  it('completes exactly once when the lessons are completed at the same time, each twice', async () => {
    const learner = await createPerson(s);
    const { courseId } = await publishedCourse(s, trainer, {
      modules: [{ title: 'Нэг', lessons: [1, 2, 3, 4].map((i) => ({ title: `Хичээл ${i}`, body: 'Агуулга' })) }],
    });
    const detail = await enrolled(s, learner, courseId);
    const lessons = lessonsOf(detail);
    await Promise.all(lessons.concat(lessons).map((l) => enrollments.completeLesson(learner, detail.id, l.id)));
    expect(await completedEvents(detail.id)).toHaveLength(1);
    expect(await enrollments.get(learner, detail.id)).toEqual(
      expect.objectContaining({ status: 'completed', progressPercent: 100 }),
    );
  });

  it('refuses a lesson outside the version and an enrolment of someone else', async () => {
    const [learner, other] = [await createPerson(s), await createPerson(s)];
    const { courseId } = await publishedCourse(s, trainer);
    const detail = await enrolled(s, learner, courseId);
    await expect(
      enrollments.completeLesson(learner, detail.id, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toThrow(NotFoundException);
    await expect(enrollments.completeLesson(other, detail.id, lessonsOf(detail)[0].id)).rejects.toThrow(
      ForbiddenException,
    );
    await expect(enrollments.get(other, detail.id)).rejects.toThrow(ForbiddenException);
    await expect(enrollments.enroll(learner, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      NotFoundException,
    );
  });

  it('needs the final quiz passed as well as the required lessons', async () => {
    const learner = await createPerson(s);
    const { courseId } = await publishedCourse(s, trainer, quizCourse);
    const detail = await enrolled(s, learner, courseId);
    for (const lesson of lessonsOf(detail)) await enrollments.completeLesson(learner, detail.id, lesson.id);
    expect(await enrollments.get(learner, detail.id)).toEqual(
      expect.objectContaining({ status: 'in_progress', progressPercent: 100, finalQuizPassed: false }),
    );
    expect(await completedEvents(detail.id)).toHaveLength(0);

    await s.db.transaction((m) => enrollments.recordFinalQuizPassed(m, detail.id, learner.agencyId));
    await s.db.transaction((m) => enrollments.recordFinalQuizPassed(m, detail.id, learner.agencyId));
    expect(await enrollments.get(learner, detail.id)).toEqual(
      expect.objectContaining({ status: 'completed', finalQuizPassed: true }),
    );
    expect(await completedEvents(detail.id)).toHaveLength(1);
  });

  it('writes the completion and its event in the caller’s transaction: neither survives a rollback', async () => {
    const learner = await createPerson(s);
    const { courseId } = await publishedCourse(s, trainer, {
      modules: [{ title: 'Нэг', lessons: [{ title: 'Ганц', body: 'Агуулга' }] }],
    });
    const detail = await enrolled(s, learner, courseId);
    const rollback = new Error('the caller fails after the service call');
    await expect(
      s.db.transaction(async (m) => {
        await enrollments.completeLessonsWith(m, learner, detail.id, [
          { lessonId: lessonsOf(detail)[0].id, completedAt: new Date() },
        ]);
        const [{ type }] = await m.query(
          `SELECT type FROM outbox_events WHERE payload->>'enrollmentId' = $1 AND type = 'enrollment.completed'`,
          [detail.id],
        );
        expect(type).toBe('enrollment.completed'); // visible inside the transaction
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await completedEvents(detail.id)).toHaveLength(0);
    expect(await enrollments.get(learner, detail.id)).toEqual(
      expect.objectContaining({ status: 'in_progress', progressPercent: 0 }),
    );
  });

  it('enrols many at once: an enrolment in progress or a completion is kept, anyone else is enrolled as assigned; again changes nothing', async () => {
    const [busy, finished, fresh] = [await createPerson(s), await createPerson(s), await createPerson(s)];
    const { courseId } = await publishedCourse(s, trainer, {
      modules: [{ title: 'Нэг', lessons: [{ title: 'Ганц', body: 'Агуулга' }] }],
    });
    const busyEnrolment = await enrolled(s, busy, courseId);
    const finishedEnrolment = await enrolled(s, finished, courseId);
    await enrollments.completeLesson(finished, finishedEnrolment.id, lessonsOf(finishedEnrolment)[0].id);

    const dueAt = new Date('2030-06-30T15:59:59Z');
    const people = [busy, finished, fresh].map((p) => ({ userId: p.id, dueAt }));
    const first = await s.db.transaction((m) => enrollments.enrollMany(m, courseId, people));
    expect(first.get(busy.id)).toBe(busyEnrolment.id);
    expect(first.get(finished.id)).toBe(finishedEnrolment.id);
    const freshEnrolment = await enrollments.get(fresh, first.get(fresh.id)!);
    expect(freshEnrolment).toEqual(
      expect.objectContaining({ source: 'assigned', dueAt: dueAt.toISOString(), status: 'in_progress' }),
    );

    const second = await s.db.transaction((m) => enrollments.enrollMany(m, courseId, people));
    expect(second).toEqual(first);
    const [{ n }] = await s.db.query(`SELECT count(*)::int AS n FROM enrollments WHERE course_id = $1`, [courseId]);
    expect(n).toBe(3);
    expect(await s.db.transaction((m) => enrollments.enrollMany(m, courseId, []))).toEqual(new Map());
  });

  it('renews a completed course with one new assigned enrolment, however often it is asked', async () => {
    const learner = await createPerson(s);
    const { courseId } = await publishedCourse(s, trainer, {
      modules: [{ title: 'Нэг', lessons: [{ title: 'Ганц', body: 'Агуулга' }] }],
    });
    const detail = await enrolled(s, learner, courseId);
    await enrollments.completeLesson(learner, detail.id, lessonsOf(detail)[0].id);

    const dueAt = new Date('2031-01-31T15:59:59Z');
    const round = [{ userId: learner.id, courseId, dueAt }];
    const [renewed] = await s.db.transaction((m) => enrollments.renewMany(m, round));
    expect(renewed).toEqual({ userId: learner.id, courseId, enrollmentId: expect.any(String) });
    expect(renewed.enrollmentId).not.toBe(detail.id);
    expect(await s.db.transaction((m) => enrollments.renewMany(m, round))).toEqual([renewed]);
    const rows = await s.db.query(
      `SELECT status, source, renewal FROM enrollments WHERE user_id = $1 ORDER BY enrolled_at`,
      [learner.id],
    );
    expect(rows).toEqual([
      { status: 'completed', source: 'self', renewal: 0 },
      { status: 'in_progress', source: 'assigned', renewal: 1 },
    ]);
  });
});
