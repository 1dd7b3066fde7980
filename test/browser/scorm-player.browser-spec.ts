// SCORM packages played in Chromium on a 320-pixel phone (issue 21 §3-§5): a SCORM 1.2 package played
// to completion — its commit made offline kept on the device and sent through /sync, then on a second
// browser context, which resumes where the first stopped — with the
// certificate through the real queue; from inside the package's frame the session cookie cannot be
// read and the product's API cannot be called as the learner. A two-SCO SCORM 2004 package keeps its
// suspend data, goes on to its quiz when the first SCO asks to continue, and its parts are chosen from
// the table of contents; without JavaScript the page lists the parts; its trainer reads the quiz's
// answers. Axe clean. Offline: opened at chadavkhi.localhost (its content origin
// scorm.chadavkhi.localhost, the same site), a saved course's package plays with the network off;
// at 127.0.0.1 (content on localhost, another site) the browser lets the player keep nothing, and
// the page says the package plays only online.
import type { Frame, Page } from 'playwright-core';
import { axeViolations, fitsThePhone, PHONE_320 } from '../support/browser';
import { appWithBrowser, signInThroughForm } from '../support/browser-app';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { untilQueuesDrained } from '../support/queues-drained';
import { playableScorm12, playableScorm2004 } from '../support/scorm-playable';
import type { TestApp } from '../support/test-app';
import { until } from '../support/until';

/** A published course of one Markdown lesson (already done by the learner) and the package; the learner's enrolment. */
async function packageCourseOn(app: TestApp, zip: Buffer, learnerEmail: string) {
  const trainer = await createUser(app.db, { roles: ['trainer'] });
  const token = await tokenFor(app, trainer.email);
  const body = courseBody({ modules: [{ title: 'Үндэс', lessons: [{ title: 'Танилцуулга', body: 'Эхлэл' }] }] });
  const course = (await app.http().post('/api/v1/courses').set(bearer(token)).send(body).expect(201)).body;
  const added = await app
    .http()
    .post(`/api/v1/courses/${course.id}/modules/${course.draft.modules[0].id}/scorm-packages`)
    .set(bearer(token))
    .attach('file', zip, 'package.zip')
    .expect(201);
  await app.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(token)).expect(201);
  const learnerToken = await tokenFor(app, learnerEmail);
  const enrolment = (
    await app.http().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learnerToken)).expect(201)
  ).body;
  await app
    .http()
    .post(`/api/v1/enrollments/${enrolment.id}/lessons/${course.draft.modules[0].lessons[0].id}/complete`)
    .set(bearer(learnerToken))
    .expect(200);
  return {
    enrollmentId: enrolment.id as string,
    lessonPath: `/learn/${enrolment.id}/lessons/${added.body.lessonId}`,
    trainerEmail: trainer.email,
    courseId: course.id as string,
  };
}

/** Signed in on the course's page, *Save for offline* pressed and done (the saved copy's size stated). */
async function savedForOffline(page: Page, email: string, enrollmentId: string): Promise<void> {
  page.setDefaultTimeout(15000);
  await signInThroughForm(page, email, `/learn/${enrollmentId}`);
  await until(async () => ((await page.evaluate('!!navigator.serviceWorker.controller')) as boolean) || undefined);
  await page.click('#offline-save [data-action="save"]');
  await page.waitForSelector('#offline-save [data-action="remove"]', { state: 'visible' });
}

/** The SCO's frame (inside the player, on the content origin), once its page has run its script. */
async function scoFrame(page: Page, file: string, ready: string): Promise<Frame> {
  const frame = await until(async () =>
    page.frames().find((f) => f.url().includes(`/scorm-content/`) && f.url().endsWith(file)),
  );
  await until(
    async () => (await frame.evaluate(`!!document.querySelector(${JSON.stringify(ready)})?.textContent`)) || undefined,
  );
  return frame;
}

describe('SCORM player, in a browser', () => {
  const suite = appWithBrowser({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });

  const packageCourse = (zip: Buffer, learnerEmail: string) => packageCourseOn(suite.app, zip, learnerEmail);

  /** The lesson page says the package is done (its last commit saved). */
  const lessonDone = (page: Page) =>
    until(async () => ((await page.textContent('#scorm-status')) ?? '').includes('Хичээл дууслаа') || undefined);

  const phone = (javaScriptEnabled = true) =>
    suite.browser.newContext({ baseURL: suite.app.url, ...PHONE_320, javaScriptEnabled, locale: 'mn-MN' });

  it('plays a SCORM 1.2 package to completion on a phone, keeps a commit made offline until it can be sent, and resumes on a second browser; the package cannot read the session nor call the API', async () => {
    const app = suite.app;
    const learner = await createUser(app.db, { roles: ['learner'] });
    const { enrollmentId, lessonPath } = await packageCourse(playableScorm12(), learner.email);

    const first = await phone();
    const page = await first.newPage();
    page.setDefaultTimeout(15000);
    await signInThroughForm(page, learner.email, lessonPath);
    await page.goto(lessonPath);
    expect(await page.getAttribute('iframe.scorm-frame', 'sandbox')).toBe(
      'allow-scripts allow-same-origin allow-forms allow-popups',
    );
    const sco = await scoFrame(page, 'index.html', '#entry');
    expect(await sco.textContent('#entry')).toBe('ab-initio');
    expect(new URL(sco.url()).host).not.toBe(new URL(app.url!).host);

    // From inside the package: no session cookie, the product's API unreachable, the page above unreadable.
    const probe = (await sco.evaluate(`(async () => {
      let me;
      try {
        const response = await fetch(${JSON.stringify(app.url + '/api/v1/me')}, { credentials: 'include' });
        me = response.status + ' ' + (await response.text());
      } catch (error) {
        me = 'refused: ' + error.name;
      }
      const own = await fetch('/api/v1/me', { credentials: 'include' });
      let top;
      try {
        top = window.top.document.cookie;
      } catch {
        top = 'unreadable';
      }
      return { cookie: document.cookie, me, own: own.status, top };
    })()`)) as { cookie: string; me: string; own: number; top: string };
    expect(probe.cookie).not.toContain('chadavkhi_session');
    expect(probe.me).toMatch(/^refused/);
    expect(probe.me).not.toContain(learner.email);
    expect(probe.own).toBe(404);
    expect(probe.top).toBe('unreadable');

    // Page 2, committed while the connection is down: kept on the device, sent through /sync when it returns.
    await first.setOffline(true);
    await sco.click('#next');
    await until(
      async () => ((await page.textContent('#scorm-status')) ?? '').includes('төхөөрөмж дээр хадгаллаа') || undefined,
    );
    expect(await app.db.query(`SELECT 1 FROM scorm_tracking WHERE enrollment_id = $1`, [enrollmentId])).toEqual([]);
    await first.setOffline(false);
    await until(async () => {
      const [row] = await app.db.query(`SELECT location FROM scorm_tracking WHERE enrollment_id = $1`, [enrollmentId]);
      return row?.location === 'page2';
    });
    await fitsThePhone(page);
    expect(await axeViolations(page)).toEqual([]);
    await first.close();

    // Another device: the package resumes at page 2, then passes; the lesson and the course are done.
    const second = await phone();
    const other = await second.newPage();
    other.setDefaultTimeout(15000);
    await signInThroughForm(other, learner.email, lessonPath);
    await other.goto(lessonPath);
    const resumed = await scoFrame(other, 'index.html', '#entry');
    expect(await resumed.textContent('#entry')).toBe('resume');
    expect(await resumed.textContent('#location')).toBe('page2');
    await resumed.click('#finish');
    await lessonDone(other);
    await untilQueuesDrained(app, ['certificates']);
    const [enrolment] = await app.db.query(
      `SELECT e.status, (SELECT count(*)::int FROM certificates c WHERE c.enrollment_id = e.id) AS certificates
         FROM enrollments e WHERE e.id = $1`,
      [enrollmentId],
    );
    expect(enrolment).toEqual({ status: 'completed', certificates: 1 });
    await other.reload();
    expect(await other.textContent('.scorm-toc .scorm-state')).toBe('Дууссан');
    await fitsThePhone(other);
    expect(await axeViolations(other)).toEqual([]);
    await second.close();
  });

  it('plays a two-SCO SCORM 2004 package: suspend data kept, continue goes to the quiz, the contents choose a part; without JavaScript the parts are listed', async () => {
    const app = suite.app;
    const learner = await createUser(app.db, { roles: ['learner'] });
    const { enrollmentId, lessonPath, trainerEmail, courseId } = await packageCourse(
      playableScorm2004(),
      learner.email,
    );
    const context = await phone();
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await signInThroughForm(page, learner.email, lessonPath);
    await page.goto(lessonPath);

    const intro = await scoFrame(page, 'intro.html', '#entry');
    expect(await intro.textContent('#entry')).toBe('ab-initio');
    await intro.click('#keep');
    await until(async () => {
      const [row] = await app.db.query(`SELECT suspend_data FROM scorm_tracking WHERE enrollment_id = $1`, [
        enrollmentId,
      ]);
      return row?.suspend_data === 'slide=3;notes=тендер';
    });
    await page.reload();
    const again = await scoFrame(page, 'intro.html', '#entry');
    expect(await again.textContent('#entry')).toBe('resume');
    expect(await again.textContent('#suspend')).toBe('slide=3;notes=тендер');

    // The SCO completes and asks to continue: the player goes on to the quiz.
    await again.click('#done');
    const quiz = await scoFrame(page, 'quiz.html', 'button#answer');
    await quiz.click('#answer');
    await lessonDone(page);
    const rows = await app.db.query(
      `SELECT sco_id, done, score_scaled, jsonb_array_length(interactions) AS interactions FROM scorm_tracking
        WHERE enrollment_id = $1 ORDER BY sco_id`,
      [enrollmentId],
    );
    expect(rows).toEqual([
      { sco_id: 'intro', done: true, score_scaled: null, interactions: 0 },
      { sco_id: 'quiz', done: true, score_scaled: 0.5, interactions: 2 },
    ]);
    expect(await page.$$eval('.scorm-toc .scorm-state', (tags) => tags.map((t) => t.textContent))).toEqual([
      'Дууссан',
      'Дууссан',
    ]);
    // Choice: the first part again, from the contents.
    await page.click('.scorm-toc li[data-id="intro"] button');
    await scoFrame(page, 'intro.html', '#entry');
    await fitsThePhone(page);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();

    // Without JavaScript: the parts and their state, and why nothing plays.
    const plain = await phone(false);
    const noScript = await plain.newPage();
    await signInThroughForm(noScript, learner.email, lessonPath);
    await noScript.goto(lessonPath);
    expect(await noScript.$$eval('.scorm-toc li', (items) => items.map((i) => i.textContent?.trim()))).toEqual([
      'Танилцуулга Дууссан',
      'Шалгалт Дууссан',
    ]);
    expect(await noScript.textContent('#scorm-lesson')).toContain('JavaScript шаардлагатай');
    expect(await noScript.$('iframe')).toBeNull();
    await fitsThePhone(noScript);
    await plain.addCookies([{ name: 'chadavkhi_lang', value: 'en', url: app.url }]);
    await noScript.reload();
    expect(await noScript.textContent('.scorm-toc')).toContain('Done');
    expect(await noScript.textContent('#scorm-lesson')).toContain('needs JavaScript');
    await plain.close();

    // The trainer reads the quiz's answers among the course's results.
    const trainerContext = await phone();
    const trainerPage = await trainerContext.newPage();
    await signInThroughForm(trainerPage, trainerEmail, `/author/courses/${courseId}`);
    await trainerPage.goto(`/author/courses/${courseId}`);
    await trainerPage.click('a[href$="/package-results"]');
    await trainerPage.waitForSelector('table');
    expect(await trainerPage.textContent('table')).toContain('q-threshold');
    await fitsThePhone(trainerPage);
    expect(await axeViolations(trainerPage)).toEqual([]);
    await trainerContext.close();
  });
  it('says so, in words, when the browser runs no SCORM runtime (older than its module build)', async () => {
    const learner = await createUser(suite.app.db, { roles: ['learner'] });
    const { lessonPath } = await packageCourse(playableScorm12(), learner.email);
    const context = await phone();
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    // What a browser without ES modules, or older than the module's syntax, runs of it: nothing.
    await context.route('**/scorm-player/runtime/scorm12.*', (route) =>
      route.fulfill({ contentType: 'application/javascript', body: '' }),
    );
    await signInThroughForm(page, learner.email, lessonPath);
    await page.goto(lessonPath);
    await until(async () => ((await page.textContent('#scorm-status')) ?? '').includes('хэтэрхий хуучин') || undefined);
    expect(await page.locator('iframe.scorm-frame').count()).toBe(0);
    // The contents stay listed, as without JavaScript.
    expect(await page.locator('#scorm-lesson li[data-launch]').count()).toBeGreaterThan(0);
    await fitsThePhone(page);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('says the package plays only online where the browser lets its origin keep nothing (127.0.0.1 beside localhost: two sites)', async () => {
    const app = suite.app;
    const learner = await createUser(app.db, { roles: ['learner'] });
    const { enrollmentId, lessonPath } = await packageCourse(playableScorm12(), learner.email);
    const page = await (await phone()).newPage();
    await savedForOffline(page, learner.email, enrollmentId);
    // The course is saved; its package is not, and the page says so.
    expect(await page.textContent('#offline-save [data-state]')).toContain('зөвхөн интернэттэй');
    await fitsThePhone(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(lessonPath);
    await scoFrame(page, 'index.html', '#entry');
    await until(
      async () => ((await page.textContent('#scorm-status')) ?? '').includes('зөвхөн интернэттэй') || undefined,
    );
    await fitsThePhone(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('plays a package with the network off once its course is saved, the lesson never opened — every file of it — its commit sent when the connection returns', async () => {
    const app = suite.app;
    const learner = await createUser(app.db, { roles: ['learner'] });
    const { enrollmentId, lessonPath } = await packageCourse(playableScorm12(), learner.email);
    // The address README gives for offline play on one's own machine: no setting, no name to map.
    const product = app.url!.replace('127.0.0.1', 'chadavkhi.localhost');
    const context = await suite.browser.newContext({ baseURL: product, ...PHONE_320, locale: 'mn-MN' });
    const page = await context.newPage();
    // Save for offline stores the package too: its player, framed unseen on the course page, keeps it.
    await savedForOffline(page, learner.email, enrollmentId);
    const saved = (await page.textContent('#offline-save [data-state]')) ?? '';
    expect(saved).toContain('хадгалсан');
    expect(saved).not.toContain('зөвхөн интернэттэй');
    expect(page.frames().filter((f) => f.url().includes('/scorm-player/'))).toEqual([]);

    await context.setOffline(true);
    await page.goto(lessonPath);
    const offline = await scoFrame(page, 'index.html', '#entry');
    expect(await offline.evaluate(`fetch('more/notes.html').then((r) => r.text())`)).toContain('Тэмдэглэл');
    // A range of a stored file (a video seeking offline) is cut from the stored copy, as the server would.
    const ranged = `(range) => fetch('more/notes.html', { headers: { range } }).then(async (r) => [r.status, r.headers.get('content-range'), await r.text()])`;
    const size = Buffer.byteLength('<!doctype html><title>Notes</title><p>Тэмдэглэл</p>');
    expect(await offline.evaluate(`(${ranged})('bytes=2-8')`)).toEqual([206, `bytes 2-8/${size}`, 'doctype']);
    expect(await offline.evaluate(`(${ranged})('bytes=${size}-')`)).toEqual([416, `bytes */${size}`, '']);
    await offline.click('#next');
    await until(
      async () => ((await page.textContent('#scorm-status')) ?? '').includes('төхөөрөмж дээр хадгаллаа') || undefined,
    );
    await context.setOffline(false);
    await until(async () => {
      const [row] = await app.db.query(`SELECT location FROM scorm_tracking WHERE enrollment_id = $1`, [enrollmentId]);
      return row?.location === 'page2';
    });

    // Removed from the device, the course takes its package with it (no other saved course uses it).
    await page.goto(`/learn/${enrollmentId}`);
    await page.click('#offline-save [data-action="remove"]');
    await page.waitForSelector('#offline-save [data-action="remove"]', { state: 'hidden' });

    // Online again: the content origin is the same site as the product, so the session cookie would go
    // with a request to the product; the content origin's policy lets package code make none.
    await page.goto(lessonPath);
    const sco = await scoFrame(page, 'index.html', '#entry');
    const player = page.frames().find((f) => f.url().includes('/scorm-player/'))!;
    const storedFiles = `caches.open('chadavkhi-scorm-content').then((c) => c.keys()).then((keys) => keys.map((k) => new URL(k.url).pathname))`;
    // What this visit loaded is kept again; the page it did not open is gone.
    expect(((await player.evaluate(storedFiles)) as string[]).filter((f) => f.endsWith('/more/notes.html'))).toEqual(
      [],
    );
    expect(new URL(sco.url()).host).toBe(new URL(product).host.replace('chadavkhi', 'scorm.chadavkhi'));
    const probe = `fetch(${JSON.stringify(product + '/api/v1/me')}, { credentials: 'include' }).then((r) => r.status + ' ' + r.url, (e) => 'refused: ' + e.name)`;
    expect(await sco.evaluate(probe)).toMatch(/^refused/);
    await context.close();
  });
});
