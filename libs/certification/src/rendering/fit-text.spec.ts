import { fitText } from './certificate-pdf';

// The measure is the font's own (fontkit): a line's width is its glyph advances at the size chosen.
describe('fitText, which sets a line of the certificate to its width', () => {
  const box = { maxWidth: 700, size: 28, minSize: 18, bold: true };

  it("keeps a name that fits at the template's size", () => {
    expect(fitText('Батбаярын Оюунчимэг', box)).toEqual({ size: 28, lines: ['Батбаярын Оюунчимэг'] });
  });

  it('shrinks a long name no further than the smallest size, on one line', () => {
    const fitted = fitText('Энхтөрийн Батбаярын Оюунчимэг-Өлзийжаргалсайхан', box);
    expect(fitted.lines).toHaveLength(1);
    expect(fitted.size).toBeLessThan(28);
    expect(fitted.size).toBeGreaterThanOrEqual(18);
    expect(fitText(fitted.lines[0], { ...box, size: fitted.size, minSize: fitted.size }).size).toBe(fitted.size); // it fits at that size
  });

  it('wraps a longer name to two even lines at the smallest size, each within the width', () => {
    const name = 'Энхтөрийн Батбаярын Оюунчимэг-Өлзийжаргалсайхан Ганбаатарын Цэцэгмаа Дашдондогийн';
    const fitted = fitText(name, box);
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines.join(' ')).toBe(name);
    expect(fitted.size).toBe(18);
    for (const line of fitted.lines) expect(fitText(line, { ...box, size: 18 }).size).toBe(18);
  });

  it('goes below the smallest size rather than off the page when even two lines are too wide', () => {
    const word = 'Оюунчимэг'.repeat(12);
    const fitted = fitText(word, box);
    expect(fitted.lines).toEqual([word]);
    expect(fitted.size).toBeLessThan(18);
    expect(fitText(word, { ...box, size: fitted.size, minSize: fitted.size })).toEqual(fitted);
  });
});
