import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { writeWorkbook } from './helpers/xlsx-fixtures.js';

/*
 * --where, --from, --to through the CLI (docs/filters.md). Every expected figure is worked out by
 * hand from the fixture rows named in the comment, not taken from the tool's output.
 */
async function json(argv: string[], cwd?: string): Promise<{ doc: Record<string, unknown>; stderr: string }> {
  const r = await runCli([...argv, '--format', 'json'], cwd === undefined ? {} : { cwd });
  expect(r.stderr, r.stderr).not.toContain('Error');
  expect(r.code, r.stderr).toBe(0);
  return { doc: JSON.parse(r.stdout) as Record<string, unknown>, stderr: r.stderr };
}

const rowsOf = (read: number, used: number, rejected: number, filtered: number) => ({
  read,
  used,
  rejected,
  skipped: 0,
  filtered,
});

describe('segment --where', () => {
  it('keeps the active and latent clients of pareto-clients.csv', async () => {
    // active: K01 30000/6000, K02 20000/5000, K04 10000/2500, K09 2000/300 -> 4, 62000, 13800
    // latent: K03 15000/3000, K05 8000/1600, K07 4000/800, K11 500/100 -> 4, 27500, 5500
    // arid (K06, K08, K10, K12, K13): 5 filtered.
    const { doc, stderr } = await json([
      'segment',
      'fixtures/pareto-clients.csv',
      '--by',
      'maturity',
      '--where',
      'maturity in (active, latent)',
    ]);
    const segments = doc.segments as {
      key: { maturity: string };
      clients: number;
      revenue: number;
      margin: number;
    }[];
    expect(segments.map((s) => [s.key.maturity, s.clients, s.revenue, s.margin])).toEqual([
      ['active', 4, 62000, 13800],
      ['latent', 4, 27500, 5500],
    ]);
    expect(doc.rows).toEqual(rowsOf(13, 8, 0, 5));
    expect(stderr).toContain(
      'fixtures/pareto-clients.csv: 13 rows read, 8 used, 0 rejected, 5 filtered out (--where)',
    );
  });

  it('secteur = industrie, whatever the case (clients.csv: C001, C008 INDUSTRIE, C012)', async () => {
    const { doc } = await json(['segment', 'fixtures/clients.csv', '--where', 'secteur = industrie']);
    expect((doc.totals as { clients: number }).clients).toBe(3);
    expect(doc.rows).toEqual(rowsOf(12, 3, 0, 9));
  });

  it('several --where are ANDed; or, not and parentheses', async () => {
    // active or latent (8) and revenue >= 10000: K01, K02, K03, K04 -> 4 clients, 75000.
    const { doc } = await json([
      'segment',
      'fixtures/pareto-clients.csv',
      '--where',
      'maturity = active or maturity = latent',
      '--where',
      'revenue >= 10000',
    ]);
    expect((doc.totals as { clients: number; revenue: number }).clients).toBe(4);
    expect((doc.totals as { clients: number; revenue: number }).revenue).toBe(75000);
    // not (arid or revenue < 10000): the same four.
    const again = await json([
      'segment',
      'fixtures/pareto-clients.csv',
      '--where',
      'not (maturity = arid or revenue < 10000)',
    ]);
    expect((again.doc.totals as { clients: number }).clients).toBe(4);
  });
});

describe('rfm and pareto: --from / --to on the order file (rfm-orders.csv)', () => {
  // Orders dated 2026-01-01..2026-06-30 (15 of 24): C01 500+300+200+250 (4), C02 400+350+250 (3),
  // C03 300+150+250 (3), C04 600, C05 120, C06 90+60 (2), C10 80. Left out: C07 2025-12-31, C06
  // 2025-12-15, C02 2025-12-01, C01 2025-11-02, C08 2025-10-01 and 2025-08-01, C04 2025-09-15,
  // C09 2025-06-30, C10 2026-07-03: 9.
  const WINDOW = ['--from', '2026-01-01', '--to', '2026-06-30'];
  it('rfm', async () => {
    const { doc, stderr } = await json([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-07-01',
      ...WINDOW,
    ]);
    const clients = doc.clients as { clientId: string; transactionCount: number; amount: number }[];
    const byId = Object.fromEntries(clients.map((c) => [c.clientId, [c.transactionCount, c.amount]]));
    expect(byId).toEqual({
      C01: [4, 1250],
      C02: [3, 1000],
      C03: [3, 700],
      C04: [1, 600],
      C05: [1, 120],
      C06: [2, 150],
      C10: [1, 80],
    });
    expect(doc.rows).toEqual(rowsOf(24, 15, 0, 9));
    expect(stderr).toContain('24 rows read, 15 used, 0 rejected, 9 filtered out (--from, --to)');
  });

  it('both bounds are included', async () => {
    // --from 2026-01-15 keeps C01's order of that day; --from 2026-01-16 drops it (C01: 3, 1000).
    const on = await json([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-07-01',
      '--from',
      '2026-01-15',
      '--to',
      '2026-06-30',
    ]);
    expect((on.doc.rows as { used: number }).used).toBe(15);
    const after = await json([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-07-01',
      '--from',
      '2026-01-16',
      '--to',
      '2026-06-30',
    ]);
    const c01 = (after.doc.clients as { clientId: string; transactionCount: number; amount: number }[]).find(
      (c) => c.clientId === 'C01',
    );
    expect([c01?.transactionCount, c01?.amount]).toEqual([3, 1000]);
    // --to 2026-06-28 keeps C01's order of that day and drops C10's of 2026-06-29: 6 clients.
    const to = await json([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-07-01',
      '--from',
      '2026-01-01',
      '--to',
      '2026-06-28',
    ]);
    const ids = (to.doc.clients as { clientId: string }[]).map((c) => c.clientId).sort();
    expect(ids).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'C06']);
  });

  it('pareto: A class = C01, C02, C03, C04 (3550 of 3900)', async () => {
    const { doc } = await json(['pareto', 'fixtures/rfm-orders.csv', ...WINDOW]);
    const a = (doc.classes as { className: string; clients: number; value: number }[])[0];
    expect([a?.className, a?.clients, a?.value]).toEqual(['A', 4, 3550]);
    expect(doc.rows).toEqual(rowsOf(24, 15, 0, 9));
  });

  it('rfm --where on the client id, on the streaming path', async () => {
    // C01's five orders and C02's four: 9 used, 15 filtered.
    const { doc } = await json([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-07-01',
      '--where',
      'client_id in (C01, C02)',
    ]);
    expect(doc.rows).toEqual(rowsOf(24, 9, 0, 15));
  });

  it('--from on a client table is a usage error', async () => {
    const r = await runCli(['pareto', 'fixtures/pareto-clients.csv', '--from', '2026-01-01']);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'prospect: --from: fixtures/pareto-clients.csv has no order date column; --from and --to filter order files (one date per order).\n',
    );
  });

  it('--from after --to is a usage error', async () => {
    const r = await runCli(['rfm', 'fixtures/rfm-orders.csv', '--from', '2026-02-01', '--to', '2026-01-01']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--from 2026-02-01 is after --to 2026-01-01');
  });
});

describe('score, portfolio, score --learn', () => {
  it('score --grid on the health clients (clients.csv: C002 santé, C007, C011)', async () => {
    const { doc } = await json([
      'score',
      'fixtures/clients.csv',
      '--grid',
      'fixtures/grid.yaml',
      '--where',
      'secteur = Santé',
    ]);
    expect((doc.summary as { count: number }).count).toBe(3);
    expect(doc.rows).toEqual(rowsOf(12, 3, 0, 9));
  });

  it('portfolio: probability >= 50 % (P01 50 %, P04 80 %, P06 60 %, P10 75 %)', async () => {
    // potential 20000 + 15000 + 5000 + 8000; expected 10000 + 12000 + 3000 + 6000.
    const { doc } = await json(['portfolio', 'fixtures/portfolio.csv', '--where', 'probability >= 50%']);
    const total = doc.total as { count: number; potential: number; expectedValue: number };
    expect([total.count, total.potential, total.expectedValue]).toEqual([4, 48000, 31000]);
    expect(doc.rows).toEqual(rowsOf(10, 4, 0, 6));
  });

  it('score --learn from the deals not from the web (deals.csv: 7 won, 3 lost, 2 open)', async () => {
    const { doc } = await json([
      'score',
      '--learn',
      'fixtures/deals.csv',
      '--fields',
      'sector,source',
      '--where',
      'source != Web',
    ]);
    const learned = doc.learnedFrom as { won: number; lost: number };
    expect([learned.won, learned.lost]).toEqual([7, 3]);
    expect(doc.rows).toEqual(rowsOf(20, 12, 0, 8));
  });
});

describe('deals and orders: calibrate, plan --pipeline, review, clv', () => {
  // Figures from fixtures/history/deals.csv and fixtures/review/orders.csv counted with awk (an
  // independent reading of the files), as the comments say.
  it('calibrate --where "amount > 15000": 31 deals of 15000 or less filtered; 25 open deals, 583400', async () => {
    // awk -F, 'NR>1 && $5<=15000' deals.csv | wc -l -> 31; open (not Closed Won/Lost) above 15000: 25, sum 583400.
    const { doc } = await json(['calibrate', 'fixtures/history/deals.csv', '--where', 'amount > 15000']);
    expect(doc.rows).toEqual(rowsOf(198, 167, 0, 31));
    const pipeline = doc.pipeline as { openDeals: number; amount: number };
    expect([pipeline.openDeals, pipeline.amount]).toEqual([25, 583400]);
  });

  it("plan --pipeline with one rep's deals (Claire Martin: 72 deals, 10 open, 216200)", async () => {
    const r = await runCli([
      'plan',
      '--objective',
      '60000',
      '--pipeline',
      'fixtures/history/deals.csv',
      '--where',
      '[Deal owner] = claire martin',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'fixtures/history/deals.csv: 198 rows read, 72 used, 0 rejected, 126 filtered out (--where)',
    );
    expect(r.stderr).toContain('open pipeline €216,200 (10 deals)');
  });

  it('review of the Audit orders of 2025 against 2024 (85380 and 142370)', async () => {
    // Audit orders: 27 in 2023 (79830), 21 in 2024 (142370), 21 in 2025 (85380): 69 used, 179 filtered.
    const { doc } = await json([
      'review',
      'fixtures/review/orders.csv',
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
      '--where',
      'produit = audit',
    ]);
    const revenue = (doc.team as { revenue: { current: number; previous: number } }).revenue;
    expect([revenue.current, revenue.previous]).toEqual([85380, 142370]);
    expect(doc.rows).toEqual(rowsOf(248, 69, 0, 179));
  });

  it('clv --from 2025-01-01 keeps the orders of 2025 on (85 of 248)', async () => {
    const r = await runCli(['clv', 'fixtures/review/orders.csv', '--from', '2025-01-01']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'fixtures/review/orders.csv: 248 rows read, 85 used, 0 rejected, 163 filtered out (--from)',
    );
  });
});

describe('an .xlsx workbook is filtered the same way', () => {
  it('typed numbers and real date cells', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-where-xlsx-'));
    const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
    await writeWorkbook(join(dir, 'orders.xlsx'), [
      {
        name: 'Commandes',
        rows: [
          ['N° client', 'Date de commande', 'Montant'],
          ['A', day('2025-12-31'), 100],
          ['A', day('2026-01-01'), 250.5],
          ['B', day('2026-03-15'), 40],
          ['B', day('2026-06-30'), 1000],
          ['C', day('2026-07-01'), 70],
        ],
      },
    ]);
    // 2026-01-01..2026-06-30 and Montant >= 100: A 250,50 and B 1000 -> 2 used, 3 filtered.
    const { doc } = await json(
      [
        'rfm',
        'orders.xlsx',
        '--as-of',
        '2026-07-01',
        '--from',
        '2026-01-01',
        '--to',
        '2026-06-30',
        '--where',
        'montant >= 100',
      ],
      dir,
    );
    const byId = Object.fromEntries(
      (doc.clients as { clientId: string; amount: number }[]).map((c) => [c.clientId, c.amount]),
    );
    expect(byId).toEqual({ A: 250.5, B: 1000 });
    expect(doc.rows).toEqual(rowsOf(5, 2, 0, 3));
  });
});

describe('--where errors', () => {
  it('a syntax error shows the place, in English and French (exit 64)', async () => {
    const en = await runCli(['segment', 'fixtures/clients.csv', '--where', 'secteur in (Santé, Industrie']);
    expect(en.code).toBe(64);
    expect(en.stderr).toBe(
      'prospect: --where "secteur in (Santé, Industrie": column 29: found the end of the expression, expected "," and another value, or ")" to close the list opened at column 12.\n' +
        '    secteur in (Santé, Industrie\n' +
        '                                ^\n',
    );
    const fr = await runCli(['segment', 'fixtures/clients.csv', '--lang', 'fr', '--where', 'ca >= )']);
    expect(fr.code).toBe(64);
    // (The boundary's prefix, `prospect:`, is main.ts's.)
    expect(fr.stderr).toContain(
      '--where « ca >= ) » : colonne 7 : trouvé « ) », attendu : une valeur (entre guillemets si elle contient un opérateur ou un mot-clé).\n' +
        '    ca >= )\n' +
        '          ^\n',
    );
  });

  it('an unknown field lists the columns of the file', async () => {
    const r = await runCli(['portfolio', 'fixtures/portfolio.csv', '--where', 'secteur = Santé']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'found "secteur", expected a column of fixtures/portfolio.csv: project, client (company), status, zone, rep, potential, probability.',
    );
  });

  it('a value of the wrong type', async () => {
    const r = await runCli([
      'segment',
      'fixtures/pareto-clients.csv',
      '--lang',
      'fr',
      '--where',
      'revenue >= abc',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      'trouvé « abc », attendu : un nombre, car la colonne « revenue » contient des nombres',
    );
  });

  it('not with --sql or --engine duckdb', async () => {
    const r = await runCli(['rfm', '--sql', 'postgres', '--table', 'orders', '--where', 'amount > 0']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--where: not available with --sql');
  });

  it('filtered rows never reach --rejects; rows the filter cannot read are rejected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-where-rejects-'));
    writeFileSync(
      join(dir, 'orders.csv'),
      'client_id,order_date,amount\nA,2026-01-10,5\nB,2026-02-01,x\nC,2026-03-01,2\nD,2025-01-01,9\n',
    );
    // amount >= 3: A kept; B unreadable (rejected); C < 3 and D filtered... D is 9: kept.
    const { doc } = await json(
      ['rfm', 'orders.csv', '--as-of', '2026-04-01', '--where', 'amount >= 3', '--rejects', 'rejects.csv'],
      dir,
    );
    expect(doc.rows).toEqual(rowsOf(4, 2, 1, 1));
    const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8');
    expect(rejects).toContain('B,2026-02-01,x');
    expect(rejects).not.toContain('C,2026-03-01');
  });
});
