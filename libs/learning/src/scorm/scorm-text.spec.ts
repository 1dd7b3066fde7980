import { extractText, MAX_PAGE_BYTES, MAX_TEXT_CHARS, textPages } from './scorm-text';
import type { ScormManifest } from './scorm-manifest';

const page = (path: string, html: string) => ({ path, bytes: new TextEncoder().encode(html) });

const manifest = (launches: string[]): ScormManifest => ({
  version: '1.2',
  identifier: 'm',
  title: 'T',
  description: null,
  launch: launches[0],
  scoCount: launches.length,
  organization: {
    identifier: 'o',
    title: 'O',
    items: launches.map((launch, i) => ({
      identifier: `i${i}`,
      title: `Item ${i}`,
      launch,
      scormType: 'sco',
      masteryScore: null,
      children: [],
    })),
  },
});

describe('the visible text of a package', () => {
  it('keeps what a reader sees, drops scripts, styles and markup, and decodes entities', () => {
    const text = extractText([
      page(
        'a.html',
        `<!doctype html><html><head><title>Гарчиг</title><style>.x{color:red}</style>
         <script>var secret = "скриптийнүг";</script></head>
         <body><h1>Ил&nbsp;тод байдал</h1><p>Татвар &amp; төсөв &lt;2026&gt;</p>
         <noscript>JavaScript асаана уу</noscript><template><p>загвар</p></template>
         <ul><li>Нэг</li><li>Хоёр</li></ul></body></html>`,
      ),
    ]);
    expect(text).toContain('Ил тод байдал');
    expect(text).toContain('Татвар & төсөв <2026>');
    expect(text).toContain('Нэг Хоёр');
    for (const hidden of ['скриптийнүг', 'color', 'JavaScript асаана', 'загвар', '<p>', '&amp;'])
      expect(text).not.toContain(hidden);
  });

  it('reads launched pages first, then the others by path, skipping oversized pages and stopping at the limit', () => {
    const files = [
      { path: 'z-last.html', size: 10 },
      { path: 'b.htm', size: 10 },
      { path: 'sco/start.html', size: 10 },
      { path: 'huge.html', size: MAX_PAGE_BYTES + 1 },
      { path: 'script.js', size: 10 },
    ];
    expect(textPages(manifest(['sco/start.html?x=1']), files)).toEqual(['sco/start.html', 'b.htm', 'z-last.html']);
    const long = 'үг '.repeat(MAX_TEXT_CHARS);
    const text = extractText([page('a.html', `<p>${long}</p>`), page('b.html', '<p>дараагийнхуудас</p>')]);
    expect(text.length).toBe(MAX_TEXT_CHARS);
    expect(text).not.toContain('дараагийнхуудас');
  });
});
