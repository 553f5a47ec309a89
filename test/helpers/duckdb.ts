import { describe } from 'vitest';

/** The optional DuckDB binding (`@duckdb/node-api`), or undefined where it is not installed. */
export type DuckApi = typeof import('@duckdb/node-api');

let loaded: DuckApi | undefined;
try {
  loaded = await import('@duckdb/node-api');
} catch {
  loaded = undefined;
}
export const duck: DuckApi | undefined = loaded;

/**
 * `describe` for the tests that need DuckDB; where it is absent they are skipped and the run says
 * so once, with `why` (e.g. "warehouse-sql tests SKIPPED: ... is not installed").
 */
export function describeWithDuck(why: string) {
  if (duck !== undefined) return describe;
  console.warn(why);
  return describe.skip;
}
