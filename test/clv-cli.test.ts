import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CDNOW_DIR } from './helpers/cdnow.js';
import { runCli, type CliResult } from './helpers/run-cli.js';

const ORDERS = `${CDNOW_DIR}cdnow-orders.csv`;

describe('prospect clv on the CDNOW orders (fixtures/cdnow/cdnow-orders.csv)', () => {
  let json: CliResult;
  beforeAll(async () => {
    json = await runCli([
      'clv',
      ORDERS,
      '--as-of',
      '1997-09-30',
      '--horizon',
      '39',
      '--margin',
      '35%',
      '--format',
      'json',
    ]);
  });

  it('fits the published BG/NBD and Gamma-Gamma parameters from the raw orders', () => {
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.schemaVersion).toBe(1);
    const bg = doc.models.bgnbd;
    // Fader, Hardie and Lee 2005: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4
    // (the orders give unrounded t_x and T, hence a tolerance of a few thousandths).
    expect(Math.abs(bg.r - 0.243)).toBeLessThan(0.005);
    expect(Math.abs(bg.alpha - 4.414)).toBeLessThan(0.01);
    expect(Math.abs(bg.a - 0.793)).toBeLessThan(0.005);
    expect(Math.abs(bg.b - 2.426)).toBeLessThan(0.01);
    expect(Math.abs(bg.logLikelihood + 9582.4)).toBeLessThan(1);
    const gg = doc.models.gammaGamma;
    expect(gg.clients).toBe(946);
    expect(Math.abs(gg.p - 6.25)).toBeLessThan(0.05);
    expect(Math.abs(gg.q - 3.74)).toBeLessThan(0.05);
    expect(Math.abs(gg.gamma - 15.44)).toBeLessThan(0.05);
  });

  it('client 1: x = 2, t_x = 213/7, T = 272/7, and the paper’s E[Y(39)] = 1.226', () => {
    const doc = JSON.parse(json.stdout);
    const c1 = doc.clients.find((c: { clientId: string }) => c.clientId === '1');
    expect(c1).toMatchObject({
      frequency: 2,
      orders: 3,
      firstPurchase: '1997-01-01',
      lastPurchase: '1997-08-02',
    });
    expect(c1.recency).toBeCloseTo(213 / 7, 10);
    expect(c1.T).toBeCloseTo(272 / 7, 10);
    expect(c1.monetaryValue).toBeCloseTo(22.345, 10);
    expect(c1.revenue).toBeCloseTo(29.33 + 29.73 + 14.96, 10);
    expect(c1.margin).toBeCloseTo(0.35 * (29.33 + 29.73 + 14.96), 10);
    expect(Math.abs(c1.expectedPurchases - 1.226)).toBeLessThan(0.005);
  });

  it('counts the orders after --as-of as rejected rows: 6,919 read, 4,960 used (awk)', () => {
    const doc = JSON.parse(json.stdout);
    expect(doc.rejects).toEqual({ afterAsOf: 1959 });
    expect(doc.portfolio.clients).toBe(2357);
    expect(json.stderr).toMatch(/6[,  ]?919 rows read, 4[,  ]?960 used, 1[,  ]?959 rejected/);
    // The first order after 1997-09-30 is client 1's of 1997-12-12, line 5 of the file; the date
    // is column 2.
    expect(json.stderr).toContain('cdnow-orders.csv:5:2: order date after --as-of 1997-09-30');
  });

  it('the portfolio total is the sum of the clients’ CLV, and the top list is in order', () => {
    const doc = JSON.parse(json.stdout);
    const sum = doc.clients.reduce((s: number, c: { clv: number }) => s + c.clv, 0);
    expect(doc.portfolio.clv).toBeCloseTo(sum, 6);
    const clv = new Map(doc.clients.map((c: { clientId: string; clv: number }) => [c.clientId, c.clv]));
    const top = doc.topByClv.map((id: string) => clv.get(id));
    expect(top).toEqual([...top].sort((u, v) => v - u));
  });
});

describe('prospect clv outputs', () => {
  it('CSV: one row per client with the documented header', async () => {
    const { code, stdout } = await runCli(['clv', ORDERS, '--as-of', '1997-09-30', '--format', 'csv']);
    expect(code).toBe(0);
    const lines = stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'clientId,frequency,recency,T,monetaryValue,orders,purchases,firstPurchase,lastPurchase,revenue,margin,averageOrderValue,probabilityAlive,expectedPurchases,expectedSpend,clv',
    );
    expect(lines).toHaveLength(2358);
  });

  it('the table shows the models, the portfolio, the simple CLV formula and the rankings', async () => {
    const { code, stdout } = await runCli([
      'clv',
      ORDERS,
      '--as-of',
      '1997-09-30',
      '--margin',
      '35%',
      '--top',
      '5',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('BG/NBD (purchases)');
    expect(stdout).toContain('Gamma-Gamma (spend)');
    expect(stdout).toContain('Simple CLV = margin per month x retention / (1 + discount - retention)');
    expect(stdout).toContain('Top 5 clients by CLV');
    expect(stdout).toContain('Likely lost but once valuable');
  });

  it('without --margin the values are revenue; --margin 35% scales the CLV by 0.35', async () => {
    const plain = JSON.parse(
      (await runCli(['clv', ORDERS, '--as-of', '1997-09-30', '--format', 'json'])).stdout,
    );
    const margin = JSON.parse(
      (await runCli(['clv', ORDERS, '--as-of', '1997-09-30', '--margin', '0.35', '--format', 'json'])).stdout,
    );
    expect(plain.marginSource).toBe('none');
    expect(margin.portfolio.clv).toBeCloseTo(0.35 * plain.portfolio.clv, 6);
  });
});

describe('prospect clv with a margin column', () => {
  it('takes each client’s margin rate from its orders (French headers, semicolons, decimal commas)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-clv-margin-'));
    // The CDNOW orders with a margin column: 40 % of the amount for odd client ids, 20 % for even.
    const lines = readFileSync(ORDERS, 'utf8').trim().split('\n').slice(1);
    const rows = lines.map((line) => {
      const [id, date, , amount] = line.split(',');
      const rate = Number(id) % 2 === 1 ? 0.4 : 0.2;
      const fmt = (v: number): string => v.toFixed(4).replace('.', ',');
      return `${id};${date};${fmt(Number(amount))};${fmt(Number(amount) * rate)}`;
    });
    const path = join(dir, 'commandes.csv');
    writeFileSync(path, ['N° client;Date de commande;Montant;Marge', ...rows].join('\n') + '\n');
    const { code, stdout } = await runCli(['clv', path, '--as-of', '1997-09-30', '--format', 'json', '-q']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.marginSource).toBe('column');
    const c1 = doc.clients.find((c: { clientId: string }) => c.clientId === '1');
    const c2 = doc.clients.find((c: { clientId: string }) => c.clientId === '2');
    // client 1: margins 11.732, 11.892, 5.984 to date, each an amount read to the cent
    // (docs/numbers.md): 11.73 + 11.89 + 5.98 = 29.60; its CLV is its margin rate
    // 29.60 / 74.02 times its revenue CLV.
    expect(c1.margin).toBe(29.6);
    const plain = JSON.parse(
      (await runCli(['clv', ORDERS, '--as-of', '1997-09-30', '--format', 'json', '-q'])).stdout,
    );
    const p1 = plain.clients.find((c: { clientId: string }) => c.clientId === '1');
    const p2 = plain.clients.find((c: { clientId: string }) => c.clientId === '2');
    expect(c1.clv).toBeCloseTo((29.6 / 74.02) * p1.clv, 6);
    expect(c2.clv / p2.clv).toBeCloseTo(0.2, 3); // within the cents of client 2's margins
  });
});

describe('prospect clv rejects and errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-clv-'));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('a negative amount is a credit note: netted in revenue, not a purchase, not rejected', async () => {
    const base = readFileSync(ORDERS, 'utf8').trim().split('\n');
    const path = write(
      'orders-negative.csv',
      [...base.slice(0, 3), '1,1997-02-01,1,-12.50', ...base.slice(3)].join('\n') + '\n',
    );
    const rejects = join(dir, 'rejects.csv');
    const { code, stdout } = await runCli([
      'clv',
      path,
      '--as-of',
      '1997-09-30',
      '--rejects',
      rejects,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.rejects).toEqual({ afterAsOf: 1959 });
    expect(doc.creditNotes).toEqual({ count: 1, amount: -12.5, clientsWithoutPurchase: [] });
    // Client 1 of the CDNOW sample without the credit note (the run above): same purchases and
    // model inputs, revenue 12.50 lower.
    const plain = JSON.parse(
      (await runCli(['clv', ORDERS, '--as-of', '1997-09-30', '--format', 'json'])).stdout,
    );
    type C = { clientId: string; frequency: number; orders: number; revenue: number };
    const one = (d: { clients: C[] }): C => d.clients.find((c) => c.clientId === '1') as C;
    expect(one(doc).frequency).toBe(one(plain).frequency);
    expect(one(doc).orders).toBe(one(plain).orders);
    expect(one(doc).revenue).toBeCloseTo(one(plain).revenue - 12.5, 9);
    expect(readFileSync(rejects, 'utf8')).toMatch(/^line,reason/);
    expect(readFileSync(rejects, 'utf8')).not.toMatch(/^4,/m);
  });

  it('a tiny book is not bad data: a regularised fit, a note that says why, exit 0', async () => {
    const path = write(
      'tiny.csv',
      'client_id,order_date,amount\nA,2024-01-01,10\nA,2024-01-11,10\nB,2024-01-06,10\nB,2024-03-01,10\nC,2024-01-04,10\n',
    );
    const { code, stdout, stderr } = await runCli(['clv', path, '--period', 'day', '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toContain(
      'The model was fitted with a weak prior (log-normal, sd 3 on the log of each parameter)',
    );
    const doc = JSON.parse(stdout);
    expect(doc.models.bgnbd.method).toBe('regularised');
    expect(doc.models.gammaGamma).toMatchObject({ method: 'regularised', reason: 'boundary' });
    // Historical values need no fit: A 20, B 20, C 10 (by hand).
    expect(doc.clients.map((c: { clientId: string; revenue: number }) => [c.clientId, c.revenue])).toEqual([
      ['A', 20],
      ['B', 20],
      ['C', 10],
    ]);
    for (const c of doc.clients) expect(Number.isFinite(c.clv)).toBe(true);
  });

  it("the project's own fixtures/review/orders.csv: exit 0, BG/NBD read as a Poisson rate model", async () => {
    const { code, stdout, stderr } = await runCli(['clv', 'fixtures/review/orders.csv', '--format', 'json']);
    expect(code).toBe(0);
    expect(stderr).toContain('r and alpha ran to infinity with r / alpha fixed');
    const doc = JSON.parse(stdout);
    expect(doc.models.bgnbd).toMatchObject({ method: 'regularised', reason: 'boundary' });
    expect(doc.warnings.map((w: { fr: string }) => w.fr).join('\n')).toContain(
      'un modèle de Poisson à taux commun',
    );
    expect(doc.simpleClv).not.toBeNull();
  });

  it.each([
    [['--as-of', '1997-13-01'], '--as-of: "1997-13-01" is not a date'],
    [['--as-of', '30/09/1997'], '--as-of: "30/09/1997" is not a date'],
    [['--horizon', 'soon'], '--horizon: "soon" is not a duration'],
    [['--horizon', '0'], '--horizon: "0" must be above zero'],
    [['--horizon', '11y'], '--horizon: "11y" must be above zero and at most 10 years'],
    [['--horizon', '522'], '--horizon: "522" must be above zero and at most 10 years'],
    [['--margin', '0'], '--margin: "0" is out of range'],
    [['--top', '2.5'], '--top: "2.5" must be a whole number'],
  ])('%j is a usage error', async (args, message) => {
    const { code, stderr } = await runCli(['clv', ORDERS, ...args]);
    expect(code).toBe(64);
    expect(stderr).toContain(`prospect: ${message}`);
  });

  it('--period year is refused by the choices (64)', async () => {
    const { code } = await runCli(['clv', ORDERS, '--period', 'year']);
    expect(code).toBe(64);
  });

  it('a missing file exits 66', async () => {
    const { code } = await runCli(['clv', join(dir, 'nope.csv')]);
    expect(code).toBe(66);
  });
});

describe('parseHorizon', () => {
  it.each([
    ['52', 'week', 52],
    ['12m', 'week', (12 * 365.25) / 12 / 7],
    ['1y', 'month', 12],
    ['365d', 'day', 365],
    ['52w', 'day', 364],
  ] as const)('%s in %s: %d periods', async (text, unit, expected) => {
    const { parseHorizon } = await import('../src/commands/clv.js');
    expect(parseHorizon(text, unit)).toBeCloseTo(expected, 10);
  });
});
