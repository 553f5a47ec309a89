import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CDNOW_DIR } from './helpers/cdnow.js';
import { runCli } from './helpers/run-cli.js';

/*
 * docs/numbers.md, one rule in every command: an amount is read to the cent, half away from zero
 * as written (-0.125 -> -0.13, 1.005 -> 1.01), and the amounts of a column may add up to less
 * than 10^13 in absolute value (sums exact in cents); past that, exit 65 at the line.
 * Expected values worked by hand from the cells below.
 */
const dir = mkdtempSync(join(tmpdir(), 'prospect-numbers-'));
const file = (name: string, lines: string[]): string => {
  writeFileSync(join(dir, name), lines.join('\n') + '\n');
  return name;
};
const run = (args: string[]) => runCli(args, { cwd: dir });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (args: string[]): Promise<any> => {
  const r = await run([...args, '--format', 'json']);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

// A huge amount: 10^13 alone reaches the limit (an amount of 10^14, the reproducer,
// too). Each case: the command, its file with the huge amount on line 3, and its column.
const HUGE = '10000000000000';
const orders = (amount: string): string[] => [
  'client_id,order_date,amount',
  'A,2026-01-10,5',
  `B,2026-02-01,${amount}`,
  'A,2026-03-01,2',
];

describe('amounts to the cent, half away from zero, as written', () => {
  it('segment: -0.125 twice is -0.26 (not -0.25); 1.005 is 1.01', async () => {
    file('seg.csv', ['client_id,revenue,margin', 'A,-0.125,1.005', 'B,-0.125,0']);
    const doc = await json(['segment', 'seg.csv']);
    expect(doc.totals.revenue).toBe(-0.26);
    expect(doc.totals.margin).toBe(1.01);
  });

  it('pareto: 1.005 is 1.01 (not 1.00); -0.125 is -0.13', async () => {
    file('par.csv', ['client_id,order_date,amount', 'A,2026-01-10,1.005', 'B,2026-01-11,-0.125']);
    const doc = await json(['pareto', 'par.csv']);
    expect(doc.clients.map((c: { value: number }) => c.value)).toEqual([1.01, -0.13]);
    expect(doc.concentration.total).toBe(0.88);
  });

  it('rfm: -0.125 is -0.13 (not -0.12)', async () => {
    file('rfm.csv', ['client_id,order_date,amount', 'A,2026-01-10,1.005', 'B,2026-01-11,-0.125']);
    // B has only a credit note: counted as an order (R rfm's way) so that it is scored.
    const doc = await json(['rfm', 'rfm.csv', '--as-of', '2026-02-01', '--credit-notes', 'as-orders']);
    const amounts = Object.fromEntries(
      doc.clients.map((c: { clientId: string; amount: number }) => [c.clientId, c.amount]),
    );
    expect(amounts).toEqual({ A: 1.01, B: -0.13 });
  });

  it('review: 1.005 - 0.125 - 0.125 is 0.75 (not 0.76)', async () => {
    file('rev.csv', [
      'client_id,order_date,amount',
      'A,2026-01-10,1.005',
      'B,2026-02-01,-0.125',
      'B,2026-02-03,-0.125',
    ]);
    const doc = await json(['review', 'rev.csv', '--period', '2026']);
    expect(doc.team.revenue.current).toBe(0.75);
  });

  it('portfolio: a potential of 1.005 at 100 % is 1.01', async () => {
    file('pf.csv', ['project,client,potential,probability', 'P1,A,1.005,100%', 'P2,B,2.675,100%']);
    const doc = await json(['portfolio', 'pf.csv']);
    expect(doc.total.potential).toBe(3.69); // 1.01 + 2.68
    expect(doc.total.expectedValue).toBeCloseTo(3.69, 10); // an expectation, not an amount
  });

  it('score: a revenue of 1.005 meets `min: 1.01`', async () => {
    file('sc.csv', ['client_id,revenue', 'A,1.005', 'B,1.004']);
    writeFileSync(
      join(dir, 'grid.yaml'),
      'id: client_id\ncriteria:\n  - name: rev\n    field: revenue\n    rules:\n      - { min: 1.01, points: 10 }\n',
    );
    const doc = await json(['score', 'sc.csv', '--grid', 'grid.yaml']);
    expect(doc.clients.map((c: { id: string; score: number }) => [c.id, c.score])).toEqual([
      ['A', 10],
      ['B', 0],
    ]);
  });

  it('calibrate: won 1.005 and 2.675 make 3.69 (not 3.68)', async () => {
    file('deals.csv', [
      'deal_id,company,stage,amount,create_date,close_date',
      'D1,A,Won,1.005,2025-01-10,2025-02-10',
      'D2,B,Won,2.675,2025-01-11,2025-02-11',
      'D3,C,Lost,5,2025-01-12,2025-02-12',
    ]);
    const doc = await json(['calibrate', 'deals.csv', '--from', '2025-01-01', '--to', '2025-12-31']);
    expect(doc.team.counts.revenueWon).toBe(3.69);
  });

  it('clv: client 1 of CDNOW with 29.325 instead of 29.33 keeps 74.02 (29.33 + 29.73 + 14.96)', async () => {
    const text = readFileSync(`${CDNOW_DIR}cdnow-orders.csv`, 'utf8').replace(
      '1,1997-01-01,2,29.33\n',
      '1,1997-01-01,2,29.325\n',
    );
    expect(text).toContain('29.325');
    writeFileSync(join(dir, 'cdnow.csv'), text);
    const doc = await json(['clv', 'cdnow.csv', '--as-of', '1997-09-30']);
    expect(doc.clients.find((c: { clientId: string }) => c.clientId === '1').revenue).toBe(74.02);
  });
});

describe('amounts past the exact range: exit 65 at the line, in every command', () => {
  const cases: [string, string[], string, number][] = [
    ['segment', ['client_id,revenue', 'A,5', `B,${HUGE}`], 'segment', 2],
    ['segment margin', ['client_id,revenue,margin', 'A,5,1', `B,5,-${HUGE}`], 'segment', 3],
    ['pareto', orders('100000000000000'), 'pareto', 3],
    ['pareto clients', ['client_id,revenue', 'A,5', `B,${HUGE}`], 'pareto', 2],
    ['rfm', orders(HUGE), 'rfm --as-of 2026-04-01', 3],
    ['review', orders(HUGE), 'review --period 2026', 3],
    ['clv', orders(HUGE), 'clv', 3],
    ['portfolio', ['project,potential,probability', 'P1,5,10%', `P2,${HUGE},10%`], 'portfolio', 2],
    [
      'calibrate',
      ['deal_id,stage,amount,create_date', 'D1,Won,5,2025-01-01', `D2,Won,${HUGE},2025-01-02`],
      'calibrate',
      3,
    ],
    ['score', ['client_id,revenue', 'A,5', `B,${HUGE}`], 'score --grid grid.yaml', 2],
  ];
  it.each(cases)('%s', async (name, lines, command, column) => {
    const input = file(`${name.replace(' ', '-')}-huge.csv`, lines);
    const r = await run([...command.split(' ').slice(0, 1), input, ...command.split(' ').slice(1)]);
    expect(r.stderr).not.toMatch(/internal error|at \w+ \(/);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`${input}:3:${column}: column `);
    expect(r.stderr).toContain('10^13');
  });

  it('just below the range is exact: 99,999,999,999.99 + 0.01 in segment and pareto', async () => {
    // 10^13 - 0.01 is below the limit; the sum of 9,999,999,999,999.99 and 0.01 is 10^13 - 0.00
    // in absolute value, at the limit: refused. Below: 4,999,999,999,999.99 + 0.01 = 5 x 10^12.
    file('near.csv', ['client_id,revenue', 'A,4999999999999.99', 'B,0.01']);
    expect((await json(['segment', 'near.csv'])).totals.revenue).toBe(5e12);
    expect((await json(['pareto', 'near.csv'])).concentration.total).toBe(5e12);
    file('at.csv', ['client_id,revenue', 'A,9999999999999.99', 'B,0.01']);
    const r = await run(['segment', 'at.csv']);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('at.csv:3:2: column "revenue"');
  });
});
