import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

// Every path of `segment --per-client` writes a client's segment as its group shows it in the
// report: the most frequent spelling of the group (case, accents and spaces ignored), ties to the
// first seen (src/core/fold-key.ts). Worked out by hand:
//   industrie:   Industrie (A), INDUSTRIE (B, D), 'industrie ' (C)  -> INDUSTRIE (2 of 4)
//   services:    Services (E), services (F)                         -> Services (a tie: first seen)
//   electricite: Électricité (H), ELECTRICITE (I, J)                -> ELECTRICITE (2 of 3)
// Tiers (--tiers 2, equal counts, DOMAIN.md): revenues high to low 100 50 10 9 8 7 5 3 2 1; the
// cut after round(10/2) = 5 values puts the bound at the 5th, 8: A B C I J are large, the rest small.
// The last row repeats B's id: rejected, it counts for nothing (were it counted, Industrie would tie
// INDUSTRIE at 2 and, seen first, be shown; and 999 would move the tier bound).
const FILE = [
  'client_id,sector,status,revenue',
  'A,Industrie,client,100',
  'B,INDUSTRIE,client,50',
  'C,industrie ,prospect,10',
  'D,INDUSTRIE,client,5',
  'E,Services,client,1',
  'F,services,prospect,2',
  'G,,client,3',
  'H,Électricité,client,7',
  'I,ELECTRICITE,client,8',
  'J,ELECTRICITE,prospect,9',
  'B,Industrie,client,999',
  '',
].join('\n');

const CELLS = FILE.split('\n').slice(1, -2);
const BY_SECTOR = [
  'INDUSTRIE',
  'INDUSTRIE',
  'INDUSTRIE',
  'INDUSTRIE',
  'Services',
  'Services',
  '(empty)',
].concat(['ELECTRICITE', 'ELECTRICITE', 'ELECTRICITE']);
const STATUS = [
  'client',
  'client',
  'prospect',
  'client',
  'client',
  'prospect',
  'client',
  'client',
  'client',
  'prospect',
];
const TIERS = ['large', 'large', 'large', 'small', 'small', 'small', 'small', 'small', 'large', 'large'];

const csv = (header: string, rows: string[]): string => [header, ...rows, ''].join('\r\n');
/** --by sector,status, no tiers: `INDUSTRIE / client`. */
const EXPECTED_TWO_FIELDS = csv(
  'client_id,sector,status,revenue,segment',
  CELLS.map((c, i) => `${c},${BY_SECTOR[i]} / ${STATUS[i]}`),
);
/** --by sector --tiers 2. */
const EXPECTED_TIERS = csv(
  'client_id,sector,status,revenue,segment,tier',
  CELLS.map((c, i) => `${c},${BY_SECTOR[i]},${TIERS[i]}`),
);

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-spellings-'));
  writeFileSync(join(dir, 'c.csv'), FILE);
  return dir;
}

const MERGED_INDUSTRIE =
  'sector: 3 spellings of "INDUSTRIE" merged into one group (case, accents and spaces ignored; the most frequent spelling is shown): "Industrie" (1 row), "industrie" (1 row).';

describe('segment --per-client shows the group spelling, in every path', () => {
  it.each([
    [
      'a file, streamed CSV without tiers (read twice)',
      'file',
      ['--by', 'sector,status'],
      EXPECTED_TWO_FIELDS,
    ],
    [
      'stdin, streamed CSV without tiers (kept packed)',
      'stdin',
      ['--by', 'sector,status'],
      EXPECTED_TWO_FIELDS,
    ],
    ['a file, streamed CSV with tiers', 'file', ['--by', 'sector', '--tiers', '2'], EXPECTED_TIERS],
    ['stdin, streamed CSV with tiers', 'stdin', ['--by', 'sector', '--tiers', '2'], EXPECTED_TIERS],
  ])('%s', async (_name, input, args, expected) => {
    const source = input === 'file' ? join(folder(), 'c.csv') : '-';
    const r = await runCli(['segment', source, '--per-client', ...args, '--format', 'csv'], { stdin: FILE });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected);
    // The merge is said, as the report says it.
    expect(r.stderr).toContain(`prospect: warning: ${MERGED_INDUSTRIE}`);
  });

  it('--output and --excel: the same segments', async () => {
    const dir = folder();
    const out = join(dir, 'out.csv');
    const r = await runCli([
      'segment',
      join(dir, 'c.csv'),
      '--per-client',
      '--by',
      'sector,status',
      '--format',
      'csv',
      '-o',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(EXPECTED_TWO_FIELDS);
    const excel = await runCli(['segment', join(dir, 'c.csv'), '--per-client', '--by', 'sector', '--excel']);
    expect(excel.code).toBe(0);
    // --excel: a BOM, `;` between cells; the segment is the last cell of each row.
    const segments = excel.stdout
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(';').at(-1));
    expect(segments).toEqual(BY_SECTOR);
  });

  it.each([['file'], ['stdin']])(
    'streamed JSON (%s): segments and the merge in `warnings`',
    async (input) => {
      const source = input === 'file' ? join(folder(), 'c.csv') : '-';
      const r = await runCli(['segment', source, '--per-client', '--by', 'sector', '--format', 'json'], {
        stdin: FILE,
      });
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as {
        clients: { values: Record<string, string>; segment: Record<string, string | null> }[];
        warnings: { code: string; message: string }[];
      };
      expect(doc.clients.map((c) => c.segment.sector)).toEqual(
        BY_SECTOR.map((s) => (s === '(empty)' ? null : s)),
      );
      // The cells stay as written.
      expect(doc.clients.map((c) => c.values.sector).slice(0, 3)).toEqual([
        'Industrie',
        'INDUSTRIE',
        'industrie ',
      ]);
      expect(doc.warnings.filter((w) => w.code === 'spellings-merged').map((w) => w.message)).toEqual([
        MERGED_INDUSTRIE,
        'sector: 2 spellings of "Services" merged into one group (case, accents and spaces ignored; the most frequent spelling is shown): "services" (1 row).',
        'sector: 2 spellings of "ELECTRICITE" merged into one group (case, accents and spaces ignored; the most frequent spelling is shown): "Électricité" (1 row).',
      ]);
    },
  );

  it('the table forms (every row kept, not streamed): the same segments', async () => {
    const r = await runCli([
      'segment',
      join(folder(), 'c.csv'),
      '--per-client',
      '--by',
      'sector',
      '--format',
      'markdown',
    ]);
    expect(r.code).toBe(0);
    const segments = r.stdout
      .split('\n')
      .filter((l) => /^\| [A-J] \|/.test(l))
      .map((l) => l.split(' | ').at(-1)?.replace(/ \|$/, ''));
    expect(segments).toEqual(BY_SECTOR);
  });

  it('the report and the per-client file agree: the report groups under the same spellings', async () => {
    const r = await runCli(['segment', join(folder(), 'c.csv'), '--by', 'sector', '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { segments: { key: { sector: string | null }; clients: number }[] };
    expect(doc.segments.map((s) => [s.key.sector, s.clients])).toEqual([
      ['INDUSTRIE', 4],
      ['ELECTRICITE', 3],
      ['Services', 2],
      [null, 1],
    ]);
  });
});
