import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

// fixtures/pareto-clients.csv, worked by hand: revenue of K01..K11 = 30000, 20000, 15000, 10000,
// 8000, 6000, 4000, 3000, 2000, 1500, 500 (positive total 100000), K12 = 0, K13 = -1000.
// Cumulative share before each: 0, .30, .50, .65, .75 (K05 crosses 80 %: still A), .83, .89, .93,
// .96, .98, .995 -> A = K01-K05, B = K06-K08, C = K09-K13 (K12, K13 flagged).
describe('prospect pareto', () => {
  it('client table: classes, summary, concentration', async () => {
    const { code, stdout } = await runCli(['pareto', 'fixtures/pareto-clients.csv', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.source).toEqual({
      file: 'fixtures/pareto-clients.csv',
      shape: 'clients',
      valueField: 'revenue',
    });
    expect(json.clients.map((c: { clientId: string; class: string }) => c.clientId + c.class).join(' ')).toBe(
      'K01A K02A K03A K04A K05A K06B K07B K08B K09C K10C K11C K12C K13C',
    );
    expect(
      json.clients
        .filter((c: { nonPositive: boolean }) => c.nonPositive)
        .map((c: { clientId: string }) => c.clientId),
    ).toEqual(['K12', 'K13']);
    expect(
      json.classes.map((k: { className: string; clients: number; value: number }) => [
        k.className,
        k.clients,
        k.value,
      ]),
    ).toEqual([
      ['A', 5, 83000],
      ['B', 3, 13000],
      ['C', 5, 3000],
    ]);
    // Top 20 % of 13 = 3 clients = 65000 / 100000; 80 % reached with K05 (5 clients);
    // Gini on values clamped at 0: 2 x 1078500 / (13 x 100000) - 14 / 13 = 7.57 / 13.
    expect(json.concentration).toMatchObject({
      clients: 13,
      total: 99000,
      positiveTotal: 100000,
      nonPositiveClients: 2,
      top20Clients: 3,
      top20Share: 0.65,
      clientsFor80: 5,
    });
    expect(json.concentration.gini).toBeCloseTo(7.57 / 13, 10);
  });

  it('--rule including moves the crossing client K05 to B', async () => {
    const { stdout } = await runCli([
      'pareto',
      'fixtures/pareto-clients.csv',
      '--rule',
      'including',
      '--format',
      'json',
    ]);
    expect(JSON.parse(stdout).clients[4]).toMatchObject({ clientId: 'K05', class: 'B' });
  });

  it('--value margin', async () => {
    // Margins sorted: K01 6000, K02 5000, K03 3000, K04 2500, K05 1600, K06 1500, K08 900, K07 800,
    // K10 450, K09 300, K11 100 (total 22150). Cumulative before: K04 14000 / 22150 = .632,
    // K05 16500 / 22150 = .745 -> A (K05 crosses 80 %: 18100 / 22150 = .817 after it);
    // K06 .817, K08 19600 / 22150 = .885, K07 20500 / 22150 = .926 -> B;
    // K10 21300 / 22150 = .962 -> C, and the rest C.
    const { stdout } = await runCli([
      'pareto',
      'fixtures/pareto-clients.csv',
      '--value',
      'margin',
      '--format',
      'json',
    ]);
    const json = JSON.parse(stdout);
    expect(json.source.valueField).toBe('margin');
    expect(json.clients.map((c: { clientId: string; class: string }) => c.clientId + c.class).join(' ')).toBe(
      'K01A K02A K03A K04A K05A K06B K08B K07B K10C K09C K11C K12C K13C',
    );
  });

  it('--thresholds 70,90,97 gives classes A to D', async () => {
    // Before: K04 .65 -> A; K05 .75 -> B; K06 .83, K07 .89 -> B; K08 .93 -> C; K09 .96 -> C;
    // K10 .98 -> D (not < .97); K11 .995 -> D.
    const { stdout } = await runCli([
      'pareto',
      'fixtures/pareto-clients.csv',
      '--thresholds',
      '70,90,97',
      '--format',
      'json',
    ]);
    const json = JSON.parse(stdout);
    expect(json.clients.map((c: { class: string }) => c.class).join('')).toBe('AAAABBBCCDDDD');
    expect(json.classes).toHaveLength(4);
  });

  it('cross-tabs with maturity and effort terciles', async () => {
    // Interactions sorted 1 2 2 3 4 5 6 8 9 12 15 20 30: terciles at index 5 and 9 -> 4 and 9.
    // A low (K01 4, K03 2): 45000 over 6 interactions = 7500 per interaction; A high (K02 12,
    // K04 20): 30000 / 32 = 937.5; C medium (K11 8, K12 5): 500 / 13.
    const { stdout } = await runCli([
      'pareto',
      'fixtures/pareto-clients.csv',
      '--maturity',
      'maturity',
      '--effort',
      'interactions',
      '--format',
      'json',
    ]);
    const json = JSON.parse(stdout);
    expect(json.effort.cuts).toEqual([4, 9]);
    const cell = (k: string, band: string) =>
      json.effort.cells.find(
        (c: { className: string; category: string }) => c.className === k && c.category === band,
      );
    expect(cell('A', '1')).toMatchObject({ clients: 2, value: 45000, effort: 6, valuePerEffort: 7500 });
    expect(cell('A', '3')).toMatchObject({ clients: 2, value: 30000, effort: 32, valuePerEffort: 937.5 });
    expect(cell('C', '2').valuePerEffort).toBeCloseTo(500 / 13, 10);
    const m = (k: string, cat: string) =>
      json.maturity.cells.find(
        (c: { className: string; category: string }) => c.className === k && c.category === cat,
      );
    expect(m('A', 'active')).toMatchObject({ clients: 3, value: 60000 });
    expect(m('C', 'arid')).toMatchObject({ clients: 3, value: 500 });
  });

  it('orders netted per client, with the order after any date kept (pareto has no analysis date)', async () => {
    // fixtures/rfm-orders.csv summed per client: C09 2000, C01 1500, C02 1200, C04 1000, C07 800,
    // C03 700, C10 80 + 100 = 180, C05 120, C06 90 + 60 - 30 = 120, C08 100; total 7720.
    // Before: C07 5700 / 7720 = .738 -> A (crosses 80 %); C03 .842 -> B; C10 .933 -> B;
    // C05 7380 / 7720 = .956 -> C. C05 and C06 tie at 120: C05 first by id.
    const { code, stdout } = await runCli(['pareto', 'fixtures/rfm-orders.csv', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // 24 rows: 23 orders and C06's credit note, which lowers its value but is not an order.
    expect(json.source).toEqual({
      file: 'fixtures/rfm-orders.csv',
      shape: 'orders',
      valueField: 'amount',
      orders: 23,
      creditNotes: 1,
      creditNotesMode: 'as-credit',
    });
    expect(json.clients.map((c: { clientId: string; class: string }) => c.clientId + c.class).join(' ')).toBe(
      'C09A C01A C02A C04A C07A C03B C10B C05C C06C C08C',
    );
    expect(json.concentration.positiveTotal).toBe(7720);
  });

  it('--clients on an order file refuses repeated clients with their line', async () => {
    const { code, stderr } = await runCli([
      'pareto',
      'fixtures/rfm-orders.csv',
      '--clients',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain('fixtures/rfm-orders.csv:6: client C03 already on line 5');
  });

  it.each([
    [
      'en',
      ['Pareto (ABC) analysis', 'The top 20% of clients (3) make 65% of the value.', 'Pareto curve', '┈'],
    ],
    [
      'fr',
      [
        'Analyse de Pareto (ABC)',
        'Les 20 % premiers clients (3) font 65 % de la valeur.',
        'Courbe de Pareto',
        'part cumulée',
      ],
    ],
  ] as const)('table in %s, with the chart', async (lang, texts) => {
    const { stdout } = await runCli(['--lang', lang, 'pareto', 'fixtures/pareto-clients.csv']);
    for (const t of texts) expect(stdout).toContain(t);
  });

  it('--no-chart leaves the chart out; markdown and csv', async () => {
    const table = await runCli(['pareto', 'fixtures/pareto-clients.csv', '--no-chart']);
    expect(table.stdout).not.toContain('Pareto curve');
    const md = await runCli(['pareto', 'fixtures/pareto-clients.csv', '--format', 'markdown']);
    expect(md.stdout).toMatch(/\| A +\| +80% \| +5 \|/);
    const csv = await runCli([
      'pareto',
      'fixtures/pareto-clients.csv',
      '--format',
      'csv',
      '--effort',
      'interactions',
    ]);
    const lines = csv.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'rank,client_id,value,share,cumulative_share,class,non_positive,effort,effort_band',
    );
    expect(lines[1]).toBe('1,K01,30000,0.3,0.3,A,false,4,1');
    expect(lines).toHaveLength(14);
  });

  it('--rows limits the client table', async () => {
    const { stdout } = await runCli(['pareto', 'fixtures/pareto-clients.csv', '--rows', '3', '--no-chart']);
    expect(stdout).toContain('… and 10 more clients');
  });

  it.each([
    [['--thresholds', '95,80'], 'not ascending'],
    [['--thresholds', '80,120'], 'outside 0-100 %'],
    [['--rule', 'after'], '--rule'],
    [['--orders', '--clients'], 'contradict'],
  ])('usage error %j', async (args, message) => {
    const { code, stderr } = await runCli(['pareto', 'fixtures/pareto-clients.csv', ...args]);
    expect(code).toBe(64);
    expect(stderr).toContain(message);
  });

  it('a missing value column is a data error naming the headers', async () => {
    const { code, stderr } = await runCli(['pareto', 'fixtures/pareto-clients.csv', '--value', 'potential']);
    expect(code).toBe(65);
    expect(stderr).toContain('no column for potential');
  });
});
