// System #1 in the browser without JavaScript: trainers write and publish through forms, learners
// find a course, enrol, read and complete it; every page keeps its access rules.
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { location, PageSession, signInPage } from '../support/web';

const UUID = '[0-9a-f-]{36}';

describe('learning and authoring pages', () => {
  let t: TestApp;
  let trainer: PageSession;
  let otherTrainer: PageSession;
  let learner: PageSession;
  let otherLearner: PageSession;
  let trainerToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    const [a, b, c, d] = await Promise.all([
      createUser(t.db, { roles: ['trainer', 'learner'], agency: 'civil-service-council' }),
      createUser(t.db, { roles: ['trainer'], agency: 'civil-service-council' }),
      createUser(t.db, { roles: ['learner'], agency: 'tax-general-department', name: 'Мөнхбатын Билгүүн' }),
      createUser(t.db, { roles: ['learner'], agency: 'aimag-khovsgol' }),
    ]);
    [trainer, otherTrainer, learner, otherLearner] = await Promise.all([a, b, c, d].map((u) => signInPage(t, u.email)));
    trainerToken = await tokenFor(t, a.email);
  });
  afterAll(() => t.close());

  async function publishedCourse(overrides: Record<string, unknown> = {}): Promise<string> {
    const draft = await t.http().post('/api/v1/courses').set(bearer(trainerToken)).send(courseBody(overrides));
    expect(draft.status).toBe(201);
    expect((await t.http().post(`/api/v1/courses/${draft.body.id}/publish`).set(bearer(trainerToken))).status).toBe(
      201,
    );
    return draft.body.id;
  }

  it('lets a trainer write a course through forms: new draft, modules, lessons with preview, order, delete, publish', async () => {
    expect((await trainer.get('/author')).status).toBe(200);
    const invalid = await trainer.post('/author/courses', {
      title: 'x',
      summary: '',
      language: 'fr',
      estimatedMinutes: 'ten',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('href="#new-title"');
    expect(invalid.text).toMatch(/id="new-title"[^>]*value="x"/);

    const created = location(
      await trainer.post('/author/courses', {
        title: 'Мэдээллийн ил тод байдал',
        summary: 'Нээлттэй засаг',
        language: 'mn',
        estimatedMinutes: '30',
      }),
    );
    const courseId = new RegExp(`^/author/courses/(${UUID})\\?notice=created$`).exec(created)![1];
    expect((await trainer.get(created)).text).toContain('Ноорог үүслээ');

    // Publishing a course without a lesson is refused, in words.
    const empty = await trainer.post(`/author/courses/${courseId}/publish`);
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Хичээлгүй сургалтыг нийтлэх боломжгүй');

    location(await trainer.post(`/author/courses/${courseId}/modules`, { title: 'Хууль' }));
    const draft = async () => (await t.http().get(`/api/v1/courses/${courseId}/draft`).set(bearer(trainerToken))).body;
    const moduleId = (await draft()).draft.modules[0].id;
    expect((await trainer.post(`/author/courses/${courseId}/modules/${moduleId}/lessons`, { title: '' })).status).toBe(
      422,
    );
    const editor = location(
      await trainer.post(`/author/courses/${courseId}/modules/${moduleId}/lessons`, { title: 'Мэдээлэл авах эрх' }),
    );
    expect(editor).toMatch(new RegExp(`/lessons/${UUID}\\?notice=lessonAdded$`));

    // Preview renders the typed Markdown, harmlessly, and saves nothing.
    const body =
      '## Эрх\n\nИргэн **мэдээлэл** авах эрхтэй.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>';
    const preview = await trainer.post(editor.split('?')[0], {
      title: 'Мэдээлэл авах эрх',
      required: 'on',
      videoUrl: '',
      body,
      action: 'preview',
    });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('<strong>мэдээлэл</strong>');
    const previewHtml = preview.text.slice(preview.text.indexOf('id="preview"'));
    expect(previewHtml).not.toMatch(/<script|<img|href="javascript:/i);
    expect(previewHtml).toContain('&lt;script&gt;'); // shown as text, never run
    expect((await draft()).draft.modules[0].lessons[0].body).toBe('');

    expect(
      (
        await trainer.post(editor.split('?')[0], {
          title: 'Мэдээлэл авах эрх',
          videoUrl: 'http://insecure.example',
          body,
          action: 'save',
        })
      ).status,
    ).toBe(422);
    expect(
      location(
        await trainer.post(editor.split('?')[0], {
          title: 'Мэдээлэл авах эрх',
          required: 'on',
          videoUrl: '',
          body,
          action: 'save',
        }),
      ),
    ).toMatch(/notice=saved$/);
    expect((await draft()).draft.modules[0].lessons[0].body).toBe(body);

    location(await trainer.post(`/author/courses/${courseId}/modules/${moduleId}/lessons`, { title: 'Хоёр дахь' }));
    const [first, second] = (await draft()).draft.modules[0].lessons;
    location(await trainer.post(`/author/courses/${courseId}/lessons/${second.id}/move`, { direction: 'up' }));
    expect((await draft()).draft.modules[0].lessons.map((l: { id: string }) => l.id)).toEqual([second.id, first.id]);
    const confirm = await trainer.post(`/author/courses/${courseId}/lessons/${second.id}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Хоёр дахь');
    expect((await draft()).draft.modules[0].lessons).toHaveLength(2); // asking deletes nothing
    location(await trainer.post(`/author/courses/${courseId}/lessons/${second.id}/delete`, { confirm: 'yes' }));
    expect((await draft()).draft.modules[0].lessons.map((l: { id: string }) => l.id)).toEqual([first.id]);

    expect(location(await trainer.post(`/author/courses/${courseId}/publish`))).toMatch(/notice=published&version=1$/);
    const unchanged = await trainer.post(`/author/courses/${courseId}/publish`);
    expect(unchanged.status).toBe(409);
    expect(unchanged.text).toContain('1-р хувилбараас хойш өөрчлөлт алга');

    // Details, then v2, then the comparison of v1 and v2 in the page's language.
    const details = {
      title: 'Мэдээллийн ил тод байдал',
      titleEn: 'Information transparency',
      summary: 'Нээлттэй засаг',
      summaryEn: '',
      language: 'mn',
      estimatedMinutes: '40',
      validityMonths: '',
      competencyCodes: 'open-government',
    };
    expect(
      (
        await trainer.post(`/author/courses/${courseId}`, {
          ...details,
          estimatedMinutes: '0',
          competencyCodes: 'Not A Code!',
        })
      ).status,
    ).toBe(422);
    location(await trainer.post(`/author/courses/${courseId}`, details));
    location(await trainer.post(`/author/courses/${courseId}/publish`));
    const compare = await trainer.get(`/author/courses/${courseId}/compare?from=1&to=2&lang=en`);
    expect(compare.status).toBe(200);
    expect(compare.text).toContain('Estimated minutes');
    expect(compare.text).toMatch(/<del>30<\/del>[\s\S]*<ins>40<\/ins>/);
    expect((await trainer.get(`/author/courses/${courseId}/compare?from=1&to=9`)).status).toBe(404);
    expect((await trainer.get('/')).text).toContain('Мэдээллийн ил тод байдал');
  });

  it('takes a learner from the catalogue to a completed course, with progress on the home page', async () => {
    const courseId = await publishedCourse({
      title: 'Төрийн албаны ёс зүй (вэб)',
      titleEn: 'Civil service ethics (web)',
    });
    const catalogue = await learner.get('/courses?q=' + encodeURIComponent('ёс зүй (вэб)'));
    expect(catalogue.status).toBe(200);
    expect(catalogue.text).toContain(`href="/courses/${courseId}"`);
    expect((await learner.get('/courses?q=' + encodeURIComponent('ёс зүй (вэб)') + '&language=en')).text).not.toContain(
      `href="/courses/${courseId}"`,
    );
    expect((await learner.get('/courses?lang=en')).text).toContain('Civil service ethics (web)');

    const page = await learner.get(`/courses/${courseId}`);
    expect(page.text).toContain(`action="/courses/${courseId}/enroll"`);
    const overview = location(await learner.post(`/courses/${courseId}/enroll`));
    const enrollmentId = new RegExp(`^/learn/(${UUID})\\?enrolled=1$`).exec(overview)![1];
    expect(location(await learner.post(`/courses/${courseId}/enroll`))).toBe(`/learn/${enrollmentId}`); // idempotent

    let next = (/href="(\/learn\/[^"]+\/lessons\/[^"]+)"/.exec((await learner.get(overview)).text) ?? [])[1];
    let steps = 0;
    while (next && !next.includes('?completed=1') && next.includes('/lessons/') && steps++ < 5) {
      const lesson = await learner.get(next);
      expect(lesson.status).toBe(200);
      expect(lesson.text).toMatch(/<progress max="100" value="\d+"/);
      next = location(await learner.post(`${next.split('?')[0]}/complete`));
    }
    // Two required lessons and an optional one: completing the required ones completes the course.
    const done = await learner.get(next);
    expect(done.text).toContain('Баяр хүргэе');
    const row = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'enrollment.completed' AND payload->>'enrollmentId' = $1`,
      [enrollmentId],
    );
    expect(row[0].n).toBe(1);

    const home = await learner.get('/');
    expect(home.text).toContain('Төрийн албаны ёс зүй (вэб)');
    expect(home.text).toMatch(/Дууссан|Дүүргэсэн/);
  });

  it('keeps every page inside its access rules', async () => {
    const courseId = await publishedCourse({ title: 'Хандалтын шалгалт' });
    const draftId = (
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainerToken))
        .send(courseBody({ title: 'Нийтлээгүй ноорог' }))
    ).body.id;

    expect((await t.http().get('/courses').set('accept', 'text/html')).headers.location).toBe(
      '/signin?next=%2Fcourses',
    );
    expect((await learner.get('/author')).status).toBe(403);
    expect(
      (
        await learner.post('/author/courses', {
          title: 'Хууль бус',
          summary: 'x',
          language: 'mn',
          estimatedMinutes: '5',
        })
      ).status,
    ).toBe(403);
    expect((await otherTrainer.get(`/author/courses/${courseId}`)).status).toBe(403);
    expect((await otherTrainer.post(`/author/courses/${courseId}/publish`)).status).toBe(403);
    expect((await learner.get(`/courses/${draftId}`)).status).toBe(404);
    expect((await learner.get('/courses/not-a-uuid')).status).toBe(404);

    const enrollmentId = /\/learn\/([0-9a-f-]{36})/.exec(
      location(await learner.post(`/courses/${courseId}/enroll`)),
    )![1];
    expect((await otherLearner.get(`/learn/${enrollmentId}`)).status).toBe(403);
    const detail = (await t.http().get(`/api/v1/courses/${courseId}`).set(bearer(trainerToken))).body;
    const lessonId = detail.modules[0].lessons[0].id;
    expect((await otherLearner.post(`/learn/${enrollmentId}/lessons/${lessonId}/complete`)).status).toBe(403);
    const forged = await t
      .http()
      .post(`/learn/${enrollmentId}/lessons/${lessonId}/complete`)
      .set('cookie', learner.cookie)
      .set('accept', 'text/html')
      .type('form')
      .send({});
    expect(forged.status).toBe(403);
    expect((await learner.get(`/learn/${enrollmentId}`)).text).toContain('0/3 хичээл');
  });
});
