// SCORM packages played (issue 21 §3-§4): the runtime's commits saved per enrolment × lesson × SCO,
// checked against the package's version (422 naming each field), idempotent by commit id, never
// overwritten by a stale commit; the last SCO done marks the lesson done through the Markdown
// lessons' path, so the enrolment completes and its certificate comes through the real queue. Two
// origins in one process: the content origin serves package files and the player only, with their
// own CSP, and nothing else; the product's host serves none of them.
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { untilQueuesDrained } from '../support/queues-drained';
import { playableScorm12, playableScorm2004 } from '../support/scorm-playable';
import { startTestApp, TestApp } from '../support/test-app';
import { signInPage } from '../support/web';

interface Published {
  courseId: string;
  packageLessonId: string;
  packageSha: string;
  otherLessonIds: string[];
}

describe('SCORM tracking', () => {
  let t: TestApp;
  let trainer: string;
  let trainerEmail: string;
  let otherTrainer: string;
  let learner: string;
  let otherLearner: string;
  let port: string;

  /** A course of one Markdown lesson and the package, published. */
  const publish = async (zip: Buffer): Promise<Published> => {
    const body = courseBody({ modules: [{ title: 'Үндэс', lessons: [{ title: 'Танилцуулга', body: 'Эхлэл' }] }] });
    const course = (await t.http().post('/api/v1/courses').set(bearer(trainer)).send(body).expect(201)).body;
    const moduleId = course.draft.modules[0].id;
    const added = await t
      .http()
      .post(`/api/v1/courses/${course.id}/modules/${moduleId}/scorm-packages`)
      .set(bearer(trainer))
      .attach('file', zip, 'package.zip')
      .expect(201);
    await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(trainer)).expect(201);
    return {
      courseId: course.id,
      packageLessonId: added.body.lessonId,
      packageSha: added.body.package.sha256,
      otherLessonIds: [course.draft.modules[0].lessons[0].id],
    };
  };
  const enrol = async (token: string, courseId: string) =>
    (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(token)).expect(201)).body.id as string;
  const commitUrl = (enrollmentId: string, lessonId: string, scoId: string) =>
    `/api/v1/enrollments/${enrollmentId}/lessons/${lessonId}/scorm/${encodeURIComponent(scoId)}`;
  const commit = (token: string, url: string, body: Record<string, unknown>) =>
    t
      .http()
      .put(url)
      .set(bearer(token))
      .send({ commitId: randomUUID(), sessionId: randomUUID(), sequence: 1, baseRevision: 0, ...body });
  /** Raw HTTP with a chosen Host header, outside the API's conformance check (these answers are not the API's). */
  const at = (host: string, path: string) => request(t.app.getHttpServer()).get(path).set('host', host);

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKERS: true, OUTBOX_POLL_MS: 100 }, { listen: true });
    port = new URL(t.url!).port;
    const [a, b, c, d] = await Promise.all([
      createUser(t.db, { roles: ['trainer'] }),
      createUser(t.db, { roles: ['learner'] }),
      createUser(t.db, { roles: ['learner'] }),
      createUser(t.db, { roles: ['trainer'] }),
    ]);
    trainerEmail = a.email;
    [trainer, learner, otherLearner, otherTrainer] = await Promise.all([
      tokenFor(t, a.email),
      tokenFor(t, b.email),
      tokenFor(t, c.email),
      tokenFor(t, d.email),
    ]);
  });
  afterAll(() => t.close());

  it('gives the player the table of contents and where it is served from; 503 where no content origin can be', async () => {
    const course = await publish(playableScorm2004());
    const enrollmentId = await enrol(learner, course.courseId);
    const url = `/api/v1/enrollments/${enrollmentId}/lessons/${course.packageLessonId}/scorm`;
    const read = await t.http().get(url).set(bearer(learner)).set('host', `127.0.0.1:${port}`).expect(200);
    expect(read.body).toEqual(
      expect.objectContaining({
        version: '2004-4',
        packageSha256: course.packageSha,
        lessonCompleted: false,
        contentOrigin: `http://localhost:${port}`,
        playerUrl: `http://localhost:${port}/scorm-player/${course.packageSha}`,
      }),
    );
    expect(read.body.items.map((i: { identifier: string; state: unknown }) => [i.identifier, i.state])).toEqual([
      ['intro', null],
      ['quiz', null],
    ]);
    // Opened at a name under .localhost: played from scorm.<that name>, the same site (offline play needs it).
    const named = await t.http().get(url).set(bearer(learner)).set('host', `chadavkhi.localhost:${port}`).expect(200);
    expect(named.body.playerUrl).toBe(`http://scorm.chadavkhi.localhost:${port}/scorm-player/${course.packageSha}`);
    // Save for offline is told each package lesson's player, which stores the package on the device.
    const offline = `/api/v1/enrollments/${enrollmentId}/offline`;
    const stored = await t
      .http()
      .get(offline)
      .set(bearer(learner))
      .set('host', `chadavkhi.localhost:${port}`)
      .expect(200);
    expect(stored.body.packages).toEqual([
      {
        lessonId: course.packageLessonId,
        packageSha256: course.packageSha,
        bytes: expect.any(Number),
        playerUrl: `http://scorm.chadavkhi.localhost:${port}/scorm-player/${course.packageSha}`,
      },
    ]);
    expect(stored.body.packages[0].bytes).toBeGreaterThan(0);
    // A product on a real name with SCORM_CONTENT_ORIGIN unset: an administrator must set it.
    const unset = await t.http().get(url).set(bearer(learner)).set('host', 'training.example.gov.mn');
    expect(expectProblem(unset, 503).type).toMatch(/scorm-content-origin-unset$/);
    const unplayable = await t.http().get(offline).set(bearer(learner)).set('host', 'training.example.gov.mn');
    expect(unplayable.body.packages[0].playerUrl).toBeUndefined();
    // A Markdown lesson is not a package.
    await t
      .http()
      .get(`/api/v1/enrollments/${enrollmentId}/lessons/${course.otherLessonIds[0]}/scorm`)
      .set(bearer(learner))
      .expect(404);
  });

  it("refuses what breaks the version's data model, naming each field, and stores nothing", async () => {
    const v12 = await publish(playableScorm12());
    const v2004 = await publish(playableScorm2004());
    const [e12, e2004] = [await enrol(learner, v12.courseId), await enrol(learner, v2004.courseId)];
    const url12 = commitUrl(e12, v12.packageLessonId, 'ethics');
    const url2004 = commitUrl(e2004, v2004.packageLessonId, 'intro');

    const wrong12 = await commit(learner, url12, {
      lessonStatus: 'finished',
      completionStatus: 'completed',
      suspendData: 'x'.repeat(4097),
      location: 'l'.repeat(256),
      sessionTime: 'PT1M',
      scoreRaw: 101,
      interactions: [{ id: 'has space', type: 'long-fill-in', result: 'incorrect', latency: 'PT1S' }],
    });
    const problem = expectProblem(wrong12, 422);
    expect(problem.type).toMatch(/scorm-data-invalid$/);
    expect((problem.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(
      [
        'completionStatus',
        'interactions.0.id',
        'interactions.0.latency',
        'interactions.0.result',
        'interactions.0.type',
        'lessonStatus',
        'location',
        'scoreRaw',
        'sessionTime',
        'suspendData',
      ].sort(),
    );
    const wrong2004 = await commit(learner, url2004, {
      lessonStatus: 'passed',
      completionStatus: 'done',
      successStatus: 'maybe',
      scoreScaled: 1.5,
      sessionTime: '00:01:00',
    });
    expect((expectProblem(wrong2004, 422).errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'completionStatus',
      'lessonStatus',
      'scoreScaled',
      'sessionTime',
      'successStatus',
    ]);
    // What SCORM 2004 allows and 1.2 does not: 64,000 characters of suspend data.
    const big = await commit(learner, url2004, { completionStatus: 'incomplete', suspendData: 's'.repeat(64000) });
    expect(big.status).toBe(200);
    // Past any version's bound, or not a commit at all: the shape's 400.
    expectProblem(await commit(learner, url2004, { suspendData: 's'.repeat(64001) }), 400);
    expectProblem(await commit(learner, url2004, { commitId: 'not-a-uuid' }), 400);
    const rows = await t.db.query(`SELECT sco_id FROM scorm_tracking WHERE enrollment_id = ANY($1)`, [[e12, e2004]]);
    expect(rows).toEqual([{ sco_id: 'intro' }]);
  });

  it('answers a commit sent twice the same, and never lets a stale commit overwrite a newer one', async () => {
    const course = await publish(playableScorm12());
    const enrollmentId = await enrol(learner, course.courseId);
    const url = commitUrl(enrollmentId, course.packageLessonId, 'ethics');
    const first = { commitId: randomUUID(), sessionId: randomUUID(), sequence: 2, baseRevision: 0 };
    const once = await commit(learner, url, {
      ...first,
      lessonStatus: 'incomplete',
      location: 'page2',
      sessionTime: '00:01:00',
    });
    expect(once.status).toBe(200);
    const again = await commit(learner, url, {
      ...first,
      lessonStatus: 'incomplete',
      location: 'page2',
      sessionTime: '00:01:00',
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(once.body);
    expect(once.body.state).toEqual(expect.objectContaining({ revision: 1, location: 'page2', totalSeconds: 60 }));

    // An earlier commit of the same session arriving late changes nothing.
    const late = await commit(learner, url, { ...first, commitId: randomUUID(), sequence: 1, location: 'page1' });
    expect(expectProblem(late, 409).type).toMatch(/scorm-commit-stale$/);
    // Another device that started from nothing, after this one saved: stale too.
    const otherDevice = await commit(learner, url, { baseRevision: 0, location: 'elsewhere' });
    expectProblem(otherDevice, 409);
    // A device that resumed from revision 1 goes on; its session time adds to the total.
    const resumed = await commit(learner, url, { baseRevision: 1, location: 'page3', sessionTime: '00:00:30' });
    expect(resumed.body.state).toEqual(expect.objectContaining({ revision: 2, location: 'page3', totalSeconds: 90 }));
    // The first device, overtaken, cannot write any more.
    expectProblem(await commit(learner, url, { ...first, commitId: randomUUID(), sequence: 3 }), 409);
    const [row] = await t.db.query(
      `SELECT location, revision, (SELECT count(*)::int FROM scorm_commits c WHERE c.enrollment_id = t.enrollment_id) AS commits
         FROM scorm_tracking t WHERE enrollment_id = $1`,
      [enrollmentId],
    );
    expect(row).toEqual({ location: 'page3', revision: 2, commits: 2 });
    // A commit id is one commit's: reused for another SCO it is refused.
    const v2004 = await publish(playableScorm2004());
    const e2004 = await enrol(learner, v2004.courseId);
    const reused = await commit(learner, commitUrl(e2004, v2004.packageLessonId, 'intro'), {
      commitId: first.commitId,
    });
    expect(expectProblem(reused, 422).type).toMatch(/scorm-commit-id-reused$/);
  });

  it("refuses another learner's enrolment, a learner not enrolled, and what is not the package's", async () => {
    const course = await publish(playableScorm12());
    const enrollmentId = await enrol(learner, course.courseId);
    const url = commitUrl(enrollmentId, course.packageLessonId, 'ethics');
    expectProblem(await commit(otherLearner, url, { lessonStatus: 'passed' }), 403);
    expectProblem(
      await t
        .http()
        .get(`/api/v1/enrollments/${enrollmentId}/lessons/${course.packageLessonId}/scorm`)
        .set(bearer(otherLearner)),
      403,
    );
    expectProblem(await commit(otherLearner, commitUrl(randomUUID(), course.packageLessonId, 'ethics'), {}), 404);
    expectProblem(await commit(learner, commitUrl(enrollmentId, course.packageLessonId, 'no-such-sco'), {}), 404);
    expectProblem(await commit(learner, commitUrl(enrollmentId, course.otherLessonIds[0], 'ethics'), {}), 404);
    expectProblem(await commit(learner, commitUrl(enrollmentId, randomUUID(), 'ethics'), {}), 404);
    await request(t.app.getHttpServer()).put(url).send({}).expect(401);
    expect(await t.db.query(`SELECT 1 FROM scorm_tracking WHERE enrollment_id = $1`, [enrollmentId])).toEqual([]);
  });

  it('marks the lesson done when the last SCO is done, completing the enrolment; its certificate comes through the queue', async () => {
    const course = await publish(playableScorm2004());
    const enrollmentId = await enrol(learner, course.courseId);
    await t
      .http()
      .post(`/api/v1/enrollments/${enrollmentId}/lessons/${course.otherLessonIds[0]}/complete`)
      .set(bearer(learner))
      .expect(200);
    const intro = await commit(learner, commitUrl(enrollmentId, course.packageLessonId, 'intro'), {
      completionStatus: 'completed',
      suspendData: 'slide=3',
    });
    expect(intro.body).toEqual(expect.objectContaining({ lessonCompleted: false }));
    // Completed but failed is not done.
    const quizUrl = commitUrl(enrollmentId, course.packageLessonId, 'quiz');
    const session = randomUUID();
    const failed = await commit(learner, quizUrl, {
      sessionId: session,
      sequence: 1,
      completionStatus: 'completed',
      successStatus: 'failed',
      scoreScaled: 0.2,
    });
    expect(failed.body).toEqual(expect.objectContaining({ lessonCompleted: false }));
    expect(failed.body.state.done).toBe(false);
    const passed = await commit(learner, quizUrl, {
      sessionId: session,
      sequence: 2,
      completionStatus: 'completed',
      successStatus: 'passed',
      scoreRaw: 1,
      scoreMax: 2,
      scoreScaled: 0.5,
      interactions: [
        { id: 'q-threshold', type: 'choice', learnerResponse: 'b', result: 'correct', weighting: 1 },
        { id: 'q-deadline', type: 'true-false', learnerResponse: 'false', result: 'incorrect', weighting: 1 },
      ],
    });
    expect(passed.body).toEqual(expect.objectContaining({ lessonCompleted: true }));

    const enrolment = await t.http().get(`/api/v1/enrollments/${enrollmentId}`).set(bearer(learner)).expect(200);
    expect(enrolment.body).toEqual(expect.objectContaining({ status: 'completed', progressPercent: 100 }));
    expect(
      await t.db.query(`SELECT 1 FROM lesson_completions WHERE enrollment_id = $1 AND lesson_id = $2`, [
        enrollmentId,
        course.packageLessonId,
      ]),
    ).toHaveLength(1);
    await untilQueuesDrained(t, ['certificates']);
    const certificates = await t.db.query(`SELECT 1 FROM certificates WHERE enrollment_id = $1`, [enrollmentId]);
    expect(certificates).toHaveLength(1);
    // The same state on any device: the player resumes from it.
    const state = await t
      .http()
      .get(`/api/v1/enrollments/${enrollmentId}/lessons/${course.packageLessonId}/scorm`)
      .set(bearer(learner))
      .expect(200);
    expect(state.body.lessonCompleted).toBe(true);
    expect(state.body.items[0].state).toEqual(expect.objectContaining({ done: true, suspendData: 'slide=3' }));
    // The trainer's results: each scored interaction, its responses and the share correct.
    const results = await t
      .http()
      .get(`/api/v1/courses/${course.courseId}/scorm-results`)
      .set(bearer(trainer))
      .expect(200);
    expect(results.body.lessons).toEqual([
      {
        lessonId: course.packageLessonId,
        title: 'Худалдан авах ажиллагаа',
        interactions: [
          { id: 'q-deadline', answered: 1, correctPercent: 0, responses: [{ response: 'false', count: 1 }] },
          { id: 'q-threshold', answered: 1, correctPercent: 100, responses: [{ response: 'b', count: 1 }] },
        ],
      },
    ]);
    expectProblem(
      await t.http().get(`/api/v1/courses/${course.courseId}/scorm-results`).set(bearer(otherTrainer)),
      403,
    );
    expectProblem(await t.http().get(`/api/v1/courses/${course.courseId}/scorm-results`).set(bearer(learner)), 403);
    const resultsPage = await (
      await signInPage(t, trainerEmail)
    ).get(`/author/courses/${course.courseId}/package-results`);
    expect(resultsPage.status).toBe(200);
    expect(resultsPage.text).toContain('q-threshold');
    expect(resultsPage.text).toContain('100%');
    // One completion, one event: a later commit changes no lesson and issues nothing more.
    await commit(learner, quizUrl, { completionStatus: 'completed', successStatus: 'passed', baseRevision: 2 }).expect(
      200,
    );
    await untilQueuesDrained(t, ['certificates']);
    expect(await t.db.query(`SELECT 1 FROM certificates WHERE enrollment_id = $1`, [enrollmentId])).toHaveLength(1);
  });

  it('takes commits made offline through /sync with the same idempotency: applied once, a duplicate after, stale or invalid refused', async () => {
    const course = await publish(playableScorm12());
    const enrollmentId = await enrol(learner, course.courseId);
    const session = randomUUID();
    const item = (sequence: number, commit: Record<string, unknown>, id = randomUUID()) => ({
      id,
      type: 'scorm.committed',
      enrollmentId,
      lessonId: course.packageLessonId,
      scoId: 'ethics',
      occurredAt: new Date().toISOString(),
      commit: { sessionId: session, sequence, baseRevision: 0, ...commit },
    });
    const first = item(1, { lessonStatus: 'incomplete', location: 'page2' });
    const passed = item(3, { lessonStatus: 'passed', scoreRaw: 90, location: 'page3' });
    const batch = await t
      .http()
      .post('/api/v1/sync')
      .set(bearer(learner))
      .send({
        items: [
          first,
          passed,
          item(2, { lessonStatus: 'incomplete', location: 'late' }),
          item(4, { lessonStatus: 'done' }),
        ],
      })
      .expect(200);
    expect(batch.body.items.map((o: { status: string }) => o.status)).toEqual([
      'applied',
      'applied',
      'refused',
      'refused',
    ]);
    expect(batch.body.items[2].reason).toMatch(/later commit/);
    expect(batch.body.items[3].reason).toMatch(/data model/);
    const again = await t
      .http()
      .post('/api/v1/sync')
      .set(bearer(learner))
      .send({ items: [first, passed] })
      .expect(200);
    expect(again.body.items.map((o: { status: string }) => o.status)).toEqual(['duplicate', 'duplicate']);
    const [row] = await t.db.query(`SELECT location, revision, done FROM scorm_tracking WHERE enrollment_id = $1`, [
      enrollmentId,
    ]);
    expect(row).toEqual({ location: 'page3', revision: 2, done: true });
    const enrolment = await t.http().get(`/api/v1/enrollments/${enrollmentId}`).set(bearer(learner)).expect(200);
    expect(enrolment.body.modules[0].lessons.map((l: { completed: boolean }) => l.completed)).toEqual([false, true]);
    // Another learner's enrolment: refused, nothing written.
    const foreign = await t
      .http()
      .post('/api/v1/sync')
      .set(bearer(otherLearner))
      .send({ items: [item(9, {})] })
      .expect(200);
    expect(foreign.body.items[0].status).toBe('refused');
  });

  it('lets only the package mark its lesson done: by hand, online or offline, it is refused until then', async () => {
    const course = await publish(playableScorm12());
    const enrollmentId = await enrol(learner, course.courseId);
    const byHand = () =>
      t
        .http()
        .post(`/api/v1/enrollments/${enrollmentId}/lessons/${course.packageLessonId}/complete`)
        .set(bearer(learner));
    const refused = expectProblem(await byHand(), 409);
    expect(refused.type).toMatch(/lesson-done-by-package$/);
    const offline = {
      id: randomUUID(),
      type: 'lesson.completed',
      enrollmentId,
      lessonId: course.packageLessonId,
      occurredAt: new Date().toISOString(),
    };
    const synced = await t
      .http()
      .post('/api/v1/sync')
      .set(bearer(learner))
      .send({ items: [offline] })
      .expect(200);
    expect(synced.body.items[0]).toEqual(expect.objectContaining({ status: 'refused' }));
    expect(synced.body.items[0].reason).toMatch(/package/);
    const enrolment = await t.http().get(`/api/v1/enrollments/${enrollmentId}`).set(bearer(learner)).expect(200);
    expect(enrolment.body.modules[0].lessons.map((l: { completed: boolean }) => l.completed)).toEqual([false, false]);
    // Once the package has reported it done, marking it again changes nothing and refuses nothing.
    const done = await commit(learner, commitUrl(enrollmentId, course.packageLessonId, 'ethics'), {
      lessonStatus: 'passed',
    });
    expect(done.body).toEqual(expect.objectContaining({ lessonCompleted: true }));
    await byHand().expect(200);
    const again = await t
      .http()
      .post('/api/v1/sync')
      .set(bearer(learner))
      .send({ items: [{ ...offline, id: randomUUID() }] })
      .expect(200);
    expect(again.body.items[0].status).toBe('applied');
  });

  it('serves package files and the player on the content origin only, with their own CSP, and nothing else there', async () => {
    const course = await publish(playableScorm12());
    const product = `127.0.0.1:${port}`;
    const content = `localhost:${port}`;
    const file = await at(content, `/scorm-content/${course.packageSha}/index.html`).expect(200);
    expect(file.headers['content-type']).toMatch(/^text\/html/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(file.headers['etag']).toMatch(/^"[0-9a-f]{64}"$/);
    expect(file.headers['x-frame-options']).toBeUndefined();
    expect(file.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(file.headers['content-security-policy']).toContain(`frame-ancestors 'self' http://${product}`);
    expect(file.headers['set-cookie']).toBeUndefined();
    await at(content, `/scorm-content/${course.packageSha}/index.html`)
      .set('if-none-match', file.headers['etag'])
      .expect(304);
    await at(content, `/scorm-content/${course.packageSha}/missing.html`).expect(404);
    await at(content, `/scorm-content/${'0'.repeat(64)}/index.html`).expect(404);
    const player = await at(content, `/scorm-player/${course.packageSha}`).expect(200);
    const script = /\/scorm-player\/runtime\/scorm12\.[0-9a-f]{12}\.js/.exec(player.text)![0];
    expect(player.text).toMatch(/\/scorm-player\/runtime\/player\.[0-9a-f]{12}\.js/);
    const runtime = await at(content, script).set('accept-encoding', 'identity').expect(200);
    expect(runtime.text).toContain('Scorm12API');
    expect(runtime.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Brotli at its best: scorm-again's 156 KB build as about 27 KB.
    const compressed = await at(content, script).set('accept-encoding', 'gzip, br').expect(200);
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(Number(compressed.headers['content-length'])).toBeLessThan(30 * 1024);
    expect(compressed.text).toBe(runtime.text);
    const files = await at(content, `/scorm-player/${course.packageSha}/files`).expect(200);
    expect(files.body).toEqual({ files: ['imsmanifest.xml', 'index.html', 'more/notes.html'] });
    await at(product, `/scorm-player/${course.packageSha}/files`).expect(404);
    await at(content, '/scorm-player/runtime/scorm12.js').expect(404);
    await at(content, '/scorm-player/runtime/app.js').expect(404);

    // The content origin answers nothing else: not the API, not a page, not the product's assets.
    const me = await at(content, '/api/v1/me').set(bearer(learner)).expect(404);
    expect(me.text).not.toContain('@');
    expect(me.body.detail).toContain(`the product is at http://${product}`);
    await at(content, '/courses').expect(404);
    await at(content, '/').expect(404);
    // Someone who opens the content origin's address in a browser is sent on to the product.
    const opened = await at(content, '/courses?q=1').set('sec-fetch-mode', 'navigate').expect(302);
    expect(opened.headers.location).toBe(`http://${product}/courses?q=1`);
    await at(content, '/').set('accept', 'text/html,*/*').expect(302);
    // Not a script's request, nor anything but a GET.
    await at(content, '/').set('accept', 'text/html').set('sec-fetch-mode', 'cors').expect(404);
    await request(t.app.getHttpServer())
      .post('/api/v1/sync')
      .set('host', content)
      .set('sec-fetch-mode', 'navigate')
      .expect(404);
    // And the product's host serves no package file nor the player.
    await at(product, `/scorm-content/${course.packageSha}/index.html`).expect(404);
    await at(product, `/scorm-player/${course.packageSha}`).expect(404);
    await at(product, '/api/v1/me').set(bearer(learner)).expect(200);
  });
});
