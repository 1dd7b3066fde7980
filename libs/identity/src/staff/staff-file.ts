// Reads a staff file (CSV in UTF-8, or XLSX with one sheet) into checked records, each with the line
// it came from, or a reason the whole file cannot be read. Pure and synchronous: it runs in a worker
// thread (staff-file.thread.ts), so a large or hostile file never holds up the event loop.
import { parse, type Options } from 'csv-parse/sync';
import {
  checkStaffRecord,
  REQUIRED_STAFF_COLUMNS,
  STAFF_COLUMNS,
  type StaffColumn,
  type StaffRecord,
  type StaffRecordProblem,
} from './staff-record';

/** A row that could be read, checked on its own (references to other rows are the planner's job). */
export interface StaffFileRow {
  line: number;
  record: StaffRecord;
}

/** A row refused on its own, with every reason found. */
export interface StaffRowProblem extends StaffRecordProblem {
  line: number;
  registrationNumber?: string;
}

export type StaffFileResult =
  | { ok: true; format: 'csv' | 'xlsx'; rows: StaffFileRow[]; problems: StaffRowProblem[] }
  | { ok: false; code: StaffFileRefusalCode; message: string };

export type StaffFileRefusalCode =
  'empty' | 'encoding' | 'format' | 'columns' | 'several-sheets' | 'too-many-rows' | 'unreadable';

const NO_FORMULAS: readonly number[] = [];
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Cells a spreadsheet would run as a formula when the file is opened again (CSV injection): =, @, tab, CR always; + and - unless the cell is a number or a phone number. */
function looksLikeFormula(value: string): boolean {
  if (!value) return false;
  const first = value[0];
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return true;
  return (first === '+' || first === '-') && !/^[+-][0-9 ()-]*$/.test(value);
}

export function readStaffFile(bytes: Uint8Array, fileName: string, maxRows: number): StaffFileResult {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buffer.length) return { ok: false, code: 'empty', message: 'The file is empty.' };
  const isZip = buffer.subarray(0, 4).equals(XLSX_MAGIC);
  if (isZip || /\.xlsx$/i.test(fileName))
    return isZip
      ? { ok: false, code: 'unreadable', message: 'XLSX files are read by readStaffWorkbook.' }
      : { ok: false, code: 'format', message: 'The file is named .xlsx but is not an XLSX workbook.' };
  return readCsv(buffer, maxRows);
}

function readCsv(buffer: Buffer, maxRows: number): StaffFileResult {
  if (
    buffer.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) ||
    buffer.subarray(0, 2).equals(Buffer.from([0xfe, 0xff]))
  )
    return encodingRefusal('it is UTF-16');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return encodingRefusal('it is not UTF-8 (perhaps Windows-1251)');
  }
  if (text.includes('\u0000')) return encodingRefusal('it holds NUL characters');
  const table = new StaffTable('csv', maxRows);
  try {
    // Each record is checked as it is parsed and its cells dropped (a 200,000-row file never sits in
    // memory twice); on_record reads the line from the parser's live context (`info: true` copies it).
    const options: Options = {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      delimiter: sniffDelimiter(text),
      to_line: maxRows + 2,
      on_record: ((record: string[], context: { lines: number }) => {
        table.add(context.lines, record);
        return null;
      }) as unknown as Options['on_record'],
    };
    parse(text, options);
  } catch (error) {
    return { ok: false, code: 'format', message: `The CSV cannot be read: ${(error as Error).message}` };
  }
  return table.result();
}

/** Comma, or semicolon (what spreadsheets in many locales save as "CSV"), whichever the header uses. */
function sniffDelimiter(text: string): string {
  const header = text.slice(0, text.indexOf('\n') >>> 0 || text.length);
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

function encodingRefusal(why: string): StaffFileResult {
  return {
    ok: false,
    code: 'encoding',
    message: `The file cannot be read as text: ${why}. Save it as "CSV UTF-8" (or as XLSX) and upload it again.`,
  };
}

/**
 * A staff table read row by row (CSV records or worksheet rows): the first row is the header, each
 * later row is checked on its own as it arrives. Refused as a whole for wrong columns or too many rows.
 */
export class StaffTable {
  private columns?: string[];
  private refusal?: Extract<StaffFileResult, { ok: false }>;
  private count = 0;
  private readonly rows: StaffFileRow[] = [];
  private readonly problems: StaffRowProblem[] = [];

  constructor(
    private readonly format: 'csv' | 'xlsx',
    private readonly maxRows: number,
  ) {}

  /** Takes the next row as read; false once the table is refused (the reader may stop). */
  add(line: number, cells: string[], formulas: readonly number[] = NO_FORMULAS): boolean {
    if (this.refusal) return false;
    if (!this.columns) {
      this.header(cells);
      return !this.refusal;
    }
    if (!cells.some((c) => c.trim())) return true;
    if (++this.count > this.maxRows) {
      this.refusal = {
        ok: false,
        code: 'too-many-rows',
        message: `The file has more than ${this.maxRows} people; split it by agency.`,
      };
      return false;
    }
    const columns = this.columns;
    const raw: Partial<Record<StaffColumn, string>> = {};
    const rowProblems: StaffRecordProblem[] = [];
    columns.forEach((column, i) => {
      const value = (cells[i] ?? '').trim();
      if (formulas.includes(i) || looksLikeFormula(value))
        rowProblems.push({
          field: column,
          code: 'formula',
          message: `${column} holds a formula; give the value itself`,
        });
      else raw[column as StaffColumn] = value;
    });
    if (cells.length > columns.length && cells.slice(columns.length).some((c) => c.trim()))
      rowProblems.push({
        field: '',
        code: 'extra-cells',
        message: 'the row has more cells than the header has columns',
      });
    const checked = checkStaffRecord(raw);
    const all = 'problems' in checked ? [...rowProblems, ...checked.problems] : rowProblems;
    if (all.length) {
      const registrationNumber = raw.registration_number?.trim() || undefined;
      for (const p of all) this.problems.push({ line, registrationNumber, ...p });
    } else this.rows.push({ line, record: (checked as { record: StaffRecord }).record });
    return true;
  }

  result(): StaffFileResult {
    if (this.refusal) return this.refusal;
    if (!this.columns) return { ok: false, code: 'empty', message: 'The file has no header row.' };
    return { ok: true, format: this.format, rows: this.rows, problems: this.problems };
  }

  private header(cells: string[]): void {
    const columns = cells.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
    const unknown = columns.filter((c) => c && !(STAFF_COLUMNS as readonly string[]).includes(c));
    const missing = REQUIRED_STAFF_COLUMNS.filter((c) => !columns.includes(c));
    const repeated = columns.filter((c, i) => c && columns.indexOf(c) !== i);
    if (unknown.length || missing.length || repeated.length)
      this.refusal = {
        ok: false,
        code: 'columns',
        message: [
          missing.length ? `missing column(s): ${missing.join(', ')}` : '',
          unknown.length ? `unknown column(s): ${unknown.slice(0, 10).join(', ')}` : '',
          repeated.length ? `repeated column(s): ${[...new Set(repeated)].join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; ')
          .concat(`. The columns are: ${STAFF_COLUMNS.join(', ')} (README, "Staff import").`),
      };
    else this.columns = columns;
  }
}
