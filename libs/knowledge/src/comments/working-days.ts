// Response deadlines in working days: Monday to Friday in Ulaanbaatar, skipping the public holidays
// fixed by the Law on Public Holidays. Tsagaan Sar follows the lunar calendar and is not listed:
// a deadline may fall up to three days early around it, never late.
const FIXED_HOLIDAYS = new Set([
  '01-01',
  '03-08',
  '06-01',
  '07-11',
  '07-12',
  '07-13',
  '07-14',
  '07-15',
  '11-26',
  '12-29',
]);
const OFFSET_MS = 8 * 3600_000; // Ulaanbaatar is UTC+8 all year

export function isWorkingDay(ubDate: Date): boolean {
  const day = ubDate.getUTCDay();
  return day !== 0 && day !== 6 && !FIXED_HOLIDAYS.has(ubDate.toISOString().slice(5, 10));
}

/**
 * The end (23:59:59 Ulaanbaatar time) of the n-th working day after the day of `from`:
 * a comment posted on a Friday evening with n = 1 is due by the end of Monday.
 */
export function addWorkingDays(from: Date, n: number): Date {
  const local = new Date(from.getTime() + OFFSET_MS);
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  let left = n;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (isWorkingDay(day)) left--;
  }
  return new Date(day.getTime() + 24 * 3600_000 - 1000 - OFFSET_MS);
}
