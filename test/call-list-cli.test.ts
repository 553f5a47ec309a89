import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'prospect-lists-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const csv = (text: string): string[][] => parse(text, { relax_column_count: true }) as string[][];

interface ListJson {
  schemaVersion: number;
  command: string;
  list: string;
  count: number;
  clients: Record<string, unknown>[];
  warnings?: { code: string; message: string }[];
}

// RFM by hand, as of 2026-07-01, with fixed breaks (bin = 1 + breaks <= value; recency score = 6 - bin):
// recency 30,90,180,365 days; frequency 2,3,5,8; monetary 500,1000,2000,5000.
// A: 2025-10-01 = 273 days -> R2; 2 orders -> F2; 6000 -> M5: not Loyal (M5), not Can't Lose (F2): At Risk.
// B: 2025-01-15 = 532 days -> R1; 8 orders -> F5; 2500 -> M4: At Risk.
// C: 273 days R2, 3 orders F3, 3000 M4: Loyal Customers (R2-4 F2-4 M2-4) comes first.
// D: 273 days R2, F3, 7000 M5: Can't Lose Them (R1-2 F3-4 M4-5).
// E: 2026-06-20 = 11 days -> R5, F1, 100 M1: New Customers.
// F: 532 days R1, F2, 6000 M5: At Risk, same amount as A but older.
// At Risk by amount descending, then the most recent: A (6000, 273 d), F (6000, 532 d), B (2500).
const rfmClients = file(
  'rfm-clients.csv',
  [
    'client_id,last_purchase,transaction_count,amount,Nom du contact,E-mail,Tél.',
    'A,2025-10-01,2,6000,Anne Arnaud,anne@a.fr,01 11 11 11 11',
    'B,2025-01-15,8,2500,Bruno Blanc,bruno@b.fr,02 22 22 22 22',
    'C,2025-10-01,3,3000,Chloé Colin,chloe@c.fr,03 33 33 33 33',
    'D,2025-10-01,3,7000,David Dumas,david@d.fr,04 44 44 44 44',
    'E,2026-06-20,1,100,Emma Eudes,emma@e.fr,05 55 55 55 55',
    'F,2025-01-15,2,6000,Félix Faure,felix@f.fr,06 66 66 66 66',
    '',
  ].join('\n'),
);
const rfmFlags = [
  '--clients',
  '--as-of',
  '2026-07-01',
  '--recency-breaks',
  '30,90,180,365',
  '--frequency-breaks',
  '2,3,5,8',
  '--monetary-breaks',
  '500,1000,2000,5000',
];

describe('--list on pareto', () => {
  // fixtures/pareto-clients.csv by hand (see test/pareto-cli.test.ts): revenue K01 30000, K02 20000,
  // K03 15000, K04 10000, K05 8000 make class A (K05 crosses 80 %); by revenue descending.
  it('the A class, largest first, with the share of each', async () => {
    const { code, stdout } = await runCli([
      'pareto',
      'fixtures/pareto-clients.csv',
      '--list',
      'A',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as ListJson;
    expect(json.clients.map((c) => c.clientId)).toEqual(['K01', 'K02', 'K03', 'K04', 'K05']);
    expect(json.clients.map((c) => c.company)).toEqual([
      'Atelier Durand',
      'Boulangerie Moreau',
      'Cabinet Lefèvre',
      'Dumas Transports',
      'Électricité Roux',
    ]);
    // shares of the positive total 100000
    expect(json.clients.map((c) => c.share)).toEqual([0.3, 0.2, 0.15, 0.1, 0.08]);
    expect(json.clients[0]?.reason).toEqual({
      en: 'A-class client: 30% of revenue, rank 1',
      fr: 'client de classe A : 30 % du chiffre d’affaires, rang 1',
    });
  });

  it('the JSON shape: stable keys, every contact field, the figures and the reason', async () => {
    const { stdout } = await runCli([
      'pareto',
      'fixtures/pareto-clients.csv',
      '--list',
      'b',
      '--format',
      'json',
    ]);
    const json = JSON.parse(stdout) as ListJson;
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'command',
      'list',
      'label',
      'order',
      'count',
      'clients',
      'warnings',
      'rows',
      'inputs',
    ]);
    expect(json).toMatchObject({ schemaVersion: 1, command: 'pareto', list: 'B', count: 3 });
    expect(Object.keys(json.clients[0] ?? {})).toEqual([
      'rank',
      'clientId',
      'company',
      'contact',
      'firstName',
      'lastName',
      'email',
      'phone',
      'owner',
      'class',
      'value',
      'share',
      'cumulativeShare',
      'reason',
    ]);
    // B = K06 6000, K07 4000, K08 3000 (cumulative before 83 %, 89 %, 93 %)
    expect(json.clients.map((c) => [c.rank, c.clientId, c.value])).toEqual([
      [1, 'K06', 6000],
      [2, 'K07', 4000],
      [3, 'K08', 3000],
    ]);
    // The file has no contact name, e-mail, phone nor owner: said, in the JSON too.
    expect(json.warnings?.map((w) => w.code)).toContain('missing-column');
  });

  it('an unknown list is a usage error naming the valid ones, in both languages', async () => {
    const en = await runCli(['pareto', 'fixtures/pareto-clients.csv', '--list', 'Z']);
    expect(en.code).toBe(64);
    expect(en.stderr).toContain('pareto --list: "Z" is not a list of this command; expected one of A, B, C.');
    const fr = await runCli(['pareto', 'fixtures/pareto-clients.csv', '--list', 'Z', '--lang', 'fr']);
    expect(fr.code).toBe(64);
    expect(fr.stderr).toContain(
      "pareto --list : « Z » n'est pas une liste de cette commande ; attendu l'une de A, B, C.",
    );
  });

  it('--list with a cross-tab flag is a usage error, not a silently dropped table', async () => {
    const r = await runCli([
      'pareto',
      'fixtures/pareto-clients.csv',
      '--list',
      'A',
      '--maturity',
      'maturity',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('leave out --maturity and --effort with --list');
    const fr = await runCli([
      'pareto',
      'fixtures/pareto-clients.csv',
      '--list',
      'A',
      '--effort',
      'interactions',
      '--lang',
      'fr',
    ]);
    expect(fr.code).toBe(64);
    expect(fr.stderr).toContain('retirez --maturity et --effort avec --list');
  });
});

describe('--list on an order file', () => {
  // Totals by hand: O1 100 + 900 = 1000, O2 500, O3 50 (total 1550). Cumulative before: O1 0, O2
  // 64.5 % (crosses 80 %: still A), O3 96.8 % (C). A = O1, O2. O1's details: the last non-empty
  // value of each column over its orders (company from its first order, e-mail from its second).
  const orders = file(
    'orders-contacts.csv',
    [
      'client_id,order_date,amount,company,email',
      'O1,2026-01-01,100,Old Name,',
      'O2,2026-01-05,500,Deux,d@x.fr',
      'O1,2026-02-01,900,,o1@x.fr',
      'O3,2026-01-06,50,Trois,',
      '',
    ].join('\n'),
  );
  it('pareto --orders: the class with each client’s contact details from its orders', async () => {
    const { code, stdout } = await runCli(['pareto', orders, '--orders', '--list', 'A', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as ListJson;
    expect(json.clients.map((c) => [c.clientId, c.value, c.company, c.email])).toEqual([
      ['O1', 1000, 'Old Name', 'o1@x.fr'],
      ['O2', 500, 'Deux', 'd@x.fr'],
    ]);
  });
});

describe('--list on rfm', () => {
  it.each([['at-risk'], ['At Risk'], ['à risque'], ['A-RISQUE']])('%s: A, F, B', async (name) => {
    const { code, stdout } = await runCli([
      'rfm',
      rfmClients,
      ...rfmFlags,
      '--list',
      name,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as ListJson;
    expect(json.list).toBe('at-risk');
    expect(json.clients.map((c) => c.clientId)).toEqual(['A', 'F', 'B']);
    // contact columns read through the header mapping: "Nom du contact", "E-mail", "Tél."
    expect(json.clients.map((c) => [c.contact, c.email, c.phone])[0]).toEqual([
      'Anne Arnaud',
      'anne@a.fr',
      '01 11 11 11 11',
    ]);
    expect(json.clients[0]).toMatchObject({
      recencyDays: 273,
      frequency: 2,
      monetary: 6000,
      lastOrderDate: '2025-10-01',
    });
    expect(json.clients[0]?.reason).toEqual({
      en: 'At Risk: last order 273 days ago, 2 orders, €6,000 in all',
      fr: 'À risque : dernière commande il y a 273 jours, 2 commandes, 6 000 € au total',
    });
  });

  it("Can't Lose Them: D", async () => {
    const { stdout } = await runCli([
      'rfm',
      rfmClients,
      ...rfmFlags,
      '--list',
      "can't lose them",
      '--format',
      'json',
    ]);
    expect((JSON.parse(stdout) as ListJson).clients.map((c) => c.clientId)).toEqual(['D']);
  });

  it('an unknown segment lists the segments, English and French names', async () => {
    const { code, stderr } = await runCli(['rfm', rfmClients, ...rfmFlags, '--list', 'sleepers']);
    expect(code).toBe(64);
    expect(stderr).toContain('expected one of champions, potential-loyalist,');
    expect(stderr).toContain('lost, others.');
    const fr = await runCli(['rfm', rfmClients, ...rfmFlags, '--list', 'dormeurs', '--lang', 'fr']);
    expect(fr.stderr).toContain('« À risque »');
  });
});

describe('--list on score', () => {
  // Grid by hand: Industrie 80, Services 50; 100 employees or more +15. S1 80 (A), S2 65 (B),
  // S3 95 (A), S4 80 (A). Grade A by score descending, ties in file order: S3, S1, S4.
  const grid = file(
    'grid.yaml',
    [
      'id: client_id',
      'criteria:',
      '  - name: sector',
      '    field: sector',
      '    rules:',
      '      - { equals: Industrie, points: 80 }',
      '      - { equals: Services, points: 50 }',
      '  - name: size',
      '    field: employees',
      '    rules:',
      '      - { min: 100, points: 15 }',
      'grades:',
      '  A: 70',
      '  B: 40',
      '  otherwise: C',
      '',
    ].join('\n'),
  );
  const clients = file(
    'score-clients.csv',
    [
      'client_id,company,sector,employees,Contact,Courriel,Mobile',
      'S1,Un,Industrie,50,Paul Un,p@un.fr,06 01 01 01 01',
      'S2,Deux,Services,200,Lise Deux,l@deux.fr,06 02 02 02 02',
      'S3,Trois,Industrie,300,Marc Trois,m@trois.fr,06 03 03 03 03',
      'S4,Quatre,Industrie,10,Inès Quatre,i@quatre.fr,06 04 04 04 04',
      '',
    ].join('\n'),
  );
  it('grade A: S3, S1, S4', async () => {
    const { code, stdout } = await runCli([
      'score',
      clients,
      '--grid',
      grid,
      '--list',
      'A',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as ListJson;
    expect(json.clients.map((c) => [c.clientId, c.score, c.email])).toEqual([
      ['S3', 95, 'm@trois.fr'],
      ['S1', 80, 'p@un.fr'],
      ['S4', 80, 'i@quatre.fr'],
    ]);
  });
  it('an unknown grade names the grid’s grades', async () => {
    const { code, stderr } = await runCli(['score', clients, '--grid', grid, '--list', 'D']);
    expect(code).toBe(64);
    expect(stderr).toContain('expected one of A, B, C.');
  });
});

describe('--list top on portfolio', () => {
  // fixtures/portfolio.csv by hand: expected values P01 10000, P02 2000, P03 4000, P04 12000,
  // P05 9000, P06 3000, P07 10000, P08 2500, P09 3000, P10 6000. Top 3: P04, then P07 and P01
  // (10000 each: the larger potential, 25000, first).
  it('top 3 by expected value', async () => {
    const { code, stdout } = await runCli([
      'portfolio',
      'fixtures/portfolio.csv',
      '--list',
      'top',
      '--top',
      '3',
      '--map',
      'owner=rep',
      '--format',
      'csv',
    ]);
    expect(code).toBe(0);
    const rows = csv(stdout);
    expect(rows[0]).toEqual([
      'rank',
      'client_id',
      'company',
      'owner',
      'potential',
      'probability',
      'expected_value',
      'reason',
    ]);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r[6]])).toEqual([
      ['P04', 'Clinique du Parc', 'Bruno', '12000'],
      ['P07', 'Métallerie Bernard', 'Alice', '10000'],
      ['P01', 'Acier Dupont', 'Alice', '10000'],
    ]);
  });
  it('--top without --list is a usage error', async () => {
    const { code } = await runCli(['portfolio', 'fixtures/portfolio.csv', '--top', '3']);
    expect(code).toBe(64);
  });
});

describe('--list win-back on review', () => {
  // Period 2025 (ends 2025-12-31), former after 12 whole months without an order:
  // X last 2023-06-15 (30 months, 1000 + 2000 = 3000), Z last 2024-01-05 (23 months, 1000);
  // Y (2025-11-20) and W (2025-05-01) are not former. By past revenue: X, Z.
  const orders = file(
    'review-orders.csv',
    [
      'client_id,order_date,amount',
      'X,2023-03-10,1000',
      'X,2023-06-15,2000',
      'Y,2025-11-20,500',
      'Z,2024-01-05,1000',
      'W,2025-05-01,700',
      '',
    ].join('\n'),
  );
  const clients = file(
    'review-clients.csv',
    [
      'client_id,company,First Name,Last Name,Email,Phone,Owner',
      'X,Xylo,Xavier,Xu,x@xylo.fr,01 00 00 00 01,Alice',
      'Y,Yole,Yann,Yves,y@yole.fr,01 00 00 00 02,Bruno',
      'Z,Zinc,Zoé,Zola,z@zinc.fr,01 00 00 00 03,Alice',
      'W,Wax,Will,Watt,w@wax.fr,01 00 00 00 04,Bruno',
      '',
    ].join('\n'),
  );
  it('former clients by past revenue: X then Z', async () => {
    const { code, stdout } = await runCli([
      'review',
      orders,
      '--clients',
      clients,
      '--period',
      '2025',
      '--list',
      'win-back',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as ListJson;
    expect(json.clients.map((c) => [c.clientId, c.contact, c.pastRevenue, c.monthsSinceLastOrder])).toEqual([
      ['X', 'Xavier Xu', 3000, 30],
      ['Z', 'Zoé Zola', 1000, 23],
    ]);
  });
});

describe('--list on segment', () => {
  const clients = file(
    'segment-clients.csv',
    [
      'client_id,company,statut,revenue,Téléphone',
      'G1,Alpha,prospect,1000,01 01',
      'G2,Beta,client,9000,01 02',
      'G3,Gamma,prospect,,01 03',
      'G4,Delta,Prospect,4000,01 04',
      '',
    ].join('\n'),
  );
  // Prospects G1 (1000), G3 (no revenue), G4 (4000): by revenue, none last: G4, G1, G3.
  it.each([['status=prospect'], ['statut=prospect'], ['prospect']])('%s: G4, G1, G3', async (name) => {
    const { code, stdout } = await runCli([
      'segment',
      clients,
      '--by',
      'status',
      '--list',
      name,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as ListJson).clients.map((c) => c.clientId)).toEqual(['G4', 'G1', 'G3']);
  });
  it('--list with --per-client is a usage error', async () => {
    const { code, stderr } = await runCli([
      'segment',
      clients,
      '--by',
      'status',
      '--per-client',
      '--list',
      'prospect',
    ]);
    expect(code).toBe(64);
    expect(stderr).toContain('--list and --per-client both list clients');
  });
  it('a field that is not a --by field is a usage error', async () => {
    const { code, stderr } = await runCli(['segment', clients, '--by', 'status', '--list', 'sector=Santé']);
    expect(code).toBe(64);
    expect(stderr).toContain('expected one of status');
  });
});

describe('--for-crm', () => {
  // A HubSpot-like export; revenue 50000, 25000, 15000, 6000, 4000 (total 100000): cumulative
  // before 0, 50 %, 75 % (crosses 80 %: still A), 90 %, 96 %: A = H1, H2, H3 by revenue.
  const hubspot = file(
    'hubspot.csv',
    [
      'Record ID,First Name,Last Name,Email,Phone Number,Company name,Contact owner,Annual Revenue',
      'H4,Dan,Dix,dan@d.com,+1 555-0104,Delta Inc,owner@us.com,6000',
      'H2,Bea,Bird,bea@b.com,+1 555-0102,Beta LLC,owner@us.com,25000',
      'H5,Eve,Eng,eve@e.com,+1 555-0105,Epsilon,owner@us.com,4000',
      'H1,Ann,Lee,ann@a.com,+1 555-0101,Acme,boss@us.com,50000',
      'H3,Cal,Cole,cal@c.com,+1 555-0103,"Gamma, SA",owner@us.com,15000',
      '',
    ].join('\n'),
  );

  it('round trip: a HubSpot import file with HubSpot’s headers and the A clients', async () => {
    const out = join(dir, 'hubspot-import.csv');
    const { code } = await runCli([
      'pareto',
      hubspot,
      '--list',
      'A',
      '--for-crm',
      'hubspot',
      '--output',
      out,
    ]);
    expect(code).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes[0]).not.toBe(0xef); // UTF-8 without BOM
    const rows = csv(bytes.toString('utf8'));
    // HubSpot's import headers (knowledge.hubspot.com, "Set up your import files")
    expect(rows[0]).toEqual([
      'First Name',
      'Last Name',
      'Email',
      'Phone Number',
      'Company Name',
      'Contact owner',
    ]);
    expect(rows.slice(1)).toEqual([
      ['Ann', 'Lee', 'ann@a.com', '+1 555-0101', 'Acme', 'boss@us.com'],
      ['Bea', 'Bird', 'bea@b.com', '+1 555-0102', 'Beta LLC', 'owner@us.com'],
      ['Cal', 'Cole', 'cal@c.com', '+1 555-0103', 'Gamma, SA', 'owner@us.com'],
    ]);
  });

  it.each([
    [
      'salesforce',
      ['First Name', 'Last Name', 'Email', 'Business Phone', 'Account Name', 'Record Owner', 'Contact Note'],
    ],
    [
      'pipedrive',
      [
        'Person - Name',
        'Person - Email',
        'Person - Phone',
        'Organization - Name',
        'Person - Owner',
        'Activity - Subject',
        'Note - Content',
      ],
    ],
    ['odoo', ['name', 'partner_name', 'contact_name', 'email_from', 'phone', 'user_id', 'description']],
  ])('%s: its import headers, the same clients', async (crm, header) => {
    const { code, stdout } = await runCli(['pareto', hubspot, '--list', 'A', '--for-crm', crm]);
    expect(code).toBe(0);
    const rows = csv(stdout);
    expect(rows[0]).toEqual(header);
    expect(rows.length).toBe(4);
    expect(rows[1]?.join('|')).toContain('Acme');
    expect(rows[3]?.join('|')).toContain('Gamma, SA');
  });

  it('a full contact name is split for HubSpot, with a note', async () => {
    const f = file('full-names.csv', 'client_id,Contact,revenue\nN1,Jean-Marc de la Tour,100\n');
    const { stdout, stderr } = await runCli(['pareto', f, '--list', 'A', '--for-crm', 'hubspot']);
    expect(csv(stdout)[1]?.slice(0, 2)).toEqual(['Jean-Marc', 'de la Tour']);
    expect(stderr).toContain('split at the first space');
  });

  it.each([
    [['--for-crm', 'hubspot'], '--for-crm writes a call list; give --list NAME too.'],
    [
      ['--list', 'A', '--for-crm', 'zoho'],
      '"zoho" is not a CRM prospect writes for; expected one of hubspot, salesforce, pipedrive, odoo.',
    ],
    [
      ['--list', 'A', '--for-crm', 'hubspot', '--format', 'json'],
      '--for-crm writes the CSV file hubspot imports; leave out --format json.',
    ],
  ])('usage errors: %j', async (args, message) => {
    const { code, stderr } = await runCli(['pareto', hubspot, ...args]);
    expect(code).toBe(64);
    expect(stderr).toContain(message);
  });
});

describe('CSV injection', () => {
  const hostile = file(
    'hostile.csv',
    [
      'client_id,company,Contact,Email,Phone,revenue',
      'I1,"=HYPERLINK(""http://evil.example"",""x"")",@SUM(A1),-x@evil.example,+33 1 23 45 67 89,900',
      'I2,Plain,Ann Lee,ann@a.fr,"+cmd|\' /C calc\'!A0",100',
      '',
    ].join('\n'),
  );
  it('the call list CSV neutralises every formula-like cell', async () => {
    const { stdout } = await runCli([
      'pareto',
      hostile,
      '--thresholds',
      '95,99',
      '--list',
      'A',
      '--format',
      'csv',
    ]);
    const rows = csv(stdout);
    const i1 = rows[1] ?? [];
    expect(i1[2]).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(i1[3]).toBe("'@SUM(A1)");
    expect(rows.flat().filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });
  it('the CRM file too, but a phone number in phone form stays a number', async () => {
    const { stdout } = await runCli([
      'pareto',
      hostile,
      '--thresholds',
      '95,99',
      '--list',
      'A',
      '--for-crm',
      'pipedrive',
    ]);
    const rows = csv(stdout);
    expect(rows[1]?.slice(0, 4)).toEqual([
      "'@SUM(A1)",
      "'-x@evil.example",
      '+33 1 23 45 67 89',
      '\'=HYPERLINK("http://evil.example","x")',
    ]);
    expect(rows[2]?.[2]).toBe("'+cmd|' /C calc'!A0");
  });
});
