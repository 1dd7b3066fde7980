// Reads an XLSX staff file (one sheet) with exceljs's streaming reader, after fflate has looked at the
// zip's directory: a workbook declaring more than MAX_INFLATED_BYTES or MAX_ENTRIES is refused before
// anything is inflated (a zip bomb); one that lies about its sizes meets the thread's heap and time limits.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { StaffTable, type StaffFileResult } from './staff-file';

const MAX_INFLATED_BYTES = 256 * 1024 * 1024;
const MAX_ENTRIES = 2_000;

export async function readStaffWorkbook(bytes: Uint8Array, maxRows: number): Promise<StaffFileResult> {
  let declared = 0;
  let entries = 0;
  let sheets = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        declared += file.originalSize;
        entries++;
        if (/^xl\/worksheets\/sheet[^/]*\.xml$/.test(file.name)) sheets++;
        return false; // look, never inflate
      },
    });
  } catch {
    return { ok: false, code: 'format', message: 'The file is not a readable XLSX workbook.' };
  }
  if (declared > MAX_INFLATED_BYTES || entries > MAX_ENTRIES)
    return {
      ok: false,
      code: 'unreadable',
      message: `The workbook would expand past ${MAX_INFLATED_BYTES / 1024 / 1024} MiB or ${MAX_ENTRIES} parts; it is refused unread.`,
    };
  if (sheets === 0) return { ok: false, code: 'format', message: 'The workbook has no worksheet.' };
  if (sheets > 1)
    return {
      ok: false,
      code: 'several-sheets',
      message: `The workbook has ${sheets} sheets; keep only the staff list (one sheet) and upload it again.`,
    };

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes)), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const table = new StaffTable('xlsx', maxRows);
  try {
    sheets: for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const cells: string[] = [];
        const formulas: number[] = [];
        const values = row.values as ExcelJS.CellValue[]; // 1-based
        for (let i = 1; i < values.length; i++) {
          const { text, formula } = cellText(values[i]);
          cells[i - 1] = text;
          if (formula) formulas.push(i - 1);
        }
        for (let i = 0; i < cells.length; i++) cells[i] ??= '';
        if (!table.add(row.number, cells, formulas)) break sheets;
      }
    }
  } catch (error) {
    return { ok: false, code: 'format', message: `The workbook cannot be read: ${(error as Error).message}` };
  }
  return table.result();
}

function cellText(value: ExcelJS.CellValue): { text: string; formula: boolean } {
  if (value === null || value === undefined) return { text: '', formula: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false };
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { text: '', formula: true };
    if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), formula: false };
    if ('text' in value) return { text: String(value.text), formula: false };
    if ('error' in value) return { text: '', formula: false };
    return { text: '', formula: false };
  }
  return { text: String(value), formula: false };
}
