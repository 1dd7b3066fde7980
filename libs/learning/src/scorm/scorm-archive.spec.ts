import { deflatedXml, zipArchive } from '../../../../test/support/zip-bombs';
import { zip } from '../../../../test/support/scorm-packages';
import { readScormArchive, unsafeName } from './scorm-archive';
import { ScormRefusal } from './scorm-refusal';

const limits = { maxFiles: 10, maxUnpackedBytes: 8 * 1024 * 1024, maxRatio: 200 };
const slugOf = async (bytes: Buffer, l = limits) => {
  try {
    await readScormArchive(bytes, l);
  } catch (error) {
    if (error instanceof ScormRefusal) return error.slug;
    throw error;
  }
  return null;
};

describe('SCORM archive', () => {
  it('names every unsafe name', () => {
    expect(unsafeName('sco/index.html')).toBeNull();
    expect(unsafeName('a..b/c.html')).toBeNull(); // dots inside a name are fine
    expect(unsafeName('../x')).toMatch(/\.\./);
    expect(unsafeName('a/../../x')).toMatch(/\.\./);
    expect(unsafeName('/etc/passwd')).toMatch(/absolute/);
    expect(unsafeName('a\\b')).toMatch(/backslash/);
    expect(unsafeName('C:/x')).toMatch(/drive/);
    expect(unsafeName('a\0b')).toMatch(/NUL/);
  });

  it('reads the files with their SHA-256 and counts what they inflate to', async () => {
    const read = await readScormArchive(zip({ 'a/b.html': 'hello', 'c.js': 'x'.repeat(5000) }), limits);
    expect([...read.files.keys()].sort()).toEqual(['a/b.html', 'c.js']);
    expect(read.files.get('a/b.html')).toEqual(
      expect.objectContaining({
        size: 5,
        sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
      }),
    );
    expect(read.unpackedBytes).toBe(5005);
  });

  it('refuses duplicates (whatever their case), bombs, too many files and what is not a zip', async () => {
    expect(
      await slugOf(
        zipArchive([
          { name: 'Index.html', content: 'a' },
          { name: 'index.html', content: 'b' },
        ]),
      ),
    ).toBe('duplicate-file');
    expect(await slugOf(zipArchive([{ name: 'b.html', content: deflatedXml('<p>', 'a', 4, '</p>') }]))).toBe(
      'zip-bomb',
    );
    expect(
      await slugOf(zipArchive([{ name: 'b.html', content: deflatedXml('<p>', 'ab', 4, '</p>') }]), {
        ...limits,
        maxRatio: 1e9,
        maxUnpackedBytes: 2 * 1024 * 1024,
      }),
    ).toBe('unpacked-too-large');
    expect(await slugOf(zip(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}.html`, 'x']))))).toBe(
      'too-many-files',
    );
    expect(await slugOf(Buffer.from('PK not really'))).toBe('not-a-zip');
  });
});
