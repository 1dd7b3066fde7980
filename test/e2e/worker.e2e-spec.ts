// The production split: an API started with RUN_WORKERS=false leaves events to the worker process.
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createLogger, loadConfig, PinoNestLogger } from '@chadavkhi/platform';
import { agencyByCode, createUser, positionByCode } from '../support/factories';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

describe('api and worker as separate processes', () => {
  let t: TestApp;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: false, OUTBOX_POLL_MS: 100 });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it('leaves the outbox to the worker, which dispatches what the API committed', async () => {
    const admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
    const [agency, position] = await Promise.all([
      agencyByCode(t.db, 'aimag-khovsgol'),
      positionByCode(t.db, 'soum-governor'),
    ]);
    const invited = await t
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: 'muren@khovsgol.gov.mn', name: 'Мөрөн Тест', agencyId: agency.id, positionId: position.id });
    expect(invited.status).toBe(202);
    const [created] = await t.db.query(`SELECT id FROM users WHERE email = $1`, ['muren@khovsgol.gov.mn']);
    const pending = `SELECT dispatched_at FROM outbox_events WHERE type = 'user.created' AND payload->>'userId' = $1`;
    // The claim is that nothing happens, so no event marks it: four relay intervals of the API pass unused.
    await new Promise((r) => setTimeout(r, 4 * t.config.OUTBOX_POLL_MS));
    expect((await t.db.query(pending, [created.id]))[0].dispatched_at).toBeNull();

    const config = loadConfig(process.env, {
      DATABASE_URL: t.config.DATABASE_URL,
      REDIS_PREFIX: t.config.REDIS_PREFIX,
      MEILI_INDEX_PREFIX: t.config.MEILI_INDEX_PREFIX,
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
    });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
      logger: new PinoNestLogger(createLogger('silent')),
    });
    await worker.init();
    await until(async () => (await t.db.query(pending, [created.id]))[0].dispatched_at, 10000);
  });
});
