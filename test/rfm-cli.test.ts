import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

// fixtures/rfm-orders.csv: 10 clients, 23 orders up to 2026-06-30 and one (C10, 2026-07-03) after.
// Worked by hand (and checked with test/reference/rfm-reference.R, the rfm 0.3.0 algorithm in
// base R 4.2.2): recency 2, 10, 29, 60, 120, 90, 181, 272, 365, 1 days; breaks 9.4, 48.6, 103,
// 200.2 (quantiles 8.4, 47.6, 102, 199.2 plus one); frequency breaks 2, 2.6, 3.4, 4.2; monetary
// breaks 117, 469, 881, 1261. The expected scores and segments below follow.
const EXPECTED: Record<string, [number, number, number, number, string]> = {
  C01: [2, 5, 1500, 555, 'Champions'],
  C02: [10, 4, 1200, 444, 'Potential Loyalist'],
  C03: [29, 3, 700, 433, 'Potential Loyalist'],
  C04: [60, 2, 1000, 324, 'Loyal Customers'],
  C05: [120, 1, 120, 212, 'About To Sleep'],
  C06: [90, 3, 120, 332, 'Potential Loyalist'],
  C07: [181, 1, 800, 213, 'About To Sleep'],
  C08: [272, 2, 100, 121, 'Lost'],
  C09: [365, 1, 2000, 115, 'Lost'],
  C10: [1, 1, 80, 511, 'New Customers'],
};

interface JsonClient {
  clientId: string;
  recencyDays: number;
  transactionCount: number;
  amount: number;
  rfmScore: number;
  segment: string;
}

function checkClients(clients: JsonClient[]): void {
  expect(clients).toHaveLength(10);
  for (const c of clients) {
    const [recency, count, amount, score, segment] = EXPECTED[c.clientId] as [
      number,
      number,
      number,
      number,
      string,
    ];
    expect([c.clientId, c.recencyDays, c.transactionCount, c.amount, c.rfmScore, c.segment]).toEqual([
      c.clientId,
      recency,
      count,
      amount,
      score,
      segment,
    ]);
  }
}

describe('prospect rfm', () => {
  it('orders: scores as R rfm 0.3.0; the order after --as-of is rejected with its line and counted', async () => {
    // R rfm counts every row, the credit note of C06 too: --credit-notes as-orders.
    const { code, stdout, stderr } = await runCli([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-06-30',
      '--credit-notes',
      'as-orders',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.asOf).toBe('2026-06-30');
    expect(json.source).toEqual({
      file: 'fixtures/rfm-orders.csv',
      shape: 'orders',
      orders: 23,
      rejectedAfterAsOf: 1,
      creditNotes: 0,
      creditNotesMode: 'as-orders',
      creditOnlyClients: [],
    });
    // Never silent for scripts: the one order after 2026-06-30 is said in the JSON warnings too,
    // with the same words as on stderr.
    const lateNote =
      'prospect: 1 order dated after the analysis date 2026-06-30 rejected (--as-of moves it).';
    expect(json.warnings).toContainEqual({
      en: lateNote,
      fr: 'prospect : 1 commande postérieure à la date d’analyse (30/06/2026) rejetée (--as-of la déplace).',
    });
    expect(stderr).toContain(lateNote);
    checkClients(json.clients);
    expect(json.bins.recency.breaks.map((b: number) => Math.round(b * 10) / 10)).toEqual([
      9.4, 48.6, 103, 200.2,
    ]);
    expect(json.bins.frequency.breaks.map((b: number) => Math.round(b * 10) / 10)).toEqual([
      2, 2.6, 3.4, 4.2,
    ]);
    expect(json.bins.monetary.breaks.map((b: number) => Math.round(b))).toEqual([117, 469, 881, 1261]);
    expect(stderr).toContain(
      'fixtures/rfm-orders.csv:25:2: order dated 2026-07-03 is after the analysis date 2026-06-30; expected on or before it',
    );
    expect(stderr).toContain('24 rows read, 23 used, 1 rejected');
  });

  it('segment summary: clients, orders, revenue, average order value, medians', async () => {
    // Potential Loyalist = C02, C03, C06: 4 + 3 + 3 = 10 orders, 1200 + 700 + 120 = 2020, AOV 202,
    // medians 29 days, 3 orders, 700. About To Sleep = C05, C07: median recency (120 + 181) / 2.
    // Lost = C08, C09: 3 orders, 2100, median frequency 1.5, median amount 1050.
    const { stdout } = await runCli([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-06-30',
      '--credit-notes',
      'as-orders',
      '--format',
      'json',
    ]);
    const segments = JSON.parse(stdout).segments as Record<string, unknown>[];
    expect(segments.map((s) => [s.segment, s.clients, s.orders, s.revenue, s.averageOrderValue])).toEqual([
      ['Champions', 1, 5, 1500, 300],
      ['Potential Loyalist', 3, 10, 2020, 202],
      ['Loyal Customers', 1, 2, 1000, 500],
      ['New Customers', 1, 1, 80, 80],
      ['About To Sleep', 2, 2, 920, 460],
      ['Lost', 2, 3, 2100, 700],
    ]);
    expect(segments[1]).toMatchObject({ medianRecencyDays: 29, medianFrequency: 3, medianAmount: 700 });
    expect(segments[4]).toMatchObject({ medianRecencyDays: 150.5 });
    expect(segments[5]).toMatchObject({ medianFrequency: 1.5, medianAmount: 1050 });
  });

  it('client table with last-purchase dates gives the same scores', async () => {
    const { code, stdout } = await runCli([
      'rfm',
      'fixtures/rfm-clients.csv',
      '--as-of',
      '2026-06-30',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.source.shape).toBe('clients');
    checkClients(json.clients);
  });

  it('--as-of defaults to today and is printed', async () => {
    const { stdout } = await runCli(['rfm', 'fixtures/rfm-clients.csv', '--format', 'table', '--no-chart'], {
      today: '2026-07-10',
    });
    expect(stdout).toContain('Analysis date: July 10, 2026 (today).');
  });

  it('user breaks are used as given: --recency-breaks 30,90,180,365', async () => {
    // Bins [min, 30) [30, 90) [90, 180) [180, 365) [365, max + 1): C01 2 -> R5, C03 29 -> R5,
    // C04 60 -> R4, C06 90 -> R3, C07 181 -> R2, C09 365 -> R1.
    const { stdout } = await runCli([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-06-30',
      '--recency-breaks',
      '30,90,180,365',
      '--format',
      'json',
    ]);
    const byId = Object.fromEntries(
      (JSON.parse(stdout).clients as { clientId: string; recencyScore: number }[]).map((c) => [
        c.clientId,
        c.recencyScore,
      ]),
    );
    expect([byId.C01, byId.C03, byId.C04, byId.C06, byId.C07, byId.C09]).toEqual([5, 5, 4, 3, 2, 1]);
  });

  it('--binning ntile: equal counts of two per score', async () => {
    const { stdout } = await runCli([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-06-30',
      '--binning',
      'ntile',
      '--format',
      'json',
    ]);
    const json = JSON.parse(stdout);
    expect(json.distribution.frequency).toEqual([2, 2, 2, 2, 2]);
    expect(json.bins.frequency.method).toBe('ntile');
  });

  it('csv has one row per client with raw values; French labels in segment_label', async () => {
    const { stdout } = await runCli([
      '--lang',
      'fr',
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-06-30',
      '--format',
      'csv',
    ]);
    const lines = stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'client_id,last_order_date,recency_days,transaction_count,amount,recency_score,frequency_score,monetary_score,rfm_score,segment,segment_label',
    );
    expect(lines).toContain('C09,2025-06-30,365,1,2000,1,1,5,115,Lost,Perdus');
    expect(lines).toHaveLength(11);
  });

  it.each([
    [
      'en',
      [
        'Analysis date: June 30, 2026',
        'Potential Loyalist',
        'Suggested actions',
        'mean amount by frequency score',
      ],
    ],
    [
      'fr',
      [
        "Date d'analyse : 30 juin 2026",
        'Fidèles en devenir',
        'Actions suggérées',
        'montant moyen par score de fréquence',
      ],
    ],
  ] as const)('table in %s', async (lang, texts) => {
    const { code, stdout } = await runCli([
      '--lang',
      lang,
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-06-30',
    ]);
    expect(code).toBe(0);
    for (const t of texts) expect(stdout).toContain(t);
  });

  it('markdown output', async () => {
    const { stdout } = await runCli([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-06-30',
      '--format',
      'markdown',
    ]);
    expect(stdout).toMatch(/\| Champions +\| +1 \|/);
  });

  it('--segments reads a YAML file; a client matching none is Others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-rfm-'));
    const file = join(dir, 'seg.yaml');
    writeFileSync(
      file,
      'segments:\n  - name: Best\n    name_fr: Meilleurs\n    recency: 4-5\n    frequency: 1-5\n    monetary: 1-5\n',
    );
    const { stdout } = await runCli([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-06-30',
      '--segments',
      file,
      '--format',
      'json',
    ]);
    const segments = JSON.parse(stdout).segments as { segment: string; clients: number }[];
    // R 4-5: C01, C02, C03, C10 (scores 5, 4, 4, 5); the six others are Others.
    expect(segments.map((s) => [s.segment, s.clients])).toEqual([
      ['Best', 4],
      ['Others', 6],
    ]);
  });

  it('prospect init segments writes the default set; rfm --segments reads it back to the same result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-rfm-'));
    const init = await runCli(['init', 'segments', join(dir, 'segments.yaml')]);
    expect(init.code).toBe(0);
    const args = ['rfm', 'fixtures/rfm-orders.csv', '--as-of', '2026-06-30', '--format', 'json'];
    const withFile = JSON.parse((await runCli([...args, '--segments', join(dir, 'segments.yaml')])).stdout);
    const byDefault = JSON.parse((await runCli(args)).stdout);
    expect(withFile.clients).toEqual(byDefault.clients);
    expect(withFile.segments).toEqual(byDefault.segments);
  });

  it('a bad segments file fails with 65 and the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-rfm-'));
    const file = join(dir, 'seg.yaml');
    writeFileSync(
      file,
      'segments:\n  - name: Best\n    recency: 4-9\n    frequency: 1-5\n    monetary: 1-5\n',
    );
    const { code, stderr } = await runCli([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-06-30',
      '--segments',
      file,
    ]);
    expect(code).toBe(65);
    expect(stderr).toContain(`${file}:3:14: segments.0.recency: 4-9 is not a range of scores`);
  });

  it.each([
    [['--as-of', '2026-02-30'], '--as-of: "2026-02-30" is not a date'],
    [['--bins', '0'], '--bins'],
    [['--recency-breaks', '90,30'], 'not strictly ascending'],
    [['--binning', 'kmeans'], 'kmeans'],
    [['--recency-bins', '4', '--recency-breaks', '30,90'], 'say the same thing'],
  ])('usage error %j', async (args, message) => {
    const { code, stderr } = await runCli(['rfm', 'fixtures/rfm-orders.csv', ...args]);
    expect(code).toBe(64);
    expect(stderr).toContain(message);
  });

  it('the maven CRM excerpt per account (closed deals as orders)', async () => {
    const { code, stdout } = await runCli([
      'rfm',
      'fixtures/maven-pipeline-excerpt.csv',
      '--map',
      'clientId=account',
      '--as-of',
      '2017-12-31',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    for (const c of json.clients) {
      expect(c.rfmScore).toBe(100 * c.recencyScore + 10 * c.frequencyScore + c.monetaryScore);
    }
    expect(json.clients.reduce((s: number, c: JsonClient) => s + c.transactionCount, 0)).toBe(
      json.source.orders,
    );
  });

  it('writes --output atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-rfm-'));
    const out = join(dir, 'rfm.csv');
    const { code } = await runCli([
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-06-30',
      '--format',
      'csv',
      '--output',
      out,
    ]);
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^client_id,/);
  });
});

describe('a French export in Windows-1252, read as columns', () => {
  // `;` separators, `1 234,56 €`, day-first dates, a quoted id holding the separator, an id with
  // spaces around it, a blank line, CRLF; `€` is byte 0x80 in Windows-1252.
  const rows = [
    'N° client;Date commande;Montant TTC;Société',
    '"C1";31/12/2025;"1 234,56 €";Café Dupont', // line 2
    'C2;15/01/2026;100;Müller', // line 3
    ' C1 ;01/02/2026;-34,56;Café Dupont', // line 4: a credit note, same client as line 2
    '', // line 5: blank
    '"C;3";02/02/2026;50,5;Élan', // line 6
    'C2;03/02/2026;abc;Müller', // line 7: not an amount
    'C4;01/07/2026;10;Zoé', // line 8: after the analysis date (rfm only)
  ];
  const dir = mkdtempSync(join(tmpdir(), 'prospect-fr-'));
  const file = join(dir, 'ventes.csv');
  // latin1 has no €: put Windows-1252's 0x80 in its place.
  writeFileSync(
    file,
    Buffer.concat(
      (rows.join('\r\n') + '\r\n')
        .split('€')
        .flatMap((part, i) =>
          i === 0 ? [Buffer.from(part, 'latin1')] : [Buffer.from([0x80]), Buffer.from(part, 'latin1')],
        ),
    ),
  );

  it('rfm: recency, count and amount per client as worked by hand; bad rows in --rejects', async () => {
    const rejects = join(dir, 'rejects.csv');
    const { code, stdout, stderr } = await runCli([
      'rfm',
      file,
      '--as-of',
      '2026-06-30',
      '--format',
      'json',
      '--rejects',
      rejects,
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // C1: 1234.56 - 34.56 = 1200.00; the -34.56 of 1 February is a credit note, not a purchase
    // (DOMAIN.md section 8): 1 purchase, the last on 31 December: 31 + 28 + 31 + 30 + 31 + 30 =
    // 181 days to 30 June. C2: 15 January: 166. C;3: 2 February: 148.
    expect(
      json.clients.map((c: JsonClient) => [c.clientId, c.recencyDays, c.transactionCount, c.amount]),
    ).toEqual([
      ['C1', 181, 1, 1200],
      ['C2', 166, 1, 100],
      ['C;3', 148, 1, 50.5],
    ]);
    expect(json.source).toEqual({
      file,
      shape: 'orders',
      orders: 3,
      rejectedAfterAsOf: 1,
      creditNotes: 1,
      creditNotesMode: 'as-credit',
      creditOnlyClients: [],
    });
    expect(stderr).toContain('6 rows read, 4 used, 2 rejected');
    // The rejects keep the input's separator, a BOM (the input was not UTF-8), every cell as read.
    expect(readFileSync(rejects, 'utf8')).toBe(
      '\ufeffline;reason;N° client;Date commande;Montant TTC;Société\r\n' +
        '7;"column ""Montant TTC"": ""abc"" is not a number; expected an amount such as 1234.56, 1 234,56 or 1,234.56";C2;03/02/2026;abc;Müller\r\n' +
        '8;"order dated 2026-07-01 is after the analysis date 2026-06-30; expected on or before it";C4;01/07/2026;10;Zoé\r\n',
    );
  });

  it('pareto: the same orders netted per client (C4 kept: pareto has no analysis date)', async () => {
    const { code, stdout } = await runCli(['pareto', file, '--format', 'json']);
    expect(code).toBe(0);
    // Total 1360.50. C2 comes after 1200 / 1360.5 = 88.2 % (B); C;3 after 1300 / 1360.5 = 95.6 % (C).
    const clients = JSON.parse(stdout).clients.map(
      (c: { clientId: string; value: number; class: string }) => [c.clientId, c.value, c.class],
    );
    expect(clients).toEqual([
      ['C1', 1200, 'A'],
      ['C2', 100, 'B'],
      ['C;3', 50.5, 'C'],
      ['C4', 10, 'C'],
    ]);
  });
});
