import { renderSafeMarkdown } from './safe-markdown';

describe('safe markdown', () => {
  it('renders headings, lists, emphasis and links', () => {
    const html = renderSafeMarkdown('## Ёс зүй\n\n- **Шударга** байх\n- [Хууль](https://legalinfo.mn)');
    expect(html).toContain('<h2>Ёс зүй</h2>');
    expect(html).toContain('<strong>Шударга</strong>');
    expect(html).toContain('<a href="https://legalinfo.mn" rel="noopener noreferrer nofollow" target="_blank">Хууль</a>');
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
