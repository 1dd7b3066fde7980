// The national registration number (регистрын дугаар): two Cyrillic letters, then eight digits —
// birth year (2), month (2; plus 20 for people born from 2000), day (2), and two more digits.
// Stored upper-case without spaces; shown in full only to the person, HR of their subtree and
// administrators, masked to anyone else.

const LETTERS = 'АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ';
const SHAPE = new RegExp(`^[${LETTERS}]{2}\\d{8}$`);

/** Upper-case, without spaces or dashes; Latin look-alikes are not turned into Cyrillic (that would hide a typing error). */
export function normalizeRegistrationNumber(raw: string): string {
  return raw.replace(/[\s-]+/g, '').toLocaleUpperCase('mn');
}

/** Why a (normalized) registration number is not one, or null when it is. */
export function registrationNumberProblem(value: string): string | null {
  if (!SHAPE.test(value)) return 'two Cyrillic letters and eight digits are expected, as in УБ99061512';
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  const calendarMonth = month > 20 ? month - 20 : month;
  if (calendarMonth < 1 || calendarMonth > 12)
    return 'digits 3–4 are not a birth month (01–12, or 21–32 for 2000 and later)';
  if (day < 1 || day > 31) return 'digits 5–6 are not a day of the month';
  return null;
}

/** УБ99061512 → УБ******12: enough to tell two people apart on a list, not enough to be used. */
export function maskRegistrationNumber(value: string): string {
  return `${value.slice(0, 2)}******${value.slice(-2)}`;
}
