// A trainer writes the final quiz on a 320-pixel phone without JavaScript: from the course editor to
// the quiz page, a question added with a plain form, the quiz created; the page fits the phone and
// has no serious accessibility problems (checked by axe, which needs JavaScript, on the same page).
import { axeViolations, navigateBy, PHONE_320 } from '../support/browser';
import { appWithBrowser, signInThroughForm } from '../support/browser-app';
import { courseBody } from '../support/courses';
import { createUser } from '../support/factories';
import { bearer, tokenFor } from '../support/http';

describe('quiz authoring, in a browser', () => {
  const suite = appWithBrowser();

  it('writes a question and creates the quiz with plain forms on a phone', async () => {
    const { app, browser } = suite;
    const trainer = await createUser(app.db, { roles: ['trainer'] });
    const courseId = (
      await app
        .http()
        .post('/api/v1/courses')
        .set(bearer(await tokenFor(app, trainer.email)))
        .send(courseBody())
    ).body.id;
    const context = await browser.newContext({
      baseURL: app.url,
      ...PHONE_320,
      javaScriptEnabled: false,
      locale: 'mn-MN',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await signInThroughForm(page, trainer.email, `/author/courses/${courseId}`);
    await navigateBy(page, () => page.click(`#quizzes a[href="/author/courses/${courseId}/quiz"]`));

    await page.selectOption('#question-type', 'single');
    await page.fill('#question-prompt', 'Төрийн албан хаагч бэлэг авч болох уу?');
    await page.fill('#question-options', 'Үгүй\nТийм, үнэ цэнэгүй бол');
    await page.fill('#question-answer', '3');
    await navigateBy(page, () => page.click('#add-question button[type=submit]'));
    expect(await page.textContent('#add-question .error')).toContain('Зөв сонголтын дугаарыг');
    expect(await page.inputValue('#question-prompt')).toBe('Төрийн албан хаагч бэлэг авч болох уу?');
    await page.fill('#question-answer', '1');
    await navigateBy(page, () => page.click('#add-question button[type=submit]'));
    expect(await page.textContent('.notice')).toContain('Асуулт нэмэгдлээ');
    expect(await page.textContent('#questions')).toContain('зөв хариулт');

    await page.fill('#quiz-questionCount', '1');
    await page.fill('#quiz-passMarkPercent', '80');
    await navigateBy(page, () => page.click('#settings button[type=submit].primary'));
    expect(await page.textContent('.notice')).toContain('Шалгалтын тохиргоо хадгалагдлаа');

    const [scrollWidth, innerWidth] = (await page.evaluate(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )) as [number, number];
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    const checking = await browser.newContext({
      baseURL: app.url,
      ...PHONE_320,
      javaScriptEnabled: true,
      locale: 'mn-MN',
    });
    await checking.addCookies(await context.cookies());
    const checked = await checking.newPage();
    await checked.goto(`/author/courses/${courseId}/quiz`);
    expect(await axeViolations(checked)).toEqual([]);
    await checking.close();
    await context.close();
  });
});
