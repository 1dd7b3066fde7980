// Every CSV the product writes goes through writeCsv: a text cell that a spreadsheet would run as a
// formula (=, +, -, @, tab or carriage return first) is prefixed with a single quote, as OWASP's
// "CSV injection" guidance advises, so a person named =HYPERLINK(…) stays text when HR opens the file.
// Numbers stay numbers (a negative figure is not a formula); readCsvCell undoes the prefix for the
// CSVs the product reads back.
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text a spreadsheet shows as written: a leading quote before a formula's first character. */
export function spreadsheetText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell as its author typed it: the quote spreadsheetText (or a spreadsheet user) put before a formula character removed. */
export function readCsvCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * A CSV file with a header row, text cells made spreadsheet-safe. `spreadsheet` (downloads for HR
 * to open in a spreadsheet) starts with a byte-order mark so spreadsheets read UTF-8; `rfc4180`
 * (open data, read by programs) has no mark and ends lines with CRLF, as RFC 4180 says, its
 * encoding declared by the data package instead.
 */
export function writeCsv<K extends string>(
  records: Record<K, unknown>[],
  columns: readonly K[],
  format: 'spreadsheet' | 'rfc4180' = 'spreadsheet',
): string {
  return stringify(records, {
    header: true,
    columns: [...columns],
    bom: format === 'spreadsheet',
    record_delimiter: format === 'rfc4180' ? 'windows' : 'unix',
    cast: { string: spreadsheetText },
  });
}
