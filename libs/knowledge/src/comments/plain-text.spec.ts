import { plainText } from './plain-text';

// A tag that a browser would build from the text if it were inserted as HTML.
const LIVE_TAG = /<[A-Za-z!/?]/;

describe('plain text of comments', () => {
  it('keeps what people write, symbols included', () => {
    expect(plainText('A & B < C > D, "quoted" \'too\'')).toBe('A & B < C > D, "quoted" \'too\'');
    expect(plainText('  Сайн уу?  ')).toBe('Сайн уу?');
  });

  it('removes tags, and tags written as entities or split around another tag', () => {
    expect(plainText('Hi <img src=x onerror=alert(1)>there')).toBe('Hi there');
    expect(plainText('Hi &lt;img src=x onerror=alert(1)&gt; &lt;svg onload=alert(1)&gt;there')).toBe('Hi  there');
    expect(plainText('&#60;img src=x onerror=alert(1)&#62;ok')).toBe('ok');
    expect(plainText('&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;ok')).toBe('ok');
    expect(plainText('<<b>img src=x onerror=alert(1)>ok')).toBe('ok');
  });

  it('never leaves anything that opens a tag, however deeply it was encoded or hidden', () => {
    const nested = (s: string, times: number) =>
      Array.from({ length: times }).reduce<string>((acc) => acc.replaceAll('&', '&amp;'), s);
    const attacks = [
      nested('&lt;img src=x onerror=alert(1)&gt;', 12),
      '&lt;\u200Bimg src=x onerror=alert(1)&gt;',
      '&lt;&#x200B;svg onload=alert(1)&gt;',
      '&lt;!--x--&gt;&lt;/p&gt;&lt;?php',
      'x <img src=x onerror=alert(1)',
    ];
    for (const attack of attacks) expect(plainText(attack)).not.toMatch(LIVE_TAG);
  });
});
