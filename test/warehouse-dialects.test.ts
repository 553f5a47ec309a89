import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

// The other dialects cannot be run offline: their SQL is parsed by node-sql-parser (a dev
// dependency) with its grammar for that dialect (Spark: its Hive grammar). This checks syntax only,
// not types or functions; DuckDB's SQL is run for real in warehouse-sql.test.ts.
const require = createRequire(import.meta.url);
const { Parser } = require('node-sql-parser') as typeof import('node-sql-parser');
const GRAMMAR = {
  postgres: 'postgresql',
  bigquery: 'bigquery',
  snowflake: 'snowflake',
  spark: 'hive',
} as const;
const parser = new Parser();

const CASES: [string, string[]][] = [
  ['rfm quantile', ['rfm', '--as-of', '2026-06-30']],
  ['rfm ntile', ['rfm', '--as-of', '2026-06-30', '--binning', 'ntile']],
  ['rfm breaks', ['rfm', '--as-of', '2026-06-30', '--recency-breaks', '30,90,180,365']],
  ['rfm French', ['rfm', '--as-of', '2026-06-30', '--lang', 'fr', '--map', 'clientId=N° client']],
  ['rfm --clients', ['rfm', '--clients', '--as-of', '2026-06-30']],
  [
    'rfm --clients, recency days',
    ['rfm', '--clients', '--as-of', '2026-06-30', '--map', 'recencyDays=recency'],
  ],
  ['pareto', ['pareto']],
  ['pareto including', ['pareto', '--thresholds', '50,80,95', '--rule', 'including']],
];

describe('--sql for each dialect parses with that dialect grammar', () => {
  for (const [dialect, grammar] of Object.entries(GRAMMAR)) {
    it.each(CASES)(`${dialect}: %s`, async (_name, argv) => {
      const out = await runCli([...argv, '--sql', dialect, '--table', 'sales.orders']);
      expect(out.code, out.stderr).toBe(0);
      expect(() => parser.astify(out.stdout, { database: grammar })).not.toThrow();
    });
  }

  it('the parser does reject broken SQL (so the checks above can fail)', async () => {
    const out = await runCli(['rfm', '--as-of', '2026-06-30', '--sql', 'postgres']);
    const broken = out.stdout.replace('GROUP BY o.client_id', 'GROUP o.client_id');
    expect(() => parser.astify(broken, { database: 'postgresql' })).toThrow();
  });

  it('an unknown dialect is a usage error naming the five', async () => {
    const out = await runCli(['rfm', '--sql', 'oracle']);
    expect(out.code).toBe(64);
    expect(out.stderr).toContain('duckdb, postgres, bigquery, snowflake, spark');
  });
});
