// SCORM packages as lessons (issue 21, the import): a trainer adds a SCORM 1.2 and a SCORM 2004 4th
// edition package (authored here) to a draft, publishing freezes them by reference, the same zip
// is stored once and a revised one adds only its changed files, their titles are searchable, and the
// lesson page lists the package's parts. Every hostile or broken archive is refused with its slug
// and stores nothing; learners and other trainers cannot import.
import { randomBytes } from 'node:crypto';
import { createUser } from '../support/factories';
import { courseBody } from '../support/courses';
import { answerBeforeBody, bearer, expectProblem, tokenFor, withBinaryBody } from '../support/http';
import { scorm12Manifest, scorm12Package, scorm2004Manifest, scorm2004Package, zip } from '../support/scorm-packages';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';
import { signInPage } from '../support/web';
import { deflatedXml, zipArchive } from '../support/zip-bombs';

const MiB = 1024 * 1024;

describe('SCORM package import', () => {
  let t: TestApp;
  let owner: string;
  let ownerEmail: string;
  let otherTrainer: string;
  let learner: string;
  let learnerEmail: string;

  const newCourse = async () =>
    (await t.http().post('/api/v1/courses').set(bearer(owner)).send(courseBody())).body as {
      id: string;
      revision: number;
      draft: { modules: { id: string; lessons: { id: string }[] }[] };
    };
  const upload = (
    token: string,
    courseId: string,
    moduleId: string,
    file: Buffer,
    fields: Record<string, string> = {},
  ) => {
    let request = t.http().post(`/api/v1/courses/${courseId}/modules/${moduleId}/scorm-packages`).set(bearer(token));
    for (const [k, v] of Object.entries(fields)) request = request.field(k, v);
    return request.attach('file', file, 'package.zip');
  };
  const stored = async () =>
    (
      await t.db.query(
        `SELECT (SELECT count(*)::int FROM scorm_packages) AS packages, (SELECT count(*)::int FROM scorm_files) AS files,
                (SELECT count(*)::int FROM scorm_package_files) AS paths`,
      )
    )[0] as { packages: number; files: number; paths: number };

  beforeAll(async () => {
    t = await startTestApp({
      RUN_WORKERS: true,
      OUTBOX_POLL_MS: 100,
      SCORM_MAX_PACKAGE_BYTES: 4 * MiB,
      SCORM_MAX_UNPACKED_BYTES: 3 * MiB,
      SCORM_MAX_FILES: 50,
    });
    const [trainer, other, learnerUser] = await Promise.all([
      createUser(t.db, { roles: ['trainer'] }),
      createUser(t.db, { roles: ['trainer'] }),
      createUser(t.db, { roles: ['learner'] }),
    ]);
    ownerEmail = trainer.email;
    learnerEmail = learnerUser.email;
    [owner, otherTrainer, learner] = await Promise.all([
      tokenFor(t, trainer.email),
      tokenFor(t, other.email),
      tokenFor(t, learnerUser.email),
    ]);
  });
  afterAll(() => t.close());

  it('imports a SCORM 1.2 and a SCORM 2004 package as lessons; publishing freezes them; the learner sees its parts', async () => {
    const course = await newCourse();
    const [first, second] = course.draft.modules;
    const one = await upload(owner, course.id, first.id, scorm12Package(), { revision: String(course.revision) });
    expect(one.status).toBe(201);
    expect(one.body.package).toEqual(
      expect.objectContaining({
        version: '1.2',
        title: 'Ашиг сонирхлын зөрчил',
        launch: 'sco/index.html',
        scoCount: 1,
        fileCount: 3,
        newlyStored: true,
      }),
    );
    const lesson = one.body.course.draft.modules[0].lessons.at(-1);
    expect(lesson).toEqual(
      expect.objectContaining({
        id: one.body.lessonId,
        title: 'Ашиг сонирхлын зөрчил',
        scormPackage: one.body.package.sha256,
      }),
    );
    expect(lesson.body).toContain('Ашиг сонирхлын зөрчлийг таних');

    const two = await upload(owner, course.id, second.id, scorm2004Package(), { title: 'Худалдан авах' });
    expect(two.status).toBe(201);
    expect(two.body.package).toEqual(
      expect.objectContaining({
        version: '2004-4',
        scoCount: 3,
        description: 'Тендер шалгаруулалтын журам, гэрээний хяналт.',
      }),
    );
    expect(two.body.package.items[1].children.map((i: { title: string }) => i.title)).toEqual([
      'Гэрээний хяналт',
      'Шалгалт',
    ]);
    expect(two.body.course.revision).toBe(course.revision + 2);

    // A stale revision is refused like any draft edit, and stores nothing new.
    expectProblem(
      await upload(owner, course.id, first.id, scorm12Package({ marker: 'stale' }), { revision: '1' }),
      409,
    );

    // The draft round-trips through PATCH with its package lessons; a package nobody imported is refused.
    const draft = (await t.http().get(`/api/v1/courses/${course.id}/draft`).set(bearer(owner))).body;
    const modules = draft.draft.modules;
    expect((await t.http().patch(`/api/v1/courses/${course.id}`).set(bearer(owner)).send({ modules })).status).toBe(
      200,
    );
    const forged = structuredClone(modules);
    forged[0].lessons[0].scormPackage = 'f'.repeat(64);
    const refused = expectProblem(
      await t.http().patch(`/api/v1/courses/${course.id}`).set(bearer(owner)).send({ modules: forged }),
      422,
    );
    expect(refused.type).toMatch(/unknown-package$/);

    // Renaming a package lesson keeps it a package lesson.
    await t
      .http()
      .patch(`/api/v1/courses/${course.id}/lessons/${one.body.lessonId}`)
      .set(bearer(owner))
      .send({ title: 'Ашиг сонирхол (SCORM)', body: 'Тайлбар' })
      .expect(200);

    await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(owner)).expect(201);
    const frozen = await t.db.query(
      `SELECT l.lesson_id, l.scorm_package FROM course_lessons l JOIN courses c ON c.current_version_id = l.course_version_id
        WHERE c.id = $1 AND l.scorm_package IS NOT NULL ORDER BY l.module_position`,
      [course.id],
    );
    expect(frozen).toEqual([
      { lesson_id: one.body.lessonId, scorm_package: one.body.package.sha256 },
      { lesson_id: two.body.lessonId, scorm_package: two.body.package.sha256 },
    ]);

    // The learner's lesson: kind scorm, the package's description; the page lists its parts.
    const enrolled = await t.http().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learner)).expect(201);
    const read = await t
      .http()
      .get(`/api/v1/enrollments/${enrolled.body.id}/lessons/${two.body.lessonId}`)
      .set(bearer(learner))
      .expect(200);
    expect(read.body).toEqual(expect.objectContaining({ kind: 'scorm', title: 'Худалдан авах' }));
    expect(read.body.html).toContain('Гэрээний хяналт');
    const markdown = await t
      .http()
      .get(`/api/v1/enrollments/${enrolled.body.id}/lessons/${course.draft.modules[0].lessons[0].id}`)
      .set(bearer(learner))
      .expect(200);
    expect(markdown.body.kind).toBe('markdown');
    const page = await signInPage(t, learnerEmail);
    const html = (await page.get(`/learn/${enrolled.body.id}/lessons/${two.body.lessonId}`)).text;
    expect(html).toContain('цахим сургалтын багц (SCORM)');
    expect(html).toContain('Тендерийн урилга');
    const english = (await page.get(`/learn/${enrolled.body.id}/lessons/${two.body.lessonId}?lang=en`)).text;
    expect(english).toContain('needs JavaScript');

    // The package's titles are searched with the course.
    const found = await until(async () => {
      const r = await t
        .http()
        .get(`/api/v1/knowledge/search?q=${encodeURIComponent('Тендерийн урилга')}&kind=course`)
        .set(bearer(learner));
      return r.body.total ? r : undefined;
    }, 45000);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(course.id);
  });

  it('stores the same package once, and of a revised package only the files that changed', async () => {
    const before = await stored();
    const a = await newCourse();
    const b = await newCourse();
    const first = await upload(owner, a.id, a.draft.modules[0].id, scorm12Package({ marker: 'dedupe' })).expect(201);
    const afterFirst = await stored();
    expect(afterFirst.packages).toBe(before.packages + 1);
    const again = await upload(owner, b.id, b.draft.modules[0].id, scorm12Package({ marker: 'dedupe' })).expect(201);
    expect(again.body.package).toEqual(
      expect.objectContaining({ sha256: first.body.package.sha256, newlyStored: false }),
    );
    expect(await stored()).toEqual(afterFirst);
    // One page changed: a new package, one new file (the manifest and the script are the same bytes).
    await upload(owner, b.id, b.draft.modules[0].id, scorm12Package({ marker: 'revised' })).expect(201);
    const revised = await stored();
    expect(revised.packages).toBe(afterFirst.packages + 1);
    expect(revised.files).toBe(afterFirst.files + 1);
  });

  describe('refuses, stores nothing and says why', () => {
    const manifest = scorm12Manifest();
    const valid = { 'sco/index.html': '<p>x</p>', 'shared/api.js': '1' };
    const cases: [string, () => Buffer, number, string][] = [
      ['not a zip', () => Buffer.from('%PDF-1.7 not a zip at all'), 415, 'not-a-zip'],
      [
        'zip slip: ..',
        () =>
          zipArchive([
            { name: 'imsmanifest.xml', content: manifest },
            { name: '../../evil.html', content: 'x' },
          ]),
        422,
        'unsafe-path',
      ],
      [
        'zip slip: absolute path',
        () =>
          zipArchive([
            { name: 'imsmanifest.xml', content: manifest },
            { name: '/etc/cron.d/x', content: 'x' },
          ]),
        422,
        'unsafe-path',
      ],
      [
        'zip slip: backslashes',
        () =>
          zipArchive([
            { name: 'imsmanifest.xml', content: manifest },
            { name: '..\\..\\evil.html', content: 'x' },
          ]),
        422,
        'unsafe-path',
      ],
      [
        'zip slip: drive letter',
        () =>
          zipArchive([
            { name: 'imsmanifest.xml', content: manifest },
            { name: 'C:/Windows/evil.html', content: 'x' },
          ]),
        422,
        'unsafe-path',
      ],
      [
        'zip slip: symbolic link',
        () =>
          zipArchive([
            { name: 'imsmanifest.xml', content: manifest },
            { name: 'sco/index.html', content: '/etc/passwd', unixMode: 0o120777 },
            { name: 'shared/api.js', content: '1' },
          ]),
        422,
        'unsafe-path',
      ],
      [
        'zip slip: through the manifest',
        () => zip({ 'imsmanifest.xml': scorm12Manifest({ launch: '../outside.html' }), ...valid }),
        422,
        'unsafe-path',
      ],
      [
        'zip bomb by ratio (5 MiB from 5 KiB)',
        () =>
          zipArchive([
            { name: 'imsmanifest.xml', content: manifest },
            ...Object.entries(valid).map(([name, content]) => ({ name, content })),
            { name: 'sco/bomb.html', content: deflatedXml('<p>', 'a', 5, '</p>') },
          ]),
        422,
        'zip-bomb',
      ],
      [
        'zip bomb whose headers lie about its size',
        () =>
          zipArchive([
            { name: 'imsmanifest.xml', content: manifest },
            { name: 'sco/bomb.html', content: deflatedXml('<p>', 'a', 50, '</p>'), declaredSize: 1024 },
          ]),
        422,
        'unreadable-zip',
      ],
      [
        'expands past SCORM_MAX_UNPACKED_BYTES',
        () =>
          zip(
            {
              'imsmanifest.xml': manifest,
              ...valid,
              'sco/a.bin': randomBytes(2 * MiB),
              'sco/b.bin': randomBytes(1.5 * MiB),
            },
            0,
          ),
        413,
        'unpacked-too-large',
      ],
      [
        'too many files',
        () =>
          zip({
            'imsmanifest.xml': manifest,
            ...valid,
            ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`sco/p${i}.html`, `<p>${i}</p>`])),
          }),
        422,
        'too-many-files',
      ],
      [
        'a file the manifest names is missing',
        () => zip({ 'imsmanifest.xml': manifest, 'sco/index.html': '<p>x</p>' }),
        422,
        'missing-file',
      ],
      ['no manifest', () => zip(valid), 422, 'no-manifest'],
      ['the manifest in a folder', () => zip({ 'course/imsmanifest.xml': manifest }), 422, 'no-manifest'],
      [
        'invalid XML',
        () => zip({ 'imsmanifest.xml': '<manifest><organizations></manifest>', ...valid }),
        422,
        'invalid-manifest',
      ],
      [
        'SCORM 2004 2nd edition',
        () => zip({ 'imsmanifest.xml': scorm2004Manifest({ schemaVersion: 'CAM 1.3' }), ...valid }),
        422,
        'unsupported-version',
      ],
      ['cmi5', () => zip({ 'cmi5.xml': '<courseStructure/>', 'index.html': 'x' }), 422, 'unsupported-version'],
      [
        'AICC',
        () => zip({ 'course.crs': '[Course]', 'course.au': 'x', 'index.html': 'x' }),
        422,
        'unsupported-version',
      ],
    ];
    it.each(cases)('%s', async (_name, build, status, slug) => {
      const course = await newCourse();
      const before = await stored();
      const problem = expectProblem(await upload(owner, course.id, course.draft.modules[0].id, build()), status);
      expect(problem.type).toBe(`https://chadavkhi.mn/problems/${slug}`);
      expect(typeof problem.detail).toBe('string');
      expect(await stored()).toEqual(before);
      const draft = (await t.http().get(`/api/v1/courses/${course.id}/draft`).set(bearer(owner))).body;
      expect(draft.revision).toBe(course.revision);
    });

    it('over SCORM_MAX_PACKAGE_BYTES', async () => {
      const course = await newCourse();
      const before = await stored();
      expectProblem(await upload(owner, course.id, course.draft.modules[0].id, randomBytes(5 * MiB)), 413);
      expect(await stored()).toEqual(before);
    });

    it('an upload without a file', async () => {
      const course = await newCourse();
      const problem = expectProblem(
        await t
          .http()
          .post(`/api/v1/courses/${course.id}/modules/${course.draft.modules[0].id}/scorm-packages`)
          .set(bearer(owner))
          .field('title', 'x'),
        422,
      );
      expect(problem.type).toMatch(/no-package-file$/);
    });
  });

  it('adds a package from the draft editor page (a plain form, no JavaScript) and says a refusal in Mongolian and English', async () => {
    const course = await newCourse();
    const moduleId = course.draft.modules[0].id;
    const page = await signInPage(t, ownerEmail);
    const editor = await page.get(`/author/courses/${course.id}`);
    expect(editor.text).toContain(
      `action="/author/courses/${course.id}/modules/${moduleId}/scorm-packages" enctype="multipart/form-data"`,
    );
    const csrf = /name="_csrf" value="([^"]+)"/.exec(editor.text)![1];
    const post = (file: Buffer, lang = 'mn') =>
      t
        .http()
        .post(`/author/courses/${course.id}/modules/${moduleId}/scorm-packages${lang === 'en' ? '?lang=en' : ''}`)
        .set('cookie', page.cookie)
        .set('accept', 'text/html')
        .field('_csrf', csrf)
        .field('revision', String(course.revision))
        .attach('file', file, 'багц.zip');
    const added = await post(scorm2004Package({ schemaVersion: '2004 3rd Edition' }));
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`/author/courses/${course.id}?notice=packageAdded#module-${moduleId}`);
    const after = (await page.get(`/author/courses/${course.id}`)).text;
    expect(after).toContain('Төрийн худалдан авах ажиллагаа');
    expect(after).toContain('SCORM багц');

    const before = await stored();
    const refused = await post(zip({ 'index.html': 'x' }));
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('imsmanifest.xml алга');
    const english = await post(Buffer.from('not a zip'), 'en');
    expect(english.status).toBe(415);
    expect(english.text).toContain('This file is not a zip archive');
    expect(await stored()).toEqual(before);
  });

  it('lets only the course trainer or an administrator import, and nobody signed out', async () => {
    const course = await newCourse();
    const moduleId = course.draft.modules[0].id;
    const before = await stored();
    expectProblem(await upload(learner, course.id, moduleId, scorm12Package({ marker: 'denied' })), 403);
    expectProblem(await upload(otherTrainer, course.id, moduleId, scorm12Package({ marker: 'denied' })), 403);
    expectProblem(
      await t
        .http()
        .post(`/api/v1/courses/${course.id}/modules/${moduleId}/scorm-packages`)
        .attach('file', scorm12Package({ marker: 'denied' }), 'p.zip'),
      401,
    );
    expectProblem(
      await upload(owner, course.id, '00000000-0000-4000-8000-000000000000', scorm12Package({ marker: 'denied' })),
      404,
    );
    expect(await stored()).toEqual(before);
    const admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
    await upload(admin, course.id, moduleId, scorm12Package({ marker: 'admin' })).expect(201);
    expect(ownerEmail).toBeTruthy();
  });

  it("refuses a learner's 90 MB package, and a signed-out one, before reading a byte past the headers", async () => {
    const course = await newCourse();
    const path = `/api/v1/courses/${course.id}/modules/${course.draft.modules[0].id}/scorm-packages`;
    const multipart = { 'content-type': 'multipart/form-data; boundary=----x' };
    const declaredBytes = 90 * 1000 * 1000;
    const asLearner = await answerBeforeBody(t, {
      method: 'POST',
      path,
      headers: { ...multipart, ...bearer(learner) },
      declaredBytes,
    });
    expectProblem(asLearner, 403);
    expect(asLearner.headers.connection).toBe('close');
    expect(asLearner.bytesSent).toBeLessThan(declaredBytes / 1000);
    expectProblem(await answerBeforeBody(t, { method: 'POST', path, headers: multipart, declaredBytes }), 401);
    // The same through the editor page, with the learner's web session.
    const page = await signInPage(t, learnerEmail);
    const form = await answerBeforeBody(t, {
      method: 'POST',
      path: `/author/courses/${course.id}/modules/${course.draft.modules[0].id}/scorm-packages`,
      headers: { ...multipart, cookie: page.cookie, accept: 'text/html' },
      declaredBytes,
    });
    expect(form.status).toBe(403);
  });

  it("finds a course by a word only its package's pages hold (large pages read in a worker thread), never by a script's", async () => {
    const pageWord = 'Цэнхэрбаавгайлах';
    const scriptWord = 'Улаанчонолох';
    const course = await newCourse();
    const pkg = zip({
      'imsmanifest.xml': scorm12Manifest({ title: 'Хайлтын багц', extraFiles: ['sco/filler.html'] }),
      'sco/index.html': `<!doctype html><html><body><h1>Нэвтрэх</h1><p>Энд ${pageWord} гэж бичжээ.</p><script>var note = "${scriptWord}";</script></body></html>`,
      // Over 256 KiB of markup: read in the thread, and the text stops at 200,000 characters.
      'sco/filler.html': `<!doctype html><html><body><p>${'дүүргэгч '.repeat(40_000)}</p></body></html>`,
      'shared/api.js': 'window.scormReady = true;',
    });
    const added = await upload(owner, course.id, course.draft.modules[0].id, pkg).expect(201);
    const [row] = await t.db.query(`SELECT page_text FROM scorm_packages WHERE sha256 = $1`, [
      added.body.package.sha256,
    ]);
    expect(row.page_text).toMatch(new RegExp(`^Нэвтрэх Энд ${pageWord} гэж бичжээ\\.\\nдүүргэгч`));
    expect(row.page_text).not.toContain(scriptWord);
    expect(row.page_text).toHaveLength(200_000);
    await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(owner)).expect(201);
    const search = (q: string) =>
      t
        .http()
        .get(`/api/v1/knowledge/search?q=${encodeURIComponent(q)}&kind=course`)
        .set(bearer(learner));
    const found = await until(async () => {
      const r = await search(pageWord);
      return r.body.items?.some((i: { id: string }) => i.id === course.id) ? r : undefined;
    }, 45000);
    expect(found.status).toBe(200);
    const script = await search(scriptWord);
    expect(script.body.items.map((i: { id: string }) => i.id)).not.toContain(course.id);
  });

  describe('a whole course from a package', () => {
    const fromPackage = (token: string, file: Buffer, fields: Record<string, string> = {}) => {
      let request = t.http().post('/api/v1/courses/from-scorm-package').set(bearer(token));
      for (const [k, v] of Object.entries(fields)) request = request.field(k, v);
      return request.attach('file', file, 'package.zip');
    };
    const coursesOf = async (email: string) =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM courses c JOIN users u ON u.id = c.owner_id WHERE u.email = $1`,
          [email],
        )
      )[0].n as number;

    it('starts a draft from the manifest: its title and description, one module, the package as its one lesson; publishable', async () => {
      const made = await fromPackage(owner, scorm2004Package({ schemaVersion: '2004 3rd Edition' }), {
        language: 'en',
        estimatedMinutes: '45',
      });
      expect(made.status).toBe(201);
      const { course, lessonId, package: pkg } = made.body;
      expect(pkg).toEqual(expect.objectContaining({ version: '2004-3', scoCount: 3 }));
      expect(course.draft).toEqual(
        expect.objectContaining({
          title: pkg.title,
          summary: 'Тендер шалгаруулалтын журам, гэрээний хяналт.',
          language: 'en',
          estimatedMinutes: 45,
        }),
      );
      expect(course.draft.modules).toHaveLength(1);
      expect(course.draft.modules[0].title).toBe('Худалдан авах ажиллагаа');
      expect(course.draft.modules[0].lessons).toEqual([
        expect.objectContaining({ id: lessonId, title: pkg.title, scormPackage: pkg.sha256 }),
      ]);
      expect(course.draft.modules[0].lessons[0].body).toContain('Гэрээний хяналт');
      await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(owner)).expect(201);
      const [lesson] = await t.db.query(
        `SELECT l.scorm_package FROM course_lessons l JOIN courses c ON c.current_version_id = l.course_version_id WHERE c.id = $1`,
        [course.id],
      );
      expect(lesson.scorm_package).toBe(pkg.sha256);
      // Its learner's lesson page: the package alone, with no lesson before or after it, and nothing
      // the package must first mark done: no empty card under it.
      const enrolment = (
        await t.http().post(`/api/v1/courses/${course.id}/enrollments`).set(bearer(learner)).expect(201)
      ).body;
      const page = await signInPage(t, learnerEmail);
      const html = (await page.get(`/learn/${enrolment.id}/lessons/${lessonId}`)).text;
      expect(html).toContain('id="scorm-lesson"');
      expect(html).not.toContain('lesson-actions');

      // The same zip again: a second course, nothing stored anew; a title of one's own; defaults.
      const again = await fromPackage(owner, scorm12Package({ marker: 'course' }), { title: 'Ашиг сонирхол 2026' });
      expect(again.status).toBe(201);
      expect(again.body.course.draft).toEqual(
        expect.objectContaining({ title: 'Ашиг сонирхол 2026', language: 'mn', estimatedMinutes: 30 }),
      );
    });

    it('hands trainers a sample package (content/samples) that makes a playable course; not learners', async () => {
      const download = (token: string) =>
        withBinaryBody(t.http().get('/author/samples/scorm-package.zip').set(bearer(token)));
      expect((await download(learner)).status).toBe(403);
      const sample = await download(owner);
      expect(sample.status).toBe(200);
      expect(sample.headers['content-type']).toBe('application/zip');
      expect(sample.headers['content-disposition']).toMatch(/attachment; filename="chadavkhi-sample-scorm12\.zip"/);
      const made = await fromPackage(owner, sample.body as Buffer);
      expect(made.status).toBe(201);
      expect(made.body.package).toEqual(
        expect.objectContaining({
          version: '1.2',
          scoCount: 1,
          title: expect.stringContaining('Ашиг сонирхлын зөрчил'),
        }),
      );
      // Both package forms point to it.
      const list = await t.http().get('/author').set(bearer(owner)).expect(200);
      expect(list.text).toContain('href="/author/samples/scorm-package.zip"');
    });

    it('refuses what the module import refuses, storing nothing and creating no course; only trainers and administrators', async () => {
      const before = await stored();
      const courses = await coursesOf(ownerEmail);
      expectProblem(await fromPackage(owner, Buffer.from('not a zip')), 415);
      const noManifest = expectProblem(await fromPackage(owner, zip({ 'index.html': 'x' })), 422);
      expect(noManifest.type).toMatch(/no-manifest$/);
      const missing = expectProblem(
        await fromPackage(owner, zip({ 'imsmanifest.xml': scorm12Manifest(), 'shared/api.js': '' })),
        422,
      );
      expect(missing.type).toMatch(/missing-file$/);
      expectProblem(await fromPackage(owner, scorm12Package({ marker: 'bad' }), { estimatedMinutes: 'many' }), 422);
      expectProblem(await fromPackage(owner, scorm12Package({ marker: 'bad' }), { language: 'fr' }), 400);
      expectProblem(await fromPackage(learner, scorm12Package({ marker: 'learner' })), 403);
      expectProblem(
        await t.http().post('/api/v1/courses/from-scorm-package').attach('file', scorm12Package(), 'p.zip'),
        401,
      );
      const early = await answerBeforeBody(t, {
        method: 'POST',
        path: '/api/v1/courses/from-scorm-package',
        headers: { 'content-type': 'multipart/form-data; boundary=----x', ...bearer(learner) },
        declaredBytes: 90 * 1000 * 1000,
      });
      expectProblem(early, 403);
      expect(await stored()).toEqual(before);
      expect(await coursesOf(ownerEmail)).toBe(courses);
    });

    it('starts one from the courses page (a plain form) and says a refusal beside it in Mongolian and English', async () => {
      const page = await signInPage(t, ownerEmail);
      const list = await page.get('/author');
      expect(list.text).toContain('action="/author/courses/from-scorm-package" enctype="multipart/form-data"');
      expect(list.text).toContain('SCORM багцаас шинэ сургалт үүсгэх');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(list.text)![1];
      const post = (file: Buffer, lang = 'mn') =>
        t
          .http()
          .post(`/author/courses/from-scorm-package${lang === 'en' ? '?lang=en' : ''}`)
          .set('cookie', page.cookie)
          .set('accept', 'text/html')
          .field('_csrf', csrf)
          .field('language', 'mn')
          .field('estimatedMinutes', '')
          .attach('file', file, 'багц.zip');
      const made = await post(scorm12Package({ marker: 'page' }));
      expect(made.status).toBe(303);
      expect(made.headers.location).toMatch(/^\/author\/courses\/[0-9a-f-]{36}\?notice=createdFromPackage$/);
      const editor = (await page.get(made.headers.location)).text;
      expect(editor).toContain('Ашиг сонирхлын зөрчил');
      expect(editor).toContain('SCORM багц');
      expect(editor).toContain('Багцаас ноорог үүслээ');
      const refused = await post(zip({ 'index.html': 'x' }));
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('imsmanifest.xml алга');
      const english = await post(Buffer.from('not a zip'), 'en');
      expect(english.status).toBe(415);
      expect(english.text).toContain('This file is not a zip archive');
      expect(english.text).toContain('New course from a SCORM package');
    });
  });

  it('says in the version comparison (API and page) that a lesson’s package was replaced, added or removed', async () => {
    const course = await newCourse();
    const [first, second] = course.draft.modules;
    const one = await upload(owner, course.id, first.id, scorm12Package({ marker: 'v1' })).expect(201);
    const other = await upload(owner, course.id, second.id, scorm2004Package()).expect(201);
    await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(owner)).expect(201);
    // Version 2: the first package lesson gets the other package; the other lesson stops being a package lesson.
    const draft = (await t.http().get(`/api/v1/courses/${course.id}/draft`).set(bearer(owner))).body.draft;
    const modules = structuredClone(draft.modules);
    const lessonOf = (id: string) =>
      modules.flatMap((m: { lessons: { id: string }[] }) => m.lessons).find((l: { id: string }) => l.id === id);
    lessonOf(one.body.lessonId).scormPackage = other.body.package.sha256;
    delete lessonOf(other.body.lessonId).scormPackage;
    await t.http().patch(`/api/v1/courses/${course.id}`).set(bearer(owner)).send({ modules }).expect(200);
    await t.http().post(`/api/v1/courses/${course.id}/publish`).set(bearer(owner)).expect(201);

    const diff = await t
      .http()
      .get(`/api/v1/courses/${course.id}/versions/compare?from=1&to=2`)
      .set(bearer(owner))
      .expect(200);
    const changes = Object.fromEntries(
      diff.body.lessonsChanged.map((l: { id: string; changes: string[] }) => [l.id, l.changes]),
    );
    expect(changes[one.body.lessonId]).toEqual([
      `package replaced: "${one.body.package.title}" → "${other.body.package.title}"`,
    ]);
    expect(changes[other.body.lessonId]).toEqual([`package removed: "${other.body.package.title}"`]);
    const page = await signInPage(t, ownerEmail);
    const english = (await page.get(`/author/courses/${course.id}/compare?from=1&to=2&lang=en`)).text;
    expect(english).toContain(`SCORM package replaced: “${one.body.package.title}” → “${other.body.package.title}”`);
    const mongolian = (await page.get(`/author/courses/${course.id}/compare?from=2&to=1`)).text;
    expect(mongolian).toContain(`SCORM багц нэмэгдсэн: «${other.body.package.title}»`);
  });
});
