import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/**
 * `.xlsx` out on every command that writes a report (plan, track, review, calibrate, portfolio,
 * clv, score, inspect; segment, pareto and rfm in xlsx-output.test.ts). Each workbook is read
 * back with exceljs and checked against the command's own `--format json` run of the same
 * arguments (an independent output path: JSON is rendered from the report's json, the workbook
 * from its tables) and against figures worked by hand, with the cell types: numbers as number
 * cells, dates as date cells, texts as text, never a formula.
 */
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'prospect-xlsx-all-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, ExcelJS.CellValue>;
interface Sheet {
  name: string;
  header: string[];
  rows: Row[];
  sheet: ExcelJS.Worksheet;
}

/** Runs a command with `--output FILE.xlsx` (or `--format xlsx`) and reads the workbook back. */
async function workbookOf(args: string[], how: 'extension' | 'format' = 'extension'): Promise<Sheet[]> {
  const out = join(dir, `${args[0]}-${Math.random().toString(36).slice(2)}.xlsx`);
  const flags = how === 'format' ? ['--format', 'xlsx', '--output', out] : ['--output', out];
  const r = await runCli(['-q', ...args, ...flags]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toBe('');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  return workbook.worksheets.map((sheet) => {
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
    const rows: Row[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const values: Row = {};
      header.forEach((h, i) => (values[h] = row.getCell(i + 1).value));
      rows.push(values);
    });
    return { name: sheet.name, header, rows, sheet };
  });
}

async function jsonOf(args: string[]): Promise<Record<string, unknown>> {
  const r = await runCli(['-q', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

function sheetNamed(sheets: Sheet[], name: string): Sheet {
  const found = sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet "${name}" in ${sheets.map((s) => s.name).join(', ')}`);
  return found;
}

function rowWhere(sheet: Sheet, column: string, value: string): Row {
  const found = sheet.rows.find((r) => r[column] === value);
  if (!found) throw new Error(`no row ${column} = ${value} in ${sheet.name}`);
  return found;
}

/** The cell of a sheet under a header, in the given row (1-based, header included). */
function cell(sheet: Sheet, row: number, column: string): ExcelJS.Cell {
  return sheet.sheet.getRow(row).getCell(sheet.header.indexOf(column) + 1);
}

/** Every workbook: frozen header with filters on each table, no formula anywhere, parameters last. */
function checkShape(sheets: Sheet[], parameters = 'Parameters'): void {
  expect(sheets.at(-1)?.name).toBe(parameters);
  for (const s of sheets) {
    expect(s.sheet.views[0], s.name).toMatchObject({ state: 'frozen', ySplit: 1 });
    if (s.name !== parameters) expect(s.sheet.autoFilter, s.name).toBeDefined();
    s.sheet.eachRow((row) =>
      row.eachCell((c) => {
        expect(c.type, `${s.name}!${c.address}`).not.toBe(ExcelJS.ValueType.Formula);
        expect(c.type, `${s.name}!${c.address}`).not.toBe(ExcelJS.ValueType.Error);
      }),
    );
  }
}

const PLAN = ['plan', '--objective', '60000', '--from', '2026-05-01', '--to', '2026-06-30', '--reps', '1'];
const TRACK = [
  'track',
  '--file',
  'fixtures/history/objectives.yaml',
  '--deals',
  'fixtures/history/deals.csv',
  '--activities',
  'fixtures/history/activities.csv',
  '--as-of',
  '2026-03-31',
];
const REVIEW = [
  'review',
  'fixtures/review/orders.csv',
  '--clients',
  'fixtures/review/clients.csv',
  '--leads',
  'fixtures/history/deals.csv',
  '--objectives',
  'fixtures/review/objectives.yaml',
  '--period',
  '2025',
];
const CALIBRATE = [
  'calibrate',
  'fixtures/history/deals.csv',
  '--activities',
  'fixtures/history/activities.csv',
  '--from',
  '2025-01-01',
  '--to',
  '2025-12-31',
];

describe('--format xlsx on every command', () => {
  it('plan: plan, assumptions and checkpoints sheets; numbers, € amounts, % and real dates', async () => {
    const sheets = await workbookOf(PLAN);
    const json = await jsonOf(PLAN);
    expect(sheets.map((s) => s.name)).toEqual([
      'Prospecting plan',
      'Assumptions',
      'Checkpoints',
      'Parameters',
    ]);
    checkShape(sheets);
    const plan = sheetNamed(sheets, 'Prospecting plan');
    expect(plan.header).toEqual(['Stage', 'Plan', 'Calculation', 'Best case', 'Worst case']);
    // By hand: 60,000 / 20,000 (the method's average deal) = 3 deals; x 3 proposals per deal = 9.
    expect(rowWhere(plan, 'Stage', 'Deals to win').Plan).toBe(3);
    expect(rowWhere(plan, 'Stage', 'Proposals').Plan).toBe(9);
    expect(json.deals).toBe(3);
    expect(cell(plan, 2, 'Plan').type).toBe(ExcelJS.ValueType.Number);
    // Whole numbers without decimals, the hours with them (as the table shows them).
    expect(cell(plan, 2, 'Plan').numFmt).toBe('#,##0');
    const hours = plan.rows.findIndex((r) => r.Stage === 'Hours');
    expect(plan.rows[hours]?.Plan).toBe(json.hours);
    expect(cell(plan, hours + 2, 'Plan').numFmt).toBe('#,##0.00');
    expect(cell(plan, 2, 'Calculation').type).toBe(ExcelJS.ValueType.String);
    // The assumptions are numbers, the accessibility a fraction with a % format.
    const assumptions = sheetNamed(sheets, 'Assumptions');
    expect(rowWhere(assumptions, 'Parameter', 'Objective').Value).toBe(60000);
    expect(cell(assumptions, 2, 'Value').numFmt).toBe('#,##0.00 "€"');
    const accessibility = assumptions.rows.findIndex((r) => r.Parameter === 'Accessibility rate');
    expect(assumptions.rows[accessibility]?.Value).toBe(0.06);
    expect(cell(assumptions, accessibility + 2, 'Value').numFmt).toBe('0.00%');
    // Checkpoints: the JSON's, dates as date cells, revenue in € with cents.
    const checkpoints = sheetNamed(sheets, 'Checkpoints');
    const expected = json.checkpoints as { date: string; contacts: number; revenue: number }[];
    expect(
      checkpoints.rows.map((r) => [(r.Date as Date).toISOString().slice(0, 10), r.Contacts, r.Revenue]),
    ).toEqual(expected.map((c) => [c.date, c.contacts, c.revenue]));
    // By hand: the period ends 2026-06-30 with the whole objective.
    expect(checkpoints.rows.at(-1)?.Revenue).toBe(60000);
    expect(cell(checkpoints, 2, 'Date').type).toBe(ExcelJS.ValueType.Date);
    expect(cell(checkpoints, 2, 'Date').numFmt).toBe('yyyy-mm-dd');
    expect(cell(checkpoints, 2, 'Revenue').numFmt).toBe('#,##0.00 "€"');
    expect(cell(checkpoints, 2, 'Working days').numFmt).toBe('#,##0');
    const parameters = sheetNamed(sheets, 'Parameters');
    expect(rowWhere(parameters, 'Parameter', 'period.from').Value).toBe('2026-05-01');
  });

  it('plan in French: sheet names and headers in the run’s language', async () => {
    const sheets = await workbookOf(['--lang', 'fr', ...PLAN], 'format');
    expect(sheets.map((s) => s.name)).toEqual([
      'Plan de prospection',
      'Hypothèses',
      'Points à date',
      'Paramètres',
    ]);
    checkShape(sheets, 'Paramètres');
    expect(sheets[0]?.header).toEqual(['Étape', 'Plan', 'Calcul', 'Meilleur cas', 'Pire cas']);
    expect(sheets.at(-1)?.header).toEqual(['Paramètre', 'Valeur']);
    expect(rowWhere(sheets[0] as Sheet, 'Étape', 'Affaires à gagner').Plan).toBe(3);
  });

  it('plan --file: the objectives, then each objective’s sheets, named after it', async () => {
    const sheets = await workbookOf(['plan', '--file', 'fixtures/objectives.yaml']);
    expect(sheets.map((s) => s.name)).toEqual([
      'Objectives',
      'Widgets North',
      'Widgets North Assumptions',
      'Widgets North Checkpoints',
      'Services South',
      'Services South Assumptions',
      'Services South Checkpoints',
      'Parameters',
    ]);
    checkShape(sheets);
    // fixtures/objectives.yaml: 60,000 and 50,000.
    expect(sheetNamed(sheets, 'Objectives').rows.map((r) => [r.Objective, r.Amount])).toEqual([
      ['Widgets North', 60000],
      ['Services South', 50000],
      ['Total', 110000],
    ]);
  });

  it('track: the status, the re-plan and its rates as numbers (€, %), as the JSON has them', async () => {
    const sheets = await workbookOf(TRACK);
    const json = await jsonOf(TRACK);
    expect(sheets.map((s) => s.name)).toEqual([
      'Tracking as of March 31, 2026',
      'To reach the objective',
      'Rates of the re-plan',
      'Parameters',
    ]);
    checkShape(sheets);
    const status = sheets[0] as Sheet;
    const stages = json.stages as { target: number; actual: number; gap: number; gapShare: number }[];
    expect(status.rows.map((r) => [r['Target to date'], r.Actual, r.Gap, r['Gap %']])).toEqual(
      stages.map((s) => [s.target, s.actual, s.gap, s.gapShare]),
    );
    // By hand: contacts 1,122 done against 1,209 due: gap -87.
    expect(status.rows[0]).toMatchObject({ Actual: 1122, Gap: -87 });
    expect(cell(status, 2, 'Gap %').numFmt).toBe('0.0%');
    const rates = sheetNamed(sheets, 'Rates of the re-plan');
    const jsonRates = (json.replan as { rates: { value: number; observed: number }[] }).rates;
    expect(rates.rows.map((r) => r.Used)).toEqual(jsonRates.map((r) => r.value));
    expect(rates.rows.map((r) => r.Observed)).toEqual(jsonRates.map((r) => r.observed));
    // The average deal in € (22,000 in fixtures/history/objectives.yaml), the accessibility in %.
    expect(rates.rows[0]?.Used).toBe(22000);
    expect(cell(rates, 2, 'Used').numFmt).toBe('#,##0.00 "€"');
    const accessibility = rates.rows.findIndex((r) => r.Rate === 'Accessibility rate');
    expect(cell(rates, accessibility + 2, 'Used').numFmt).toBe('0.00%');
  });

  it('review: the origins and leads tables with the JSON’s figures, % as fractions', async () => {
    const sheets = await workbookOf(REVIEW);
    const json = await jsonOf(REVIEW);
    expect(sheets.map((s) => s.name)).toEqual([
      'Revenue by origin',
      'Leads by source',
      'Pareto classes',
      'Former clients worth targeting',
      'By zone',
      'By target type',
      'By product',
      'Parameters',
    ]);
    checkShape(sheets);
    const origins = (json.team as { origins: { clients: number; revenue: number; share: number }[] }).origins;
    const sheet = sheetNamed(sheets, 'Revenue by origin');
    expect(sheet.rows.map((r) => [r.Clients, r.Revenue, r.Share])).toEqual(
      origins.map((o) => [o.clients, o.revenue, o.share]),
    );
    // By hand from the JSON's origins: conquest + retention + reconquest = the total.
    const [conquest, retention, reconquest, total] = sheet.rows.map((r) => r.Revenue as number);
    expect((conquest ?? 0) + (retention ?? 0) + (reconquest ?? 0)).toBe(total);
    const former = sheetNamed(sheets, 'Former clients worth targeting');
    expect(cell(former, 2, 'Last order').type).toBe(ExcelJS.ValueType.Date);
    expect(cell(former, 2, 'Client').type).toBe(ExcelJS.ValueType.String);
    const parameters = sheetNamed(sheets, 'Parameters');
    expect(rowWhere(parameters, 'Parameter', 'rows.read').Value).toBe((json.rows as { read: number }).read);
  });

  it('calibrate: the measured rates as numbers, equal to the JSON’s', async () => {
    const sheets = await workbookOf(CALIBRATE);
    const json = await jsonOf(CALIBRATE);
    expect(sheets.map((s) => s.name)).toEqual(['Team', 'Funnel counts', 'Open pipeline', 'Parameters']);
    checkShape(sheets);
    const team = sheetNamed(sheets, 'Team');
    const measures = (json.team as { measures: Record<string, { value: number }> }).measures;
    expect(rowWhere(team, 'Parameter', 'Average won deal').History).toBe(
      Math.round(measures.avgDeal?.value ?? 0),
    );
    const winRate = rowWhere(team, 'Parameter', 'Win rate (won / proposals)').History;
    // By hand from the counts: 17 won of 47 decided proposals.
    expect(winRate).toBeCloseTo(17 / 47, 12);
    expect(winRate).toBe(measures.winRate?.value);
    expect(sheetNamed(sheets, 'Funnel counts').rows[0]).toMatchObject({ 'Deals created': 154, Won: 17 });
  });

  it('portfolio: one row per zone with the JSON’s sums', async () => {
    const args = ['portfolio', 'fixtures/portfolio.csv', '--by', 'zone', '--objective', '100000'];
    const sheets = await workbookOf(args, 'format');
    const json = await jsonOf(args);
    expect(sheets.map((s) => s.name)).toEqual([
      'Portfolio (portfolio.csv)',
      'What closing the gap takes',
      'Parameters',
    ]);
    checkShape(sheets);
    const groups = json.groups as {
      key: { zone: string };
      count: number;
      potential: number;
      expectedValue: number;
    }[];
    const zones = sheets[0] as Sheet;
    expect(zones.header[0]).toBe('zone');
    expect(
      zones.rows.slice(0, groups.length).map((r) => [r.zone, r.Count, r.Potential, r['Expected value']]),
    ).toEqual(groups.map((g) => [g.key.zone, g.count, g.potential, g.expectedValue]));
    // By hand: expected values 24,000 + 16,000 + 12,500 + 9,000 = 61,500.
    expect(zones.rows.slice(0, groups.length).reduce((s, r) => s + (r['Expected value'] as number), 0)).toBe(
      61500,
    );
  });

  it('clv: every client on a sheet of its own, equal to the JSON’s', async () => {
    const args = ['clv', 'fixtures/cdnow/cdnow-orders.csv', '--as-of', '1997-09-30', '--top', '3'];
    const sheets = await workbookOf(args);
    const json = await jsonOf(args);
    const clients = json.clients as {
      clientId: string;
      frequency: number;
      clv: number;
      probabilityAlive: number;
    }[];
    expect(sheets.map((s) => s.name)).toEqual([
      'Fitted models',
      'Portfolio',
      'Top 3 clients by CLV',
      'Likely lost',
      `Every client (${clients.length})`,
      'Parameters',
    ]);
    checkShape(sheets);
    const every = sheets[4] as Sheet;
    expect(every.rows).toHaveLength(2357);
    expect(every.rows.map((r) => [r.Client, r['Repeat purchases (x)'], r.CLV])).toEqual(
      clients.map((c) => [c.clientId, c.frequency, c.clv]),
    );
    // Client ids that look like numbers stay text (they are ids, not quantities).
    expect(cell(every, 2, 'Client').type).toBe(ExcelJS.ValueType.String);
    expect(cell(every, 2, 'P(alive)').numFmt).toBe('0.0%');
    const portfolio = sheetNamed(sheets, 'Portfolio');
    expect(rowWhere(portfolio, 'Item', 'Clients').Value).toBe(2357);
  });

  it('score: every client scored, highest first, the scores of the JSON', async () => {
    const args = ['score', 'fixtures/clients.csv', '--grid', 'fixtures/grid.yaml', '--as-of', '2026-11-23'];
    const sheets = await workbookOf(args);
    const json = await jsonOf(args);
    expect(sheets.map((s) => s.name)).toEqual(['Clients (highest score first)', 'Grades', 'Parameters']);
    checkShape(sheets);
    const scored = json.clients as { id: string; score: number; grade: string }[];
    const byScore = [...scored].sort((a, b) => b.score - a.score);
    expect(sheets[0]?.rows.map((r) => [r.Client, r.Score, r.Grade])).toEqual(
      byScore.map((c) => [c.id, c.score, c.grade]),
    );
    // By hand: C001 ticks every criterion of fixtures/grid.yaml: the grid's maximum, 100.
    expect(sheets[0]?.rows[0]).toMatchObject({ Client: 'C001', Score: 100 });
    const parameters = sheetNamed(sheets, 'Parameters');
    expect(rowWhere(parameters, 'Parameter', 'asOf').Value).toBe('2026-11-23');
    expect(rowWhere(parameters, 'Parameter', 'summary.count').Value).toBe(12);
  });

  it('score --learn: every open deal with its win probability as a %', async () => {
    const args = ['score', '--learn', 'fixtures/deals.csv', '--fields', 'sector,source'];
    const sheets = await workbookOf(args);
    expect(sheets.map((s) => s.name)).toEqual(['Win probability', 'Values that weigh most', 'Parameters']);
    checkShape(sheets);
    const deals = sheets[0] as Sheet;
    expect(deals.rows).toHaveLength(4);
    for (const r of deals.rows) expect(r['Win probability']).toBeGreaterThan(0);
    expect(cell(deals, 2, 'Win probability').numFmt).toBe('0.0%');
  });

  it('inspect: one row per column of the file', async () => {
    const args = ['inspect', 'fixtures/clients-fr.csv'];
    const sheets = await workbookOf(args);
    const json = await jsonOf(args);
    expect(sheets.map((s) => s.name)).toEqual(['Columns', 'Parameters']);
    checkShape(sheets);
    const columns = json.columns as { index: number; header: string }[];
    expect(sheets[0]?.rows.map((r) => [r['#'], r.Header])).toEqual(columns.map((c) => [c.index, c.header]));
    expect(sheets[0]?.rows[0]?.Header).toBe('N° client');
  });

  it('a company named like a formula stays a text cell (=, +, -, @), in a group and a header', async () => {
    const file = join(dir, 'hostile.csv');
    writeFileSync(
      file,
      [
        'project,=1+2,status,potential,probability',
        'P1,"=HYPERLINK(""https://example.invalid"",""click"")",proposal,1000,50%',
        'P2,@SUM(A1:A9),proposal,2000,50%',
        'P3,+33 1 23 45,proposal,3000,50%',
        'P4,-1+2,proposal,4000,50%',
      ].join('\n') + '\n',
    );
    const sheets = await workbookOf(['portfolio', file, '--by', '=1+2']);
    checkShape(sheets);
    const groups = sheets[0] as Sheet;
    expect(groups.header[0]).toBe('=1+2');
    const names = groups.rows.map((r) => r['=1+2']);
    expect(names).toEqual(
      expect.arrayContaining([
        '=HYPERLINK("https://example.invalid","click")',
        '@SUM(A1:A9)',
        '+33 1 23 45',
        '-1+2',
      ]),
    );
    for (let n = 1; n <= groups.rows.length + 1; n++)
      expect(groups.sheet.getRow(n).getCell(1).type).toBe(ExcelJS.ValueType.String);
    // By hand: 1,000 x 50 % = 500 expected for the HYPERLINK one.
    expect(rowWhere(groups, '=1+2', '=HYPERLINK("https://example.invalid","click")')['Expected value']).toBe(
      500,
    );
  });

  it('to stdout, refused before anything is read (64), in the run’s language', async () => {
    // The orders file does not exist: the usage error comes first (64, not 66).
    const r = await runCli(['--lang', 'fr', 'review', join(dir, 'missing.csv'), '--format', 'xlsx']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('donnez --output FICHIER.xlsx');
    expect(r.stdout).toBe('');
  });
});

/** mknod in the test's own folder: the machine's /dev/full is never touched. */
function makeFullDevice(folder: string): string | undefined {
  const r = spawnSync('mknod', [join(folder, 'full'), 'c', '1', '7']);
  return r.status === 0 ? join(folder, 'full') : undefined;
}

describe('a workbook is written whole or not at all', () => {
  const PLAN_ARGS = ['-q', 'plan', '--objective', '60000'];

  it('over an existing file: replaced by a whole workbook, no temporary file left', async () => {
    const folder = join(dir, 'over');
    mkdirSync(folder);
    writeFileSync(join(folder, 'plan.xlsx'), 'an old file');
    const r = await runCli([...PLAN_ARGS, '--output', 'plan.xlsx'], { cwd: folder });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(folder)).toEqual(['plan.xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(folder, 'plan.xlsx'));
    expect(workbook.worksheets[0]?.name).toBe('Prospecting plan');
  });

  it('a run that fails on its data leaves no workbook (65)', async () => {
    const folder = join(dir, 'bad');
    mkdirSync(folder);
    writeFileSync(
      join(folder, 'p.csv'),
      'project,client,status,potential,probability\nP1,A,proposal,lots,50%\n',
    );
    const r = await runCli(['-q', 'portfolio', 'p.csv', '--strict', '--output', 'out.xlsx'], { cwd: folder });
    expect(r.code).toBe(65);
    expect(readdirSync(folder)).toEqual(['p.csv']);
  });

  it('an output that names the input is refused (73), the input unchanged', async () => {
    const folder = join(dir, 'same');
    mkdirSync(folder);
    writeFileSync(join(folder, 'in.csv'), 'client,amount\nA,10\n');
    const r = await runCli(['-q', 'inspect', 'in.csv', '--format', 'xlsx', '--output', 'in.csv'], {
      cwd: folder,
    });
    expect(r.code).toBe(73);
    expect(readFileSync(join(folder, 'in.csv'), 'utf8')).toBe('client,amount\nA,10\n');
  });

  const probe = mkdtempSync(join(tmpdir(), 'prospect-xlsx-mknod-'));
  const canMknod = makeFullDevice(probe) !== undefined;
  rmSync(probe, { recursive: true, force: true });
  it.skipIf(!canMknod)('a full device (1,7, made here) as --output: 73, one line', async () => {
    const folder = join(dir, 'full');
    mkdirSync(folder);
    makeFullDevice(folder);
    const r = await runCli([...PLAN_ARGS, '--format', 'xlsx', '--output', 'full'], { cwd: folder });
    expect(r.code).toBe(73);
    expect(r.stderr).toMatch(/^prospect: full: cannot be written \(ENOSPC[^\n]*\n$/);
    expect(readdirSync(folder)).toEqual(['full']);
  });
});
