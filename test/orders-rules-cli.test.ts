import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

// DOMAIN.md section 8: a credit note is not a purchase; in a deals file only won deals are orders.
const dir = mkdtempSync(join(tmpdir(), 'prospect-orders-rules-'));
function write(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

interface JsonClient {
  clientId: string;
  recencyDays: number;
  transactionCount: number;
  amount: number;
  frequencyScore: number;
  segment: string;
}

describe('rfm: a credit note is not a purchase', () => {
  // The client K: 8 orders of 100 up to 2025-02-05 and a credit note of -50 on 2026-03-15.
  // Analysis on 2026-11-30. By hand: 2025-02-05 -> 2026-11-30 = 663 days, 8 purchases, 750 net;
  // counted as an order (R rfm), the credit note makes it 260 days and 9 transactions.
  const file = write('issue-client.csv', [
    'client_id,order_date,amount',
    ...[
      '2024-12-22',
      '2024-12-27',
      '2025-01-01',
      '2025-01-06',
      '2025-01-11',
      '2025-01-16',
      '2025-01-21',
      '2025-02-05',
    ].map((d) => `K,${d},100`),
    'K,2026-03-15,-50',
    'L,2026-11-01,300',
    'M,2026-10-01,-80', // M has a credit note only: no purchase, not scored
  ]);
  const run = async (
    ...extra: string[]
  ): Promise<{ clients: JsonClient[]; json: Record<string, unknown>; stderr: string }> => {
    const { code, stdout, stderr } = await runCli([
      'rfm',
      file,
      '--as-of',
      '2026-11-30',
      '--format',
      'json',
      ...extra,
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    return { clients: json.clients, json, stderr };
  };

  it('as-credit (default): recency from the last purchase, the credit note netted but not counted', async () => {
    const { clients, json, stderr } = await run();
    expect(clients.map((c) => [c.clientId, c.recencyDays, c.transactionCount, c.amount])).toEqual([
      ['K', 663, 8, 750],
      ['L', 29, 1, 300],
    ]);
    expect(json.source).toMatchObject({ orders: 9, creditNotes: 2, creditOnlyClients: ['M'] });
    expect(stderr).toContain(
      "prospect: 2 credit notes (negative amounts) lower the clients' value but are not purchases",
    );
    expect(stderr).toContain('1 client has only credit notes and no purchase up to 2026-11-30');
    expect((json.warnings as { fr: string }[]).map((w) => w.fr)).toEqual([
      'prospect : 2 avoirs (montants négatifs) réduisent la valeur des clients mais ne sont pas des achats : ni récence ni fréquence (--credit-notes as-orders compte chaque ligne, comme R rfm).',
      'prospect : 1 client n’a que des avoirs et aucun achat jusqu’au 30/11/2026, donc pas de récence : hors des scores (M).',
    ]);
  });

  it("--credit-notes as-orders: every row counts, as R rfm does (the issue's 260 days, 9 transactions)", async () => {
    const { clients, json } = await run('--credit-notes', 'as-orders');
    expect(clients.map((c) => [c.clientId, c.recencyDays, c.transactionCount, c.amount])).toEqual([
      ['K', 260, 9, 750],
      ['L', 29, 1, 300],
      ['M', 60, 1, -80],
    ]);
    expect(json.warnings).toEqual([]);
  });

  it("fixtures/rfm-orders.csv: C06's credit note no longer makes it a Potential Loyalist", async () => {
    // By hand: C06 has 2 purchases (not 3). Frequencies 5,4,3,2,1,2,1,2,1,1 sorted
    // 1,1,1,1,2,2,2,3,4,5; type-7 quantiles at .2 .4 .6 .8 (h = 9p): 1, 1.6, 2, 3.2; breaks + 1:
    // 2, 2.6, 3, 4.2. C03 (3 orders) scores F 4 (was 3), C06 F 2: R 3, F 2, M 2 is Loyal Customers
    // (Potential Loyalist needs F >= 3).
    const { code, stdout } = await runCli([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-06-30',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.bins.frequency.breaks.map((b: number) => Math.round(b * 10) / 10)).toEqual([2, 2.6, 3, 4.2]);
    const byId = new Map((json.clients as JsonClient[]).map((c) => [c.clientId, c]));
    expect(byId.get('C06')).toMatchObject({
      transactionCount: 2,
      amount: 120,
      recencyDays: 90,
      frequencyScore: 2,
      segment: 'Loyal Customers',
    });
    expect(byId.get('C03')).toMatchObject({ frequencyScore: 4, segment: 'Potential Loyalist' });
    expect(json.source).toMatchObject({ orders: 22, creditNotes: 1 });
  });
});

describe('rfm: a deals file is not an order file', () => {
  // A won twice, B lost only (recently: it would be a "New Customer"), C won once and lost once,
  // D open (Devis envoyé). By hand, only won rows: A 2 orders 300, C 1 order 50.
  const file = write('deals.csv', [
    'account,close_date,amount,stage',
    'A,2026-01-10,100,Won',
    'A,2026-06-10,200,Closed Won',
    'B,2026-06-28,900,Lost',
    'C,2026-05-01,50,Gagnée',
    'C,2026-06-01,70,Perdue',
    'D,2026-06-20,400,Devis envoyé',
  ]);
  it('only won deals are orders; lost and open deals are counted and named', async () => {
    const { code, stdout, stderr } = await runCli([
      'rfm',
      file,
      '--map',
      'clientId=account',
      '--map',
      'orderDate=close_date',
      '--as-of',
      '2026-06-30',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect((json.clients as JsonClient[]).map((c) => [c.clientId, c.transactionCount, c.amount])).toEqual([
      ['A', 2, 300],
      ['C', 1, 50],
    ]);
    expect(json.source.orders).toBe(3);
    expect(json.source.deals).toEqual({
      column: 'stage',
      won: 3,
      lost: 2,
      open: 1,
      values: [
        { value: 'Devis envoyé', outcome: 'open', rows: 1 },
        { value: 'Lost', outcome: 'lost', rows: 1 },
        { value: 'Perdue', outcome: 'lost', rows: 1 },
      ],
    });
    expect(stderr).toContain(
      'prospect: column "stage" gives each deal\'s outcome; only won deals are orders: 3 won deals used, 2 lost deals and 1 open deal left out ("Devis envoyé" 1, "Lost" 1, "Perdue" 1).',
    );
    expect(json.warnings).toHaveLength(1);
  });
  it('a status column of client statuses is not an outcome column', async () => {
    const f = write('orders-status.csv', [
      'client_id,order_date,amount,status',
      'A,2026-01-10,100,client',
      'B,2026-02-10,50,prospect',
    ]);
    const { stdout } = await runCli(['rfm', f, '--as-of', '2026-06-30', '--format', 'json']);
    const json = JSON.parse(stdout);
    expect(json.clients).toHaveLength(2);
    expect(json.source.deals).toBeUndefined();
  });
});

describe('pareto: deals and credit notes', () => {
  it('only won deals make the value; the credit note nets it but is not an order', async () => {
    // Won: A 100 + 200 = 300, C 50 - 20 (a credit note on a won line) = 30. B (lost only) and D
    // (open) are left out: 2 clients, total 330; B's 900 would have made it the top client.
    const file = write('deals-pareto.csv', [
      'account,close_date,amount,stage',
      'A,2026-01-10,100,Won',
      'A,2026-06-10,200,Won',
      'B,2026-06-28,900,Lost',
      'C,2026-05-01,50,Won',
      'C,2026-05-03,-20,Won',
      'D,2026-06-20,400,Open',
    ]);
    const { code, stdout, stderr } = await runCli([
      'pareto',
      file,
      '--map',
      'clientId=account',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.clients.map((c: { clientId: string; value: number }) => [c.clientId, c.value])).toEqual([
      ['A', 300],
      ['C', 30],
    ]);
    expect(json.source).toMatchObject({ orders: 3, creditNotes: 1 });
    expect(json.source.deals).toMatchObject({ won: 4, lost: 1, open: 1 });
    expect(stderr).toContain('1 lost deal and 1 open deal left out ("Lost" 1, "Open" 1)');
  });
});

describe('review: deals and credit notes', () => {
  it('a lost deal is not an order: the account is not a new client; credit notes only are not retention', async () => {
    // Period 2026, previous 2025. By hand: A won 2026-03-01 (1000): conquest. B lost 2026-04-01
    // (5000): not an order, so no conquest. C won 2025-05-01 (800) and has only a credit note
    // (Won line, -100) in 2026: not retained; the credit note line is -100.
    // 2026 revenue = 1000 - 100 = 900.
    const file = write('deals-review.csv', [
      'client_id,order_date,amount,status',
      'A,2026-03-01,1000,Won',
      'B,2026-04-01,5000,Lost',
      'C,2025-05-01,800,Won',
      'C,2026-06-01,-100,Won',
    ]);
    const { code, stdout, stderr } = await runCli(['review', file, '--period', '2026', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(
      json.team.origins.map((l: { origin: string; clients: number; revenue: number }) => [
        l.origin,
        l.clients,
        l.revenue,
      ]),
    ).toEqual([
      ['conquest', 1, 1000],
      ['retention', 0, 0],
      ['reconquest', 0, 0],
      ['creditOnly', 1, -100],
      ['total', 1, 900],
    ]);
    expect(stderr).toContain(
      'only won deals are orders: 3 won deals used, 1 lost deal and 0 open deals left out ("Lost" 1)',
    );
    expect(stderr).toContain(
      "1 credit note (negative amount) lowers the clients' value but is not a purchase",
    );
    expect(json.warnings).toHaveLength(2);
  });
});

describe('clv: deals', () => {
  it('lost and open deals are not purchases', async () => {
    // Only A's two won deals are purchases: 1 client, x = 1; B (lost) and C (open) are not clients.
    const file = write('deals-clv.csv', [
      'client_id,order_date,amount,stage',
      'A,2026-01-10,100,Won',
      'A,2026-03-10,300,Won',
      'B,2026-02-10,900,Lost',
      'C,2026-02-20,400,Negotiation',
    ]);
    const { stdout, stderr } = await runCli(['clv', file, '--as-of', '2026-06-30', '--format', 'json']);
    expect(stderr).toContain('2 won deals used, 1 lost deal and 1 open deal left out');
    const json = JSON.parse(stdout);
    expect(
      json.clients.map((c: { clientId: string; frequency: number; revenue: number }) => [
        c.clientId,
        c.frequency,
        c.revenue,
      ]),
    ).toEqual([['A', 1, 400]]);
  });
});

describe('portfolio: the open pipeline', () => {
  // By hand: open deals P1 Nord 10 000 x 50 % = 5 000, P2 "nord" 20 000 x 25 % = 5 000, P4 (no
  // zone) 4 000 x 50 % = 2 000: expected value 12 000. P3 won 30 000 and P5 lost 8 000 apart.
  const file = write('pipeline.csv', [
    'project,zone,stage,potential,probability',
    'P1,Nord,Proposal,10000,50%',
    'P2,nord,Qualified,20000,25%',
    'P3,Sud,Closed Won,30000,100%',
    'P4,,Proposal,4000,50%',
    'P5,Sud,Closed Lost,8000,0%',
  ]);
  it('won and lost apart, empty group kept, groups add up', async () => {
    const { code, stdout, stderr } = await runCli(['portfolio', file, '--by', 'zone', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect([json.total.count, json.total.potential, json.total.expectedValue]).toEqual([3, 34000, 12000]);
    expect(
      json.groups.map((g: { key: { zone: string }; expectedValue: number }) => [g.key.zone, g.expectedValue]),
    ).toEqual([
      ['Nord', 10000],
      ['', 2000],
    ]);
    expect(json.closed).toEqual({ won: { count: 1, potential: 30000 }, lost: { count: 1, potential: 8000 } });
    expect(stderr).toContain('1 won deal (already revenue) and 1 lost deal (worth 0) shown apart');
    expect(stderr).toContain('0 rejected');
  });
  it('the table names the empty group in the run language', async () => {
    const en = await runCli(['portfolio', file, '--by', 'zone']);
    expect(en.stdout).toMatch(/\(empty\)/);
    expect(en.stdout).toContain('Won (already revenue)');
    const fr = await runCli(['portfolio', file, '--by', 'zone', '--lang', 'fr']);
    expect(fr.stdout).toMatch(/\(vide\)/);
    expect(fr.stderr).toContain(
      "1 affaire gagnée (déjà du chiffre d'affaires) et 1 affaire perdue (valeur 0) présentées à part",
    );
  });
  it('--include won,lost brings them back', async () => {
    // 12 000 + 30 000 x 100 % + 8 000 x 0 % = 42 000.
    const { stdout } = await runCli(['portfolio', file, '--include', 'won,lost', '--format', 'json']);
    const json = JSON.parse(stdout);
    expect([json.total.count, json.total.expectedValue]).toEqual([5, 42000]);
    expect(json.included).toEqual(['open', 'won', 'lost']);
  });
  it('--include with another word is a usage error', async () => {
    const { code, stderr } = await runCli(['portfolio', file, '--include', 'open']);
    expect(code).toBe(64);
    expect(stderr).toContain('--include: "open" is not an outcome; expected won, lost or won,lost.');
  });
});

describe('an open deal without a close date is an open deal, not a rejected row', () => {
  // HubSpot-like export: the open deal E has no close date and no amount yet. By hand: A's won
  // deal is the only order; E is counted as open, nothing is rejected.
  const file = write('open-undated.csv', [
    'company,close_date,amount,deal_stage',
    'A,2026-03-01,100,Closed Won',
    'E,,,Proposal',
  ]);
  it.each([
    ['rfm', ['--as-of', '2026-06-30']],
    ['pareto', []],
    ['clv', []],
    ['review', ['--period', '2026']],
  ])('%s', async (command, extra) => {
    const { code, stderr } = await runCli([
      command,
      file,
      '--map',
      'clientId=company',
      '--map',
      'orderDate=close_date',
      ...extra,
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain('1 won deal used, 0 lost deals and 1 open deal left out ("Proposal" 1)');
    expect(stderr).toContain('0 rejected');
  });
});
