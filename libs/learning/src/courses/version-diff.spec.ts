import { diffVersions } from './version-diff';

const lesson = (
  id: string,
  body: string,
  extra: Partial<{ title: string; required: boolean; moduleTitle: string }> = {},
) => ({
  id,
  body,
  title: extra.title ?? `Lesson ${id}`,
  required: extra.required ?? true,
  moduleTitle: extra.moduleTitle ?? 'M1',
});

it('reports changed fields, added, removed, edited and moved lessons with a text patch', () => {
  const diff = diffVersions(
    {
      version: 1,
      fields: { title: 'Ёс зүй', estimatedMinutes: 60 },
      lessons: [lesson('a', 'Нэг\nХоёр\n'), lesson('b', 'x'), lesson('c', 'y')],
    },
    {
      version: 2,
      fields: { title: 'Ёс зүй', estimatedMinutes: 75 },
      lessons: [
        lesson('a', 'Нэг\nГурав\n', { required: false }),
        lesson('c', 'y', { moduleTitle: 'M2' }),
        lesson('d', 'new'),
      ],
    },
  );
  expect(diff.fields).toEqual([{ field: 'estimatedMinutes', from: 60, to: 75 }]);
  expect(diff.lessonsAdded.map((l) => l.id)).toEqual(['d']);
  expect(diff.lessonsRemoved.map((l) => l.id)).toEqual(['b']);
  expect(diff.lessonsMoved).toEqual([expect.objectContaining({ id: 'c', fromModule: 'M1', toModule: 'M2' })]);
  expect(diff.lessonsChanged).toHaveLength(1);
  expect(diff.lessonsChanged[0].changes).toEqual(['now optional', 'text changed']);
  expect(diff.lessonsChanged[0].bodyPatch).toContain('-Хоёр');
  expect(diff.lessonsChanged[0].bodyPatch).toContain('+Гурав');
});

it('says when a lesson’s SCORM package was added, replaced or removed, and not when it stayed', () => {
  const pkg = (sha: string, title: string) => ({ sha256: sha.repeat(64), title });
  const withPackage = (id: string, scormPackage: ReturnType<typeof pkg> | null) => ({
    ...lesson(id, 'same'),
    scormPackage,
  });
  const diff = diffVersions(
    {
      version: 1,
      fields: {},
      lessons: [
        withPackage('kept', pkg('a', 'Safety')),
        withPackage('swapped', pkg('b', 'Ethics v1')),
        withPackage('dropped', pkg('c', 'Budget')),
        withPackage('gained', null),
      ],
    },
    {
      version: 2,
      fields: {},
      lessons: [
        withPackage('kept', pkg('a', 'Safety')),
        withPackage('swapped', pkg('d', 'Ethics v2')),
        withPackage('dropped', null),
        withPackage('gained', pkg('e', 'Procurement')),
      ],
    },
  );
  expect(Object.fromEntries(diff.lessonsChanged.map((l) => [l.id, l.changes]))).toEqual({
    swapped: ['package replaced: "Ethics v1" → "Ethics v2"'],
    dropped: ['package removed: "Budget"'],
    gained: ['package added: "Procurement"'],
  });
  expect(diff.lessonsChanged.every((l) => l.bodyPatch === undefined)).toBe(true);
});
