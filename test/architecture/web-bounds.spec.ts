// No numeric bound in the pages (issue 16): a bound on input ("title at most 200", "1 to 600
// minutes") lives once, in the owning service's input classes; a page parses form strings and words
// the service's refusal. This finds bound-shaped code in apps/api/src/web: a min/max handed to a form
// reader, a whole number read within a range, a length or value compared with a figure or a MAX_
// constant, a MAX_/MIN_ constant declared there, a regex with a counted repeat. Pagination sizes,
// HTTP statuses, cache ages and chart geometry are none of these shapes, so they need no allow-list.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WEB = join(__dirname, '..', '..', 'apps', 'api', 'src', 'web');
const BOUND_SHAPES: RegExp[] = [
  /\b(min|max|maxCount)\s*:\s*\d/,
  /\.(int|optionalInt)\(\s*'[^']+'\s*,/,
  /(?<!status\s)[<>]=?\s*(\d{2,}|[A-Z_]*MAX[A-Z_]*|[A-Z_]*MIN[A-Z_]*)\b/,
  /\bconst\s+([A-Z_]*_MAX|MAX_[A-Z_]*|[A-Z_]*_MIN|MIN_[A-Z_]*)\s*=/,
  /\]\{\d+,\d+\}/,
];

/** Lines of those shapes that bound no input: a chart's scale. */
const NOT_BOUNDS: RegExp[] = [/^open-data-page\.controller\.ts:\d+ max: 1,$/];

function boundLines(): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const file of readdirSync(WEB).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
    const lines = readFileSync(join(WEB, file), 'utf8').split('\n');
    const hits = lines
      .map((text, i) => ({ text, i }))
      .filter(({ text }) => !/^\s*(\/\/|\*|\/\*\*)/.test(text) && BOUND_SHAPES.some((r) => r.test(text)));
    const described = hits
      .map(({ text, i }) => `${file}:${i + 1} ${text.trim()}`)
      .filter((line) => !NOT_BOUNDS.some((r) => r.test(line)));
    if (described.length) found[file] = described;
  }
  return found;
}

describe('bounds live in the services, not in the pages', () => {
  const found = boundLines();

  it('finds no bound in any page', () => {
    expect(Object.values(found).flat()).toEqual([]);
  });
});
