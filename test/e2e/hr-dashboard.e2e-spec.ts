// The HR dashboard as HR officers use it: figures with charts, sub-agencies to drill into, the staff
// list with filters and its CSV/XLSX exports (audited), each kept inside the officer's subtree in
// the API and on the pages; learners see what is due on their home page; the public open-data page
// shows aggregates only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import {
  AssignmentsService,
  competencyFramework,
  AccountabilityContentService,
  MetricsService,
} from '@chadavkhi/accountability';
import type { AuthUser } from '@chadavkhi/identity';
import { migrations, ValidationProblemException } from '@chadavkhi/platform';
import { courseBody } from '../support/courses';
import { agencyByCode, createUser } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';
import { PageSession, signInPage } from '../support/web';

const content = join(__dirname, '..', '..', 'content');
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('HR dashboard, staff list and open data', () => {
  let t: TestApp;
  let hrToken: string;
  let hrPage: PageSession;
  let healthToken: string;
  let healthPage: PageSession;
  let learnerPage: PageSession;
  let financeId: string;
  let treasuryId: string;
  let healthId: string;
  let assignmentId: string;
  const people: { id: string; email: string; name: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });
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
    financeId = (await agencyByCode(t.db, 'ministry-finance')).id;
    treasuryId = (await agencyByCode(t.db, 'ministry-finance-treasury')).id;
    healthId = (await agencyByCode(t.db, 'ministry-health')).id;
    const hr = await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-finance' });
    hrToken = await tokenFor(t, hr.email);
    hrPage = await signInPage(t, hr.email);
    const health = await createUser(t.db, { roles: ['hr_officer'], agency: 'ministry-health' });
    healthToken = await tokenFor(t, health.email);
    healthPage = await signInPage(t, health.email);
    for (const [i, name] of [
      'Батын Сараа',
      'Доржийн Тэмүүлэн',
      'Ганбатын Ану',
      'Очирын Болд',
      'Сүхийн Номин',
      'Цэрэнгийн Мөнх',
    ].entries()) {
      const u = await createUser(t.db, {
        agency: i < 3 ? 'ministry-finance-treasury' : 'ministry-finance-budget-policy',
        name,
      });
      people.push({ id: u.id, email: u.email, name });
    }
    learnerPage = await signInPage(t, people[0].email);
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const courseId = (
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ title: 'Ёс зүйн заавал судлах сургалт' }))
    ).body.id;
    expect((await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer))).status).toBe(201);
    const created = await t
      .http()
      .post('/api/v1/assignments')
      .set(bearer(hrToken))
      .send({ courseId, target: { agencyId: financeId }, due: { date: isoDay(30) } });
    expect(created.status).toBe(201);
    assignmentId = created.body.id;
    await until(async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM assignment_users WHERE assignment_id = $1`, [assignmentId]))[0]
        .n >=
      people.length + 1
        ? true
        : undefined,
    );
    // Two people are overdue (their due day has passed), one has completed.
    await t.db.query(
      `UPDATE assignment_users SET due_on = $2::date WHERE assignment_id = $1 AND user_id = ANY($3::uuid[])`,
      [assignmentId, isoDay(-5), [people[0].id, people[3].id]],
    );
    await t.db.query(
      `UPDATE enrollments SET status = 'completed', progress_percent = 100, completed_at = now() WHERE user_id = $1 AND course_id = $2`,
      [people[1].id, courseId],
    );
    await t.app.get(MetricsService).recomputeAll();
  });
  afterAll(() => t.close());

  it("lists the subtree's staff, overdue first, with filters, and refuses other subtrees and learners", async () => {
    const list = await t.http().get(`/api/v1/agencies/${financeId}/staff?limit=100`).set(bearer(hrToken));
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((i: { id: string }) => people.some((p) => p.id === i.id));
    expect(mine).toHaveLength(people.length);
    expect(list.body.items[0].status).toBe('overdue');
    expect(
      list.body.items
        .slice(0, 2)
        .map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([people[0].id, people[3].id].sort());
    expect(mine.find((i: { id: string }) => i.id === people[1].id)).toEqual(
      expect.objectContaining({ status: 'completed', assigned: 1, completed: 1, overdue: 0 }),
    );

    const overdue = await t.http().get(`/api/v1/agencies/${treasuryId}/staff?status=overdue`).set(bearer(hrToken));
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual([people[0].id]);
    expect(overdue.body.total).toBe(1);

    expectProblem(await t.http().get(`/api/v1/agencies/${financeId}/staff`).set(bearer(healthToken)), 403);
    expectProblem(await t.http().get(`/api/v1/agencies/${financeId}/staff.csv`).set(bearer(healthToken)), 403);
    expectProblem(await t.http().get(`/api/v1/agencies/${financeId}/staff.xlsx`).set(bearer(healthToken)), 403);
    expectProblem(
      await t
        .http()
        .get(`/api/v1/agencies/${financeId}/staff`)
        .set(bearer(await tokenFor(t, people[2].email))),
      403,
    );
    expectProblem(await t.http().get(`/api/v1/agencies/${financeId}/staff`), 401);
    expectProblem(await t.http().get(`/api/v1/agencies/${financeId}/staff?status=lost`).set(bearer(hrToken)), 400);
    expectProblem(await t.http().get(`/api/v1/agencies/${financeId}/staff?limit=1000`).set(bearer(hrToken)), 400);
    expectProblem(await t.http().get(`/api/v1/agencies/${financeId}/staff?colour=red`).set(bearer(hrToken)), 400);
    expectProblem(await t.http().get(`/api/v1/agencies/not-a-uuid/staff`).set(bearer(hrToken)), 400);
  });

  it('exports the filtered staff list as CSV and XLSX, and audits each export', async () => {
    const csv = await t
      .http()
      .get(`/api/v1/agencies/${financeId}/staff.csv?status=overdue&lang=en`)
      .set(bearer(hrToken));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="staff-.+\.csv"/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'name,email,staff_number,agency_code,agency,position,status,assigned,completed,overdue,next_due',
    );
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual([people[0].name, people[3].name].sort());

    const xlsx = await t
      .http()
      .get(`/api/v1/agencies/${financeId}/staff.xlsx`)
      .set(bearer(hrToken))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('name');
    const names: string[] = [];
    sheet.eachRow((row, n) => n > 1 && names.push(String(row.getCell(1).value)));
    for (const p of people) expect(names).toContain(p.name);

    const audit = await t.db.query(
      `SELECT action, details FROM audit_log_entries WHERE action = 'staff.export' AND target_id = $1 ORDER BY created_at`,
      [financeId],
    );
    expect(audit.map((a: { details: { format: string } }) => a.details.format)).toEqual(['csv', 'xlsx']);
  });

  it("starts an export from the browser only with the page's download button, never from an image or a link", async () => {
    const audited = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM audit_log_entries WHERE action = 'staff.export' AND target_id = $1`,
          [treasuryId],
        )
      )[0].n;
    // What <img src="/api/v1/agencies/…/staff.csv"> in a lesson, or a link on another page, makes the browser send.
    for (const format of ['csv', 'xlsx']) {
      const fetched = await t
        .http()
        .get(`/api/v1/agencies/${treasuryId}/staff.${format}`)
        .set('cookie', hrPage.cookie)
        .set('accept', 'image/avif,image/webp,*/*');
      expect(expectProblem(fetched, 403).detail).toMatch(/download button/);
      expect(fetched.text).not.toContain(people[0].email);
    }
    expect(await audited()).toBe(0);
    // The page's button: a form sent with the CSRF token, keeping the filters.
    const page = await hrPage.get(`/hr/agencies/${treasuryId}/staff?status=overdue&lang=en`);
    const action = /<form method="post" action="([^"]*staff\.csv[^"]*)"/
      .exec(page.text)![1]
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
    expect(action).toBe(`/api/v1/agencies/${treasuryId}/staff.csv?status=overdue&lang=en`);
    expectProblem(await t.http().post(action).set('cookie', hrPage.cookie).type('form').send('_csrf=forged'), 403);
    expect(await audited()).toBe(0);
    const exported = await hrPage.post(action);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename="staff-.+\.csv"/);
    expect(exported.text).toContain(people[0].name);
    expect(exported.text).not.toContain(people[1].name);
    expect(await audited()).toBe(1);
    // An API client with a bearer token (which no other page can make it send) keeps GET.
    expect((await t.http().get(`/api/v1/agencies/${treasuryId}/staff.xlsx`).set(bearer(hrToken))).status).toBe(200);
    expect(await audited()).toBe(2);
  });

  it("shows the probe's lesson image of the staff export as text, in new lessons and in lessons published before", async () => {
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const probe = `/api/v1/agencies/${financeId}/staff.csv`;
    const body = `Хичээл ![Зураг](${probe}) ба ![Тэмдэг](/assets/icons/icon-192.png)`;
    const courseId = (
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ modules: [{ title: 'М', lessons: [{ title: 'Нэг', body }] }] }))
    ).body.id;
    expect((await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer))).status).toBe(201);
    const learner = await tokenFor(t, people[5].email);
    const enrollment = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(learner))).body;
    const lessonId = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(learner))).body.modules[0]
      .lessons[0].id;
    const lessonHtml = async () =>
      (await t.http().get(`/api/v1/enrollments/${enrollment.id}/lessons/${lessonId}`).set(bearer(learner))).body
        .html as string;
    expect(await lessonHtml()).toBe('<p>Хичээл Зураг ба <img src="/assets/icons/icon-192.png" alt="Тэмдэг" /></p>\n');

    // A lesson published before keeps the HTML it was rendered to then, until the migration renders it again.
    await t.db.query(`UPDATE course_lessons SET body_html = $2 WHERE lesson_id = $1`, [
      lessonId,
      `<p>Хичээл <img src="${probe}" alt="Зураг" /></p>`,
    ]);
    const migration = migrations.find((m) => m.name === 'LessonImageSources1765040000000')!;
    const runner = t.db.createQueryRunner();
    try {
      await new migration().up(runner);
    } finally {
      await runner.release();
    }
    expect(await lessonHtml()).not.toContain('staff.csv');
    expect(await lessonHtml()).toContain('Хичээл Зураг');
  });

  it('shows the dashboard with figures and charts, drills into sub-agencies, and keeps to the subtree', async () => {
    const start = await hrPage.get('/hr');
    expect(start.status).toBe(303);
    expect(start.headers.location).toBe(`/hr/agencies/${financeId}`);
    const page = await hrPage.get(`/hr/agencies/${financeId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<svg class="chart"');
    expect(page.text).toMatch(/role="img" aria-labelledby="chart-completion-t chart-completion-d"/);
    expect(page.text).toContain('id="chart-overdue-t"'); // two people overdue in two sub-agencies
    expect(page.text).toContain(`href="/hr/agencies/${treasuryId}"`);
    expect(page.text).toContain(`/api/v1/agencies/${financeId}/staff.xlsx`);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)/i); // no inline script: the page needs none
    // Competency gaps: the framework's positions require competencies that nobody here holds yet.
    expect(page.text).toContain('id="chart-gaps-t"');
    expect(page.text).toContain('id="posgaps-h"');
    // Mandatory training done is the API's figure, not the page's sum: 1 of the 8 assigned in the
    // ministry; in the treasury only 3 people are assigned, too few for a share.
    const figures = async (id: string) =>
      (await t.http().get(`/api/v1/agencies/${id}/metrics`).set(bearer(hrToken))).body.figures;
    expect(await figures(financeId)).toEqual(
      expect.objectContaining({ assigned: 8, assignedCompleted: 1, mandatoryCompletion: 0.125 }),
    );
    expect(await figures(treasuryId)).toEqual(
      expect.objectContaining({ assigned: 3, assignedCompleted: 1, mandatoryCompletion: null }),
    );
    expect(page.text).toContain('<meter min="0" max="1" value="0.125"');

    const sub = await hrPage.get(`/hr/agencies/${treasuryId}?lang=en`);
    expect(sub.status).toBe(200);
    expect(sub.text).toContain('Overdue');
    expect(sub.text).toMatch(/Mandatory training done<\/span>\s*<strong class="figure-value">—<\/strong>/);
    expect(sub.text).toContain(`href="/hr/agencies/${financeId}"`); // breadcrumb back up

    expect((await healthPage.get(`/hr/agencies/${financeId}`)).status).toBe(403);
    expect((await healthPage.get(`/hr/agencies/${financeId}/staff`)).status).toBe(403);
    expect((await healthPage.get(`/hr/agencies/${healthId}`)).status).toBe(200);
    expect((await learnerPage.get('/hr')).status).toBe(403);
    expect((await learnerPage.get(`/hr/agencies/${financeId}`)).status).toBe(403);
    const anonymous = await t.http().get(`/hr/agencies/${financeId}`).set('accept', 'text/html');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/signin\?next=/);
    expect((await hrPage.get('/hr/agencies/not-an-id')).status).toBe(404);
  });

  it('lists staff on the web with filters that keep their values, and export links that keep the filters', async () => {
    const page = await hrPage.get(`/hr/agencies/${financeId}/staff?status=overdue&lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(people[0].name);
    expect(page.text).toContain(people[3].name);
    expect(page.text).not.toContain(people[1].name);
    expect(page.text).toContain('<option value="overdue" selected>');
    const decoded = page.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(decoded).toContain(`/api/v1/agencies/${financeId}/staff.csv?status=overdue&lang=en`);
    expect(page.text).toContain(`href="/hr/people/${people[0].id}"`);
    // One person's competency profile: what the position requires, what they hold, the gaps.
    const person = await hrPage.get(`/hr/people/${people[0].id}?lang=en`);
    expect(person.status).toBe(200);
    expect(person.text).toContain(people[0].name);
    expect(person.text).toMatch(
      /competencies the position requires are not yet held|Every competency the position requires/,
    );
    expect((await healthPage.get(`/hr/people/${people[0].id}`)).status).toBe(404);
    expect((await learnerPage.get(`/hr/people/${people[1].id}`)).status).toBe(403);
    // A hand-edited address with a bad filter shows everyone rather than an error.
    const loose = await hrPage.get(`/hr/agencies/${financeId}/staff?status=nonsense&positionId=123`);
    expect(loose.status).toBe(200);
    for (const p of people) expect(loose.text).toContain(p.name);
  });

  it('tells a learner on their home page what mandatory training is due and what is overdue', async () => {
    const home = await learnerPage.get('/?lang=mn');
    expect(home.status).toBe(200);
    expect(home.text).toContain('id="mandatory-h"');
    expect(home.text).toContain('Ёс зүйн заавал судлах сургалт');
    expect(home.text).toContain('5 хоног хэтэрсэн');
    expect((await learnerPage.get('/?lang=en')).text).toMatch(/Overdue: 1\b.*5 days overdue/s);
    const done = await signInPage(t, people[1].email);
    expect((await done.get('/')).text).not.toContain('id="mandatory-h"'); // completed: nothing due
  });

  it('publishes a public open-data page of aggregates only, with the schema and downloads', async () => {
    const page = await t.http().get('/open-data?lang=en').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/api/v1/open-data/agency-metrics.csv');
    expect(page.text).toContain('<code>competency_coverage</code>');
    expect(page.text).toMatch(/Figures as of/);
    for (const p of people) {
      expect(page.text).not.toContain(p.name);
      expect(page.text).not.toContain(p.email);
    }
    const drill = await t.http().get('/open-data?agency=ministry-finance').set('accept', 'text/html');
    expect(drill.status).toBe(200);
    expect(drill.text).not.toMatch(/@test\.chadavkhi\.mn/);
    // An unknown agency code falls back to the top of the tree instead of failing.
    expect((await t.http().get('/open-data?agency=%3Cscript%3E').set('accept', 'text/html')).status).toBe(200);
  });

  it('assigns a course on the web, refuses bad input and other subtrees in words, and cancels', async () => {
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const courseId = (
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ title: 'Худалдан авах ажиллагааны үндэс' }))
    ).body.id;
    await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
    const form = await hrPage.get('/hr/assignments?lang=en');
    expect(form.status).toBe(200);
    expect(form.text).toContain(`<option value="${courseId}"`);
    expect(form.text).toContain(`<option value="${treasuryId}"`);
    expect(form.text).not.toContain(`<option value="${healthId}"`); // not theirs to assign to

    const missing = await hrPage.post('/hr/assignments?lang=en', {
      courseId: '',
      agencyId: treasuryId,
      dueKind: 'after_joining',
      dueDays: '',
    });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('href="#as-courseId"');
    expect(missing.text).toContain('href="#as-dueDays"');
    expect(missing.text).toContain(`<option value="${treasuryId}" selected>`);
    const past = await hrPage.post('/hr/assignments?lang=en', {
      courseId,
      agencyId: treasuryId,
      dueKind: 'date',
      dueDate: isoDay(-1),
    });
    expect(past.status).toBe(422);
    expect(past.text).toContain('The date must be today or later.');
    const mnPast = await hrPage.post('/hr/assignments', {
      courseId,
      agencyId: treasuryId,
      dueKind: 'date',
      dueDate: isoDay(-1),
    });
    expect(mnPast.status).toBe(422);
    expect(mnPast.text).toContain('Өдөр нь өнөөдөр эсвэл түүнээс хойш байх ёстой.');
    // How many days may be given is the service's bound: the page words it from the service's figure.
    const tooLate = { courseId, agencyId: treasuryId, dueKind: 'after_joining', dueDays: '731' };
    const enDays = await hrPage.post('/hr/assignments?lang=en', tooLate);
    expect(enDays.status).toBe(422);
    expect(enDays.text).toContain('At most 730.');
    expect(enDays.text).toContain('value="731"');
    const mnDays = await hrPage.post('/hr/assignments', { ...tooLate, dueDays: 'гучин' });
    expect(mnDays.status).toBe(422);
    expect(mnDays.text).toContain('Бүхэл тоо оруулна уу.');
    const direct = await t.app
      .get(AssignmentsService)
      .create(
        { id: '00000000-0000-4000-8000-000000000000', roles: ['hr_officer'] } as AuthUser,
        {
          courseId,
          target: { agencyId: treasuryId },
          due: { daysAfterJoining: 731 },
        },
        null,
      )
      .catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(ValidationProblemException);
    expect((direct as ValidationProblemException).fieldErrors).toEqual([
      { field: 'due.daysAfterJoining', messages: ['daysAfterJoining must not be greater than 730'] },
    ]);

    const made = await hrPage.post('/hr/assignments', {
      courseId,
      agencyId: treasuryId,
      dueKind: 'after_appointment',
      dueDays: '45',
      renewYearly: 'on',
    });
    expect(made.status).toBe(303);
    expect(made.headers.location).toBe('/hr/assignments?notice=created');
    const [row] = await t.db.query(
      `SELECT id, due_kind, due_days, renew_yearly, scope_agency_id FROM assignments WHERE course_id = $1`,
      [courseId],
    );
    expect(row).toEqual(
      expect.objectContaining({
        due_kind: 'after_appointment',
        due_days: 45,
        renew_yearly: true,
        scope_agency_id: treasuryId,
      }),
    );
    const again = await hrPage.post('/hr/assignments', {
      courseId,
      agencyId: treasuryId,
      dueKind: 'after_appointment',
      dueDays: '45',
      renewYearly: 'on',
    });
    expect(again.headers.location).toBe('/hr/assignments?notice=exists');
    await until(
      async () =>
        (await t.db.query(`SELECT count(*)::int AS n FROM assignment_users WHERE assignment_id = $1`, [row.id]))[0].n >=
          3 || undefined,
    );
    const list = await hrPage.get('/hr/assignments?lang=mn');
    expect(list.text).toContain('Худалдан авах ажиллагааны үндэс');
    expect(list.text).toContain('томилогдсоноос хойш 45 хоногт');

    // Another subtree: not an agency they may choose, and not an assignment they may cancel.
    const elsewhere = await healthPage.post('/hr/assignments?lang=en', {
      courseId,
      agencyId: treasuryId,
      dueKind: 'after_joining',
      dueDays: '30',
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.text).toContain('outside the agencies you manage');
    const mnElsewhere = await healthPage.post('/hr/assignments', {
      courseId,
      agencyId: treasuryId,
      dueKind: 'after_joining',
      dueDays: '30',
    });
    expect(mnElsewhere.status).toBe(403);
    expect(mnElsewhere.text).toContain('Энэ байгууллага таны хариуцдаг байгууллагуудад хамаарахгүй.');
    expect(mnElsewhere.text).not.toContain('outside the agencies you manage');
    expect((await healthPage.post(`/hr/assignments/${row.id}/cancel`)).status).toBe(404);
    expect((await learnerPage.get('/hr/assignments')).status).toBe(403);

    const cancelled = await hrPage.post(`/hr/assignments/${row.id}/cancel`);
    expect(cancelled.headers.location).toBe('/hr/assignments?notice=cancelled');
    expect(
      (await t.db.query(`SELECT cancelled_at FROM assignments WHERE id = $1`, [row.id]))[0].cancelled_at,
    ).not.toBeNull();
    const audit = await t.db.query(`SELECT action FROM audit_log_entries WHERE target_id = $1 ORDER BY created_at`, [
      row.id,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['assignment.create', 'assignment.cancel']);
  });
});
