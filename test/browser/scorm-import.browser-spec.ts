// A SCORM package added from the course editor on a 320-pixel phone, with and without JavaScript, in
// Mongolian and English: the file input in the module's form, a refusal said beside it, the package
// lesson marked in the outline; then a learner opens the published package lesson and finds its parts
// listed (and, with JavaScript, the player) — each page fitting the phone, axe clean.
import type { Page } from 'playwright-core';
import { navigateBy } from '../support/browser';
import { appWithBrowser, PHONE_WAYS, signedInOnPhone } from '../support/browser-app';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { scorm12Package, scorm2004Package, zip } from '../support/scorm-packages';

/** Chooses a zip in the form's file input and sends the form, waiting for the page it leads to. */
async function sendZip(page: Page, input: string, form: string, file: { name: string; buffer: Buffer }) {
  await page.setInputFiles(input, { ...file, mimeType: 'application/zip' });
  await navigateBy(page, () => page.click(`${form} button[type=submit]`));
}

describe('SCORM import, in a browser', () => {
  const suite = appWithBrowser({ RUN_WORKERS: false });

  it('adds a package from the editor and shows learners its parts — on a phone, with and without JavaScript, mn and en', async () => {
    const app = suite.app;
    const trainer = await createUser(app.db, { roles: ['trainer'] });
    const learner = await createUser(app.db, { roles: ['learner'] });
    const token = await tokenFor(app, trainer.email);
    for (const way of PHONE_WAYS) {
      const { javaScriptEnabled, lang } = way;
      const course = (await app.http().post('/api/v1/courses').set(bearer(token)).send(courseBody())).body;
      const moduleId = course.draft.modules[0].id;
      const { context, page, check } = await signedInOnPhone(suite, trainer.email, `/author/courses/${course.id}`, way);
      const form = `form[action="/author/courses/${course.id}/modules/${moduleId}/scorm-packages"]`;
      await page.click(
        `#module-${moduleId} summary:has-text("${lang === 'mn' ? 'SCORM багц нэмэх' : 'Add a SCORM package'}")`,
      );

      // Not a SCORM package: the reason beside the form, in the page's language.
      await sendZip(page, `#add-package-${moduleId}`, form, { name: 'a.zip', buffer: zip({ 'index.html': 'x' }) });
      expect(await page.textContent(`#add-package-${moduleId}-error`)).toContain(
        lang === 'mn' ? 'imsmanifest.xml алга' : 'no imsmanifest.xml at its top',
      );
      await check();

      // A good one: back to the outline with a notice, the lesson tagged as a package.
      await sendZip(page, `#add-package-${moduleId}`, form, {
        name: 'ethics.zip',
        buffer: lang === 'mn' ? scorm12Package({ marker: 'browser' }) : scorm2004Package(),
      });
      expect(await page.textContent('p.notice')).toContain(
        lang === 'mn' ? 'Багцыг хичээл болгон нэмлээ' : 'Package added as a lesson',
      );
      expect(await page.textContent(`#module-${moduleId}`)).toContain(lang === 'mn' ? 'SCORM багц' : 'SCORM package');
      await check();
      await context.close();

      // Published; the learner opens the package lesson.
      await app.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(token)).expect(201);
      const learnerToken = await tokenFor(app, learner.email);
      const enrolment = (await app.http().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learnerToken)))
        .body;
      const draft = (await app.http().get(`/api/v1/courses/${course.id}/draft`).set(bearer(token))).body.draft;
      const packageLesson = draft.modules[0].lessons.find((l: { scormPackage?: string }) => l.scormPackage);
      const lessonPath = `/learn/${enrolment.id}/lessons/${packageLesson.id}`;
      const {
        context: learnerContext,
        page: learnerPage,
        check: checkLearnerPage,
      } = await signedInOnPhone(suite, learner.email, lessonPath, way);
      // The package's parts are listed; with JavaScript the player is framed (scorm-player.browser-spec plays it).
      expect(await learnerPage.textContent('.scorm-toc')).toContain(
        lang === 'mn' ? 'Ашиг сонирхлын зөрчлийг таних' : 'Тендерийн урилга',
      );
      if (javaScriptEnabled) await learnerPage.waitForSelector('iframe.scorm-frame');
      else expect(await learnerPage.textContent('#scorm-lesson')).toContain('JavaScript шаардлагатай');
      await checkLearnerPage();
      await learnerContext.close();
    }
  });

  it('starts a course from a package on the courses page — on a phone, with and without JavaScript, mn and en', async () => {
    const app = suite.app;
    const trainer = await createUser(app.db, { roles: ['trainer'] });
    for (const way of PHONE_WAYS) {
      const { lang } = way;
      const { context, page, check } = await signedInOnPhone(suite, trainer.email, '/author', way);
      const form = 'form[action="/author/courses/from-scorm-package"]';
      expect(await page.textContent('#from-package-h')).toBe(
        lang === 'mn' ? 'SCORM багцаас шинэ сургалт үүсгэх' : 'New course from a SCORM package',
      );
      await check();

      // Not a SCORM package: the reason beside the form, in the page's language, and no course.
      await sendZip(page, '#from-package-file', form, { name: 'a.zip', buffer: zip({ 'index.html': 'x' }) });
      expect(await page.textContent('#from-package-error')).toContain(
        lang === 'mn' ? 'imsmanifest.xml алга' : 'no imsmanifest.xml at its top',
      );
      await check();

      // A good one: the new draft's editor, its one lesson the package.
      await page.setInputFiles('#from-package-file', {
        name: 'procurement.zip',
        mimeType: 'application/zip',
        buffer: lang === 'mn' ? scorm12Package({ marker: `course-${lang}` }) : scorm2004Package(),
      });
      await page.selectOption('#from-package-language', lang);
      await page.fill('#from-package-minutes', '40');
      await navigateBy(page, () => page.click(`${form} button[type=submit]`));
      expect(page.url()).toMatch(/\/author\/courses\/[0-9a-f-]{36}\?notice=createdFromPackage$/);
      expect(await page.textContent('p.notice')).toContain(
        lang === 'mn' ? 'Багцаас ноорог үүслээ' : 'The draft is made from the package',
      );
      expect(await page.textContent('#outline')).toContain(lang === 'mn' ? 'SCORM багц' : 'SCORM package');
      await check();
      await context.close();
    }
  });
});
