import { scorm12Manifest, scorm2004Manifest } from '../../../../test/support/scorm-packages';
import { packagePath, parseScormManifest, scormLessonMarkdown } from './scorm-manifest';
import { ScormRefusal } from './scorm-refusal';
import { INLINE_MANIFEST_BYTES, ScormManifestReader } from './scorm-manifest-reader';

const slugOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof ScormRefusal) return error.slug;
    throw error;
  }
  return null;
};

describe('SCORM manifest', () => {
  it('reads a single-SCO SCORM 1.2 manifest: version, item, launch page, mastery score, the files it names', () => {
    const { manifest, namedFiles } = parseScormManifest(scorm12Manifest());
    expect(manifest).toEqual(
      expect.objectContaining({
        version: '1.2',
        title: 'Ашиг сонирхлын зөрчил',
        launch: 'sco/index.html',
        scoCount: 1,
      }),
    );
    expect(manifest.organization.items).toEqual([
      expect.objectContaining({ identifier: 'item1', scormType: 'sco', masteryScore: 80, launch: 'sco/index.html' }),
    ]);
    expect(namedFiles.sort()).toEqual(['sco/index.html', 'shared/api.js']);
  });

  it('reads a multi-SCO SCORM 2004 4th edition manifest: LOM title and description, nested items, xml:base, parameters', () => {
    const { manifest, namedFiles } = parseScormManifest(scorm2004Manifest());
    expect(manifest.version).toBe('2004-4');
    expect(manifest.title).toBe('Төрийн худалдан авах ажиллагаа');
    expect(manifest.description).toBe('Тендер шалгаруулалтын журам, гэрээний хяналт.');
    expect(manifest.scoCount).toBe(3);
    expect(manifest.launch).toBe('content/invitation.html');
    const contract = manifest.organization.items[1];
    expect(contract).toEqual(expect.objectContaining({ title: 'Гэрээ', launch: null }));
    expect(contract.children[0].launch).toBe('content/contract.html?part=1');
    expect(namedFiles).toContain('content/shared/api.js');
    expect(scormLessonMarkdown(manifest)).toContain('  - Гэрээний хяналт');
    expect(parseScormManifest(scorm2004Manifest({ schemaVersion: '2004 3rd Edition' })).manifest.version).toBe(
      '2004-3',
    );
  });

  it('refuses what it cannot run or trust', () => {
    expect(slugOf(() => parseScormManifest(scorm2004Manifest({ schemaVersion: '2004 2nd Edition' })))).toBe(
      'unsupported-version',
    );
    expect(slugOf(() => parseScormManifest(scorm2004Manifest({ schemaVersion: 'CAM 1.3' })))).toBe(
      'unsupported-version',
    );
    expect(slugOf(() => parseScormManifest('<manifest><organizations>'))).toBe('invalid-manifest');
    expect(slugOf(() => parseScormManifest('<!DOCTYPE m [<!ENTITY x "y">]><manifest/>'))).toBe('invalid-manifest');
    expect(slugOf(() => parseScormManifest(scorm12Manifest({ launch: '../../etc/passwd' })))).toBe('unsafe-path');
    expect(slugOf(() => parseScormManifest(scorm12Manifest({ launch: 'C:/x.html' })))).toBe('unsafe-path');
    expect(() => packagePath('', 'a/../../b')).toThrow(ScormRefusal);
    expect(packagePath('content/', 'a/./b%20c.html?x=1')).toBe('content/a/b c.html');
  });
});

describe('a large manifest, read in a worker thread', () => {
  const reader = new ScormManifestReader();
  afterAll(() => reader.onModuleDestroy());

  const large = (schemaVersion: string) => {
    const items: string[] = [];
    const resources: string[] = [];
    for (let i = 0; i < 1500; i++) {
      items.push(`<item identifier="i${i}" identifierref="r${i}"><title>Хичээл ${i}</title></item>`);
      resources.push(
        `<resource identifier="r${i}" type="webcontent" adlcp:scormtype="sco" href="p/${i}.html"><file href="p/${i}.html"/></resource>`,
      );
    }
    return `<?xml version="1.0"?><manifest identifier="big" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"><metadata><schemaversion>${schemaVersion}</schemaversion></metadata><organizations default="o"><organization identifier="o"><title>Том</title>${items.join('')}</organization></organizations><resources>${resources.join('')}</resources></manifest>`;
  };

  it('parses it off the event loop, and brings a refusal back as a refusal', async () => {
    const xml = large('1.2');
    expect(Buffer.byteLength(xml)).toBeGreaterThan(INLINE_MANIFEST_BYTES);
    const { manifest, namedFiles } = await reader.read(xml);
    expect(manifest.organization.items).toHaveLength(1500);
    expect(namedFiles).toHaveLength(1500);
    await expect(reader.read(large('2004 2nd Edition'))).rejects.toEqual(
      expect.objectContaining({ slug: 'unsupported-version' }),
    );
    await expect(reader.read(large('2004 2nd Edition'))).rejects.toBeInstanceOf(ScormRefusal);
  }, 60_000);
});
