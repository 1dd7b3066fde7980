// Staff files for tests: registration numbers that pass the check and never repeat within a run,
// and CSV/XLSX files built from rows keyed by column.
import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { STAFF_COLUMNS } from '@chadavkhi/identity';

const LETTERS = 'АБВГДЕЖЗИКЛМНОӨПРСТУҮФХЦЧШЭЮЯ';
const used = new Set<string>();

/** A valid, unused registration number: two letters, a birth date (1960–2004), two digits. */
export function registrationNumber(): string {
  for (;;) {
    const year = 60 + randomInt(45); // 60–104: born 1960–2004
    const month = randomInt(1, 13) + (year > 99 ? 20 : 0); // born from 2000: month + 20
    const day = randomInt(1, 29);
    const value =
      LETTERS[randomInt(LETTERS.length)] +
      LETTERS[randomInt(LETTERS.length)] +
      String(year % 100).padStart(2, '0') +
      String(month).padStart(2, '0') +
      String(day).padStart(2, '0') +
      String(randomInt(100)).padStart(2, '0');
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
}

export type StaffRow = Partial<Record<(typeof STAFF_COLUMNS)[number], string>>;

/** A person for a file: names, an address and codes filled in unless given. */
export function staffRow(overrides: StaffRow = {}): StaffRow {
  const regnum = overrides.registration_number ?? registrationNumber();
  return {
    registration_number: regnum,
    family_name: 'Батболд',
    given_name: 'Сарангэрэл',
    email: `p-${[...regnum].map((c) => c.charCodeAt(0).toString(16)).join('')}@staff.test.mn`,
    agency_code: 'tax-audit-department',
    position_code: 'tax-inspector',
    ...overrides,
  };
}

export function staffCsv(rows: StaffRow[], columns: readonly string[] = STAFF_COLUMNS): Buffer {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [
    columns.join(','),
    ...rows.map((r) => columns.map((c) => quote(r[c as keyof StaffRow] ?? '')).join(',')),
  ];
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

export async function staffXlsx(
  rows: StaffRow[],
  options: { sheets?: number; formulaIn?: number } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (let s = 0; s < (options.sheets ?? 1); s++) {
    const sheet = workbook.addWorksheet(s === 0 ? 'Staff' : `Sheet${s + 1}`);
    sheet.addRow([...STAFF_COLUMNS]);
    rows.forEach((r, i) => {
      const row = sheet.addRow(STAFF_COLUMNS.map((c) => r[c] ?? ''));
      if (options.formulaIn === i)
        row.getCell(STAFF_COLUMNS.indexOf('phone') + 1).value = { formula: 'HYPERLINK("http://x")' };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
