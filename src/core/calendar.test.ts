import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  computeCivilDate,
  computeDayNumber,
  computeEaster,
  computePublicHolidays,
  computeWeekday,
  countWorkingDays,
  formatIsoDay,
  parseIsoDay,
  wholeMonthsBetween,
} from './calendar.js';

describe('day numbers', () => {
  // 1970-01-01 is day 0 (the Unix epoch); 2000-03-01 is 11 017 days later (30 years x 365 + 7 leap
  // days up to 2000-01-01 = 10 957, + 31 (Jan) + 29 (Feb 2000, leap)); 1969-12-31 is -1;
  // 2026-01-01 = 56 x 365 + 14 leap days (1972..2024) = 20 454, + 304 days before November + 22 = 20 780.
  it.each([
    [1970, 1, 1, 0],
    [1969, 12, 31, -1],
    [2000, 3, 1, 11017],
    [2026, 11, 23, 20780],
  ])('%i-%i-%i is day %i', (y, m, d, n) => {
    expect(computeDayNumber(y, m, d)).toBe(n);
    expect(computeCivilDate(n)).toEqual({ year: y, month: m, day: d });
  });

  it('round-trips every day between 1900 and 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 84000 }), (n) => {
        const { year, month, day } = computeCivilDate(n);
        return computeDayNumber(year, month, day) === n && parseIsoDay(formatIsoDay(n)) === n;
      }),
    );
  });

  it.each(['2026-02-29', '2026-13-01', '2026-04-31', '26-01-01', 'tomorrow', ''])(
    'parseIsoDay refuses %j',
    (text) => expect(parseIsoDay(text)).toBeUndefined(),
  );

  // Calendars: 1970-01-01 was a Thursday, 2026-11-23 a Monday, 2027-03-28 a Sunday.
  it.each([
    ['1970-01-01', 4],
    ['2026-11-23', 1],
    ['2027-03-28', 7],
    ['1969-12-29', 1],
  ])('%s is ISO weekday %i', (iso, weekday) => expect(computeWeekday(parseIsoDay(iso)!)).toBe(weekday));

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-01-15', 3, '2026-04-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
  ])('addMonths(%s, %i) = %s', (from, n, to) =>
    expect(formatIsoDay(addMonths(parseIsoDay(from)!, n))).toBe(to),
  );
});

describe('computeEaster (anonymous Gregorian algorithm)', () => {
  // Published Easter Sundays (e.g. the Paris Observatory's table).
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is %s', (year, iso) => {
    expect(formatIsoDay(computeEaster(year))).toBe(iso);
    expect(computeWeekday(computeEaster(year))).toBe(7);
  });
});

describe('computePublicHolidays', () => {
  // France, 11 public holidays; Easter 2026 = 5 April: Monday 6 April, Ascension (+39) Thursday
  // 14 May, Whit Monday (+50) 25 May.
  it('FR 2026', () => {
    expect(computePublicHolidays('FR', 2026).map((h) => formatIsoDay(h.day))).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  // Easter 2027 = 28 March: Monday 29 March, Ascension 6 May (28 March + 39 days: 3 days to 31
  // March, 30 in April, 6 in May), Whit Monday 17 May.
  it('FR 2027', () => {
    expect(computePublicHolidays('FR', 2027).map((h) => formatIsoDay(h.day))).toEqual([
      '2027-01-01',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-08',
      '2027-05-17',
      '2027-07-14',
      '2027-08-15',
      '2027-11-01',
      '2027-11-11',
      '2027-12-25',
    ]);
  });

  it('BE 2026 has 21 July and no 8 May or 14 July', () => {
    const days = computePublicHolidays('BE', 2026).map((h) => formatIsoDay(h.day));
    expect(days).toContain('2026-07-21');
    expect(days).not.toContain('2026-05-08');
    expect(days).not.toContain('2026-07-14');
    expect(days).toHaveLength(10);
  });

  it('CH 2026 has Good Friday (3 April) and 1 August', () => {
    const days = computePublicHolidays('CH', 2026).map((h) => formatIsoDay(h.day));
    expect(days).toEqual(expect.arrayContaining(['2026-04-03', '2026-08-01', '2026-12-26']));
  });

  it('none has no holidays', () => expect(computePublicHolidays('none', 2026)).toEqual([]));
});

describe('countWorkingDays', () => {
  const d = (iso: string): number => parseIsoDay(iso)!;
  // Counted on a paper calendar:
  // May 2026 starts on a Friday: 21 weekdays, less 1, 8, 14 and 25 May = 17.
  // June 2026 starts on a Monday: 22 weekdays, no holiday = 22.
  // February 2027 starts on a Monday: 20 weekdays = 20.
  // Q1 2026: January 22 weekdays - 1 Jan = 21, February 20, March 22 = 63.
  // Year 2026 starts on a Thursday: 52 weeks + 1 day = 261 weekdays; 9 holidays fall on a
  // weekday (15 August is a Saturday, 1 November a Sunday) = 252.
  it.each([
    ['2026-05-01', '2026-05-31', 'FR', 17],
    ['2026-05-01', '2026-05-31', 'none', 21],
    ['2026-06-01', '2026-06-30', 'FR', 22],
    ['2027-02-01', '2027-02-28', 'FR', 20],
    ['2026-01-01', '2026-03-31', 'FR', 63],
    ['2026-01-01', '2026-12-31', 'FR', 252],
    ['2026-05-02', '2026-05-03', 'FR', 0],
    ['2026-05-31', '2026-05-01', 'FR', 0],
  ] as const)('%s to %s in %s: %i', (from, to, country, n) => {
    expect(countWorkingDays(d(from), d(to), country)).toBe(n);
  });

  it('is additive over adjacent periods', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20000, max: 21000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (from, a, b) =>
          countWorkingDays(from, from + a + b, 'FR') ===
          countWorkingDays(from, from + a, 'FR') + countWorkingDays(from + a + 1, from + a + b, 'FR'),
      ),
      { numRuns: 50 },
    );
  });
});

// Calendar arithmetic used by the review (from the former day-number module).

const d = (iso: string): number => {
  const [y, m, day] = iso.split('-').map(Number) as [number, number, number];
  return computeDayNumber(y, m, day);
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
    expect(formatIsoDay(n)).toBe(iso);
  });

  it('round-trips every day from 1990 to 2040', () => {
    const wrong: number[] = [];
    for (let n = d('1990-01-01'); n <= d('2040-12-31'); n += 1) {
      const { year, month, day } = computeCivilDate(n);
      if (computeDayNumber(year, month, day) !== n) wrong.push(n);
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
    expect(formatIsoDay(addMonths(d(from), months))).toBe(to);
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
