// Supervisors (issue 17 §6) end to end: My team shows only active direct reports, with their
// mandatory training, competency gaps and valid certificates and registration numbers masked; no
// one else is reachable through the team routes; a supervisor nominates a report to a session; a
// learner with a supervisor asks, and an approval keeps the waiting list in the order of requests;
// a decline tells the learner why; the weekly digest reaches supervisors with overdue people only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AccountabilityContentService, AssignmentReachService, competencyFramework } from '@chadavkhi/accountability';
import { courseBody } from '../support/courses';
import { agencyByCode, createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { SmtpListener } from '../support/smtp-listener';
import { startTestApp, TestApp } from '../support/test-app';
import { untilQueuesDrained } from '../support/queues-drained';
import { until } from '../support/until';
import { location, signInPage } from '../support/web';

const content = join(__dirname, '..', '..', 'content');
const hour = 3600 * 1000;
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + 8 * hour + offsetDays * 24 * hour).toISOString().slice(0, 10);

interface Person {
  id: string;
  email: string;
  token: string;
  name: string;
}

describe('supervisors: my team, nominations, approvals and the digest', () => {
  let smtp: SmtpListener;
  let t: TestApp;
  let trainer: string;
  let hr: Person;
  let boss: Person;
  let otherBoss: Person;
  let dorj: Person; // report, overdue training, masked registration number
  let saraa: Person; // report, with a certificate
  let bat: Person; // report
  let gone: Person; // report, deactivated
  let outsider: Person; // no supervisor
  let walkIn: Person; // no supervisor
  let courseId: string;
  let soumId: string;

  async function person(name: string, roles: ('learner' | 'hr_officer')[] = ['learner'], supervisor?: Person) {
    const user = await createUser(t.db, { roles, agency: 'ministry-finance', name });
    if (supervisor) await t.db.query(`UPDATE users SET supervisor_id = $2 WHERE id = $1`, [user.id, supervisor.id]);
    return { id: user.id, email: user.email, token: await tokenFor(t, user.email), name };
  }

  async function session(capacity: number): Promise<string> {
    const response = await t
      .http()
      .post('/api/v1/sessions')
      .set(bearer(trainer))
      .send({
        courseId,
        agencyId: soumId,
        place: 'Сангийн яамны хурлын танхим',
        startsAt: new Date(Date.now() + 24 * hour).toISOString(),
        endsAt: new Date(Date.now() + 30 * hour).toISOString(),
        capacity,
      });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  const register = (sessionId: string, who: Person) =>
    t.http().post(`/api/v1/sessions/${sessionId}/registrations`).set(bearer(who.token)).send({});
  const nominate = (sessionId: string, by: Person, userId: string) =>
    t.http().post(`/api/v1/sessions/${sessionId}/nominations`).set(bearer(by.token)).send({ userId });
  const decide = (sessionId: string, by: Person, userId: string, body: Record<string, unknown>) =>
    t.http().put(`/api/v1/session-requests/${sessionId}/${userId}`).set(bearer(by.token)).send(body);
  const mine = async (sessionId: string, who: Person) =>
    (await t.http().get(`/api/v1/sessions/${sessionId}`).set(bearer(who.token))).body.mine;
  const notified = (who: Person, kind: string) =>
    until(async () => {
      const items = (await t.http().get('/api/v1/me/notifications').set(bearer(who.token))).body.items ?? [];
      const found = items.filter((n: { kind: string }) => n.kind === kind);
      return found.length ? found : undefined;
    }, 30000);

  beforeAll(async () => {
    smtp = new SmtpListener();
    await smtp.start();
    t = await startTestApp({
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://training.example.mn',
    });
    await t.db.transaction(async (m) =>
      t.app
        .get(AccountabilityContentService)
        .importCompetencies(
          m,
          competencyFramework(
            parse(readFileSync(join(content, 'competencies.yaml'), 'utf8')),
            parse(readFileSync(join(content, 'positions.yaml'), 'utf8')),
            [],
          ),
        ),
    );
    trainer = await tokenFor(
      t,
      (await createUser(t.db, { roles: ['trainer'], agency: 'civil-service-council' })).email,
    );
    courseId = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(courseBody())).body.id;
    expect((await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer))).status).toBe(201);
    soumId = (await agencyByCode(t.db, 'ministry-finance')).id;
    hr = await person('Сангийн ХН', ['hr_officer']);
    boss = await person('Даргын Болд');
    otherBoss = await person('Өөр дарга');
    dorj = await person('Доржийн Дорж', ['learner'], boss);
    saraa = await person('Сараагийн Сараа', ['learner'], boss);
    bat = await person('Батын Бат', ['learner'], boss);
    gone = await person('Явсан Ганаа', ['learner'], boss);
    await t.db.query(`UPDATE users SET is_active = false WHERE id = $1`, [gone.id]);
    outsider = await person('Гадны Оюун');
    walkIn = await person('Шууд Төгс');
    await person('Өөр дарганы ажилтан', ['learner'], otherBoss);
    await t.db.query(`UPDATE users SET registration_number = 'УБ99061512' WHERE id = $1`, [dorj.id]);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it("shows a supervisor their active direct reports' training, gaps and certificates, registration numbers masked", async () => {
    // Dorj has an overdue mandatory course; Saraa has completed the course (a valid certificate).
    const assignment = (
      await t
        .http()
        .post('/api/v1/assignments')
        .set(bearer(hr.token))
        .send({ courseId, target: { userIds: [dorj.id] }, due: { date: isoDay(3) } })
    ).body;
    await until(
      async () =>
        (await t.db.query(`SELECT 1 FROM assignment_users WHERE assignment_id = $1`, [assignment.id])).length ||
        undefined,
    );
    await t.db.query(`UPDATE assignment_users SET due_on = $2::date WHERE assignment_id = $1`, [
      assignment.id,
      isoDay(-5),
    ]);
    const enrolment = await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(saraa.token));
    expect(enrolment.status).toBeLessThan(300);
    const detail = (await t.http().get(`/api/v1/enrollments/${enrolment.body.id}`).set(bearer(saraa.token))).body;
    for (const l of detail.modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons))
      await t.http().post(`/api/v1/enrollments/${enrolment.body.id}/lessons/${l.id}/complete`).set(bearer(saraa.token));
    await until(
      async () => (await t.db.query(`SELECT 1 FROM certificates WHERE user_id = $1`, [saraa.id])).length || undefined,
      30000,
    );

    const team = await t.http().get('/api/v1/me/team').set(bearer(boss.token));
    expect(team.status).toBe(200);
    expect(team.body.members.map((m: { name: string }) => m.name)).toEqual([
      'Батын Бат',
      'Доржийн Дорж',
      'Сараагийн Сараа',
    ]);
    expect(team.body.overdue).toBe(1);
    const byName = Object.fromEntries(team.body.members.map((m: { name: string }) => [m.name, m]));
    expect(byName['Доржийн Дорж']).toEqual(
      expect.objectContaining({
        registrationNumber: 'УБ******12',
        assigned: 1,
        overdue: 1,
        position: expect.objectContaining({ code: 'specialist' }),
        agency: expect.objectContaining({ code: 'ministry-finance' }),
        training: [expect.objectContaining({ status: 'overdue', dueOn: isoDay(-5) })],
        required: 4,
        certificates: [],
      }),
    );
    expect(byName['Доржийн Дорж'].gaps).toHaveLength(4);
    expect(byName['Сараагийн Сараа'].certificates).toEqual([
      expect.objectContaining({ courseTitle: 'Төрийн албан хаагчийн ёс зүй', code: expect.any(String) }),
    ]);
    expect(JSON.stringify(team.body)).not.toContain('УБ99061512');

    // One report's details; the page too, and the home page links it for a supervisor only.
    const one = await t.http().get(`/api/v1/me/team/${dorj.id}`).set(bearer(boss.token));
    expect(one.body).toEqual(expect.objectContaining({ id: dorj.id, overdue: 1 }));
    const page = await signInPage(t, boss.email);
    const teamPage = await page.get('/team');
    expect(teamPage.status).toBe(200);
    expect(teamPage.text).toContain('Доржийн Дорж');
    expect(teamPage.text).toContain('УБ******12');
    expect(teamPage.text).not.toContain('УБ99061512');
    expect((await page.get('/')).text).toContain('href="/team"');
    expect((await (await signInPage(t, outsider.email)).get('/')).text).not.toContain('href="/team"');
  });

  it("refuses anyone but a person's supervisor through the team and approval routes", async () => {
    // Not a report, a deactivated report, someone else's report: all answered as missing.
    for (const id of [outsider.id, gone.id, hr.id])
      expectProblem(await t.http().get(`/api/v1/me/team/${id}`).set(bearer(boss.token)), 404);
    expectProblem(await t.http().get(`/api/v1/me/team/${dorj.id}`).set(bearer(otherBoss.token)), 404);
    expectProblem(await t.http().get(`/api/v1/me/team/${dorj.id}`).set(bearer(hr.token)), 404);
    expectProblem(await t.http().get(`/api/v1/me/team/${saraa.id}`).set(bearer(dorj.token)), 404);
    expect((await t.http().get('/api/v1/me/team').set(bearer(dorj.token))).body.members).toEqual([]);
    expect((await (await signInPage(t, otherBoss.email)).get(`/team/${dorj.id}`)).status).toBe(404);

    const sessionId = await session(5);
    expectProblem(await nominate(sessionId, boss, outsider.id), 404);
    expectProblem(await nominate(sessionId, otherBoss, dorj.id), 404);
    expectProblem(await nominate(sessionId, hr, dorj.id), 404);
    expect((await register(sessionId, bat)).body.status).toBe('pending');
    expectProblem(await decide(sessionId, otherBoss, bat.id, { decision: 'approve' }), 404);
    expectProblem(await decide(sessionId, bat, bat.id, { decision: 'approve' }), 404);
    expectProblem(await decide(sessionId, boss, bat.id, { decision: 'maybe' }), 400);
    expect((await t.http().get('/api/v1/session-requests').set(bearer(otherBoss.token))).body.items).toEqual([]);
    expect((await mine(sessionId, bat)).status).toBe('pending');
    // Bat withdraws the request himself.
    expect(
      (await t.http().delete(`/api/v1/sessions/${sessionId}/registrations/me`).set(bearer(bat.token))).status,
    ).toBe(200);
  });

  it('lets a supervisor nominate a report: a seat, else the waiting list; the nominee is told; audited', async () => {
    const sessionId = await session(1);
    const first = await nominate(sessionId, boss, dorj.id);
    expect(first.status).toBe(201);
    expect(first.body).toEqual(expect.objectContaining({ userId: dorj.id, status: 'registered' }));
    const second = await nominate(sessionId, boss, saraa.id);
    expect(second.body).toEqual(expect.objectContaining({ status: 'waitlisted', waitlistPosition: 1 }));
    // Again: nothing changes.
    expect((await nominate(sessionId, boss, dorj.id)).body.status).toBe('registered');
    const [told] = await notified(dorj, 'session.nominated');
    expect(told.title).toContain('Төрийн албан хаагчийн ёс зүй');
    const [mail] = await smtp.waitFor(dorj.email);
    expect(mail.subject).toBe('Таныг танхимын хичээллэлд нэр дэвшүүллээ: Төрийн албан хаагчийн ёс зүй');
    expect(mail.text).toContain('Даргын Болд');
    const audit = await t.db.query(
      `SELECT actor_email, details FROM audit_log_entries WHERE action = 'session.nominate' AND target_id = $1 ORDER BY created_at`,
      [sessionId],
    );
    expect(audit).toEqual([
      { actor_email: boss.email, details: { userId: dorj.id, status: 'registered' } },
      { actor_email: boss.email, details: { userId: saraa.id, status: 'waitlisted' } },
    ]);
    const registrations = (await t.http().get(`/api/v1/sessions/${sessionId}`).set(bearer(trainer))).body.registrations;
    expect(registrations.map((r: { nominated: boolean }) => r.nominated)).toEqual([true, true]);
  });

  it('keeps the waiting list in the order of requests, not of approvals', async () => {
    const sessionId = await session(1);
    expect((await register(sessionId, outsider)).body.status).toBe('registered'); // no supervisor: as before
    const asked = await register(sessionId, dorj);
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('pending');
    expect((await register(sessionId, dorj)).status).toBe(200); // asking twice changes nothing
    expect((await register(sessionId, walkIn)).body).toEqual(
      expect.objectContaining({ status: 'waitlisted', waitlistPosition: 1 }),
    );
    // A pending request holds no seat and no place yet.
    const before = (await t.http().get(`/api/v1/sessions/${sessionId}`).set(bearer(trainer))).body;
    expect(before).toEqual(expect.objectContaining({ registered: 1, waitlisted: 1 }));

    // The supervisor is told a request waits for them, and the home page says how many.
    // (Bat's withdrawn request earlier told the supervisor too: wait for Dorj's.)
    await until(async () =>
      (await notified(boss, 'session.requested')).some(
        (n: { title: string }) =>
          n.title === 'Доржийн Дорж хичээллэлд суух хүсэлт гаргалаа: Төрийн албан хаагчийн ёс зүй',
      ),
    );
    expect((await (await signInPage(t, boss.email)).get('/')).text).toContain('Танхимын хичээллэлд суух 1 хүсэлт');
    const pending = (await t.http().get('/api/v1/session-requests').set(bearer(boss.token))).body.items;
    expect(pending).toEqual([
      expect.objectContaining({ sessionId, userId: dorj.id, name: 'Доржийн Дорж', seatsLeft: 0 }),
    ]);
    const approved = await decide(sessionId, boss, dorj.id, { decision: 'approve' });
    expect(approved.status).toBe(200);
    // Dorj asked before the walk-in registered: first on the waiting list.
    expect(approved.body).toEqual(expect.objectContaining({ status: 'waitlisted', waitlistPosition: 1 }));
    expect((await mine(sessionId, walkIn)).waitlistPosition).toBe(2);
    const cancelled = await t
      .http()
      .delete(`/api/v1/sessions/${sessionId}/registrations/me`)
      .set(bearer(outsider.token));
    expect(cancelled.body.movedUp).toEqual([dorj.id]);
    expect((await mine(sessionId, dorj)).status).toBe('registered');
    expect((await mine(sessionId, walkIn)).waitlistPosition).toBe(1);
    expectProblem(await decide(sessionId, boss, dorj.id, { decision: 'decline' }), 409); // already decided
    const [told] = await notified(dorj, 'session.request_approved');
    expect(told.title).toContain('Төрийн албан хаагчийн ёс зүй');
    expect(
      await t.db.query(
        `SELECT actor_email, details->>'status' AS status FROM audit_log_entries WHERE action = 'session.request.approve' AND target_id = $1`,
        [sessionId],
      ),
    ).toEqual([{ actor_email: boss.email, status: 'waitlisted' }]);
  });

  it('declines with a reason the learner is told, from the page without JavaScript; they may ask again', async () => {
    const sessionId = await session(3);
    expect((await register(sessionId, saraa)).body.status).toBe('pending');
    const page = await signInPage(t, boss.email);
    const teamPage = await page.get('/team');
    expect(teamPage.text).toContain(`action="/team/requests/${sessionId}/${saraa.id}"`);
    // A reason over the service's bound is worded beside the list, and nothing is decided.
    const tooLong = await page.post(`/team/requests/${sessionId}/${saraa.id}`, {
      decision: 'decline',
      reason: 'ш'.repeat(501),
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.text).toContain('role="alert"');
    expect((await mine(sessionId, saraa)).status).toBe('pending');
    expectProblem(await decide(sessionId, boss, saraa.id, { decision: 'decline', reason: 'ш'.repeat(501) }), 400);
    const declined = await page.post(`/team/requests/${sessionId}/${saraa.id}`, {
      decision: 'decline',
      reason: 'Улирлын тайлангийн ажилтай давхцаж байна',
    });
    expect(location(declined)).toBe('/team?notice=declined#requests');
    expect((await page.get('/team?notice=declined')).text).toContain('Татгалзлаа');
    expect(await mine(sessionId, saraa)).toEqual(
      expect.objectContaining({ status: 'declined', declineReason: 'Улирлын тайлангийн ажилтай давхцаж байна' }),
    );
    await notified(saraa, 'session.request_declined');
    const mail = await until(async () =>
      smtp.to(saraa.email).find((m) => m.subject.startsWith('Хүсэлтээс татгалзлаа')),
    );
    expect(mail.text).toContain('Шалтгаан: Улирлын тайлангийн ажилтай давхцаж байна');
    // Deciding again is refused on the page, beside the list, not as an error page.
    const again = await page.post(`/team/requests/${sessionId}/${saraa.id}`, { decision: 'approve' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('аль хэдийн шийдсэн');
    // The course page words it for the learner, and she may ask again.
    const course = await (await signInPage(t, saraa.email)).get(`/courses/${courseId}`);
    expect(course.text).toContain('Улирлын тайлангийн ажилтай давхцаж байна');
    expect((await register(sessionId, saraa)).body.status).toBe('pending');
    // Approving from the page: a free seat.
    const approved = await page.post(`/team/requests/${sessionId}/${saraa.id}`, { decision: 'approve' });
    expect(location(approved)).toBe('/team?notice=approved#requests');
    expect((await mine(sessionId, saraa)).status).toBe('registered');
  });

  it('nominates from the person page without JavaScript', async () => {
    const sessionId = await session(2);
    const page = await signInPage(t, boss.email);
    const member = await page.get(`/team/${bat.id}`);
    expect(member.status).toBe(200);
    expect(member.text).toContain(`value="${sessionId}"`);
    const done = await page.post(`/team/${bat.id}/nominate`, { sessionId });
    expect(location(done)).toBe(`/team/${bat.id}?notice=registered#nominate`);
    expect((await mine(sessionId, bat)).status).toBe('registered');
    expect((await page.post(`/team/${outsider.id}/nominate`, { sessionId })).status).toBe(404);
    const noSession = await page.post(`/team/${bat.id}/nominate`, { sessionId: 'not-a-session' });
    expect(noSession.status).toBe(422);
    expect(noSession.text).toContain('role="alert"');
  });

  it('sends the weekly digest to supervisors with overdue reports only', async () => {
    const reach = t.app.get(AssignmentReachService);
    expect(await reach.queueWeeklyDigests()).toBeGreaterThanOrEqual(2); // the HR officer's and the supervisor's
    await reach.queueWeeklyDigests(); // the same week again: the same notifications
    await untilQueuesDrained(t, ['notifications']);
    const digests = smtp.to(boss.email).filter((m) => m.subject.startsWith('Таны багийн'));
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('Таны багийн долоо хоногийн тойм: 1 хугацаа хэтэрсэн');
    expect(digests[0].text).toContain('Доржийн Дорж');
    expect(digests[0].text).toContain('https://training.example.mn/team');
    // A supervisor whose people are on time, and people who supervise nobody, get none.
    for (const who of [otherBoss, outsider, dorj])
      expect(smtp.to(who.email).filter((m) => m.subject.startsWith('Таны багийн'))).toEqual([]);
  });
});
