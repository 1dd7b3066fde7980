// Validation lives in the services: the same bad input gets the same refusal from the API, from a
// page (in the page's language, beside the field) and from a direct call into the service.
import type { AuthUser } from '@chadavkhi/identity';
import { CoursesService, DraftEditsService } from '@chadavkhi/learning';
import { ValidationProblemException } from '@chadavkhi/platform';
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { location, PageSession, signInPage } from '../support/web';

describe('validation in the services, whoever calls', () => {
  let t: TestApp;
  let trainer: PageSession;
  let token: string;
  let actor: AuthUser;

  beforeAll(async () => {
    t = await startTestApp();
    const user = await createUser(t.db, { roles: ['trainer'], agency: 'civil-service-council' });
    trainer = await signInPage(t, user.email);
    token = await tokenFor(t, user.email);
    actor = {
      id: user.id,
      email: user.email,
      name: user.name,
      roles: ['trainer'],
      agencyId: user.agencyId,
      agencyPath: [user.agencyId],
      positionId: user.positionId,
    } as AuthUser;
  });
  afterAll(() => t.close());

  const refusalOf = (call: Promise<unknown>) =>
    call.then(
      () => undefined,
      (e: unknown) => e,
    );

  it('refuses a new course whose title is too long the same way through the API, the page and the service', async () => {
    const title = 'Ё'.repeat(201);
    const api = await t
      .http()
      .post('/api/v1/courses')
      .set(bearer(token))
      .send({ ...courseBody(), title });
    expect(api.status).toBe(400);
    expect(api.body.errors).toEqual([
      { field: 'title', messages: ['title must be shorter than or equal to 200 characters'] },
    ]);

    const direct = await refusalOf(t.app.get(CoursesService).create(actor, { ...courseBody(), title } as never));
    expect(direct).toBeInstanceOf(ValidationProblemException);
    expect((direct as ValidationProblemException).fieldErrors).toEqual(api.body.errors);

    const form = { title, summary: 'Товч', language: 'mn', estimatedMinutes: '30' };
    const mn = await trainer.post('/author/courses', form);
    expect(mn.status).toBe(422);
    expect(mn.text).toContain('Хамгийн ихдээ 200 тэмдэгт.');
    const en = await trainer.post('/author/courses?lang=en', form);
    expect(en.status).toBe(422);
    expect(en.text).toContain('At most 200 characters.');
    expect((await t.http().get('/api/v1/courses/mine').set(bearer(token))).body.items ?? []).toHaveLength(0);
  });

  it("words each broken rule beside its field in the page's language, from the service's figures", async () => {
    const refused = await trainer.post('/author/courses?lang=en', {
      title: 'ab',
      summary: '',
      language: 'fr',
      estimatedMinutes: '20000',
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('At least 3 characters.');
    expect(refused.text).toContain('This field is required.');
    expect(refused.text).toContain('Choose one of the options.');
    expect(refused.text).toContain('At most 10000.');
    const typed = await trainer.post('/author/courses', {
      title: 'Ёс зүй',
      summary: 'Товч',
      language: 'mn',
      estimatedMinutes: 'ten',
    });
    expect(typed.status).toBe(422);
    expect(typed.text).toContain('Бүхэл тоо оруулна уу.');
  });

  it('refuses a course details edit and a lesson edit from a page as the services do, and saves nothing', async () => {
    const created = location(
      await trainer.post('/author/courses', {
        title: 'Ёс зүй',
        summary: 'Товч',
        language: 'mn',
        estimatedMinutes: '30',
      }),
    );
    const courseId = /\/author\/courses\/([0-9a-f-]{36})/.exec(created)![1];
    const details = {
      title: 'Ёс зүй',
      titleEn: '',
      summary: 'Товч',
      summaryEn: '',
      language: 'mn',
      estimatedMinutes: '30',
      validityMonths: '241',
      competencyCodes: '',
    };
    const page = await trainer.post(`/author/courses/${courseId}?lang=en`, details);
    expect(page.status).toBe(422);
    expect(page.text).toContain('At most 240.');
    const direct = await refusalOf(t.app.get(CoursesService).updateDraft(actor, courseId, { validityMonths: 241 }));
    expect((direct as ValidationProblemException).fieldErrors).toEqual([
      { field: 'validityMonths', messages: ['validityMonths must not be greater than 240'] },
    ]);

    location(await trainer.post(`/author/courses/${courseId}/modules`, { title: 'Бүлэг' }));
    const draft = async () => (await t.http().get(`/api/v1/courses/${courseId}/draft`).set(bearer(token))).body;
    const moduleId = (await draft()).draft.modules[0].id;
    const tooLong = await trainer.post(`/author/courses/${courseId}/modules/${moduleId}/rename`, {
      title: 'Ё'.repeat(201),
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.text).toContain('Хамгийн ихдээ 200 тэмдэгт.');
    const viaService = await refusalOf(
      t.app.get(DraftEditsService).renameModule(actor, courseId, moduleId, { title: 'Ё'.repeat(201) }),
    );
    expect((viaService as ValidationProblemException).fieldErrors).toEqual([
      { field: 'title', messages: ['title must be shorter than or equal to 200 characters'] },
    ]);
    expect((await draft()).draft.modules[0].title).toBe('Бүлэг');
    expect((await draft()).draft.validityMonths ?? null).toBeNull();
  });
});
