// A learner on an intermittent connection: saves a course for offline on a phone, loses the
// network, reads a lesson and marks it done, comes back online, and the server records the
// completion exactly once even when the device's queue is sent twice. The device's caches hold no
// quiz, answer key or explanation.
import { navigateBy, PHONE_320 } from '../support/browser';
import { appWithBrowser, signInThroughForm } from '../support/browser-app';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { until } from '../support/until';

const SECRET = 'SECRET-ANSWER-91c';
const EXPLAINED = 'EXPLANATION-MARKER-5fa';

describe('offline learning, in a browser', () => {
  const suite = appWithBrowser();

  /** A phone signed in as the learner, on the page given, once the service worker controls it. */
  async function onPhone(email: string, path: string) {
    const context = await suite.browser.newContext({ baseURL: suite.app.url, ...PHONE_320, locale: 'mn-MN' });
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    await signInThroughForm(page, email);
    await page.goto(path);
    // Polled with page.evaluate: waitForFunction with a string evaluates it inside the page on its
    // later polls, which the pages' Content-Security-Policy (no 'unsafe-eval') rightly refuses.
    await until(async () => ((await page.evaluate('!!navigator.serviceWorker.controller')) as boolean) || undefined);
    return { context, page };
  }

  it('saves a course, reads and completes a lesson offline, and the completion counts once', async () => {
    const app = suite.app;
    const trainer = await tokenFor(app, (await createUser(app.db, { roles: ['trainer'] })).email);
    const body = courseBody({
      modules: [
        {
          title: 'Үндэс',
          lessons: [
            {
              title: 'Нэгдүгээр хичээл',
              body: 'Төрийн алба **шударга** байна.\n\n![Тэмдэг](/assets/icons/icon-192.png)',
            },
            { title: 'Хоёрдугаар хичээл', body: 'Ашиг сонирхлын зөрчлийг мэдүүлнэ.' },
            { title: 'Гуравдугаар хичээл', body: 'Хөрөнгө орлогын мэдүүлэг.' },
          ],
        },
      ],
      questionBanks: [
        {
          title: 'Сан',
          questions: [{ type: 'text', prompt: 'Хэн хянадаг вэ?', correct: [SECRET], explanation: EXPLAINED }],
        },
      ],
      quizzes: [
        {
          title: 'Эцсийн шалгалт',
          passMarkPercent: 50,
          timeLimitMinutes: 10,
          maxAttempts: 3,
          reviewAfterSubmit: true,
          draws: [{ bank: '0', count: 1 }],
        },
      ],
    });
    const courseId = (await app.http().post('/api/v1/courses').set(bearer(trainer)).send(body)).body.id;
    await app.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
    const learner = await createUser(app.db, { name: 'Сумын Мэргэжилтэн' });
    const enrollmentId = (
      await app
        .http()
        .post(`/api/v1/courses/${courseId}/enrollments`)
        .set(bearer(await tokenFor(app, learner.email)))
    ).body.id;
    const detail = (
      await app
        .http()
        .get(`/api/v1/enrollments/${enrollmentId}`)
        .set(bearer(await tokenFor(app, learner.email)))
    ).body;
    const [first, second, third] = detail.modules[0].lessons.map((l: { id: string }) => l.id);

    const { context, page } = await onPhone(learner.email, `/learn/${enrollmentId}`);

    // Save for offline: the overview, every lesson and the lesson's image.
    await page.click('#offline-save [data-action="save"]');
    await page.waitForSelector('#offline-save [data-action="remove"]', { state: 'visible' });
    expect(await page.textContent('#offline-save [data-state]')).toMatch(/хадгалсан \(\d+ КБ/);
    const cached = (await page.evaluate(`(async () => {
      const out = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) out.push({ url: request.url, text: await (await cache.match(request)).text() });
      }
      return out;
    })()`)) as { url: string; text: string }[];
    const paths = cached.map((c) => new URL(c.url).pathname);
    expect(paths).toEqual(
      expect.arrayContaining([
        `/learn/${enrollmentId}`,
        `/learn/${enrollmentId}/lessons/${first}`,
        `/learn/${enrollmentId}/lessons/${third}`,
        '/assets/icons/icon-192.png',
        '/offline',
      ]),
    );
    for (const c of cached) {
      expect(c.text).not.toContain(SECRET);
      expect(c.text).not.toContain(EXPLAINED);
      expect(new URL(c.url).pathname).not.toMatch(/^\/(api|attempts)\//);
    }
    // The offline page lists the course saved on this device, by its title.
    await page.goto('/offline');
    await page.waitForSelector(`#saved-courses a[href="/learn/${enrollmentId}"]`);
    await page.goto(`/learn/${enrollmentId}`);

    // Offline: the lesson opens from the device and "Mark as done" is kept there. Chromium's offline
    // emulation has let a request through under CI load (one completion reached the server while the
    // page was "offline"), so every request is also cut off, as a real outage would cut it.
    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    await page.goto(`/learn/${enrollmentId}/lessons/${first}`);
    expect(await page.textContent('h1')).toBe('Нэгдүгээр хичээл');
    expect(
      await page.evaluate(
        `(() => { const img = document.querySelector('.prose img'); return img.complete && img.naturalWidth > 0; })()`,
      ),
    ).toBe(true);
    await navigateBy(page, () => page.click('form[data-offline-complete] button[type=submit]'));
    expect(new URL(page.url()).pathname).toBe(`/learn/${enrollmentId}/lessons/${second}`);
    expect(await page.textContent('#offline-status')).toContain('төхөөрөмжид');
    // A page never saved says it is offline instead of failing.
    await page.goto('/courses');
    expect(await page.textContent('h1')).toBe('Интернэт холболт алга');
    const queue = (await page.evaluate(`localStorage.getItem('chadavkhi.offline-queue')`)) as string | null;
    expect(JSON.parse(queue!)).toHaveLength(1);
    const [{ n: before }] = await app.db.query(
      `SELECT count(*)::int AS n FROM lesson_completions WHERE enrollment_id = $1`,
      [enrollmentId],
    );
    expect(before).toBe(0);

    // Back online: the queue goes out on its own…
    await context.unroute('**/*');
    await context.setOffline(false);
    await page.goto(`/learn/${enrollmentId}`);
    await until(async () =>
      (
        await app.db.query(`SELECT count(*)::int AS n FROM lesson_completions WHERE enrollment_id = $1`, [enrollmentId])
      )[0].n === 1
        ? true
        : undefined,
    );
    await until(
      async () =>
        ((await page.evaluate(
          `JSON.parse(localStorage.getItem('chadavkhi.offline-queue') || '[]').length === 0`,
        )) as boolean) || undefined,
    );
    // … and sending the same queue again (a retry after a lost answer) is a duplicate, not a second completion.
    const resend = JSON.stringify({
      items: JSON.parse(queue!).map(({ userId: _u, ...i }: Record<string, string>) => i),
    });
    const again = await page.evaluate(`(async () => {
      const token = document.querySelector('input[name="_csrf"]').value;
      const r = await fetch('/api/v1/sync', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: ${JSON.stringify(resend)} });
      return r.json();
    })()`);
    expect(again).toEqual(expect.objectContaining({ applied: 0, duplicate: 1, refused: 0 }));
    const [{ n: completions }] = await app.db.query(
      `SELECT count(*)::int AS n FROM lesson_completions WHERE enrollment_id = $1 AND lesson_id = $2`,
      [enrollmentId, first],
    );
    const [{ n: events }] = await app.db.query(
      `SELECT count(*)::int AS n FROM offline_events WHERE enrollment_id = $1`,
      [enrollmentId],
    );
    expect([completions, events]).toEqual([1, 1]);
    await page.reload();
    expect(await page.locator('li.done').count()).toBe(1);
    await context.close();
  });

  it('answers a quiz started for offline without a connection, and it is graded once back online', async () => {
    const app = suite.app;
    const trainer = await tokenFor(app, (await createUser(app.db, { roles: ['trainer'] })).email);
    const body = courseBody({
      questionBanks: [
        {
          title: 'Сан',
          questions: [
            {
              type: 'text',
              prompt: 'Ашиг сонирхлын зөрчлийг хэн хянадаг вэ?',
              correct: [SECRET],
              explanation: EXPLAINED,
            },
          ],
        },
      ],
      quizzes: [
        {
          title: 'Эцсийн шалгалт',
          passMarkPercent: 50,
          timeLimitMinutes: 10,
          maxAttempts: 3,
          reviewAfterSubmit: true,
          offlineDays: 7,
          draws: [{ bank: '0', count: 1 }],
        },
      ],
    });
    const courseId = (await app.http().post('/api/v1/courses').set(bearer(trainer)).send(body)).body.id;
    await app.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
    const learner = await createUser(app.db, { name: 'Багийн Мэргэжилтэн' });
    const enrollmentId = (
      await app
        .http()
        .post(`/api/v1/courses/${courseId}/enrollments`)
        .set(bearer(await tokenFor(app, learner.email)))
    ).body.id;

    const { context, page } = await onPhone(learner.email, `/learn/${enrollmentId}`);
    // "Take offline": the attempt page is kept on the device, questions only.
    await navigateBy(page, () => page.click('form:has(input[name="offline"]) button[type=submit]'));
    const attemptId = new URL(page.url()).pathname.split('/').pop()!;
    await until(
      async () =>
        ((await page.evaluate(
          `caches.open('chadavkhi-attempt-${attemptId}').then((c) => c.keys()).then((k) => k.length)`,
        )) as number) > 0 || undefined,
    );
    const kept = (await page.evaluate(`(async () => {
      const cache = await caches.open('chadavkhi-attempt-${attemptId}');
      return Promise.all((await cache.keys()).map(async (r) => (await cache.match(r)).text()));
    })()`)) as string[];
    expect(kept).toHaveLength(1);
    expect(kept[0]).toContain('Ашиг сонирхлын зөрчлийг хэн хянадаг вэ?');
    expect(kept[0]).not.toContain(SECRET);
    expect(kept[0]).not.toContain(EXPLAINED);

    // Offline: the page opens from the device, the answer is written and kept there. Every request is
    // cut off too, as in the test above: Chromium's offline emulation has let the submission through.
    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await page.fill('form[data-offline-attempt] input[type=text]', SECRET.toLowerCase());
    await navigateBy(page, () => page.click('form[data-offline-attempt] button[type=submit]'));
    expect(await page.textContent('#offline-status')).toContain('хариулт');
    const [{ n: open }] = await app.db.query(
      `SELECT count(*)::int AS n FROM quiz_attempts WHERE id = $1 AND status = 'open'`,
      [attemptId],
    );
    expect(open).toBe(1);

    // Back online: the answers go to the attempt, graded on the server, once.
    await context.unroute('**/*');
    await context.setOffline(false);
    await page.goto(`/learn/${enrollmentId}`);
    await until(async () =>
      (await app.db.query(`SELECT status FROM quiz_attempts WHERE id = $1`, [attemptId]))[0].status === 'submitted'
        ? true
        : undefined,
    );
    const [graded] = await app.db.query(`SELECT passed, percent::float AS percent FROM quiz_attempts WHERE id = $1`, [
      attemptId,
    ]);
    expect(graded).toEqual({ passed: true, percent: 100 });
    await until(
      async () =>
        ((await page.evaluate(
          `JSON.parse(localStorage.getItem('chadavkhi.offline-queue') || '[]').length === 0`,
        )) as boolean) || undefined,
    );
    await context.close();
  });
});
