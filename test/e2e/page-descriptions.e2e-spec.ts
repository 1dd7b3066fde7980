// Every page tells search engines and link previews what it is: a meta description of its own (the
// page's title with the product's purpose, or the page's own summary where it has one).
import { startTestApp, TestApp } from '../support/test-app';

const description = (html: string) => /<meta name="description" content="([^"]*)">/.exec(html)?.[1];

describe('page descriptions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives each public page a description of its own, in the page language', async () => {
    const seen = new Set<string>();
    for (const path of ['/signin', '/verify', '/open-data', '/knowledge', '/signin?lang=en', '/no-such-page']) {
      const page = await t.http().get(path).set('accept', 'text/html');
      const text = description(page.text);
      expect(text && text.length).toBeGreaterThan(20);
      expect(seen.has(text!)).toBe(false);
      seen.add(text!);
    }
    const open = description((await t.http().get('/open-data?lang=en').set('accept', 'text/html')).text);
    expect(open).toMatch(/agenc/i); // the page's own lead, not the generic line
  });
});
