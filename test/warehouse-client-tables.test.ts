import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithDuck } from './helpers/duckdb.js';
import { runCli } from './helpers/run-cli.js';

// Client tables on --engine duckdb are read typed by DuckDB (amounts with the file's decimal mark,
// dates with its format) as order files are; a cell that does not fit the types (a thousands
// space) sends the read back to text cells parsed in SQL, with a note. Either way the report is
// the built-in engine's, and the figures below are worked out by hand.
const describeDuck = describeWithDuck(
  'warehouse-client-tables tests SKIPPED: @duckdb/node-api is not installed (npm install @duckdb/node-api)',
);

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-client-tables-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const NOTE_EN = 'reading the cells as text instead (slower, same rules as prospect';
const NOTE_FR =
  'lecture des cellules comme texte à la place (plus lent, mêmes règles que le lecteur de prospect)';

/** The JSON of a run without what only the built-in reader says (its notes, its inputs). */
function report(stdout: string): Record<string, unknown> {
  const json = JSON.parse(stdout) as Record<string, unknown>;
  delete json.warnings;
  delete json.inputs;
  return json;
}

// A French client file in UTF-8: `;`, decimal commas. By hand, --by sector:
//   Industrie: C1 1234.56 + C3 (empty: 0) + C4 100 = 1334.56, margin 300.10 + 0 - 5.25 = 294.85
//   Services:  C2 10.005 (10.01, half away from zero) + C5 50.5 = 60.51, margin 2.5
//   totals: 5 clients, 1395.07, margin 297.35.
const SEGMENT = (c1: string): string =>
  [
    "N° client;Statut;Secteur;Chiffre d'affaires;Marge",
    `C1;Client;Industrie;${c1};300,10`,
    'C2;Client;Services;10,005;2,5',
    'C3;Prospect;Industrie;;',
    'C4;Client;Industrie;100;-5,25',
    'C5;Ancien client;Services;50,5;',
    '',
  ].join('\n');

describeDuck('segment --engine duckdb reads client tables typed, as the built-in engine reads them', () => {
  it.each([
    ['typed', '1234,56', false],
    ['as text (a thousands space)', '1 234,56', true],
  ])('read %s', async (_how, c1, fallback) => {
    const file = tempFile('clients.csv', SEGMENT(c1));
    const args = ['segment', file, '--by', 'sector', '--tiers', '2', '--format', 'json'];
    const js = await runCli(args);
    const engine = await runCli([...args, '--engine', 'duckdb']);
    expect(js.code, js.stderr).toBe(0);
    expect(engine.code, engine.stderr).toBe(0);
    expect(report(engine.stdout)).toEqual(report(js.stdout));
    const json = JSON.parse(engine.stdout) as {
      totals: { clients: number; revenue: number; margin: number };
    };
    expect(json.totals).toMatchObject({ clients: 5, revenue: 1395.07, margin: 297.35 });
    const bySector = await runCli([
      'segment',
      file,
      '--by',
      'sector',
      '--format',
      'json',
      '--engine',
      'duckdb',
    ]);
    const segments = (
      JSON.parse(bySector.stdout) as {
        segments: { key: { sector: string }; revenue: number; margin: number }[];
      }
    ).segments;
    expect(segments.map((s) => [s.key.sector, s.revenue, s.margin])).toEqual([
      ['Industrie', 1334.56, 294.85],
      ['Services', 60.51, 2.5],
    ]);
    expect(engine.stderr.includes(NOTE_EN)).toBe(fallback);
    expect(engine.stderr).toContain('DuckDB read 5 rows, used 5, left out 0');
  });

  it('the fall back to text is said in French too', async () => {
    const file = tempFile('clients.csv', SEGMENT('1 234,56'));
    const fr = await runCli(['--lang', 'fr', 'segment', file, '--by', 'sector', '--engine', 'duckdb']);
    expect(fr.code, fr.stderr).toBe(0);
    expect(fr.stderr).toContain(
      `prospect : DuckDB ne peut pas lire chaque cellule de ${file} comme un nombre`,
    );
    expect(fr.stderr).toContain(NOTE_FR);
  });

  it('a repeated id keeps its first row, and an unreadable amount leaves its row out, in both reads', async () => {
    // By hand: C1 again (its second row is left out) and C6 whose amount "n.c." is not a number
    // (it sends the read back to text: the typed read cannot hold it): 7 rows, 5 used.
    const file = tempFile(
      'clients.csv',
      `${SEGMENT('1234,56')}C1;Client;Services;999;\nC6;Client;Services;n.c.;\n`,
    );
    const args = ['segment', file, '--by', 'sector', '--format', 'json'];
    const js = await runCli(args);
    const engine = await runCli([...args, '--engine', 'duckdb']);
    expect(engine.code, engine.stderr).toBe(0);
    expect(report(engine.stdout)).toEqual(report(js.stdout));
    expect((JSON.parse(engine.stdout) as { rows: unknown }).rows).toEqual({
      read: 7,
      used: 5,
      rejected: 2,
      skipped: 0,
    });
  });
});

// A client table with d/m/yyyy dates and decimal commas. As of 31/12/2026, by hand: A bought last
// on 31/12/2026 (recency 0), B on 01/12/2026 (30), C on 5/1/2026 (360); amounts 1234.56, 10.01
// (10.005 half away from zero), 500.
const RFM = (a: string): string =>
  [
    "N° client;Dernier achat;Nombre d'achats;Montant",
    `A;31/12/2026;4;${a}`,
    'B;01/12/2026;1;10,005',
    'C;5/1/2026;2;500',
    '',
  ].join('\n');

describeDuck(
  'rfm --clients --engine duckdb reads client tables typed, as the built-in engine reads them',
  () => {
    it.each([
      ['typed', '1234,56', false],
      ['as text (a thousands space)', '1 234,56', true],
    ])('read %s', async (_how, a, fallback) => {
      const file = tempFile('clients.csv', RFM(a));
      const args = [
        'rfm',
        file,
        '--clients',
        '--as-of',
        '2026-12-31',
        '--bins',
        '2',
        '--map',
        "transactionCount=Nombre d'achats",
        '--format',
        'csv',
      ];
      const js = await runCli(args);
      const engine = await runCli([...args, '--engine', 'duckdb']);
      expect(js.code, js.stderr).toBe(0);
      expect(engine.code, engine.stderr).toBe(0);
      expect(engine.stdout).toBe(js.stdout);
      const rows = engine.stdout
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.split(',').slice(0, 5));
      expect(rows.sort()).toEqual([
        ['A', '2026-12-31', '0', '4', '1234.56'],
        ['B', '2026-12-01', '30', '1', '10.01'],
        ['C', '2026-01-05', '360', '2', '500'],
      ]);
      expect(engine.stderr.includes(NOTE_EN)).toBe(fallback);
    });
  },
);

// File order across DuckDB's chunks: 300,000 rows (several row groups of 122,880, about 4 MB), a
// client id R on the first line (sector First, 10) and again on line 250,000 (sector Late, 99).
// By hand: the first row wins, so First has 1 client (10), Late none, Mid the 299,998 others
// (1 each); 300,000 read, 299,999 used, 1 left out. The rows are numbered with
// ROW_NUMBER() OVER () under preserve_insertion_order = false: DuckDB keeps the scan's order for an
// empty OVER () (checked with 2, 8 and 16 threads on 1,000,000 rows); this test fails if it stops.
describeDuck('segment --engine duckdb: a repeated id far down a large file', () => {
  it('keeps its first row in file order', async () => {
    const lines = ['client_id,sector,revenue', 'R,First,10'];
    for (let i = 2; i <= 300_000; i++) lines.push(i === 249_999 ? 'R,Late,99' : `U${i},Mid,1`);
    const file = tempFile('large.csv', `${lines.join('\n')}\n`);
    const out = await runCli(['segment', file, '--by', 'sector', '--engine', 'duckdb', '--format', 'json']);
    expect(out.code, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout) as {
      rows: Record<string, number>;
      segments: { key: { sector: string }; clients: number; revenue: number }[];
    };
    expect(json.rows).toMatchObject({ read: 300_000, used: 299_999, rejected: 1 });
    expect(json.segments.map((s) => [s.key.sector, s.clients, s.revenue])).toEqual([
      ['Mid', 299_998, 299_998],
      ['First', 1, 10],
    ]);
  }, 60_000);
});
