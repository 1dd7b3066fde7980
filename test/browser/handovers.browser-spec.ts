// A handover as HR and the successor use it on a 320-pixel phone, with and without JavaScript, in
// Mongolian and English: HR opens an orphaned handover from the dashboard and chooses a successor;
// the successor follows the notice on their home page to the list of what they received. Each page
// without sideways scrolling and without serious accessibility problems.
import { DocumentReviewService } from '@chadavkhi/knowledge';
import { SessionsService } from '@chadavkhi/learning';
import { axeViolations, fitsThePhone, navigateBy, PHONE_320 } from '../support/browser';
import { appWithBrowser, signInThroughForm } from '../support/browser-app';
import { actorOf, agencyByCode, createDocument, createUser, publishedCourse } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { untilQueuesDrained } from '../support/queues-drained';

describe('handovers, in a browser', () => {
  const suite = appWithBrowser({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 });

  it('lets HR choose a successor and the successor read what they received, on a phone, with and without JavaScript', async () => {
    const app = suite.app;
    const finance = await agencyByCode(app.db, 'ministry-finance');
    const hr = await createUser(app.db, { roles: ['hr_officer'], agency: 'ministry-finance', name: 'Хүний нөөц Оюун' });
    const hrActor = await actorOf(app, hr.id);
    const admin = await tokenFor(app, (await createUser(app.db, { roles: ['admin'] })).email);
    const drained = () =>
      untilQueuesDrained(app, ['knowledge-handovers', 'learning-handovers', 'search-index', 'metrics'], 60000);

    for (const [round, javaScriptEnabled] of [false, true].entries()) {
      // Nobody else holds this position and there is no supervisor: the handover waits for HR.
      const leaver = await createUser(app.db, {
        roles: ['trainer', 'learner'],
        agency: 'ministry-finance',
        position: 'state-secretary',
        name: `Гарсан Төрийн нарийн бичгийн дарга ${round}`,
      });
      const successor = await createUser(app.db, {
        roles: ['learner'],
        agency: 'ministry-finance',
        name: `Залгамжлагч Энхжаргал ${round}`,
      });
      // The successor reads the site in English (their own setting).
      await app.db.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [successor.id]);
      const actor = await actorOf(app, leaver.id);
      const document = await createDocument(app, actor, {
        title: `Улсын төсвийн хөрөнгө оруулалтын төслийг төлөвлөх, хэрэгжүүлэх, хянах журмын тайлбар ${round}`,
      });
      await app.app.get(DocumentReviewService).submit(actor, document.id);
      await app.app.get(DocumentReviewService).approve(hrActor, document.id, document.version, undefined, null);
      await app.db.query(`UPDATE knowledge_documents SET review_by = now()::date - 10 WHERE id = $1`, [document.id]);
      const { courseId } = await publishedCourse(app, actor, { title: `Төсвийн ил тод байдал ${round}` });
      await app.app.get(SessionsService).schedule(
        actor,
        {
          courseId,
          agencyId: finance.id,
          place: 'Сангийн яамны байр, Засгийн газрын II байр, 3 давхар, 305 тоот хурлын танхим',
          startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
          endsAt: new Date(Date.now() + 3 * 86_400_000 + 7200_000).toISOString(),
          capacity: 20,
        } as never,
        null,
      );
      expect((await app.http().post(`/api/v1/users/${leaver.id}/deactivate`).set(bearer(admin))).status).toBe(200);
      await drained();
      const [{ id: handoverId }] = await app.db.query(`SELECT id FROM handovers WHERE from_user_id = $1`, [leaver.id]);

      for (const [person, lang] of [
        [hr, 'mn'],
        [successor, 'en'],
      ] as const) {
        const context = await suite.browser.newContext({
          baseURL: app.url,
          ...PHONE_320,
          javaScriptEnabled,
          locale: lang === 'mn' ? 'mn-MN' : 'en-GB',
        });
        const page = await context.newPage();
        page.setDefaultTimeout(15000);
        await signInThroughForm(page, person.email);
        if (person === hr) {
          await page.goto(`/hr/agencies/${finance.id}`);
          await navigateBy(page, () => page.click(`#handovers-waiting a[href="/handovers/${handoverId}"]`));
          expect(await page.textContent('h1')).toContain('Гарсан Төрийн нарийн бичгийн дарга');
          expect(await page.textContent('main')).toContain('Хуучирсан');
          await fitsThePhone(page);
          if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
          await page.selectOption('#successor-id', successor.id);
          await navigateBy(page, () => page.click('form[action$="/successor"] button[type=submit]'));
          expect(await page.textContent('.notice')).toContain('Хүлээн авагчийг сонголоо');
          await fitsThePhone(page);
          if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
          await drained();
        } else {
          await page.goto('/');
          expect(await page.textContent('#handovers-h')).toBe('Handed over to you');
          await navigateBy(page, () => page.click(`a[href="/handovers/${handoverId}"]`));
          const text = (await page.textContent('main'))!;
          expect(text).toContain('Successor: Залгамжлагч Энхжаргал');
          expect(text).toContain('3 items handed over; 0 orphaned.');
          expect(text).toContain('20 seats taken');
          expect(await page.locator('#successor-id').count()).toBe(0);
          await fitsThePhone(page);
          if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
        }
        await context.close();
      }
    }
  }, 180000);
});
