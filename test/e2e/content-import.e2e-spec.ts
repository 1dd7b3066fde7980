// Content as code: importing twice changes nothing; a changed lesson publishes one new version and
// keeps lesson ids, so progress made on the old version still counts for the same lessons.
import { join } from 'node:path';
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
    modules: [{ title: 'Нэгдүгээр бүлэг', lessons: [{ file: '01-a.md', title: 'А' }, { file: '02-b.md', title: 'Б', required: false }] }],
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
      { id: 'q1', type: 'single', prompt: 'Асуулт?', options: ['a', 'b'], correct: 1, explanation: 'Тайлбар', competency: 'testing' },
      { id: 'q2', type: 'numeric', prompt: 'Хэд?', correct: 30, tolerance: 0 },
    ],
  },
});

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
    const before = await t.db.query(`SELECT lesson_id FROM course_lessons l JOIN course_versions v ON v.id = l.course_version_id WHERE v.version = 1 ORDER BY position`);
    expect(await run(source('# Б, засварласан'))).toEqual([{ code: 'import-test', outcome: 'published', version: 2 }]);
    const after = await t.db.query(`SELECT lesson_id, body_html FROM course_lessons l JOIN course_versions v ON v.id = l.course_version_id WHERE v.version = 2 ORDER BY position`);
    expect(after.map((r: { lesson_id: string }) => r.lesson_id)).toEqual(before.map((r: { lesson_id: string }) => r.lesson_id));
    expect(after[1].body_html).toContain('засварласан');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'course.published'`);
    expect(n).toBe(2);
  });

  it('names the file and field of a broken course', async () => {
    const broken = source('x');
    (broken.yaml as { modules: { lessons: { file: string }[] }[] }).modules[0].lessons[0].file = 'missing.md';
    await expect(run(broken)).rejects.toThrow('content/courses/import-test/course.yaml modules[0].lessons[0]: file missing.md is missing');
  });

  it('imports the shipped content with the demo accounts and their assignments, and a second run creates nothing', async () => {
    const first: string[] = [];
    await importContent(t.app, { dir: join(__dirname, '..', '..', 'content'), demo: true, progress: false }, (l) => first.push(l));
    expect(first).toContain('Demo assignments: 2 created, 0 unchanged');
    const again: string[] = [];
    await importContent(t.app, { dir: join(__dirname, '..', '..', 'content'), demo: true, progress: false }, (l) => again.push(l));
    expect(again).toContain('Demo assignments: 0 created, 2 unchanged');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'assignment.changed'`);
    expect(n).toBe(2);
  });
});
