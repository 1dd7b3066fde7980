import { addWorkingDays } from './working-days';

const ub = (iso: string) => new Date(`${iso}+08:00`);
const ubDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('working-day deadlines', () => {
  it('counts Monday to Friday and ends the day at 23:59 in Ulaanbaatar', () => {
    expect(ubDay(addWorkingDays(ub('2025-03-03T10:00:00'), 1))).toBe('2025-03-04 23:59'); // Mon → Tue
    expect(ubDay(addWorkingDays(ub('2025-03-14T22:00:00'), 1))).toBe('2025-03-17 23:59'); // Fri night → Mon
    expect(ubDay(addWorkingDays(ub('2025-03-15T09:00:00'), 5))).toBe('2025-03-21 23:59'); // Sat → next Fri
  });

  it('gives 15 working days = three weeks when no holiday falls inside', () => {
    expect(ubDay(addWorkingDays(ub('2025-04-07T12:00:00'), 15))).toBe('2025-04-28 23:59');
  });

  it('skips fixed public holidays (Naadam, 11 to 15 July)', () => {
    expect(ubDay(addWorkingDays(ub('2025-07-10T12:00:00'), 1))).toBe('2025-07-16 23:59');
    expect(ubDay(addWorkingDays(ub('2025-03-07T12:00:00'), 1))).toBe('2025-03-10 23:59'); // 8 March is a Saturday anyway
    expect(ubDay(addWorkingDays(ub('2024-03-07T12:00:00'), 1))).toBe('2024-03-11 23:59'); // 8 March 2024 was a Friday
  });

  it("uses the Ulaanbaatar date, not the server's: 01:00 Tuesday there is still Monday in UTC", () => {
    expect(ubDay(addWorkingDays(new Date('2025-03-03T17:00:00Z'), 1))).toBe('2025-03-05 23:59');
  });
});
