// Reads a trainer's attendance sheet (CSV with a header row: email or staff_number, attended,
// optional score). Every row that cannot be read is returned with its line number and why, never
// dropped; the rows that can be read are returned for matching against the people registered.
import { parse } from 'csv-parse/sync';
import { readCsvCell } from '@chadavkhi/platform';
import type { AttendanceProblemView } from './dto/session.view';

export const MAX_ATTENDANCE_CSV_BYTES = 256 * 1024;
export const MAX_ATTENDANCE_CSV_ROWS = 2000;

export interface AttendanceCsvRow {
  line: number;
  email: string | null;
  staffNumber: string | null;
  attended: boolean;
  score: number | null;
}

const YES = new Set(['yes', 'y', '1', 'true', 'тийм', 'ирсэн']);
const NO = new Set(['no', 'n', '0', 'false', 'үгүй', 'ирээгүй']);

function problem(line: number, reason: string, message: string, who?: string): AttendanceProblemView {
  return who ? { line, who, reason, message } : { line, reason, message };
}

/** "Staff number", "STAFF_NUMBER", "e-mail" all name the same columns. */
function columnName(header: string): string {
  const name = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (name === 'e_mail' || name === 'mail') return 'email';
  if (name === 'staff_no' || name === 'staffnumber') return 'staff_number';
  return name;
}

export function parseAttendanceCsv(text: string): { rows: AttendanceCsvRow[]; problems: AttendanceProblemView[] } {
  const problems: AttendanceProblemView[] = [];
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  // Spreadsheets set to a comma-decimal locale save with semicolons.
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error)
          problems.push(
            problem(
              Number((error as { lines?: unknown }).lines ?? 0),
              'malformed',
              `This line cannot be read as CSV: ${error.message}`,
            ),
          );
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      rows: [],
      problems: [
        ...problems,
        problem(line, 'malformed', `The file cannot be read as CSV: ${(error as Error).message}`),
      ],
    };
  }
  if (!records.length)
    return {
      rows: [],
      problems: [
        ...problems,
        problem(
          1,
          'malformed',
          'The file is empty: it needs a header row (email or staff_number, attended, score) and a row per person.',
        ),
      ],
    };

  const [header, ...data] = records;
  const columns = header.record.map(columnName);
  const at = (name: string) => columns.indexOf(name);
  const [emailAt, staffAt, attendedAt, scoreAt] = [at('email'), at('staff_number'), at('attended'), at('score')];
  if ((emailAt < 0 && staffAt < 0) || attendedAt < 0) {
    return {
      rows: [],
      problems: [
        ...problems,
        problem(
          header.info.lines,
          'malformed',
          'The header row must name the columns email or staff_number, attended, and optionally score.',
        ),
      ],
    };
  }
  if (data.length > MAX_ATTENDANCE_CSV_ROWS) {
    return {
      rows: [],
      problems: [
        ...problems,
        problem(
          data[MAX_ATTENDANCE_CSV_ROWS].info.lines,
          'malformed',
          `At most ${MAX_ATTENDANCE_CSV_ROWS} rows can be read at once.`,
        ),
      ],
    };
  }

  const rows: AttendanceCsvRow[] = [];
  for (const { record, info } of data) {
    const line = info.lines;
    // A sheet made from the staff export carries its quoted formula characters ("'-042"): read them as typed.
    const cell = (i: number) => (i >= 0 ? readCsvCell((record[i] ?? '').trim()) : '');
    if (record.length > columns.length) {
      problems.push(
        problem(line, 'malformed', `This line has ${record.length} values; the header names ${columns.length}.`),
      );
      continue;
    }
    const email = cell(emailAt).toLowerCase() || null;
    const staffNumber = cell(staffAt) || null;
    const who = email ?? staffNumber ?? undefined;
    if (!email && !staffNumber) {
      problems.push(problem(line, 'no_identifier', 'This line names nobody: fill in the email or the staff number.'));
      continue;
    }
    const attendedText = cell(attendedAt).toLowerCase();
    if (!YES.has(attendedText) && !NO.has(attendedText)) {
      problems.push(
        problem(
          line,
          'bad_attended',
          `"attended" must be yes, no, 1 or 0, not "${cell(attendedAt).slice(0, 40)}".`,
          who,
        ),
      );
      continue;
    }
    const scoreText = cell(scoreAt).replace(',', '.').replace(/%$/, '');
    const score = scoreText === '' ? null : /^\d{1,3}(\.\d{1,2})?$/.test(scoreText) ? Number(scoreText) : NaN;
    if (score !== null && !(score >= 0 && score <= 100)) {
      problems.push(
        problem(line, 'bad_score', `"score" must be a number from 0 to 100, not "${cell(scoreAt).slice(0, 40)}".`, who),
      );
      continue;
    }
    rows.push({ line, email, staffNumber, attended: YES.has(attendedText), score });
  }
  return { rows, problems };
}
