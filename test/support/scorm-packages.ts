// SCORM packages written by the tests themselves: a single-SCO SCORM 1.2 package and a multi-SCO
// SCORM 2004 4th edition one, each an imsmanifest.xml and a few HTML pages zipped with fflate.
import { zipSync, type Zippable } from 'fflate';

const page = (title: string, body = '') =>
  `<!doctype html><html lang="mn"><head><meta charset="utf-8"><title>${title}</title><script src="../shared/api.js"></script></head><body><h1>${title}</h1>${body}</body></html>`;

export function zip(files: Record<string, string | Buffer | Uint8Array>, level: 0 | 6 = 6): Buffer {
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(files))
    entries[name] = [
      typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content),
      { level },
    ];
  return Buffer.from(zipSync(entries));
}

export function scorm12Manifest(o: { launch?: string; title?: string; extraFiles?: string[] } = {}): string {
  const launch = o.launch ?? 'sco/index.html';
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.ethics12" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org1">
    <organization identifier="org1">
      <title>${o.title ?? 'Ашиг сонирхлын зөрчил'}</title>
      <item identifier="item1" identifierref="res1">
        <title>Ашиг сонирхлын зөрчлийг таних</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormtype="sco" href="${launch}">
      <file href="${launch}"/>
      <file href="shared/api.js"/>
      ${(o.extraFiles ?? []).map((f) => `<file href="${f}"/>`).join('\n      ')}
    </resource>
  </resources>
</manifest>`;
}

/** Single-SCO SCORM 1.2. */
export function scorm12Package(o: { title?: string; marker?: string } = {}): Buffer {
  return zip({
    'imsmanifest.xml': scorm12Manifest({ title: o.title }),
    'sco/index.html': page('Ашиг сонирхол', `<p>${o.marker ?? 'Нэг'}</p>`),
    'shared/api.js': 'window.scormReady = true;',
  });
}

export function scorm2004Manifest(o: { schemaVersion?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="mn.gov.procurement2004" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:lom="http://ltsc.ieee.org/xsd/LOM">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${o.schemaVersion ?? '2004 4th Edition'}</schemaversion>
    <lom:lom><lom:general>
      <lom:title><lom:string language="mn">Төрийн худалдан авах ажиллагаа</lom:string></lom:title>
      <lom:description><lom:string language="mn">Тендер шалгаруулалтын журам, гэрээний хяналт.</lom:string></lom:description>
    </lom:general></lom:lom>
  </metadata>
  <organizations default="procurement">
    <organization identifier="procurement" adlseq:objectivesGlobalToSystem="false">
      <title>Худалдан авах ажиллагаа</title>
      <item identifier="m1" identifierref="sco1"><title>Тендерийн урилга</title></item>
      <item identifier="m2"><title>Гэрээ</title>
        <item identifier="m2a" identifierref="sco2" parameters="?part=1"><title>Гэрээний хяналт</title></item>
        <item identifier="m2b" identifierref="quiz"><title>Шалгалт</title></item>
      </item>
      <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
    </organization>
  </organizations>
  <resources xml:base="content/">
    <resource identifier="sco1" type="webcontent" adlcp:scormType="sco" href="invitation.html">
      <file href="invitation.html"/><dependency identifierref="common"/>
    </resource>
    <resource identifier="sco2" type="webcontent" adlcp:scormType="sco" href="contract.html">
      <file href="contract.html"/><dependency identifierref="common"/>
    </resource>
    <resource identifier="quiz" type="webcontent" adlcp:scormType="sco" href="quiz.html">
      <file href="quiz.html"/><dependency identifierref="common"/>
    </resource>
    <resource identifier="common" type="webcontent" adlcp:scormType="asset">
      <file href="shared/api.js"/>
    </resource>
  </resources>
</manifest>`;
}

/** Multi-SCO SCORM 2004 4th edition, with a quiz page. */
export function scorm2004Package(o: { schemaVersion?: string } = {}): Buffer {
  return zip({
    'imsmanifest.xml': scorm2004Manifest(o),
    'content/invitation.html': page('Тендерийн урилга'),
    'content/contract.html': page('Гэрээний хяналт'),
    'content/quiz.html': page('Шалгалт', '<form><input name="q1"></form>'),
    'content/shared/api.js': 'window.scormReady = true;',
  });
}
