// Face-to-face sessions count exactly like online learning: capacity and an ordered waiting list,
// HR officers registering their own staff (never others), attendance from the phone form and from
// a CSV sheet (bad rows reported, the rest applied) completing enrolments through the same outbox
// path — one certificate each, through the real queue — idempotent re-recording, the paper final
// quiz deciding completion, and face-to-face completions counted apart in the agency figures.
import { agencyByCode, createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { untilQueuesDrained } from '../support/queues-drained';
import { until } from '../support/until';
import { csrfOf, signInPage } from '../support/web';

const SOUM = 'aimag-arkhangai-tariat';
const hour = 3600 * 1000;
const bank = { title: 'Ёс зүй', questions: [{ type: 'true_false', prompt: 'Шударга байх уу?', correct: true }] };
const finalQuiz = {
  title: 'Эцсийн шалгалт',
  passMarkPercent: 70,
  timeLimitMinutes: 10,
  maxAttempts: 2,
  reviewAfterSubmit: false,
  draws: [{ bank: '0', count: 1 }],
};

describe('face-to-face sessions', () => {
  let t: TestApp;
  let trainer: string;
  let trainerEmail: string;
  let otherTrainer: string;
  let hrArkhangai: string;
  let hrFinance: string;
  let courseId: string;
  let quizCourseId: string;
  let soumId: string;
  let arkhangaiId: string;
  const people = new Map<string, { id: string; email: string; token: string }>();

  async function person(key: string, options: { agency?: string; staffNumber?: string } = {}) {
    const user = await createUser(t.db, {
      roles: ['learner'],
      agency: options.agency ?? SOUM,
      name: `Суралцагч ${key}`,
    });
    if (options.staffNumber)
      await t.db.query(`UPDATE users SET staff_number = $2 WHERE id = $1`, [user.id, options.staffNumber]);
    const entry = { id: user.id, email: user.email, token: await tokenFor(t, user.email) };
    people.set(key, entry);
    return entry;
  }

  async function publishedCourse(token: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const course = (await t.http().post('/api/v1/courses').set(bearer(token)).send(courseBody(overrides))).body;
    expect((await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(token))).status).toBe(201);
    return course.id;
  }

  async function session(body: Record<string, unknown> = {}, token = trainer) {
    const response = await t
      .http()
      .post('/api/v1/sessions')
      .set(bearer(token))
      .send({
        courseId,
        agencyId: soumId,
        place: 'Сумын ЗДТГ, хурлын танхим',
        startsAt: new Date(Date.now() - hour).toISOString(),
        endsAt: new Date(Date.now() + 3 * hour).toISOString(),
        capacity: 10,
        ...body,
      });
    expect(response.status).toBe(201);
    return response.body as { id: string; capacity: number };
  }

  const register = (sessionId: string, token: string, userId?: string) =>
    t
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations`)
      .set(bearer(token))
      .send(userId ? { userId } : {});
  const certificatesOf = async (userId: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM certificates WHERE user_id = $1`, [userId]))[0].n as number;
  const completedEvents = async (userId: string) =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'enrollment.completed' AND payload->>'userId' = $1`,
        [userId],
      )
    )[0].n as number;
  const enrollmentOf = async (userId: string, course = courseId) =>
    (await t.db.query(
      `SELECT id, status, completion_mode, final_score FROM enrollments WHERE user_id = $1 AND course_id = $2`,
      [userId, course],
    )) as { id: string; status: string; completion_mode: string; final_score: string | null }[];

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });
    const trainerUser = await createUser(t.db, { roles: ['trainer'], agency: 'civil-service-council' });
    trainerEmail = trainerUser.email;
    trainer = await tokenFor(t, trainerUser.email);
    otherTrainer = await tokenFor(
      t,
      (await createUser(t.db, { roles: ['trainer'], agency: 'civil-service-council' })).email,
    );
    hrArkhangai = await tokenFor(
      t,
      (await createUser(t.db, { roles: ['hr_officer'], agency: 'aimag-arkhangai' })).email,
    );
    hrFinance = await tokenFor(
      t,
      (await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' })).email,
    );
    soumId = (await agencyByCode(t.db, SOUM)).id;
    arkhangaiId = (await agencyByCode(t.db, 'aimag-arkhangai')).id;
    courseId = await publishedCourse(trainer);
    quizCourseId = await publishedCourse(trainer, {
      title: 'Шалгалттай сургалт',
      questionBanks: [bank],
      quizzes: [finalQuiz],
    });
  });
  afterAll(() => t.close());

  it('lets a trainer schedule sessions of their own published courses only, with checked input', async () => {
    const learner = await person('scheduler-check');
    const base = {
      courseId,
      agencyId: soumId,
      place: 'Танхим',
      startsAt: '2027-01-10T09:00:00+08:00',
      endsAt: '2027-01-10T17:00:00+08:00',
      capacity: 5,
    };
    expectProblem(await t.http().post('/api/v1/sessions').set(bearer(otherTrainer)).send(base), 403);
    expectProblem(await t.http().post('/api/v1/sessions').set(bearer(learner.token)).send(base), 403);
    expectProblem(
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(trainer))
        .send({ ...base, endsAt: '2027-01-10T08:00:00+08:00' }),
      422,
    );
    expectProblem(
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(trainer))
        .send({ ...base, capacity: 501 }),
      400,
    );
    expectProblem(
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(trainer))
        .send({ ...base, room: 'extra' }),
      400,
    );
    expectProblem(
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(trainer))
        .send({ ...base, agencyId: '00000000-0000-4000-8000-000000000000' }),
      422,
    );
    const draft = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body;
    expectProblem(
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(trainer))
        .send({ ...base, courseId: draft.id }),
      422,
    );

    const created = await t.http().post('/api/v1/sessions').set(bearer(trainer)).send(base);
    expect(created.status).toBe(201);
    expect(created.body).toEqual(
      expect.objectContaining({
        place: 'Танхим',
        capacity: 5,
        registered: 0,
        state: 'upcoming',
        canManage: true,
        agency: expect.objectContaining({ code: SOUM }),
      }),
    );
    expectProblem(
      await t.http().patch(`/api/v1/sessions/${created.body.id}`).set(bearer(otherTrainer)).send({ capacity: 6 }),
      403,
    );
    const edited = await t
      .http()
      .patch(`/api/v1/sessions/${created.body.id}`)
      .set(bearer(trainer))
      .send({ place: 'Том танхим', capacity: 8 });
    expect(edited.body).toEqual(expect.objectContaining({ place: 'Том танхим', capacity: 8 }));

    // Upcoming first, filtered by course and by the location's subtree.
    const inAimag = (
      await t.http().get(`/api/v1/sessions?agencyId=${arkhangaiId}&courseId=${courseId}`).set(bearer(learner.token))
    ).body;
    expect(inAimag.items.map((s: { id: string }) => s.id)).toContain(created.body.id);
    const finance = (await agencyByCode(t.db, 'ministry-finance')).id;
    expect((await t.http().get(`/api/v1/sessions?agencyId=${finance}`).set(bearer(learner.token))).body.total).toBe(0);
    expect(
      (await t.http().get(`/api/v1/sessions/${created.body.id}`).set(bearer(learner.token))).body.registrations,
    ).toBeUndefined();

    expect((await register(created.body.id, learner.token)).status).toBe(201);
    const cancelled = await t.http().delete(`/api/v1/sessions/${created.body.id}`).set(bearer(trainer));
    expect(cancelled.body.state).toBe('cancelled');
    expectProblem(await register(created.body.id, learner.token), 409);
    // Whoever was registered is told, in the app (and by e-mail), once even if cancelled again.
    expect((await t.http().delete(`/api/v1/sessions/${created.body.id}`).set(bearer(trainer))).status).toBe(200);
    const told = await until(async () => {
      const items = (await t.http().get('/api/v1/me/notifications').set(bearer(learner.token))).body.items ?? [];
      return items.filter((n: { kind: string }) => n.kind === 'session.cancelled').length ? items : undefined;
    }, 30000);
    expect(told).toEqual([
      expect.objectContaining({
        kind: 'session.cancelled',
        title: expect.stringContaining('Төрийн албан хаагчийн ёс зүй'),
      }),
    ]);
    const listed = (
      await t.http().get(`/api/v1/sessions?courseId=${courseId}`).set(bearer(learner.token))
    ).body.items.map((s: { id: string }) => s.id);
    expect(listed).not.toContain(created.body.id);
  });

  it('seats people up to capacity, queues the rest in order, and moves the first up when someone cancels', async () => {
    const s = await session({ capacity: 2 });
    const [a, b, c, d] = [await person('a'), await person('b'), await person('c'), await person('d')];
    expect((await register(s.id, a.token)).body).toEqual(
      expect.objectContaining({ status: 'registered', waitlistPosition: null }),
    );
    expect((await register(s.id, b.token)).body.status).toBe('registered');
    expect((await register(s.id, c.token)).body).toEqual(
      expect.objectContaining({ status: 'waitlisted', waitlistPosition: 1 }),
    );
    expect((await register(s.id, d.token)).body).toEqual(
      expect.objectContaining({ status: 'waitlisted', waitlistPosition: 2 }),
    );
    const again = await register(s.id, a.token);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('registered');

    // Registering enrolled each person on the course's current version, once.
    const mine = (await t.http().get('/api/v1/me/enrollments').set(bearer(a.token))).body.items;
    expect(mine.filter((e: { courseId: string }) => e.courseId === courseId)).toHaveLength(1);

    const cancelled = await t.http().delete(`/api/v1/sessions/${s.id}/registrations/me`).set(bearer(a.token));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.movedUp).toEqual([c.id]);
    const view = (await t.http().get(`/api/v1/sessions/${s.id}`).set(bearer(trainer))).body;
    expect(view).toEqual(expect.objectContaining({ registered: 2, waitlisted: 1, seatsLeft: 0 }));
    expect(
      view.registrations.map((r: { userId: string; status: string; waitlistPosition: number | null }) => [
        r.userId,
        r.status,
        r.waitlistPosition,
      ]),
    ).toEqual([
      [b.id, 'registered', null],
      [c.id, 'registered', null],
      [d.id, 'waitlisted', 1],
      [a.id, 'cancelled', null],
    ]);
    // Coming back puts a at the back of the queue, on the same enrolment.
    expect((await register(s.id, a.token)).body).toEqual(
      expect.objectContaining({ status: 'waitlisted', waitlistPosition: 2 }),
    );
    expect(await enrollmentOf(a.id)).toHaveLength(1);
    // Raising the capacity seats the waiting list in order; it cannot go below the seated.
    expectProblem(await t.http().patch(`/api/v1/sessions/${s.id}`).set(bearer(trainer)).send({ capacity: 1 }), 422);
    const raised = (await t.http().patch(`/api/v1/sessions/${s.id}`).set(bearer(trainer)).send({ capacity: 3 })).body;
    expect(
      raised.registrations
        .filter((r: { status: string }) => r.status === 'registered')
        .map((r: { userId: string }) => r.userId),
    ).toEqual([b.id, c.id, d.id]);
  });

  it('lets an HR officer register staff of their own subtree, and refuses anyone else', async () => {
    const s = await session();
    const staff = await person('hr-staff');
    const outsider = await person('finance-staff', { agency: 'tax-general-department' });
    const learner = await person('nosy');
    const registered = await register(s.id, hrArkhangai, staff.id);
    expect(registered.status).toBe(201);
    expect(registered.body.status).toBe('registered');
    expectProblem(await register(s.id, hrArkhangai, outsider.id), 403);
    expectProblem(await register(s.id, hrFinance, staff.id), 403);
    expectProblem(await register(s.id, learner.token, outsider.id), 403);
    expectProblem(await register(s.id, trainer), 403); // a trainer without the learner role
    expectProblem(
      await t.http().delete(`/api/v1/sessions/${s.id}/registrations/${staff.id}`).set(bearer(hrFinance)),
      403,
    );
    const [audit] = await t.db.query(
      `SELECT actor_email, details FROM audit_log_entries WHERE action = 'session.register' AND target_id = $1`,
      [s.id],
    );
    expect(audit.details).toEqual(expect.objectContaining({ userId: staff.id, status: 'registered' }));
    expect(await enrollmentOf(staff.id)).toEqual([expect.objectContaining({ status: 'in_progress' })]);
  });

  it('completes enrolments from the phone attendance form, one certificate each through the queue', async () => {
    const s = await session();
    const [p1, p2, absent] = [await person('form-1'), await person('form-2'), await person('form-absent')];
    for (const p of [p1, p2, absent]) expect((await register(s.id, p.token)).status).toBe(201);
    expectProblem(
      await t
        .http()
        .put(`/api/v1/sessions/${s.id}/attendance`)
        .set(bearer(otherTrainer))
        .send({ records: [{ userId: p1.id, attended: true }] }),
      403,
    );

    const page = await signInPage(t, trainerEmail);
    const shown = await page.get(`/author/sessions/${s.id}`);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('name="present"');
    expect(shown.text).not.toMatch(/<script(?![^>]*\bsrc=)/i);
    const posted = await page.post(`/author/sessions/${s.id}/attendance`, {
      people: [p1.id, p2.id, absent.id],
      present: [p1.id, p2.id],
      [`score-${p2.id}`]: '88',
    });
    expect(posted.status).toBe(200);
    expect(posted.text).toMatch(/2 хүн одоо сургалтаа дуусгалаа/);

    for (const p of [p1, p2]) {
      await until(async () => (await certificatesOf(p.id)) === 1, 45000);
      expect(await enrollmentOf(p.id)).toEqual([
        expect.objectContaining({ status: 'completed', completion_mode: 'face_to_face' }),
      ]);
    }
    expect(await enrollmentOf(absent.id)).toEqual([expect.objectContaining({ status: 'in_progress' })]);
    // The paper score recorded in the room is the certificate's score (and so the figures' average).
    const [scored] = await t.db.query(`SELECT score::float AS score FROM certificates WHERE user_id = $1`, [p2.id]);
    expect(scored.score).toBe(88);
    const [audit] = await t.db.query(
      `SELECT details FROM audit_log_entries WHERE action = 'session.attendance' AND target_id = $1`,
      [s.id],
    );
    expect(audit.details).toEqual(
      expect.objectContaining({
        source: 'form',
        completed: expect.arrayContaining([p1.id, p2.id]),
        absent: [absent.id],
      }),
    );

    // The same attendance again changes nothing: no second completion, event or certificate.
    const again = await page.post(`/author/sessions/${s.id}/attendance`, {
      people: [p1.id, p2.id, absent.id],
      present: [p1.id, p2.id],
      [`score-${p2.id}`]: '88',
    });
    expect(again.text).toMatch(/0 хүн одоо сургалтаа дуусгалаа/);
    const json = await t
      .http()
      .put(`/api/v1/sessions/${s.id}/attendance`)
      .set(bearer(trainer))
      .send({
        records: [
          { userId: p1.id, attended: true },
          { userId: p2.id, attended: true, score: 88 },
        ],
      });
    expect(json.body).toEqual(expect.objectContaining({ applied: 2, completed: 0 }));
    expect(json.body.results.map((r: { outcome: string; changed: boolean }) => [r.outcome, r.changed])).toEqual([
      ['already_completed', false],
      ['already_completed', false],
    ]);
    await untilQueuesDrained(t, ['certificates']);
    for (const p of [p1, p2]) {
      expect(await completedEvents(p.id)).toBe(1);
      expect(await certificatesOf(p.id)).toBe(1);
    }
    expect(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM audit_log_entries WHERE action = 'session.attendance' AND target_id = $1`,
          [s.id],
        )
      )[0].n,
    ).toBe(1);
    // A bad score on the form is shown back, nothing applied.
    const bad = await page.post(`/author/sessions/${s.id}/attendance`, {
      _csrf: csrfOf(again.text),
      people: [absent.id],
      present: [absent.id],
      [`score-${absent.id}`]: '120',
    });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Хамгийн ихдээ 100.'); // the service's bound, in the page's words
    expect(bad.text).toMatch(new RegExp(`id="score-${absent.id}"[^>]*value="120"`));
    const badEn = await page.post(`/author/sessions/${s.id}/attendance?lang=en`, {
      people: [absent.id],
      present: [absent.id],
      [`score-${absent.id}`]: 'ninety',
    });
    expect(badEn.status).toBe(422);
    expect(badEn.text).toContain('This value is not accepted.');
    expect(await enrollmentOf(absent.id)).toEqual([expect.objectContaining({ status: 'in_progress' })]);
  });

  it("words the service's refusal of a session's fields beside them, in the page's language, and schedules nothing", async () => {
    const page = await signInPage(t, trainerEmail);
    await page.get(`/author/courses/${courseId}/sessions`);
    const local = (ms: number) => new Date(Date.now() + ms + 8 * hour).toISOString().slice(0, 16);
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM training_sessions WHERE course_id = $1`, [courseId]))[0].n;
    const before = await count();
    const fields = {
      place: 'Сумын ЗДТГ, хурлын танхим',
      agencyId: soumId,
      startsAt: local(48 * hour),
      endsAt: local(50 * hour),
      capacity: '501',
    };
    const action = `/author/courses/${courseId}/sessions`;
    const mnSeats = await page.post(action, fields);
    expect(mnSeats.status).toBe(422);
    expect(mnSeats.text).toContain('Хамгийн ихдээ 500.');
    expect(mnSeats.text).toContain('href="#ss-capacity"');
    const enSeats = await page.post(`${action}?lang=en`, fields);
    expect(enSeats.status).toBe(422);
    expect(enSeats.text).toContain('At most 500.');
    const backwards = { ...fields, capacity: '20', endsAt: local(47 * hour) };
    const mnEnd = await page.post(action, backwards);
    expect(mnEnd.status).toBe(422);
    expect(mnEnd.text).toContain('Хичээллэл эхэлснээсээ хойш дуусах ёстой.');
    expect(mnEnd.text).not.toContain('The session must end after it starts.');
    const enLong = await page.post(`${action}?lang=en`, { ...backwards, endsAt: local(48 * hour + 32 * 24 * hour) });
    expect(enLong.status).toBe(422);
    expect(enLong.text).toContain('A session lasts at most 31 days.');
    const mnPlace = await page.post(action, { ...fields, capacity: '20', place: 'Ё'.repeat(301) });
    expect(mnPlace.status).toBe(422);
    expect(mnPlace.text).toContain('Хамгийн ихдээ 300 тэмдэгт.');
    expect(await count()).toBe(before);
    const scheduled = await page.post(action, { ...fields, capacity: '20' });
    expect(scheduled.status).toBe(303);
    expect(scheduled.headers.location).toMatch(/^\/author\/sessions\/[0-9a-f-]{36}\?notice=scheduled$/);
    expect(await count()).toBe(before + 1);

    const s = await session({ capacity: 2 });
    const a = await person('edit-seat-a');
    const b = await person('edit-seat-b');
    for (const p of [a, b]) await register(s.id, p.token);
    await page.get(`/author/sessions/${s.id}`);
    const edit = {
      place: 'Сумын ЗДТГ, хурлын танхим',
      agencyId: soumId,
      startsAt: local(-hour),
      endsAt: local(3 * hour),
      capacity: '1',
    };
    const mnBelow = await page.post(`/author/sessions/${s.id}`, edit);
    expect(mnBelow.status).toBe(422);
    expect(mnBelow.text).toContain('2 хүн аль хэдийн суудалтай');
    const enBelow = await page.post(`/author/sessions/${s.id}?lang=en`, edit);
    expect(enBelow.status).toBe(422);
    expect(enBelow.text).toContain('2 people already have a seat');
  });

  it('applies a CSV sheet when someone registered has no e-mail address (matched by staff number), and lists them with none', async () => {
    const s = await session();
    // Outside Arkhangai, so the agency figures below count only their own completions.
    const staffOnly = await person('csv-staff-only', { staffNumber: 'CS-3090', agency: 'civil-service-council' });
    const withEmail = await person('csv-with-email', { agency: 'civil-service-council' });
    for (const p of [staffOnly, withEmail]) await register(s.id, p.token);
    // Staff imported from HR records may have no address (they sign in with DAN).
    await t.db.query(`UPDATE users SET email = NULL WHERE id = $1`, [staffOnly.id]);
    const csv = ['email,staff_number,attended,score', ',CS-3090,yes,', `${withEmail.email},,no,`].join('\n');
    const api = await t
      .http()
      .post(`/api/v1/sessions/${s.id}/attendance.csv`)
      .set(bearer(trainer))
      .set('content-type', 'text/csv')
      .send(csv);
    expect(api.status).toBe(200);
    expect(api.body).toEqual(expect.objectContaining({ applied: 2, problems: [] }));
    const shown = await t.http().get(`/api/v1/sessions/${s.id}`).set(bearer(trainer));
    expect(shown.body.registrations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: staffOnly.id, email: null, attended: true }),
        expect.objectContaining({ userId: withEmail.id, email: withEmail.email, attended: false }),
      ]),
    );
  });

  it('applies a CSV sheet, reporting every unmatched or malformed row by line, on the page and in the API', async () => {
    const s = await session();
    const byEmail = await person('csv-email');
    const byNumber = await person('csv-number', { staffNumber: 'AR-2041' });
    const absent = await person('csv-absent');
    const waiting = await person('csv-waiting');
    for (const p of [byEmail, byNumber, absent]) await register(s.id, p.token);
    await t.http().patch(`/api/v1/sessions/${s.id}`).set(bearer(trainer)).send({ capacity: 3 });
    expect((await register(s.id, waiting.token)).body.status).toBe('waitlisted');
    const csv = [
      'email,staff_number,attended,score',
      `${byEmail.email.toUpperCase()},,yes,`,
      ',AR-2041,1,75',
      'nobody@example.mn,,yes,',
      `${absent.email},,maybe,`,
      `${absent.email},,no,`,
      `${waiting.email},,yes,`,
    ].join('\n');

    const page = await signInPage(t, trainerEmail);
    await page.get(`/author/sessions/${s.id}`);
    const shown = await page.get(`/author/sessions/${s.id}`);
    const uploaded = await t
      .http()
      .post(`/author/sessions/${s.id}/attendance.csv`)
      .set('cookie', page.cookie)
      .set('accept', 'text/html')
      .field('_csrf', csrfOf(shown.text))
      .attach('file', Buffer.from(csv), { filename: 'ирц.csv', contentType: 'text/csv' });
    expect(uploaded.status).toBe(200);
    expect(uploaded.text).toContain('4-р мөр (nobody@example.mn)');
    expect(uploaded.text).toContain('5-р мөр');
    expect(uploaded.text).toContain('7-р мөр');
    expect(uploaded.text).toMatch(/3 мөр хэрэгжлээ; 2 хүн одоо сургалтаа дуусгалаа/);
    for (const p of [byEmail, byNumber]) await until(async () => (await certificatesOf(p.id)) === 1, 45000);
    expect(await enrollmentOf(absent.id)).toEqual([expect.objectContaining({ status: 'in_progress' })]);
    expect(await enrollmentOf(waiting.id)).toEqual([expect.objectContaining({ status: 'in_progress' })]);

    // The same sheet through the API: the same problems by line, nothing completed twice.
    const api = await t
      .http()
      .post(`/api/v1/sessions/${s.id}/attendance.csv`)
      .set(bearer(trainer))
      .set('content-type', 'text/csv')
      .send(csv);
    expect(api.status).toBe(200);
    expect(api.body).toEqual(expect.objectContaining({ applied: 3, completed: 0 }));
    expect(api.body.problems.map((p: { line: number; reason: string }) => [p.line, p.reason])).toEqual([
      [4, 'not_registered'],
      [5, 'bad_attended'],
      [7, 'waitlisted'],
    ]);
    await untilQueuesDrained(t, ['certificates']);
    for (const p of [byEmail, byNumber]) {
      expect(await completedEvents(p.id)).toBe(1);
      expect(await certificatesOf(p.id)).toBe(1);
    }
    // Too big is 413 (the page's upload and the API alike); not a trainer's session is 403.
    const huge = await t
      .http()
      .post(`/author/sessions/${s.id}/attendance.csv`)
      .set('cookie', page.cookie)
      .set('accept', 'text/html')
      .field('_csrf', csrfOf(shown.text))
      .attach('file', Buffer.from('email,attended\n' + 'x'.repeat(300 * 1024)), {
        filename: 'big.csv',
        contentType: 'text/csv',
      });
    expect(huge.status).toBe(413);
    expectProblem(
      await t
        .http()
        .post(`/api/v1/sessions/${s.id}/attendance.csv`)
        .set(bearer(trainer))
        .set('content-type', 'text/csv')
        .send('email,attended\n' + 'x'.repeat(300 * 1024)),
      413,
    );
    expectProblem(
      await t
        .http()
        .post(`/api/v1/sessions/${s.id}/attendance.csv`)
        .set(bearer(otherTrainer))
        .set('content-type', 'text/csv')
        .send(csv),
      403,
    );
  });

  it('completes a course with a final quiz only when the paper score reaches the pass mark', async () => {
    const s = await session({ courseId: quizCourseId });
    const [low, none, high] = [await person('quiz-low'), await person('quiz-none'), await person('quiz-high')];
    for (const p of [low, none, high]) await register(s.id, p.token);
    const first = await t
      .http()
      .put(`/api/v1/sessions/${s.id}/attendance`)
      .set(bearer(trainer))
      .send({
        records: [
          { userId: low.id, attended: true, score: 60 },
          { userId: none.id, attended: true },
          { userId: high.id, attended: true, score: 85.5 },
        ],
      });
    expect(first.body.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'below_pass_mark',
      'score_needed',
      'completed',
    ]);
    expect(await enrollmentOf(low.id, quizCourseId)).toEqual([expect.objectContaining({ status: 'in_progress' })]);
    expect(await enrollmentOf(high.id, quizCourseId)).toEqual([
      expect.objectContaining({ status: 'completed', completion_mode: 'face_to_face', final_score: '85.50' }),
    ]);
    const retaken = await t
      .http()
      .put(`/api/v1/sessions/${s.id}/attendance`)
      .set(bearer(trainer))
      .send({ records: [{ userId: low.id, attended: true, score: 70 }] });
    expect(retaken.body.results[0].outcome).toBe('completed');
    for (const p of [low, high]) await until(async () => (await certificatesOf(p.id)) === 1, 45000);
    expect(await certificatesOf(none.id)).toBe(0);
    expectProblem(
      await t
        .http()
        .put(`/api/v1/sessions/${s.id}/attendance`)
        .set(bearer(trainer))
        .send({ records: [{ userId: none.id, attended: true, score: 101 }] }),
      400,
    );
  });

  it('refuses attendance before a session starts, and shows sessions on the course page with register and cancel', async () => {
    const later = await session({
      startsAt: new Date(Date.now() + 24 * hour).toISOString(),
      endsAt: new Date(Date.now() + 26 * hour).toISOString(),
      capacity: 1,
    });
    const [first, second] = [await person('page-1'), await person('page-2')];
    expectProblem(
      await t
        .http()
        .put(`/api/v1/sessions/${later.id}/attendance`)
        .set(bearer(trainer))
        .send({ records: [{ userId: first.id, attended: true }] }),
      422,
    );

    const page = await signInPage(t, first.email);
    const course = await page.get(`/courses/${courseId}`);
    expect(course.text).toContain('Танхимын сургалт');
    expect(course.text).toContain(`action="/sessions/${later.id}/register"`);
    const registered = await page.post(`/sessions/${later.id}/register`);
    expect(registered.status).toBe(303);
    expect((await page.get(registered.headers.location)).text).toContain('Та суудалтай.');
    const other = await signInPage(t, second.email);
    await other.get(`/courses/${courseId}`);
    const waiting = await other.post(`/sessions/${later.id}/register`);
    expect((await other.get(waiting.headers.location)).text).toContain('Та хүлээлгийн жагсаалтын 1-р хүн.');
    await page.post(`/sessions/${later.id}/unregister`);
    expect((await other.get(`/courses/${courseId}?lang=en`)).text).toContain('You have a seat.');
  });

  it('counts face-to-face completions apart in the agency figures', async () => {
    // One online completion in the same soum, for contrast.
    const online = await person('online');
    const enrollment = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(online.token))).body;
    const detail = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(online.token))).body;
    for (const lesson of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons)) {
      await t
        .http()
        .post(`/api/v1/enrollments/${enrollment.id}/lessons/${lesson.id}/complete`)
        .set(bearer(online.token));
    }
    const [{ f2f, all }] = await t.db.query(
      `SELECT count(*) FILTER (WHERE e.completion_mode = 'face_to_face')::int AS f2f, count(*)::int AS all
         FROM enrollments e JOIN users u ON u.id = e.user_id JOIN agencies a ON a.id = u.agency_id
        WHERE e.status = 'completed' AND a.path @> ARRAY[$1::uuid] AND u.is_active`,
      [arkhangaiId],
    );
    expect(f2f).toBe(6);
    expect(all).toBe(7);
    const figures = await until(async () => {
      const body = (await t.http().get(`/api/v1/agencies/${arkhangaiId}/metrics`).set(bearer(hrArkhangai))).body;
      return body.figures?.completed === all && body.figures.completedFaceToFace === f2f ? body.figures : undefined;
    }, 45000);
    expect(figures).toEqual(expect.objectContaining({ completed: 7, completedFaceToFace: 6 }));
    const soum = (await t.http().get(`/api/v1/agencies/${soumId}/metrics`).set(bearer(hrArkhangai))).body.figures;
    expect(soum).toEqual(expect.objectContaining({ completed: 7, completedFaceToFace: 6 }));
  });
});
