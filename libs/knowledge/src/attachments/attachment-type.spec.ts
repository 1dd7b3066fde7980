import { zipSync, strToU8 } from 'fflate';
import { checkAttachment, cleanFilename, sniffAttachment } from './attachment-type';

const docx = () =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': strToU8(
        '<w:document><w:body><w:p><w:r><w:t>Худалдан авах</w:t></w:r><w:r><w:t xml:space="preserve"> журам &amp; заавар</w:t></w:r></w:p><w:p><w:r><w:t>Second</w:t></w:r></w:p></w:body></w:document>',
      ),
    }),
  );
const xlsx = () =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/sharedStrings.xml': strToU8('<sst><si><t>Төсөв</t></si><si><t>Budget 2025</t></si></sst>'),
    }),
  );
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);

describe('attachment type by content', () => {
  it('recognises the accepted kinds by their bytes', () => {
    expect(sniffAttachment(Buffer.from('%PDF-1.7\n...'))).toBe('pdf');
    expect(sniffAttachment(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffAttachment(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffAttachment(docx())).toBe('docx');
    expect(sniffAttachment(xlsx())).toBe('xlsx');
    expect(sniffAttachment(Buffer.from('Энгийн текст\nplain text'))).toBe('txt');
  });

  it('refuses programs, HTML, SVG and other zips', () => {
    expect(sniffAttachment(elf)).toBeNull();
    expect(sniffAttachment(Buffer.from('MZ\x90\x00\x03\x00\x00\x00'))).toBeNull();
    expect(sniffAttachment(Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffAttachment(Buffer.from('hello <script>alert(1)</script>'))).toBeNull();
    expect(sniffAttachment(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeNull();
    expect(sniffAttachment(Buffer.from(zipSync({ 'a.txt': strToU8('x') })))).toBeNull();
  });

  it('refuses a name whose extension lies about the content', () => {
    expect(checkAttachment('report.pdf', elf)).toEqual({
      ok: false,
      reason: expect.stringContaining('not one of the accepted kinds'),
    });
    expect(checkAttachment('report.pdf', Buffer.from('just text'))).toEqual({
      ok: false,
      reason: expect.stringContaining('text/plain'),
    });
    expect(checkAttachment('image.png', Buffer.from('%PDF-1.4'))).toEqual({
      ok: false,
      reason: expect.stringContaining('application/pdf'),
    });
    expect(checkAttachment('report.PDF', Buffer.from('%PDF-1.4'))).toEqual({
      ok: true,
      kind: 'pdf',
      mediaType: 'application/pdf',
    });
  });

  it('cleans file names', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(cleanFilename('a"b\r\n.txt')).toBe('a_b_.txt');
    expect(cleanFilename('...')).toBeNull();
  });

  it('drops bidirectional controls, so a name cannot show an extension it does not have', () => {
    expect(cleanFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    const every = [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ];
    expect(cleanFilename(`тай${every.join('')}лан.txt`)).toBe('тайлан.txt');
    expect(cleanFilename('\u202E\u2067')).toBeNull();
  });
});
