import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/**
 * A second reader for the workbooks: Python's openpyxl (Debian's python3-openpyxl, which .ci/run
 * installs), a library independent of exceljs that wrote them. For each command's workbook, every
 * cell openpyxl reads must equal the one exceljs reads back, with the same kind (number, date,
 * text; never a formula), and the frozen header and filters must be there. Skipped, and said so,
 * where no python3 with openpyxl is found.
 */
function findPython(): string | undefined {
  // The first python3 on PATH may be another install (pyenv) than Debian's, which has the package.
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(candidate, ['-c', 'import openpyxl'], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  return undefined;
}
const python = findPython();
const SKIP_REASON = 'skipped: no python3 with openpyxl here (Debian: apt-get install python3-openpyxl)';
if (python === undefined) console.warn(`test/xlsx-second-reader.test.ts: ${SKIP_REASON}`);

/** openpyxl's view of a workbook: per sheet, its freeze pane, filter and cells (type, value, format). */
const DUMP = `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if isinstance(v, datetime.datetime):
                v = v.strftime('%Y-%m-%d')
            cells.append({'t': c.data_type, 'v': v, 'date': c.is_date, 'fmt': c.number_format})
        rows.append(cells)
    out.append({'name': ws.title, 'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref, 'rows': rows})
print(json.dumps(out))
`;

interface PyCell {
  t: string;
  v: string | number | boolean | null;
  date: boolean;
  fmt: string;
}
interface PySheet {
  name: string;
  freeze: string | null;
  filter: string | null;
  rows: PyCell[][];
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'prospect-xlsx-py-'));
  writeFileSync(
    join(dir, 'hostile.csv'),
    'project,client,status,potential,probability\nP1,"=HYPERLINK(""https://example.invalid"",""x"")",proposal,1000,50%\nP2,@SUM(A1),proposal,2000,25%\n',
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const RUNS: [string, string[]][] = [
  ['plan', ['plan', '--objective', '60000', '--from', '2026-05-01', '--to', '2026-06-30', '--reps', '1']],
  [
    'track',
    [
      'track',
      '--file',
      'fixtures/history/objectives.yaml',
      '--deals',
      'fixtures/history/deals.csv',
      '--as-of',
      '2026-03-31',
    ],
  ],
  [
    'review',
    ['review', 'fixtures/review/orders.csv', '--clients', 'fixtures/review/clients.csv', '--period', '2025'],
  ],
  ['calibrate', ['calibrate', 'fixtures/history/deals.csv']],
  ['portfolio', ['portfolio', 'HOSTILE', '--by', 'client']],
  ['score', ['score', 'fixtures/clients.csv', '--grid', 'fixtures/grid.yaml', '--as-of', '2026-11-23']],
  ['inspect', ['inspect', 'fixtures/clients-fr.csv', '--lang', 'fr']],
  ['segment', ['segment', 'fixtures/clients-en.csv']],
  ['pareto', ['pareto', 'fixtures/pareto-clients.csv']],
  ['rfm', ['rfm', 'fixtures/rfm-orders.csv', '--as-of', '2026-06-30']],
];

describe(`a second reader (openpyxl)${python === undefined ? ` — ${SKIP_REASON}` : ''}`, () => {
  it.skipIf(python === undefined).each(RUNS)('%s: openpyxl reads what exceljs reads', async (_name, args) => {
    const out = join(dir, `${_name}.xlsx`);
    const argv = args.map((a) => (a === 'HOSTILE' ? join(dir, 'hostile.csv') : a));
    const r = await runCli(['-q', ...argv, '--output', out]);
    expect(r.code, r.stderr).toBe(0);
    const dump = spawnSync(python as string, ['-c', DUMP, out], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(dump.status, dump.stderr).toBe(0);
    const pySheets = JSON.parse(dump.stdout) as PySheet[];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(pySheets.map((s) => s.name)).toEqual(workbook.worksheets.map((s) => s.name));
    for (const [i, py] of pySheets.entries()) {
      const sheet = workbook.worksheets[i] as ExcelJS.Worksheet;
      expect(py.freeze, py.name).toBe('A2');
      if (i < pySheets.length - 1) expect(py.filter, py.name).toMatch(/^A1:[A-Z]+\d+$/);
      expect(py.rows.length, py.name).toBe(sheet.rowCount);
      for (const [r, row] of py.rows.entries()) {
        for (const [c, cell] of row.entries()) {
          const theirs = sheet.getRow(r + 1).getCell(c + 1);
          const where = `${py.name}!R${r + 1}C${c + 1}`;
          expect(cell.t, where).not.toBe('f');
          if (theirs.type === ExcelJS.ValueType.Number) {
            expect(cell.t, where).toBe('n');
            expect(cell.date, where).toBe(false);
            expect(cell.v, where).toBe(theirs.value);
            expect(cell.fmt, where).toBe(theirs.numFmt ?? 'General');
          } else if (theirs.type === ExcelJS.ValueType.Date) {
            expect(cell.date, where).toBe(true);
            expect(cell.v, where).toBe((theirs.value as Date).toISOString().slice(0, 10));
          } else if (theirs.type === ExcelJS.ValueType.String) {
            expect(cell.t, where).toBe('s');
            expect(cell.v, where).toBe(theirs.value);
          } else if (theirs.type === ExcelJS.ValueType.Boolean) {
            expect(cell.t, where).toBe('b');
            expect(cell.v, where).toBe(theirs.value);
          } else if (theirs.type === ExcelJS.ValueType.Null) {
            expect(cell.v, where).toBeNull();
          } else {
            expect.fail(`${where}: unexpected cell type ${theirs.type}`);
          }
        }
      }
    }
  });

  it.skipIf(python === undefined)('a formula-like company is a string for openpyxl too', async () => {
    const out = join(dir, 'hostile.xlsx');
    const r = await runCli(['-q', 'portfolio', join(dir, 'hostile.csv'), '--by', 'client', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const dump = spawnSync(python as string, ['-c', DUMP, out], { encoding: 'utf8' });
    const sheets = JSON.parse(dump.stdout) as PySheet[];
    const firstColumn = (sheets[0] as PySheet).rows.map((row) => row[0]);
    expect(firstColumn).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ t: 's', v: '=HYPERLINK("https://example.invalid","x")' }),
        expect.objectContaining({ t: 's', v: '@SUM(A1)' }),
      ]),
    );
  });
});
