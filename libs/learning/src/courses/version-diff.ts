// What changed between two published versions of a course, for trainers reviewing a release.
import { createPatch } from 'diff';

export interface ComparableLesson {
  id: string;
  moduleTitle: string;
  title: string;
  body: string;
  required: boolean;
  /** A SCORM package lesson's package: its zip's SHA-256 and title. */
  scormPackage?: { sha256: string; title: string } | null;
}
export interface ComparableVersion {
  version: number;
  fields: Record<string, unknown>;
  lessons: ComparableLesson[];
}
export interface VersionDiff {
  from: number;
  to: number;
  fields: { field: string; from: unknown; to: unknown }[];
  lessonsAdded: { id: string; title: string; module: string }[];
  lessonsRemoved: { id: string; title: string; module: string }[];
  lessonsChanged: { id: string; title: string; changes: string[]; bodyPatch?: string }[];
  lessonsMoved: { id: string; title: string; fromModule: string; toModule: string }[];
}

export function diffVersions(a: ComparableVersion, b: ComparableVersion): VersionDiff {
  const fields = Object.keys({ ...a.fields, ...b.fields })
    .filter((k) => JSON.stringify(a.fields[k] ?? null) !== JSON.stringify(b.fields[k] ?? null))
    .map((field) => ({ field, from: a.fields[field] ?? null, to: b.fields[field] ?? null }));
  const before = new Map(a.lessons.map((l) => [l.id, l]));
  const after = new Map(b.lessons.map((l) => [l.id, l]));
  const diff: VersionDiff = {
    from: a.version,
    to: b.version,
    fields,
    lessonsAdded: [],
    lessonsRemoved: [],
    lessonsChanged: [],
    lessonsMoved: [],
  };
  for (const l of b.lessons)
    if (!before.has(l.id)) diff.lessonsAdded.push({ id: l.id, title: l.title, module: l.moduleTitle });
  for (const l of a.lessons)
    if (!after.has(l.id)) diff.lessonsRemoved.push({ id: l.id, title: l.title, module: l.moduleTitle });
  for (const l of b.lessons) {
    const old = before.get(l.id);
    if (!old) continue;
    const changes: string[] = [];
    if (old.title !== l.title) changes.push(`title: "${old.title}" → "${l.title}"`);
    if (old.required !== l.required) changes.push(l.required ? 'now required' : 'now optional');
    const packageChange = packageChangeOf(old.scormPackage ?? null, l.scormPackage ?? null);
    if (packageChange) changes.push(packageChange);
    const bodyChanged = old.body !== l.body;
    if (bodyChanged) changes.push('text changed');
    if (old.moduleTitle !== l.moduleTitle)
      diff.lessonsMoved.push({ id: l.id, title: l.title, fromModule: old.moduleTitle, toModule: l.moduleTitle });
    if (changes.length)
      diff.lessonsChanged.push({
        id: l.id,
        title: l.title,
        changes,
        bodyPatch: bodyChanged ? createPatch(l.title, old.body, l.body, `v${a.version}`, `v${b.version}`) : undefined,
      });
  }
  return diff;
}

/** A package is immutable and named by its zip's hash, so a different hash is a different package. */
function packageChangeOf(
  before: ComparableLesson['scormPackage'],
  after: ComparableLesson['scormPackage'],
): string | undefined {
  if (before?.sha256 === after?.sha256) return undefined;
  if (!before) return `package added: "${after!.title}"`;
  if (!after) return `package removed: "${before.title}"`;
  return `package replaced: "${before.title}" → "${after.title}"`;
}
