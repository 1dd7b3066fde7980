import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeFileNames, parseKnowledgeFile } from './knowledge-content';

const file = (front: string, body = 'Body text.') => ({ file: 'sample-doc.md', text: `---\n${front}\n---\n${body}\n` });
const valid =
  'slug: sample-doc\ntitle: "Sample document"\nsummary: "Short"\ntype: guideline\nlanguage: en\nagency: ministry-finance\nvisibility: public\ntags: [Procurement, transparency]\npublishedAt: 2025-03-14\nreviewBy: 2027-03-14';

describe('knowledge content files', () => {
  it('reads front matter and body', () => {
    const parsed = parseKnowledgeFile(file(valid, '## Heading\n\nText'));
    expect(parsed).toEqual({
      slug: 'sample-doc',
      agencyCode: 'ministry-finance',
      snapshot: {
        title: 'Sample document',
        summary: 'Short',
        body: '## Heading\n\nText\n',
        type: 'guideline',
        tags: ['procurement', 'transparency'],
        language: 'en',
        visibility: 'public',
      },
      publishedAt: new Date('2025-03-14T00:00:00+08:00'),
      reviewBy: '2027-03-14',
    });
  });

  it.each([
    ['a slug that is not the file name', valid.replace('slug: sample-doc', 'slug: other'), /slug "other" must equal/],
    ['an unknown type', valid.replace('type: guideline', 'type: memo'), /type must be one of/],
    ['an unknown visibility', valid.replace('visibility: public', 'visibility: secret'), /visibility must be/],
    ['a bad date', valid.replace('reviewBy: 2027-03-14', 'reviewBy: next year'), /reviewBy must be a date/],
  ])('names the file and the problem for %s', (_, front, message) => {
    expect(() => parseKnowledgeFile(file(front))).toThrow(message);
    expect(() => parseKnowledgeFile(file(front))).toThrow(/content\/knowledge\/sample-doc\.md/);
  });

  it('refuses a file without front matter', () => {
    expect(() => parseKnowledgeFile({ file: 'x-doc.md', text: '# Just markdown' })).toThrow(/front matter/);
  });

  it('parses every fixture and every shipped document', () => {
    for (const dir of [
      join(__dirname, '../../../../test/fixtures/knowledge'),
      join(__dirname, '../../../../content/knowledge'),
    ]) {
      let names: string[];
      try {
        names = knowledgeFileNames(readdirSync(dir));
      } catch {
        continue; // content/knowledge may not exist yet
      }
      for (const name of names)
        expect(parseKnowledgeFile({ file: name, text: readFileSync(join(dir, name), 'utf8') }).slug).toBe(
          name.replace(/\.md$/, ''),
        );
    }
  });
});
