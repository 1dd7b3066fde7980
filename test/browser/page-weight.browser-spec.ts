// Every page a learner uses weighs at most 100 KB over the wire on a first visit (HTML, styles,
// script, icons and the manifest, compressed as served), so it opens on a slow rural connection.
// A second visit fetches only the page itself: the hashed styles and script come from the cache.
import type { Page, Response } from 'playwright-core';
import { PHONE_320 } from '../support/browser';
import { appWithBrowser } from '../support/browser-app';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { importFixtures } from '../support/knowledge';
import { signInPage } from '../support/web';

const BUDGET_BYTES = 100 * 1024;

describe('page weight, in a browser', () => {
  const suite = appWithBrowser();

  /** Bytes transferred for one page load: each response's headers and (compressed) body. */
  async function weigh(page: Page, path: string): Promise<{ bytes: number; requests: string[] }> {
    const responses: Promise<{ url: string; bytes: number }>[] = [];
    const listener = (response: Response) => {
      responses.push(
        response
          .request()
          .sizes()
          .then((s) => ({ url: response.url(), bytes: s.responseBodySize + s.responseHeadersSize })),
      );
    };
    page.on('response', listener);
    await page.goto(path, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    page.off('response', listener);
    const sized = await Promise.all(responses);
    return {
      bytes: sized.reduce((sum, r) => sum + r.bytes, 0),
      requests: sized.map((r) => `${new URL(r.url).pathname} ${r.bytes}`),
    };
  }

  it('keeps every learner page under 100 KB on a first visit, and fetches only the page on the next', async () => {
    const app = suite.app;
    const trainer = await tokenFor(app, (await createUser(app.db, { roles: ['trainer'] })).email);
    const lessonBody = Array.from(
      { length: 12 },
      (_, i) =>
        `## Хэсэг ${i + 1}\n\nТөрийн албан хаагч албан үүргээ гүйцэтгэхдээ хууль дээдлэх, шударга байх, ашиг сонирхлын зөрчлөөс урьдчилан сэргийлэх зарчмыг баримтална. ${'Ил тод, хариуцлагатай байдал нь иргэдийн итгэлийг бэхжүүлнэ. '.repeat(6)}`,
    ).join('\n\n');
    const body = courseBody({
      modules: [
        {
          title: 'Үндэс',
          lessons: [
            { title: 'Урт хичээл', body: lessonBody },
            { title: 'Дараагийн', body: 'Товч.' },
          ],
        },
      ],
      questionBanks: [
        {
          title: 'Сан',
          questions: Array.from({ length: 10 }, (_, i) => ({
            type: 'single',
            prompt: `Асуулт ${i + 1}: аль нь зөв бэ?`,
            options: ['Нэг', 'Хоёр', 'Гурав', 'Дөрөв'],
            correct: i % 4,
          })),
        },
      ],
      quizzes: [
        {
          title: 'Эцсийн шалгалт',
          passMarkPercent: 50,
          timeLimitMinutes: 20,
          maxAttempts: 3,
          reviewAfterSubmit: true,
          draws: [{ bank: '0', count: 10 }],
        },
      ],
    });
    const courseId = (await app.http().post('/api/v1/courses').set(bearer(trainer)).send(body)).body.id;
    await app.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
    const learner = await createUser(app.db, { name: 'Хөдөөгийн Суралцагч' });
    const token = await tokenFor(app, learner.email);
    const enrollmentId = (await app.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(token))).body.id;
    const detail = (await app.http().get(`/api/v1/enrollments/${enrollmentId}`).set(bearer(token))).body;
    const lessonId = detail.modules[0].lessons[0].id;
    const attempt = (await app.http().post(`/api/v1/quizzes/${detail.quizzes[0].id}/attempts`).set(bearer(token))).body;
    const docId = (await importFixtures(app)).get('information-transparency-law')!;
    const [name, value] = (await signInPage(app, learner.email)).cookie.split('=');

    const pages = [
      '/',
      '/courses',
      `/courses/${courseId}`,
      `/learn/${enrollmentId}`,
      `/learn/${enrollmentId}/lessons/${lessonId}`,
      `/attempts/${attempt.id}`,
      '/knowledge?q=ёс',
      `/knowledge/documents/${docId}`,
      '/notifications',
      '/open-data',
      '/verify',
    ];
    const weights: string[] = [];
    for (const path of pages) {
      // A fresh phone, already signed in, with nothing cached: the whole first-visit weight counts.
      const context = await suite.browser.newContext({
        baseURL: app.url,
        ...PHONE_320,
        locale: 'mn-MN',
        serviceWorkers: 'block',
      });
      await context.addCookies([{ name, value, url: app.url }]);
      const page = await context.newPage();
      const first = await weigh(page, path);
      expect(new URL(page.url()).pathname).toBe(path.split('?')[0]);
      expect({ path, over: first.bytes > BUDGET_BYTES ? first.requests : undefined }).toEqual({
        path,
        over: undefined,
      });
      const again = await weigh(page, path);
      // From the browser's cache: no bytes cross the network for the hashed styles and script.
      expect(again.requests.filter((r) => r.startsWith('/assets/app.') && !r.endsWith(' 0'))).toEqual([]);
      weights.push(`${path.split('/').slice(0, 2).join('/') || '/'} ${(first.bytes / 1024).toFixed(1)} KB`);
      await context.close();
    }
    console.log(`first-visit page weights (budget ${BUDGET_BYTES / 1024} KB): ${weights.join(', ')}`);
  });
});
