import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/*
 * The hand-worked fixture of src/core/review.test.ts as CSV files (French conventions for the
 * orders: `;`, dd/mm/yyyy, decimal comma). Over 2026: C1 new 8000, C2 retained 7500, C3 back
 * after 13 months 4000, C5 back after 16 months 2000; C4 and C9 dormant; 2025 = 4300.
 */
const dir = mkdtempSync(join(tmpdir(), 'prospect-review-'));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};
const orders = file(
  'orders.csv',
  [
    'N° client;Date commande;Montant HT;Commercial;Produit',
    'C1;10/03/2026;5000,00;;',
    'C1;01/09/2026;3000;;Audit',
    'C2;15/06/2025;4000;;',
    'C2;01/02/2026;6000;;',
    'C2;30/11/2026;1500;Alice;',
    'C3;20/05/2024;2000;;',
    'C3;20/12/2024;9000;;',
    'C3;25/01/2026;4000;;',
    'C4;01/03/2023;12000;;',
    'C4;05/10/2024;8000;;',
    'C5;01/09/2024;1000;;',
    'C5;15/01/2026;2000;;',
    'C9;20/11/2025;300;;',
    '',
  ].join('\r\n'),
);
const clients = file(
  'clients.csv',
  'client_id,company,owner,zone\nC1,Acme,Alice,Nord\nC2,Bolt,Bob,Sud\nC3,Cime,Alice,Nord\nC4,Dune,Bob,Sud\nC5,Écrin,Bob,\nC9,Flux,,Est\n',
);
const leads = file(
  'leads.csv',
  [
    'Lead Source,Create Date,Deal Stage,Amount,Proposal Date',
    'Salon Industrie,2026-02-01,Closed Won,10000,',
    'Prospection terrain,2026-03-01,Proposition,,',
    'Phoning,2026-04-01,Perdu,,',
    'SEO,2026-05-01,Gagné,5000,',
    'LinkedIn,2026-05-02,Closed Lost,,2026-06-01',
    'Prescripteur,2026-06-01,Won,8000,',
    'Recommandation client,2026-07-01,Nouveau,,',
    'Annuaire,2026-08-01,Open,,',
    'Salon,2025-10-01,Won,4000,2025-11-01',
    'SEO,2025-06-01,Lost,,2025-07-01',
    ',2026-09-01,Devis,,',
    'Web,,Open,,',
    '',
  ].join('\n'),
);
const objectives = file(
  'objectives.yaml',
  'conquête: 10000\nretention: 7000\nreconquest: 5000\ntotal: 25000\n',
);
const run = (args: string[], lang = 'en_GB.UTF-8') => runCli(args, { cwd: dir, env: { LANG: lang } });

describe('prospect review', () => {
  it('--format json gives the split worked out by hand, with objectives and leads', async () => {
    const { code, stdout, stderr } = await run([
      'review',
      orders,
      '--clients',
      clients,
      '--leads',
      leads,
      '--objectives',
      objectives,
      '--period',
      '2026',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain('orders.csv: 13 rows read, 13 used, 0 rejected');
    expect(stderr).toContain('leads.csv: 12 rows read, 12 used, 0 rejected');
    const json = JSON.parse(stdout);
    expect(json.schemaVersion).toBe(1);
    expect(json.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    const origins = json.team.origins.map(
      (o: { origin: string; revenue: number; objective: number | null }) => [
        o.origin,
        o.revenue,
        o.objective,
      ],
    );
    expect(origins).toEqual([
      ['conquest', 8000, 10000],
      ['retention', 7500, 7000],
      ['reconquest', 6000, 5000],
      ['total', 21500, 25000],
    ]);
    expect(json.team.revenue).toEqual({ current: 21500, previous: 4300, change: 4 });
    // By hand: 9 leads created in 2026 (field 2, offline 1, online 2, prescription 2, other 1, and
    // one with no source: unknown) and one with no date (undated): 10 leads; 6 proposals (the
    // unknown one is at "Devis") of which 3 won (50 %); 2025: 1 of 2 (50 %). Nothing rejected.
    expect(json.team.leads.total).toMatchObject({ leads: 10, proposals: 6, won: 3, revenueWon: 23000 });
    expect(json.team.leads.bySource.at(-1)).toMatchObject({ source: 'unknown', leads: 1, proposals: 1 });
    expect(json.team.leads.undated).toMatchObject({ source: 'undated', leads: 1, proposals: 0 });
    expect(json.team.conversion.current).toEqual({ proposals: 6, won: 3, rate: 0.5 });
    expect(json.team.conversion.previous).toEqual({ proposals: 2, won: 1, rate: 0.5 });
    expect(json.team.formerClients.map((f: { clientId: string }) => f.clientId)).toEqual(['C4', 'C9']);
    expect(json.team.splits.product).toEqual([
      {
        value: null,
        clients: 4,
        revenue: 18500,
        share: 18500 / 21500,
        previousRevenue: 4300,
        change: 18500 / 4300 - 1,
      },
      { value: 'Audit', clients: 1, revenue: 3000, share: 3000 / 21500, previousRevenue: 0, change: null },
    ]);
  });

  it('--by owner: Alice 13500 and Bob 8000 make the team 21500', async () => {
    const { stdout } = await run([
      'review',
      orders,
      '--clients',
      clients,
      '--period',
      '2026',
      '--by',
      'owner',
      '--format',
      'csv',
    ]);
    const lines = stdout.trim().split('\r\n');
    expect(lines).toContain(',total,4,21500,1,,,');
    expect(lines).toContain('Alice,total,3,13500,1,,,');
    expect(lines).toContain('Bob,total,2,8000,1,,,');
  });

  it('in French: labels and numbers', async () => {
    const { stdout } = await run(['review', orders, '--period', '2026', '--wide'], 'fr_FR.UTF-8');
    expect(stdout).toContain("Analyse de l'action commerciale, du 01/01/2026 au 31/12/2026");
    expect(stdout).toMatch(/Reconquête \(anciens clients revenus\)\s*│\s*2 │\s*6 000 €/);
  });

  it('the default period is the current year, said on stderr', async () => {
    const { stderr, stdout } = await run(['review', orders, '--format', 'json']);
    expect(stderr).toContain(
      'prospect: period 2026-01-01 to 2026-12-31 (give --period or --from/--to for another).',
    );
    expect(JSON.parse(stdout).period.from).toBe('2026-01-01');
  });

  it('--period 2026-Q1 and --from/--to give the same review', async () => {
    const a = await run(['review', orders, '--period', '2026-Q1', '--format', 'json']);
    const b = await run(['review', orders, '--from', '2026-01-01', '--to', '2026-03-31', '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    // Q1 2026: C1 5000 (new), C2 6000 (nothing in Q4 2025, gap 7 months < 12 -> retention), C3 4000
    // (13 months -> reconquest), C5 2000 (16 months -> reconquest).
    expect(JSON.parse(a.stdout).team.origins.map((o: { revenue: number }) => o.revenue)).toEqual([
      5000, 6000, 6000, 17000,
    ]);
  });

  it('--output writes the file whole and refuses to overwrite an input', async () => {
    expect(
      (await run(['review', orders, '--period', '2026', '--format', 'json', '--output', 'out.json'])).code,
    ).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).team.revenue.current).toBe(21500);
    const { code, stderr } = await run(['review', orders, '--period', '2026', '--output', orders]);
    expect(code).toBe(73);
    expect(stderr).toContain('is an input of this run');
  });

  it.each([
    [
      ['--period', '26'],
      64,
      '--period: "26" is not a period; expected a year (2026), a quarter (2026-Q3) or a month (2026-03).',
    ],
    [
      ['--from', '2026-02-30', '--to', '2026-03-01'],
      64,
      '--from: "2026-02-30" is not a date; expected YYYY-MM-DD such as 2026-01-31.',
    ],
    [['--from', '2026-01-01'], 64, '--from and --to go together'],
    [
      ['--period', '2026', '--from', '2026-01-01', '--to', '2026-02-01'],
      64,
      '--period and --from/--to say the same thing',
    ],
    [['--dormant', '0'], 64, '--dormant: "0" must be above zero'],
    [['--dormant', '1.5'], 64, '--dormant: "1.5" is not a whole number of months'],
    [['--by', 'zone'], 64, 'option --by: "zone" is not a choice'],
    [['--clients', 'nope.csv'], 66, 'nope.csv'],
    [['--objectives', 'nope.yaml'], 66, 'nope.yaml: cannot read the objectives file (ENOENT)'],
  ])('%j exits %i', async (args, exitCode, message) => {
    const { code, stderr, stdout } = await run(['review', orders, ...args]);
    expect(code).toBe(exitCode);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });
});

describe('prospect review: Pareto with maturity and contact effort', () => {
  // Clients with a French maturity and a number of interactions; orders of 2026: A 8000, B 1500,
  // C 400, D 100. Classes A (A), B (B), C (C, D); maturity actif -> active, aride -> arid.
  const o2 = file(
    'orders-pareto.csv',
    'client id,order date,amount\nA,2026-01-01,8000\nB,2026-02-01,1500\nC,2026-03-01,400\nD,2026-03-01,100\n',
  );
  const c2 = file(
    'clients-pareto.csv',
    "client id;société;maturité;nombre d'interactions\nA;Acme;actif;2\nB;Bolt;latent;10\nC;Cime;aride;30\nD;Dune;;1\n",
  );
  it('the review and its JSON carry the classes crossed with maturity and effort', async () => {
    const { code, stdout } = await run([
      'review',
      o2,
      '--clients',
      c2,
      '--period',
      '2026',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const p = JSON.parse(stdout).team.pareto;
    expect(p.classes.map((c: { className: string; clients: number }) => [c.className, c.clients])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 2],
    ]);
    expect(
      p.maturity.map((c: { className: string; category: string }) => `${c.className}:${c.category}`),
    ).toEqual(['A:active', 'B:latent', 'C:(none)', 'C:arid']);
    expect(p.effort.cuts).toEqual([2, 10]);
    const table = await run(['review', o2, '--clients', c2, '--period', '2026'], 'fr_FR.UTF-8');
    expect(table.stdout).toContain('Classes de Pareto par maturité');
    expect(table.stdout).toContain('Classes de Pareto par effort de contact');
    expect(table.stdout).toMatch(/│ A\s+│ actif\s+│/);
  });
});
