// The job queues page as an administrator uses it: on a 320-pixel phone without JavaScript, a failed
// job listed and retried with its form, and no serious accessibility problem.
import { JobQueueRepository } from '../../libs/platform/src/queue/job-queue.repository';
import { axeViolations } from '../support/browser';
import { appWithBrowser } from '../support/browser-app';
import { createUser, TEST_PASSWORD } from '../support/factories';
import { until } from '../support/until';

describe('admin queues page, in a browser', () => {
  const suite = appWithBrowser({ RUN_WORKERS: true });

  it('lists a failed job and retries it, on a phone without JavaScript', async () => {
    const app = suite.app;
    const admin = await createUser(app.db, { roles: ['admin'], name: 'Админ Тест' });
    // A metrics job that fails every time: its agency id is not a UUID.
    const job = await app.app
      .get(JobQueueRepository)
      .queue('metrics')
      .add(
        'user.created',
        { agencyId: 'not-an-agency-id-with-a-rather-long-name-that-must-wrap-on-a-phone' },
        { jobId: 'bad-agency-job', attempts: 1 },
      );
    await until(async () => (await job.getState()) === 'failed');

    const signedIn = async (options: { javaScriptEnabled: boolean }) => {
      const context = await suite.browser.newContext({
        baseURL: app.url,
        viewport: { width: 320, height: 640 },
        ...options,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      await page.goto('/admin/queues');
      expect(new URL(page.url()).pathname).toBe('/signin');
      await page.fill('#email', admin.email);
      await page.fill('#password', TEST_PASSWORD);
      await Promise.all([page.waitForURL(/\/admin\/queues$/), page.click('button[type=submit].primary')]);
      return { context, page };
    };

    const phone = await signedIn({ javaScriptEnabled: false });
    expect(await phone.page.textContent('#queue-metrics [data-state="failed"]')).toBe('1');
    expect(await phone.page.textContent('#queue-metrics')).toContain('bad-agency-job');
    const [scrollWidth, innerWidth] = (await phone.page.evaluate(
      '[document.documentElement.scrollWidth, window.innerWidth]',
    )) as [number, number];
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await Promise.all([
      phone.page.waitForURL(/retried=1/),
      phone.page.click('#queue-metrics form[action$="/jobs/bad-agency-job/retry"] button'),
    ]);
    expect(await phone.page.textContent('[role=status]')).toContain('metrics');
    const [audit] = await app.db.query(`SELECT target_id FROM audit_log_entries WHERE action = 'queue.job.retry'`);
    expect(audit.target_id).toBe('metrics/bad-agency-job');
    await phone.context.close();

    const checked = await signedIn({ javaScriptEnabled: true });
    expect(await axeViolations(checked.page)).toEqual([]);
    await checked.context.close();
  });
});
