import { fieldsWithControlCharacters, jsonNestingExceeds } from './request-input';

describe('request input', () => {
  it('measures JSON nesting on the text, ignoring brackets inside strings and escaped quotes', () => {
    expect(jsonNestingExceeds('[[[1]]]', 3)).toBe(false);
    expect(jsonNestingExceeds('[[[[1]]]]', 3)).toBe(true);
    expect(jsonNestingExceeds('{"a":{"b":{"c":1}}}', 3)).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ a: '[[[[[[', b: 'say \\"[[[[' }), 2)).toBe(false);
    expect(jsonNestingExceeds('['.repeat(100_000), 64)).toBe(true);
  });

  it('names every field, key and list item holding a control character', () => {
    const body = {
      title: 'ok\ttab\r\nline',
      name: 'a\u0000b',
      modules: [{ lessons: [{ title: 'x' }, { title: '\u001b' }] }],
      answers: { ['k\u0000']: 'v' },
    };
    expect(fieldsWithControlCharacters(body)).toEqual(['name', 'modules.0.lessons.1.title', 'answers']);
    expect(fieldsWithControlCharacters('csv\u0000text')).toEqual(['body']);
    expect(fieldsWithControlCharacters({ file: Buffer.from([0, 1, 2]) })).toEqual([]);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(fieldsWithControlCharacters(deep)).toHaveLength(1);
  });
});
