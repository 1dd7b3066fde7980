// Content as code: importing twice changes nothing; a changed lesson publishes one new version and
// keeps lesson ids, so progress made on the old version still counts for the same lessons.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CourseContentService, CourseSource } from '@chadavkhi/learning';
import { importContent } from '../../apps/cli/src/commands/import-content.command';
import { startTestApp, TestApp } from '../support/test-app';

const source = (lessonB: string): CourseSource => ({
  folder: 'import-test',
  yaml: {
    code: 'import-test',
    language: 'mn',
    title: { mn: 'Импортын туршилт', en: 'Import test' },
    summary: { mn: 'Тайлбар', en: 'Summary' },
    estimatedMinutes: 15,
    validityMonths: 12,
    competencyCodes: ['testing'],
    modules: [
      {
        title: 'Нэгдүгээр бүлэг',
        lessons: [
          { file: '01-a.md', title: 'А' },
          { file: '02-b.md', title: 'Б', required: false },
        ],
      },
    ],
  },
  files: { '01-a.md': '# А хичээл', '02-b.md': lessonB },
  // A final quiz: its question objects pass through jsonb, which reorders keys.
  quizYaml: {
    title: { mn: 'Эцсийн шалгалт', en: 'Final quiz' },
    passMarkPercent: 70,
    timeLimitMinutes: 10,
    maxAttempts: 3,
    draw: 2,
    questions: [
      {
        id: 'q1',
        type: 'single',
        prompt: 'Асуулт?',
        options: ['a', 'b'],
        correct: 1,
        explanation: 'Тайлбар',
        competency: 'testing',
      },
      { id: 'q2', type: 'numeric', prompt: 'Хэд?', correct: 30, tolerance: 0 },
    ],
  },
});

const CONTENT = join(__dirname, '..', '..', 'content');

describe('importing courses from content/', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const run = (s: CourseSource) => t.db.transaction((m) => t.app.get(CourseContentService).importCourses(m, [s]));

  it('creates and publishes once, then changes nothing, then publishes v2 only for a real change', async () => {
    expect(await run(source('# Б'))).toEqual([{ code: 'import-test', outcome: 'created', version: 1 }]);
    expect(await run(source('# Б'))).toEqual([{ code: 'import-test', outcome: 'unchanged', version: 1 }]);
    const before = await t.db.query(
      `SELECT lesson_id FROM course_lessons l JOIN course_versions v ON v.id = l.course_version_id WHERE v.version = 1 ORDER BY position`,
    );
    expect(await run(source('# Б, засварласан'))).toEqual([{ code: 'import-test', outcome: 'published', version: 2 }]);
    const after = await t.db.query(
      `SELECT lesson_id, body_html FROM course_lessons l JOIN course_versions v ON v.id = l.course_version_id WHERE v.version = 2 ORDER BY position`,
    );
    expect(after.map((r: { lesson_id: string }) => r.lesson_id)).toEqual(
      before.map((r: { lesson_id: string }) => r.lesson_id),
    );
    expect(after[1].body_html).toContain('засварласан');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'course.published'`);
    expect(n).toBe(2);
  });

  it('names the file and field of a broken course', async () => {
    const broken = source('x');
    (broken.yaml as { modules: { lessons: { file: string }[] }[] }).modules[0].lessons[0].file = 'missing.md';
    await expect(run(broken)).rejects.toThrow(
      'content/courses/import-test/course.yaml modules[0].lessons[0]: file missing.md is missing',
    );
  });

  it('imports the shipped content with the demo accounts and their assignments, and a second run creates nothing', async () => {
    const first: string[] = [];
    await importContent(t.app, { dir: join(__dirname, '..', '..', 'content'), demo: true, progress: false }, (l) =>
      first.push(l),
    );
    expect(first).toContain('Demo assignments: 2 created, 0 unchanged');
    const again: string[] = [];
    await importContent(t.app, { dir: join(__dirname, '..', '..', 'content'), demo: true, progress: false }, (l) =>
      again.push(l),
    );
    expect(again).toContain('Demo assignments: 0 created, 2 unchanged');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'assignment.changed'`);
    expect(n).toBe(2);
  });

  it('announces each new demo person once (user.created, as the API does), and a second run announces nobody', async () => {
    // The previous test imported the demo accounts twice.
    const emails = (
      parse(readFileSync(join(CONTENT, 'demo', 'users.yaml'), 'utf8')) as { users: { email: string }[] }
    ).users.map((u) => u.email.toLowerCase());
    const perPerson: { email: string; n: number }[] = await t.db.query(
      `SELECT u.email, (SELECT count(*)::int FROM outbox_events e WHERE e.type = 'user.created' AND e.payload->>'userId' = u.id::text AND e.payload->>'agencyId' = u.agency_id::text) AS n
         FROM users u WHERE u.email = ANY($1) ORDER BY u.email`,
      [emails],
    );
    expect(perPerson).toEqual([...emails].sort().map((email) => ({ email, n: 1 })));
    const lines: string[] = [];
    await importContent(t.app, { dir: CONTENT, demo: true, progress: false }, (l) => lines.push(l));
    expect(lines).toContain(`Demo users: 0 created, 0 updated, ${emails.length} unchanged`);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'user.created'`);
    expect(n).toBe(emails.length);
  });

  it('moves a demo person whose agency changed in the file: dated today, announced once (user.moved), and a second run announces nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chadavkhi-content-'));
    try {
      cpSync(CONTENT, dir, { recursive: true });
      const users = parse(readFileSync(join(dir, 'demo', 'users.yaml'), 'utf8'));
      const person = users.users[0];
      const other = users.users.find((u: { agency: string }) => u.agency !== person.agency);
      const [before] = await t.db.query(`SELECT id, agency_id, position_id FROM users WHERE email = $1`, [
        person.email.toLowerCase(),
      ]);
      await t.db.query(`UPDATE users SET agency_since = '2020-01-01' WHERE id = $1`, [before.id]);
      users.users[0] = { ...person, agency: other.agency };
      writeFileSync(join(dir, 'demo', 'users.yaml'), stringify(users));
      const lines: string[] = [];
      await importContent(t.app, { dir, demo: true, progress: false }, (l) => lines.push(l));
      await importContent(t.app, { dir, demo: true, progress: false }, (l) => lines.push(l));
      expect(lines).toContain(`Demo users: 0 created, 1 updated, ${users.users.length - 1} unchanged`);
      const [after] = await t.db.query(
        `SELECT agency_id, position_id, agency_since = (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date AS dated_today FROM users WHERE id = $1`,
        [before.id],
      );
      expect(after.agency_id).not.toBe(before.agency_id);
      expect(after.dated_today).toBe(true);
      const moves = await t.db.query(
        `SELECT payload FROM outbox_events WHERE type = 'user.moved' AND payload->>'userId' = $1`,
        [before.id],
      );
      expect(moves.map((r: { payload: object }) => r.payload)).toEqual([
        {
          userId: before.id,
          agencyId: after.agency_id,
          previousAgencyId: before.agency_id,
          positionId: after.position_id,
          previousPositionId: before.position_id,
          isActive: true,
          wasActive: true,
          on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        },
      ]);
      const history = await t.db.query(
        `SELECT agency_id, valid_to IS NULL AS open FROM user_placements WHERE user_id = $1 ORDER BY valid_from, id`,
        [before.id],
      );
      expect(history.at(-1)).toEqual({ agency_id: after.agency_id, open: true });
      expect(history.filter((h: { open: boolean }) => h.open)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a demo password the API would refuse, naming the file, and imports nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chadavkhi-content-'));
    try {
      cpSync(CONTENT, dir, { recursive: true });
      const users = parse(readFileSync(join(dir, 'demo', 'users.yaml'), 'utf8'));
      users.password = 'nine-char';
      users.users = [{ ...users.users[0], email: 'new.person@demo.chadavkhi.mn' }];
      writeFileSync(join(dir, 'demo', 'users.yaml'), stringify(users));
      await expect(importContent(t.app, { dir, demo: true, progress: false }, () => undefined)).rejects.toThrow(
        'content/demo/users.yaml users[0]: password must be at least 10 characters',
      );
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM users WHERE email = 'new.person@demo.chadavkhi.mn'`,
      );
      expect(n).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
