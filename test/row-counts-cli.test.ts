import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CDNOW_DIR } from './helpers/cdnow.js';
import { runCli } from './helpers/run-cli.js';

/*
 * Every command's JSON that reads CSV files carries `rows` (its main file) and `inputs` (each
 * file read, in order), with read = used + rejected (src/io/row-counts.ts, docs/numbers.md).
 * Each file below has one row that cannot be used; the counts are worked out by hand.
 */
const dir = mkdtempSync(join(tmpdir(), 'prospect-rows-'));
const put = (name: string, lines: string[]): void => writeFileSync(join(dir, name), lines.join('\n') + '\n');
// 3 rows: line 3 has no amount that reads as a number -> 2 used, 1 rejected.
put('orders.csv', ['client_id,order_date,amount', 'A,2026-01-10,5', 'B,2026-02-01,x', 'A,2026-03-01,2']);
// 2 rows: line 3 repeats client A -> 1 used, 1 rejected (duplicate).
put('clients.csv', ['client_id,company,revenue', 'A,Acme,10', 'A,Dup,20']);
// 2 rows: line 3 has no date -> 1 used, 1 rejected.
put('leads.csv', [
  'Lead Source,Create Date,Deal Stage,Amount',
  'Salon,2026-02-01,Won,100',
  'SEO,notadate,Won,5',
]);
// 3 rows: line 4 has no creation date -> 2 used, 1 rejected.
put('deals.csv', [
  'deal_id,company,stage,amount,create_date,close_date',
  'D1,A,Won,5,2025-01-10,2025-02-10',
  'D2,B,Lost,3,2025-01-11,2025-02-11',
  'D3,C,Won,7,bad,2025-02-11',
]);
// 2 rows: line 3 has no date -> 1 used, 1 rejected.
put('activities.csv', ['date,type,minutes,company', '2025-01-02,call,2,A', 'bad,call,2,B']);
// 2 rows: line 3 has no potential -> 1 used, 1 rejected.
put('projects.csv', ['project,potential,probability', 'P1,100,50%', 'P2,abc,10%']);
writeFileSync(
  join(dir, 'grid.yaml'),
  'id: client_id\ncriteria:\n  - name: rev\n    field: revenue\n    rules:\n      - { min: 15, points: 10 }\n',
);

// No footer or blank row in these files: skipped is 0 (issue 13: read = used + rejected + skipped).
const rows = (read: number, used: number, rejected: number) => ({ read, used, rejected, skipped: 0 });
const ORDERS = { file: 'orders.csv', kind: 'orders', ...rows(3, 2, 1) };
const CLIENTS = { file: 'clients.csv', kind: 'clients', ...rows(2, 1, 1) };
const DEALS = { file: 'deals.csv', kind: 'deals', ...rows(3, 2, 1) };
const ACTIVITIES = { file: 'activities.csv', kind: 'activities', ...rows(2, 1, 1) };

const CASES: [string, string[], object[]][] = [
  ['pareto', ['pareto', 'orders.csv'], [ORDERS]],
  ['rfm', ['rfm', 'orders.csv', '--as-of', '2026-04-01'], [ORDERS]],
  ['segment', ['segment', 'clients.csv'], [CLIENTS]],
  ['segment --per-client', ['segment', 'clients.csv', '--per-client'], [CLIENTS]],
  ['inspect', ['inspect', 'orders.csv'], [{ file: 'orders.csv', kind: 'table', ...rows(3, 3, 0) }]],
  // score keeps every row of the client file (ids need not be unique there): 2 used.
  [
    'score --grid',
    ['score', 'clients.csv', '--grid', 'grid.yaml'],
    [{ file: 'clients.csv', kind: 'clients', ...rows(2, 2, 0) }],
  ],
  // The deals' stage is the outcome: every row has one (3 used), the date is not read.
  [
    'score --learn',
    ['score', '--learn', 'deals.csv', '--outcome', 'stage', '--fields', 'company'],
    [{ file: 'deals.csv', kind: 'deals', ...rows(3, 3, 0) }],
  ],
  [
    'portfolio',
    ['portfolio', 'projects.csv'],
    [{ file: 'projects.csv', kind: 'projects', ...rows(2, 1, 1) }],
  ],
  [
    'review',
    ['review', 'orders.csv', '--period', '2026', '--clients', 'clients.csv', '--leads', 'leads.csv'],
    [ORDERS, CLIENTS, { file: 'leads.csv', kind: 'leads', ...rows(2, 1, 1) }],
  ],
  [
    'calibrate',
    [
      'calibrate',
      'deals.csv',
      '--activities',
      'activities.csv',
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
    ],
    [DEALS, ACTIVITIES],
  ],
  [
    'track',
    [
      'track',
      '--objective',
      '1000',
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
      '--deals',
      'deals.csv',
      '--activities',
      'activities.csv',
    ],
    [DEALS, ACTIVITIES],
  ],
];

describe('JSON row accounting, per input file', () => {
  it.each(CASES)('%s', async (_name, argv, inputs) => {
    const { code, stdout } = await runCli([...argv, '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.inputs).toEqual(inputs);
    const main = inputs[0] as { read: number; used: number; rejected: number };
    expect(doc.rows).toEqual(rows(main.read, main.used, main.rejected));
    for (const i of doc.inputs) expect(i.read).toBe(i.used + i.rejected + i.skipped);
  });

  it('clv: orders after --as-of are rejected rows (CDNOW, counted from the file here)', async () => {
    const lines = readFileSync(`${CDNOW_DIR}cdnow-orders.csv`, 'utf8').trim().split('\n').slice(1);
    const after = lines.filter((l) => (l.split(',')[1] ?? '') > '1997-09-30').length;
    const { code, stdout } = await runCli(['clv', '-', '--as-of', '1997-09-30', '--format', 'json'], {
      stdin: readFileSync(`${CDNOW_DIR}cdnow-orders.csv`),
    });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.rows).toEqual(rows(lines.length, lines.length - after, after));
    expect(doc.inputs).toEqual([
      { file: '<stdin>', kind: 'orders', ...rows(lines.length, lines.length - after, after) },
    ]);
  });

  it('plan without input files has no rows or inputs', async () => {
    const { code, stdout } = await runCli(['plan', '--objective', '10000', '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.rows).toBeUndefined();
    expect(doc.inputs).toBeUndefined();
  });
});
