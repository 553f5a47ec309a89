import { parseIsoDay } from '../core/calendar.js';
import { UsageError } from '../errors.js';
import { FIRST_YEAR } from './parse-date.js';

/** A date flag (`--from 2025-01-01`) as a day number; a usage error (64) otherwise. */
export function parseDayFlag(flag: string, text: string): number {
  const day = parseIsoDay(text.trim());
  if (day === undefined) {
    throw new UsageError({
      en: `${flag}: "${text}" is not a date; expected YYYY-MM-DD, such as 2025-01-31.`,
      fr: `${flag} : « ${text} » n’est pas une date ; attendu : AAAA-MM-JJ, comme 2025-01-31.`,
    });
  }
  if (Number(text.trim().slice(0, 4)) < FIRST_YEAR)
    throw new UsageError({
      en: `${flag}: "${text}" is before ${FIRST_YEAR}; expected a date from ${FIRST_YEAR}-01-01 on.`,
      fr: `${flag} : « ${text} » est antérieur à ${FIRST_YEAR} ; attendu : une date à partir du 01/01/${FIRST_YEAR}.`,
    });
  return day;
}
