// The course catalogue's search box: words go to Meilisearch (Mongolian word forms, typos, lesson
// text, ranked), and when it finds nothing or is away the catalogue still answers from PostgreSQL.
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, tokenFor } from '../support/http';
import { indexSettled } from '../support/knowledge';
import { PrivateMeilisearch } from '../support/meili-server';
import { startTestApp, TestApp } from '../support/test-app';
import { PageSession, signInPage } from '../support/web';

describe('catalogue search', () => {
  let meili: PrivateMeilisearch; // its own, so stopping it disturbs no other suite
  let t: TestApp;
  let learner: PageSession;
  let lawCourse: string;
  let ethicsCourse: string;

  beforeAll(async () => {
    meili = await PrivateMeilisearch.create();
    await meili.start();
    t = await startTestApp({
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
    });
    const trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    const publish = async (body: Record<string, unknown>) => {
      const course = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(body)).body;
      expect((await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer))).status).toBe(201);
      return course.id as string;
    };
    lawCourse = await publish(
      courseBody({
        title: 'Төрийн албаны хуулийн үндэс',
        titleEn: 'Basics of the civil service law',
        summary: 'Албан хаагчийн эрх, үүрэг.',
        modules: [
          {
            title: 'Эрх зүй',
            lessons: [{ title: 'Хариуцлага', body: 'Сахилгын шийтгэл ногдуулах журам ба давж заалдах эрх.' }],
          },
        ],
      }),
    );
    ethicsCourse = await publish(courseBody());
    await indexSettled(t);
    learner = await signInPage(t, (await createUser(t.db, { roles: ['learner'] })).email);
  });
  afterAll(async () => {
    await t.close();
    await meili.destroy();
  });

  const cards = (html: string) => [...html.matchAll(/<h2><a href="\/courses\/([0-9a-f-]{36})"/g)].map((m) => m[1]);

  it('finds a course by another form of a word in its title, which a substring match misses', async () => {
    // "хууль" (law) appears in the title only as "хуулийн" (of the law).
    const page = await learner.get('/courses?q=' + encodeURIComponent('хууль'));
    expect(page.status).toBe(200);
    expect(cards(page.text)).toEqual([lawCourse]);
    const api = await t.db.query(`SELECT count(*)::int AS n FROM course_versions WHERE title ILIKE '%хууль%'`);
    expect(api[0].n).toBe(0); // the substring match would have found nothing
  });

  it('forgives a typo and finds words that appear only in a lesson, showing them highlighted', async () => {
    const typo = await learner.get('/courses?q=' + encodeURIComponent('шийтгел')); // шийтгэл
    expect(cards(typo.text)).toEqual([lawCourse]);
    const lesson = await learner.get('/courses?q=' + encodeURIComponent('давж заалдах'));
    expect(cards(lesson.text)).toEqual([lawCourse]);
    expect(lesson.text).toMatch(/class="snippet">[^<]*<mark>давж<\/mark> <mark>заалдах<\/mark>/);
  });

  it('keeps the language filter, and says so when nothing matches', async () => {
    expect(cards((await learner.get('/courses?q=' + encodeURIComponent('ёс зүй') + '&language=mn')).text)[0]).toBe(
      ethicsCourse,
    ); // ranked first
    const en = await learner.get('/courses?q=' + encodeURIComponent('ёс зүй') + '&language=en');
    expect(cards(en.text)).toEqual([]);
    const none = await learner.get('/courses?q=' + encodeURIComponent('цөмийн физик'));
    expect(none.status).toBe(200);
    expect(none.text).toContain('Хайлтад тохирох сургалт олдсонгүй');
  });

  it('answers from PostgreSQL while the search engine is away', async () => {
    await meili.stop();
    const page = await learner.get('/courses?q=' + encodeURIComponent('ёс зүй'));
    expect(page.status).toBe(200);
    expect(cards(page.text)).toEqual([ethicsCourse]); // the substring match, as before
  });
});
