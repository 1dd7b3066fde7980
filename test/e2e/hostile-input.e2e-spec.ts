// Input a probe sends to break things — NUL and other control characters in any field or query
// string, JSON nested thousands deep, required parts left out — is refused with problem+json that
// names the field, never answered with a 500.
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { toProblem } from '@chadavkhi/platform';
import { courseBody } from '../support/courses';
import { agencyByCode, createUser, positionByCode } from '../support/factories';
import { bearer, expectProblem, tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { PageSession, signInPage } from '../support/web';

const NUL = '\u0000';

describe('hostile input', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;
  let learner: string;
  let hr: string;
  let courseId: string;
  let attemptId: string;
  let textQuestionId: string;
  let writer: PageSession;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await tokenFor(t, (await createUser(t.db, { roles: ['admin'] })).email);
    trainer = await tokenFor(t, (await createUser(t.db, { roles: ['trainer'] })).email);
    learner = await tokenFor(t, (await createUser(t.db)).email);
    hr = await tokenFor(t, (await createUser(t.db, { roles: ['hr_officer'] })).email);
    const bank = { title: 'Асуултууд', questions: [{ type: 'text', prompt: 'Q-text', correct: ['АТГ'] }] };
    const quiz = {
      title: 'Шалгалт',
      passMarkPercent: 50,
      timeLimitMinutes: 10,
      maxAttempts: 3,
      reviewAfterSubmit: false,
      draws: [{ bank: '0', count: 1 }],
    };
    courseId = (
      await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ questionBanks: [bank], quizzes: [quiz] }))
    ).body.id;
    await t.http().post(`/api/v1/courses/${courseId}/publish`).set(bearer(trainer));
    const enrollment = (await t.http().post(`/api/v1/courses/${courseId}/enrollments`).set(bearer(learner))).body;
    const quizId = (await t.http().get(`/api/v1/enrollments/${enrollment.id}`).set(bearer(learner))).body.quizzes[0].id;
    const attempt = (await t.http().post(`/api/v1/quizzes/${quizId}/attempts`).set(bearer(learner))).body;
    attemptId = attempt.id;
    textQuestionId = attempt.questions[0].id;
    writer = await signInPage(t, (await createUser(t.db)).email);
  });
  afterAll(() => t.close());

  const fieldsOf = (problem: Record<string, unknown>) =>
    ((problem.errors ?? []) as { field: string }[]).map((e) => e.field);

  describe('a NUL character', () => {
    const cases: [string, string, () => Promise<Response>][] = [
      [
        'login email',
        'email',
        () =>
          t
            .http()
            .post('/api/v1/auth/login')
            .send({ email: `a${NUL}@b.mn`, password: 'Correct-Horse-42' }),
      ],
      [
        'login password',
        'password',
        () =>
          t
            .http()
            .post('/api/v1/auth/login')
            .send({ email: 'a@b.mn', password: `Correct${NUL}Horse` }),
      ],
      ['a user search', 'q', () => t.http().get(`/api/v1/users?q=a%00b`).set(bearer(admin))],
      [
        "a new user's name",
        'name',
        async () => {
          const [agency, position] = [await agencyByCode(t.db, 'ministry-finance'), await positionByCode(t.db)];
          return t
            .http()
            .post('/api/v1/users')
            .set(bearer(admin))
            .send({
              email: 'nul@mof.gov.mn',
              name: `Бат${NUL}`,
              agencyId: agency.id,
              positionId: position.id,
              roles: ['learner'],
            });
        },
      ],
      ['a course search', 'q', () => t.http().get('/api/v1/courses?q=%00').set(bearer(learner))],
      [
        'a course title',
        'title',
        () =>
          t
            .http()
            .post('/api/v1/courses')
            .set(bearer(trainer))
            .send(courseBody({ title: `Ёс${NUL}зүй` })),
      ],
      [
        'a lesson title deep in a course',
        'modules.0.lessons.1.title',
        () =>
          t
            .http()
            .post('/api/v1/courses')
            .set(bearer(trainer))
            .send(
              courseBody({
                modules: [
                  {
                    title: 'М',
                    lessons: [
                      { title: 'Нэг', body: 'Нэг' },
                      { title: `Хоёр${NUL}`, body: 'Хоёр' },
                    ],
                  },
                ],
              }),
            ),
      ],
      ['an agency search', 'q', () => t.http().get('/api/v1/agencies?q=%00').set(bearer(admin))],
      [
        'an agency name',
        'nameMn',
        async () => {
          const parent = await agencyByCode(t.db, 'ministry-finance');
          return t
            .http()
            .post('/api/v1/agencies')
            .set(bearer(admin))
            .send({
              code: 'nul-unit',
              kind: 'department',
              nameMn: `Хэлтэс${NUL}`,
              nameEn: 'Unit',
              parentId: parent.id,
            });
        },
      ],
      [
        'a quiz text answer',
        `answers.${'x'}`,
        () =>
          t
            .http()
            .post(`/api/v1/attempts/${attemptId}/submit`)
            .set(bearer(learner))
            .send({ answers: { [textQuestionId]: `АТГ${NUL}` } }),
      ],
      [
        'a knowledge document title',
        'title',
        () =>
          t
            .http()
            .post('/api/v1/knowledge/documents')
            .set(bearer(hr))
            .send({
              title: `Заавар${NUL}`,
              summary: 'Товч',
              body: 'Бие',
              type: 'guideline',
              tags: [],
              language: 'mn',
              visibility: 'agency',
              reviewBy: '2030-01-01',
            }),
      ],
      [
        'a key of a JSON object',
        'answers',
        () =>
          t
            .http()
            .post(`/api/v1/attempts/${attemptId}/submit`)
            .set(bearer(learner))
            .send({ answers: { [`${textQuestionId}${NUL}`]: 'АТГ' } }),
      ],
      [
        'another control character (ESC)',
        'title',
        () =>
          t
            .http()
            .post('/api/v1/courses')
            .set(bearer(trainer))
            .send(courseBody({ title: 'Ёс\u001bзүй' })),
      ],
    ];

    it.each(cases)('in %s is refused with 400 naming the field', async (_, field, send) => {
      const problem = expectProblem(await send(), 400);
      expect(problem.type).toBe('https://chadavkhi.mn/problems/control-characters');
      const expected = field === 'answers.x' ? `answers.${textQuestionId}` : field;
      expect(fieldsOf(problem)).toEqual([expected]);
    });

    it("is refused on the page form that writes a knowledge document, in the page's language", async () => {
      const form = {
        title: `Заавар${NUL}`,
        summary: 'Товч',
        body: 'Бие',
        type: 'guideline',
        language: 'mn',
        visibility: 'internal',
        tags: '',
        reviewBy: '2027-12-31',
        action: 'save',
      };
      const mn = await writer.post('/knowledge/new', form);
      expect(mn.status).toBe(400);
      expect(mn.headers['content-type']).toMatch(/text\/html/);
      expect(mn.text).toContain('удирдах тэмдэгт');
      const en = await writer.post('/knowledge/new?lang=en', form);
      expect(en.status).toBe(400);
      expect(en.text).toContain('control character');
      expect(
        (await t.db.query(`SELECT count(*)::int AS n FROM knowledge_documents WHERE title LIKE 'Заавар%'`))[0].n,
      ).toBe(0);
    });

    it("reaching PostgreSQL some other way (a file's text), is still a 400 and tells nothing of the SQL", async () => {
      const refused = await t.db.query('SELECT $1::text AS v', [`a${NUL}b`]).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeDefined();
      const problem = toProblem(refused, '/api/v1/anything');
      expect(problem).toEqual(
        expect.objectContaining({ status: 400, type: 'https://chadavkhi.mn/problems/control-characters' }),
      );
      expect(JSON.stringify(problem)).not.toMatch(/SELECT|22021|UTF8/);
    });

    it('leaves tabs and line breaks in text alone', async () => {
      const created = await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ summary: 'Нэг\tхоёр\r\nгурав' }));
      expect(created.status).toBe(201);
    });
  });

  describe('JSON nested 10,000 deep', () => {
    const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

    it.each([
      ['/api/v1/knowledge/documents', () => hr],
      ['/api/v1/sync', () => learner],
    ])('is refused on %s with 400 before anything walks it', async (path, token) => {
      const response = await t
        .http()
        .post(path)
        .set(bearer(token()))
        .set('content-type', 'application/json')
        .send(deep(10_000));
      expect(expectProblem(response, 400).type).toBe('https://chadavkhi.mn/problems/json-too-deep');
      const arrays = await t
        .http()
        .post(path)
        .set(bearer(token()))
        .set('content-type', 'application/json')
        .send('['.repeat(10_000) + ']'.repeat(10_000));
      expectProblem(arrays, 400);
    });

    it('counts brackets inside strings as text, not nesting', async () => {
      const response = await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(trainer))
        .send(courseBody({ summary: '[{'.repeat(100) }));
      expect(response.status).toBe(201);
    });
  });

  describe('an assignment', () => {
    it.each([
      ['without a target', 'target', { due: { date: '2030-01-01' } }],
      ['without a due rule', 'due', { target: { userIds: [randomUUID()] } }],
      ['with a target that is not an object', 'target', { target: 'everyone', due: { date: '2030-01-01' } }],
      ['with a list for a due rule', 'due', { target: { userIds: [randomUUID()] }, due: [] }],
    ])('%s is refused with 400 naming the field', async (_, field, body) => {
      const problem = expectProblem(
        await t
          .http()
          .post('/api/v1/assignments')
          .set(bearer(hr))
          .send({ courseId, ...body }),
        400,
      );
      expect(fieldsOf(problem)).toContain(field);
    });
  });
});
