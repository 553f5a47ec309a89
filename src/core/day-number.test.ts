import { describe, expect, it } from 'vitest';
import { addMonthsToDay, civilFromDay, dayFromCivil, isoFromDay, wholeMonthsBetween } from './day-number.js';

const d = (iso: string): number => {
  const [y, m, day] = iso.split('-').map(Number) as [number, number, number];
  return dayFromCivil(y, m, day);
};

describe('day numbers', () => {
  // 1970-01-01 is day 0; 2026-01-01 = 56 years x 365 + 14 leap days (1972..2024) = 20454;
  // 2000-03-01 = 30 x 365 + 7 leap days (1972..1996) + 31 + 29 (2000 is leap) = 11017.
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2026-01-01', 20454],
    ['2000-03-01', 11017],
  ])('%s is day %i, and back', (iso, n) => {
    expect(d(iso)).toBe(n);
    expect(isoFromDay(n)).toBe(iso);
  });

  it('round-trips every day from 1990 to 2040', () => {
    const wrong: number[] = [];
    for (let n = d('1990-01-01'); n <= d('2040-12-31'); n += 1) {
      const { year, month, day } = civilFromDay(n);
      if (dayFromCivil(year, month, day) !== n) wrong.push(n);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-10', 13, '2026-02-10'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -12, '2025-01-15'],
  ])('%s plus %i months is %s (clamped to the month end)', (from, months, to) => {
    expect(isoFromDay(addMonthsToDay(d(from), months))).toBe(to);
  });

  it.each([
    ['2025-01-10', '2026-02-15', 13],
    ['2025-01-10', '2026-02-09', 12],
    ['2025-03-31', '2026-03-31', 12],
    ['2025-03-31', '2026-03-30', 11],
    ['2026-01-31', '2026-02-28', 1],
    ['2026-01-31', '2026-02-27', 0],
    ['2024-10-05', '2026-12-31', 26],
  ])('whole months from %s to %s: %i', (a, b, n) => {
    expect(wholeMonthsBetween(d(a), d(b))).toBe(n);
  });
});
