import { renderSafeMarkdown } from './safe-markdown';

describe('safe markdown', () => {
  it('renders headings, lists, emphasis and links', () => {
    const html = renderSafeMarkdown('## Ёс зүй\n\n- **Шударга** байх\n- [Хууль](https://legalinfo.mn)');
    expect(html).toContain('<h2>Ёс зүй</h2>');
    expect(html).toContain('<strong>Шударга</strong>');
    expect(html).toContain(
      '<a href="https://legalinfo.mn" rel="noopener noreferrer nofollow" target="_blank">Хууль</a>',
    );
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>'],
    ['an image with onerror', '<img src=x onerror="alert(1)">'],
    ['a javascript: link', '[click](javascript:alert(1))'],
    ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a markdown image with a javascript: source', '![x](javascript:alert(1))'],
    ['an inline event handler in html', '<a href="https://x.mn" onclick="alert(1)">x</a>'],
  ])('renders %s harmless', (_, source) => {
    const html = renderSafeMarkdown(source);
    // Text that merely shows the attack (escaped) is fine; a live tag, handler attribute or URL is not.
    expect(html).not.toMatch(/<script|<iframe|<[^>]*\son[a-z]+\s*=|(href|src)\s*=\s*"(javascript|data):/i);
  });
});

describe('markdown images', () => {
  const DOC = '0b5e1a3c-4d2f-4a6b-9c8d-7e6f5a4b3c2d';
  const FILE = '1c6f2b4d-5e3a-4b7c-8d9e-8f7a6b5c4d3e';

  it.each([
    ['a static file', '/assets/icons/icon-192.png', '/assets/icons/icon-192.png'],
    [
      "a knowledge document's attachment",
      `/api/v1/knowledge/documents/${DOC}/attachments/${FILE}`,
      `/api/v1/knowledge/documents/${DOC}/attachments/${FILE}`,
    ],
    ['an inline PNG', 'data:image/png;base64,iVBORw0KGgo=', 'data:image/png;base64,iVBORw0KGgo='],
  ])('shows %s', (_, src, shown) => {
    expect(renderSafeMarkdown(`![Зураг](${src})`)).toBe(`<p><img src="${shown}" alt="Зураг" /></p>\n`);
  });

  it.each([
    ["the probe's staff export", `/api/v1/agencies/${DOC}/staff.csv`],
    ['the same export with a query', `/api/v1/agencies/${DOC}/staff.xlsx?lang=en`],
    ['any other API route', '/api/v1/me'],
    ['a page', '/signout'],
    ['a page with a query', '/hr?agency=x'],
    ['a way out of /assets/', '/assets/../api/v1/me'],
    ['an encoded way out of /assets/', '/assets/%2e%2e/api/v1/me'],
    ['a backslash way out', '/assets/..\\api/v1/me'],
    ['a static file with a query', '/assets/icons/icon.svg?x=1'],
    ['a relative path', 'api/v1/me'],
    ['a protocol-relative address', '//evil.example/x.png'],
    ['another site', 'https://evil.example/x.png'],
    ['this site by its full address', 'https://chadavkhi.mn/api/v1/me'],
    ['plain http', 'http://example.mn/x.png'],
    ['an SVG data image', 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='],
    ['an HTML data URL', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ])('shows no image for %s, only text', (_, src) => {
    const html = renderSafeMarkdown(`Өмнө ![Зураг](${src}) дараа`);
    expect(html).not.toMatch(/<img/);
    expect(html).toMatch(/^<p>Өмнө .*Зураг.* дараа<\/p>\n$/);
    expect(renderSafeMarkdown(`<img src="${src}" alt="x">`)).not.toMatch(/<img/);
  });
});
