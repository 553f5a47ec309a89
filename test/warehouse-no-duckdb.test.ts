import { describe, expect, it, vi } from 'vitest';
import { runCli } from './helpers/run-cli.js';

// DuckDB made absent: importing the optional package fails as it does when it is not installed.
vi.mock('@duckdb/node-api', () => {
  throw new Error("Cannot find package '@duckdb/node-api'");
});

describe('--engine duckdb without DuckDB installed', () => {
  it.each([
    ['rfm', ['rfm', 'fixtures/rfm-orders.csv', '--as-of', '2026-06-30', '--engine', 'duckdb']],
    ['pareto', ['pareto', 'fixtures/pareto-clients.csv', '--engine', 'duckdb']],
  ])('%s: exit 64 with the install command', async (_name, argv) => {
    const out = await runCli(argv);
    expect(out.code).toBe(64);
    expect(out.stderr).toContain('npm install @duckdb/node-api');
    expect(out.stdout).toBe('');
  });

  it('in French', async () => {
    const out = await runCli(['rfm', 'fixtures/rfm-orders.csv', '--engine', 'duckdb', '--lang', 'fr']);
    expect(out.code).toBe(64);
    expect(out.stderr).toContain("DuckDB n'est pas installé");
  });

  it('an engine other than duckdb is a usage error', async () => {
    const out = await runCli(['rfm', 'fixtures/rfm-orders.csv', '--engine', 'spark']);
    expect(out.code).toBe(64);
    expect(out.stderr).toContain('expected duckdb');
  });
});

describe('options that --sql and --engine do not carry out are refused, not ignored', () => {
  it.each([
    [['pareto', '--sql', 'postgres', '--maturity', 'maturity'], '--maturity'],
    [['segment', '--sql', 'postgres', '--per-client'], '--per-client'],
    [['segment', 'fixtures/clients-en.csv', '--engine', 'duckdb', '--rejects', 'r.csv'], '--rejects'],
    [['rfm', 'fixtures/rfm-orders.csv', '--engine', 'duckdb', '--strict'], '--strict'],
    [['pareto', 'fixtures/pareto-clients.csv', '--engine', 'duckdb', '--effort', 'interactions'], '--effort'],
  ])('%j', async (argv, option) => {
    const out = await runCli(argv);
    expect(out.code).toBe(64);
    expect(out.stderr).toContain(`${option}: not available with`);
  });
});
