// Hostile archives for tests, written byte by byte: each entry declares whatever sizes the test
// wants, and may inflate to hundreds of MiB from a few hundred KiB.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** Stored as is (compression method 0) when a string or Buffer; raw deflate data (from deflatedXml) otherwise. */
  content: string | Buffer | DeflatedXml;
  /** The uncompressed size the headers claim; the real one unless given. */
  declaredSize?: number;
  /** Unix mode bits in the central directory (e.g. 0o120777: a symbolic link). */
  unixMode?: number;
}

export interface DeflatedXml {
  deflated: Buffer;
  size: number;
}

const MiB = 1024 * 1024;

/**
 * Raw deflate data of head, then `mib` MiB of unit repeated, then tail, made in milliseconds: each
 * piece ends in a full flush (byte-aligned, history reset), so one compressed MiB can be repeated
 * as often as wanted.
 */
export function deflatedXml(head: string, unit: string, mib: number, tail: string): DeflatedXml {
  const piece = (text: string) => deflateRawSync(text, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const oneMiB = unit.repeat(Math.floor(MiB / Buffer.byteLength(unit)));
  const repeated = piece(oneMiB);
  return {
    deflated: Buffer.concat([piece(head), ...Array.from({ length: mib }, () => repeated), deflateRawSync(tail)]),
    size: Buffer.byteLength(head) + Buffer.byteLength(oneMiB) * mib + Buffer.byteLength(tail),
  };
}

/** A zip archive of the entries (local headers, central directory, end record), sizes as declared. */
export function zipArchive(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = typeof entry.content === 'object' && 'deflated' in entry.content ? entry.content : undefined;
    const data = deflated ? deflated.deflated : Buffer.from(entry.content as string | Buffer);
    const size = entry.declaredSize ?? deflated?.size ?? data.length;
    const crc = deflated ? 0 : crc32(data); // nothing on the way checks it; inflating 400 MiB to compute it would
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(deflated ? 8 : 0, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    local.copy(central, 6, 4, 30); // version needed … name length, as in the local header
    if (entry.unixMode !== undefined) {
      central.writeUInt16LE(0x0314, 4); // made by: Unix
      central.writeUInt32LE((entry.unixMode << 16) >>> 0, 38);
    }
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A DOCX of a few hundred KiB whose word/document.xml inflates to `mib` MiB while its headers claim `declaredSize` (1 KiB). */
export function hostileDocx(mib = 400, declaredSize: number | undefined = 1024): Buffer {
  const xml = deflatedXml(
    '<w:document><w:body>',
    '<w:p><w:r><w:t>Худалдан авах журам</w:t></w:r></w:p>',
    mib,
    '</w:body></w:document>',
  );
  return zipArchive([
    { name: '[Content_Types].xml', content: '<Types/>' },
    { name: 'word/document.xml', content: xml, declaredSize },
  ]);
}

/** An XLSX with `sheets` worksheets of `mib` MiB each, their sizes declared truly unless `declaredSize` is given. */
export function hostileXlsx(sheets = 6, mib = 19, declaredSize?: number): Buffer {
  const sheet = deflatedXml(
    '<worksheet><sheetData>',
    '<row><c t="inlineStr"><is><t>Төсөв</t></is></c></row>',
    mib,
    '</sheetData></worksheet>',
  );
  return zipArchive([
    { name: '[Content_Types].xml', content: '<Types/>' },
    { name: 'xl/workbook.xml', content: '<workbook/>' },
    ...Array.from({ length: sheets }, (_, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      content: sheet,
      declaredSize,
    })),
  ]);
}
