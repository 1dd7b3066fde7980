// A VersionDiff in words a trainer reads: field names and lesson changes in the page's language,
// values as text, and each unified patch split into lines marked added, removed or context.
import type { CoursesService } from '@chadavkhi/learning';
import { Language, translate } from './i18n';

type VersionDiff = Awaited<ReturnType<CoursesService['compare']>>;

function valueText(lang: Language, value: unknown): string {
  if (value === null || value === undefined || value === '') return translate(lang, 'compare.none');
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : translate(lang, 'compare.none');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The diff's change notes are English sentences; the ones it writes today are said in the page's language. */
function changeText(lang: Language, change: string): string {
  if (change === 'now required') return translate(lang, 'compare.nowRequired');
  if (change === 'now optional') return translate(lang, 'compare.nowOptional');
  if (change === 'text changed') return translate(lang, 'compare.textChanged');
  const title = /^title: "(.*)" → "(.*)"$/s.exec(change);
  if (title) return translate(lang, 'compare.titleChanged', { from: title[1], to: title[2] });
  const replaced = /^package replaced: "(.*)" → "(.*)"$/s.exec(change);
  if (replaced) return translate(lang, 'compare.packageReplaced', { from: replaced[1], to: replaced[2] });
  const addedOrRemoved = /^package (added|removed): "(.*)"$/s.exec(change);
  if (addedOrRemoved)
    return translate(lang, addedOrRemoved[1] === 'added' ? 'compare.packageAdded' : 'compare.packageRemoved', {
      title: addedOrRemoved[2],
    });
  return change;
}

function patchLines(patch: string | undefined) {
  if (!patch) return undefined;
  // createPatch starts with "Index: …" and a rule of "="; from "--- …" on it is the unified diff.
  const lines = patch.replace(/\n$/, '').split('\n');
  const start = lines.findIndex((l) => l.startsWith('--- '));
  return lines.slice(Math.max(0, start)).map((text) => ({
    text,
    kind: /^(---|\+\+\+) /.test(text)
      ? 'file'
      : text.startsWith('@@')
        ? 'hunk'
        : text.startsWith('+')
          ? 'add'
          : text.startsWith('-')
            ? 'del'
            : 'ctx',
  }));
}

export function versionDiffModel(lang: Language, diff: VersionDiff) {
  const fieldLabel = (field: string) => translate(lang, `compare.field.${field}`);
  const empty =
    !diff.fields.length &&
    !diff.lessonsAdded.length &&
    !diff.lessonsRemoved.length &&
    !diff.lessonsChanged.length &&
    !diff.lessonsMoved.length;
  return {
    heading: translate(lang, 'compare.heading', { from: diff.from, to: diff.to }),
    fromLabel: translate(lang, 'compare.before', { version: diff.from }),
    toLabel: translate(lang, 'compare.after', { version: diff.to }),
    empty,
    fields: diff.fields.map((f) => ({
      label: fieldLabel(f.field),
      from: valueText(lang, f.from),
      to: valueText(lang, f.to),
    })),
    added: diff.lessonsAdded.map((l) => translate(lang, 'compare.lessonIn', { title: l.title, module: l.module })),
    removed: diff.lessonsRemoved.map((l) => translate(lang, 'compare.lessonIn', { title: l.title, module: l.module })),
    moved: diff.lessonsMoved.map((l) =>
      translate(lang, 'compare.lessonMoved', { title: l.title, from: l.fromModule, to: l.toModule }),
    ),
    changed: diff.lessonsChanged.map((l, i) => ({
      id: `patch-${i}`,
      title: l.title,
      changes: l.changes.map((c) => changeText(lang, c)),
      patch: patchLines(l.bodyPatch),
      patchLabel: translate(lang, 'compare.patchOf', { title: l.title }),
    })),
  };
}
