/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC, integers), the date type of the
 * data layer. Pure: proleptic Gregorian calendar, no time zone, no clock.
 */

export interface CivilDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

/**
 * The day number of a civil date (H. Hinnant's `days_from_civil`).
 *
 * @example dayFromCivil(1970, 1, 1) // 0
 * @example dayFromCivil(2026, 1, 1) // 20454
 */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (H. Hinnant's `civil_from_days`). */
export function civilFromDay(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  return (
    dayFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    dayFromCivil(year, month, 1)
  );
}

/**
 * The same day `months` calendar months later (or earlier when negative); a day that the target
 * month lacks is clamped to its last day (31 January + 1 month = 28 or 29 February).
 */
export function addMonthsToDay(dayNumber: number, months: number): number {
  const { year, month, day } = civilFromDay(dayNumber);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return dayFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * Whole calendar months from `fromDay` to `toDay` (0 when `toDay` is before `fromDay` + 1 month):
 * the largest n with addMonthsToDay(fromDay, n) <= toDay.
 *
 * @example wholeMonthsBetween(dayFromCivil(2025, 1, 10), dayFromCivil(2026, 2, 15)) // 13
 */
export function wholeMonthsBetween(fromDay: number, toDay: number): number {
  if (toDay < fromDay) return -wholeMonthsBetween(toDay, fromDay);
  const a = civilFromDay(fromDay);
  const b = civilFromDay(toDay);
  let n = (b.year - a.year) * 12 + (b.month - a.month);
  while (n > 0 && addMonthsToDay(fromDay, n) > toDay) n -= 1;
  return n;
}

/** An ISO date (YYYY-MM-DD) for a day number. */
export function isoFromDay(dayNumber: number): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
