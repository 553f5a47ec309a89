import { parseIsoDay } from '../core/calendar.js';
import { UsageError } from '../errors.js';

/** A date flag (`--from 2025-01-01`) as a day number; a usage error (64) otherwise. */
export function parseDayFlag(flag: string, text: string): number {
  const day = parseIsoDay(text.trim());
  if (day === undefined) {
    throw new UsageError(`${flag}: "${text}" is not a date; expected YYYY-MM-DD, such as 2025-01-31.`);
  }
  return day;
}
