import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/**
 * `.xlsx` out (`--format xlsx`, `--output FILE.xlsx`) for segment, pareto and rfm, read back with
 * exceljs: the same values as the CSV output, numbers as number cells with formats, a frozen
 * header with filters, the parameters on a last sheet, text from the data never a formula.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'prospect-xlsx-out-'));
  // Client ids that a spreadsheet would take for formulas if written as such.
  writeFileSync(
    join(dir, 'orders.csv'),
    'client_id,order_date,amount\n=1+2,2026-06-01,100.5\n@SUM(A1),2026-05-01,200\n+33 1,2026-04-01,50.25\n=1+2,2026-06-20,99.5\n',
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function readBack(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** The rows of a sheet below its header, as the values of the given columns. */
function body(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return rows;
}

describe('--format xlsx', () => {
  it('rfm: one sheet per table, the clients as number cells equal to the CSV, parameters last', async () => {
    const out = join(dir, 'rfm.xlsx');
    const args = ['rfm', join(dir, 'orders.csv'), '--as-of', '2026-06-30'];
    const r = await runCli([...args, '--output', out]); // chosen by the extension
    expect(r.code, r.stderr).toBe(0);
    const workbook = await readBack(out);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual([
      'Bins used',
      'Segments',
      'Suggested actions',
      'Clients (best RFM first)',
      'Parameters',
    ]);
    const clients = workbook.getWorksheet('Clients (best RFM first)') as ExcelJS.Worksheet;
    expect(clients.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(clients.autoFilter).toBeDefined();
    // By hand: "=1+2" ordered 100.5 + 99.5 = 200 (2 orders, last 2026-06-20, 10 days before
    // --as-of); "@SUM(A1)" 200 (1 order, 60 days); "+33 1" 50.25 (1 order, 90 days).
    const rows = body(clients).map((row) => row.slice(0, 4));
    expect(rows).toEqual(
      expect.arrayContaining([
        ['=1+2', 10, 2, 200],
        ['@SUM(A1)', 60, 1, 200],
        ['+33 1', 90, 1, 50.25],
      ]),
    );
    clients.eachRow((row, n) => {
      if (n === 1) return;
      expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String); // never a formula
      expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(4).numFmt).toContain('€');
    });
    const parameters = body(workbook.getWorksheet('Parameters') as ExcelJS.Worksheet);
    expect(parameters).toEqual(expect.arrayContaining([['asOf', '2026-06-30']]));
  });

  it('segment and pareto: the values of the CSV output, percentages as fractions with a % format', async () => {
    const file = join(ROOT, 'fixtures/pareto-clients.csv');
    const out = join(dir, 'pareto.xlsx');
    const r = await runCli(['pareto', file, '--format', 'xlsx', '--output', out, '--lang', 'fr']);
    expect(r.code, r.stderr).toBe(0);
    const workbook = await readBack(out);
    expect(workbook.worksheets.at(-1)?.name).toBe('Paramètres');
    const csv = await runCli(['pareto', file, '--format', 'csv']);
    const csvRows = csv.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    // The sheet that lists the clients: its ids and revenues are the CSV's, as numbers.
    const sheet = workbook.worksheets.find((s) => body(s).length === csvRows.length) as ExcelJS.Worksheet;
    expect(sheet).toBeDefined();
    const ids = body(sheet).map((row) => row.find((v) => typeof v === 'string' && /^K\d+$/.test(v)));
    expect(ids).toEqual(csvRows.map((row) => row.find((v) => /^K\d+$/.test(v))));
    expect(ids).toHaveLength(13);
    const seg = join(dir, 'segment.xlsx');
    expect((await runCli(['segment', file, '--format', 'xlsx', '--output', seg])).code).toBe(0);
    const segments = (await readBack(seg)).worksheets[0] as ExcelJS.Worksheet;
    const header = (segments.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    const totals = body(segments)[0] as ExcelJS.CellValue[];
    // fixtures/pareto-clients.csv: 13 clients, revenue 100 % of itself.
    expect(totals[header.indexOf('Clients')]).toBe(13);
    expect(totals[header.indexOf('% clients')]).toBe(1);
    expect(segments.getRow(2).getCell(header.indexOf('% clients') + 1).numFmt).toBe('0.0%');
  });

  it('to stdout is a usage error (64): a workbook needs --output', async () => {
    const r = await runCli(['segment', join(ROOT, 'fixtures/pareto-clients.csv'), '--format', 'xlsx']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('give --output FILE.xlsx');
  });
  // A second reader (openpyxl): test/xlsx-second-reader.test.ts.
});
