/**
 * Calendar arithmetic on integer day numbers (days since 1970-01-01, proleptic Gregorian): Easter,
 * public holidays per country, working days. No Date objects, no clock, no time zones.
 */

/** A country whose public holidays are known. `none` keeps every Monday-Friday as a working day. */
export type CountryCode = 'FR' | 'BE' | 'CH' | 'DE' | 'LU' | 'none';

export const COUNTRIES: readonly CountryCode[] = ['FR', 'BE', 'CH', 'DE', 'LU', 'none'];

export interface Holiday {
  /** Day number (days since 1970-01-01). */
  day: number;
  /** English name. */
  name: string;
}

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/**
 * The day number of a civil date (days since 1970-01-01), by H. Hinnant's `days_from_civil`.
 * @example computeDayNumber(1970, 1, 1) // 0
 */
export function computeDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const doy = floorDiv(153 * (month + (month > 2 ? -3 : 9)) + 2, 5) + day - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The civil date of a day number, by H. Hinnant's `civil_from_days`.
 * @example computeCivilDate(0) // { year: 1970, month: 1, day: 1 }
 */
export function computeCivilDate(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const day = doy - floorDiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Parses an ISO date `YYYY-MM-DD` into a day number; returns undefined when the text is not a
 * real date (2026-02-30 is refused).
 */
export function parseIsoDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const n = computeDayNumber(year, month, day);
  const back = computeCivilDate(n);
  return back.month === month && back.day === day ? n : undefined;
}

/** Formats a day number as an ISO date `YYYY-MM-DD`. */
export function formatIsoDay(dayNumber: number): string {
  const { year, month, day } = computeCivilDate(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO weekday of a day number: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function computeWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/**
 * Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 * @example computeEaster(2026) // day number of 2026-04-05
 */
export function computeEaster(year: number): number {
  const a = year % 19;
  const b = floorDiv(year, 100);
  const c = year % 100;
  const d = floorDiv(b, 4);
  const e = b % 4;
  const f = floorDiv(b + 8, 25);
  const g = floorDiv(b - f + 1, 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = floorDiv(c, 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = floorDiv(a + 11 * h + 22 * l, 451);
  const month = floorDiv(h + l - 7 * m + 114, 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return computeDayNumber(year, month, day);
}

type HolidayRule = { name: string } & ({ month: number; day: number } | { easter: number });

const NEW_YEAR: HolidayRule = { name: "New Year's Day", month: 1, day: 1 };
const GOOD_FRIDAY: HolidayRule = { name: 'Good Friday', easter: -2 };
const EASTER_MONDAY: HolidayRule = { name: 'Easter Monday', easter: 1 };
const LABOUR_DAY: HolidayRule = { name: 'Labour Day', month: 5, day: 1 };
const ASCENSION: HolidayRule = { name: 'Ascension Day', easter: 39 };
const WHIT_MONDAY: HolidayRule = { name: 'Whit Monday', easter: 50 };
const ASSUMPTION: HolidayRule = { name: 'Assumption Day', month: 8, day: 15 };
const ALL_SAINTS: HolidayRule = { name: "All Saints' Day", month: 11, day: 1 };
const CHRISTMAS: HolidayRule = { name: 'Christmas Day', month: 12, day: 25 };
const ST_STEPHEN: HolidayRule = { name: "St Stephen's Day", month: 12, day: 26 };

/**
 * National public holidays (days off by law across the country). CH lists the holidays observed
 * in most cantons (the federal list is only 1 August); DE the nine national ones.
 */
const HOLIDAY_RULES: Record<CountryCode, HolidayRule[]> = {
  FR: [
    NEW_YEAR,
    EASTER_MONDAY,
    LABOUR_DAY,
    { name: 'Victory in Europe Day', month: 5, day: 8 },
    ASCENSION,
    WHIT_MONDAY,
    { name: 'Bastille Day', month: 7, day: 14 },
    ASSUMPTION,
    ALL_SAINTS,
    { name: 'Armistice Day', month: 11, day: 11 },
    CHRISTMAS,
  ],
  BE: [
    NEW_YEAR,
    EASTER_MONDAY,
    LABOUR_DAY,
    ASCENSION,
    WHIT_MONDAY,
    { name: 'National Day', month: 7, day: 21 },
    ASSUMPTION,
    ALL_SAINTS,
    { name: 'Armistice Day', month: 11, day: 11 },
    CHRISTMAS,
  ],
  CH: [
    NEW_YEAR,
    GOOD_FRIDAY,
    EASTER_MONDAY,
    ASCENSION,
    WHIT_MONDAY,
    { name: 'Swiss National Day', month: 8, day: 1 },
    CHRISTMAS,
    ST_STEPHEN,
  ],
  DE: [
    NEW_YEAR,
    GOOD_FRIDAY,
    EASTER_MONDAY,
    LABOUR_DAY,
    ASCENSION,
    WHIT_MONDAY,
    { name: 'German Unity Day', month: 10, day: 3 },
    CHRISTMAS,
    ST_STEPHEN,
  ],
  LU: [
    NEW_YEAR,
    EASTER_MONDAY,
    LABOUR_DAY,
    { name: 'Europe Day', month: 5, day: 9 },
    ASCENSION,
    WHIT_MONDAY,
    { name: 'National Day', month: 6, day: 23 },
    ASSUMPTION,
    ALL_SAINTS,
    CHRISTMAS,
    ST_STEPHEN,
  ],
  none: [],
};

/**
 * The public holidays of a country in a year, sorted by day, Easter-based ones included
 * (FR: Easter Monday = Easter + 1, Ascension = Easter + 39, Whit Monday = Easter + 50).
 * @example computePublicHolidays('FR', 2026).map((h) => formatIsoDay(h.day))[1] // '2026-04-06'
 */
export function computePublicHolidays(country: CountryCode, year: number): Holiday[] {
  const easter = computeEaster(year);
  return HOLIDAY_RULES[country]
    .map((rule) => ({
      name: rule.name,
      day: 'easter' in rule ? easter + rule.easter : computeDayNumber(year, rule.month, rule.day),
    }))
    .sort((a, b) => a.day - b.day);
}

/** The set of holiday day numbers of a country between two day numbers (inclusive). */
export function computeHolidaySet(country: CountryCode, from: number, to: number): Set<number> {
  const set = new Set<number>();
  const first = computeCivilDate(from).year;
  const last = computeCivilDate(to).year;
  for (let year = first; year <= last; year++) {
    for (const h of computePublicHolidays(country, year)) set.add(h.day);
  }
  return set;
}

/** Whether a day is worked: Monday to Friday and not in `holidays`. */
export function isWorkingDay(dayNumber: number, holidays: ReadonlySet<number>): boolean {
  return computeWeekday(dayNumber) <= 5 && !holidays.has(dayNumber);
}

/**
 * The working days between two day numbers, both included: Monday-Friday without the country's
 * public holidays. 0 when `to` is before `from`.
 * @example countWorkingDays(computeDayNumber(2026, 5, 1), computeDayNumber(2026, 5, 31), 'FR') // 17
 */
export function countWorkingDays(from: number, to: number, country: CountryCode): number {
  if (to < from) return 0;
  const holidays = computeHolidaySet(country, from, to);
  let count = 0;
  for (let d = from; d <= to; d++) if (isWorkingDay(d, holidays)) count++;
  return count;
}

/** The last day of the month (1-12) of a year, as a day number. */
export function computeMonthEnd(year: number, month: number): number {
  return month === 12 ? computeDayNumber(year + 1, 1, 1) - 1 : computeDayNumber(year, month + 1, 1) - 1;
}

/** The day number `months` calendar months after a day, clamped to the month's end (Jan 31 + 1 = Feb 28). */
export function addMonths(dayNumber: number, months: number): number {
  const { year, month, day } = computeCivilDate(dayNumber);
  const index = year * 12 + (month - 1) + months;
  const y = floorDiv(index, 12);
  const m = index - y * 12 + 1;
  const end = computeCivilDate(computeMonthEnd(y, m)).day;
  return computeDayNumber(y, m, Math.min(day, end));
}

/**
 * Whole calendar months from `fromDay` to `toDay` (0 when `toDay` is before `fromDay` + 1 month;
 * negative when `toDay` is before `fromDay`): the largest n with addMonths(fromDay, n) <= toDay.
 *
 * @example wholeMonthsBetween(computeDayNumber(2025, 1, 10), computeDayNumber(2026, 2, 15)) // 13
 */
export function wholeMonthsBetween(fromDay: number, toDay: number): number {
  if (toDay < fromDay) return -wholeMonthsBetween(toDay, fromDay);
  const a = computeCivilDate(fromDay);
  const b = computeCivilDate(toDay);
  let n = (b.year - a.year) * 12 + (b.month - a.month);
  while (n > 0 && addMonths(fromDay, n) > toDay) n -= 1;
  return n;
}
