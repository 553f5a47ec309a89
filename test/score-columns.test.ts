/**
 * `score`'s summary reads its clients by columns (src/commands/score-columns.ts, the reader's
 * `columnBatches`); it scored `forEachRow`'s rows before, one object per row. The reference here
 * is that row path (as score.ts still runs it for JSON, xlsx and --explain): on random client files
 * (quotes, line breaks in fields, accents and case, spaces, invalid numbers and dates that are
 * rejected, empty ids, statuses, report footers, chunks of any size) both give the same grade
 * counts, histogram, highest scores with their ids and lines, counts, rejections and --rejects file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compileGridScorer,
  computeRowScore,
  createScoreTally,
  prepareGrid,
} from '../src/core/score/compute.js';
import type { GridValue } from '../src/core/score/grid.js';
import { buildGridSpec, isProspectRow } from '../src/commands/score.js';
import { scoreByColumns } from '../src/commands/score-columns.js';
import type { Context } from '../src/io/context.js';
import { silentIo } from './helpers/silent-io.js';
import { parseGrid } from '../src/io/read-grid.js';
import { openTable, type ReadOptions } from '../src/io/read-table.js';
import type { ScoredClient } from '../src/render/score-report.js';

// The example grid's criteria (fixtures/grid.yaml), plus a second criterion on the sector and one
// on the status read as text, so that a column is read by two criteria.
const GRID = `id: client_id
groups:
  fit: { cap: 60 }
  behaviour: { cap: 40 }
total_cap: 100
criteria:
  - { name: sector, field: sector, group: fit, missing: -5, rules: [{ one_of: [Industrie, Santé], points: 25 }, { one_of: [Services, Commerce], points: 15 }, { equals: Tabac, points: -20 }] }
  - { name: sector again, field: sector, rules: [{ present: true, points: 1.5 }] }
  - { name: size, field: employees, group: fit, rules: [{ min: 250, points: 25 }, { min: 50, below: 250, points: 15 }, { min: 10, below: 50, points: 5 }] }
  - { name: region, field: region, group: fit, rules: [{ one_of: [Île-de-France, Auvergne-Rhône-Alpes], points: 10 }, { equals: Occitanie, points: 5 }] }
  - { name: last, field: last_contact, group: behaviour, decay: halve every 90 days, rules: [{ within_days: 365, points: 30 }] }
  - { name: e-mail, field: email, group: behaviour, missing: -10, rules: [{ matches: '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$', points: 10 }] }
  - { name: website, field: website, rules: [{ present: true, points: 5 }] }
grades: { A: 70, B: 40, otherwise: C }
maturity: { A: active, B: latent, C: arid }
`;

const HEADER = [
  'company',
  'client_id',
  'sector',
  'employees',
  'region',
  'last_contact',
  'email',
  'website',
  'status',
];
const COMPANIES = ['Acme', '"Dupont, fils"', '"deux\nlignes"', 'Société', '', ' Espace '];
const IDS = ['C1', 'C2', ' C3 ', '"C,4"', '"C""5"', '', 'Clé-6', 'C7\u00a0'];
const SECTORS = [
  'Industrie',
  'SANTÉ',
  ' sante ',
  'Services',
  'Tabac',
  'BTP',
  '',
  '"Commerce"',
  'Santé\u00a0',
];
const EMPLOYEES = ['12', '250', '49', '', 'abc', '1 000', '"75"', '10.5', '-3'];
const REGIONS = ['Île-de-France', 'ile-de-france', 'Occitanie', 'Bretagne', '', '"Grand, Est"'];
const DATES = [
  '2026-11-23',
  '2026-01-02',
  '2025-11-23',
  '2024-05-01',
  '',
  '2026-13-01',
  '23/10/2026',
  '2027-01-01',
];
const EMAILS = ['a@b.fr', 'x@example.com', 'pas-un-mail', '', '"q@r.io"', ' e@f.gh ', 'É@é.fr', 'a@b.c'];
const SITES = ['example.fr', '', ' ', '"w,x"'];
const STATUSES = ['Prospect', 'Client', 'Lead', '', 'Inconnu', ' prospect '];
const ODD_LINES = ['Total,,,,,,,,', ',,,,,,,,', 'court,C9', ''];

const row = fc
  .tuple(
    fc.constantFrom(...COMPANIES),
    fc.constantFrom(...IDS),
    fc.constantFrom(...SECTORS),
    fc.constantFrom(...EMPLOYEES),
    fc.constantFrom(...REGIONS),
    fc.constantFrom(...DATES),
    fc.constantFrom(...EMAILS),
    fc.constantFrom(...SITES),
    fc.constantFrom(...STATUSES),
  )
  .map((cells) => cells.join(','));
/** Mostly plain rows (the reader's fast lane), some of every other shape. */
const plainRow = fc
  .tuple(
    fc.constantFrom('C1', 'C2', 'C3'),
    fc.constantFrom('Industrie', 'Santé', 'BTP', ''),
    fc.constantFrom('12', '300', ''),
    fc.constantFrom('2026-11-01', '2026-06-30', ''),
    fc.constantFrom('a@b.fr', 'nope', ''),
  )
  .map(([id, s, n, d, e]) => `Acme,${id},${s},${n},Occitanie,${d},${e},,Prospect`);
const line = fc.oneof(
  { weight: 6, arbitrary: plainRow },
  { weight: 3, arbitrary: row },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_LINES) },
);

interface Case {
  lines: string[];
  eol: string;
  withStatus: boolean;
  chunkBytes: number;
}

const cases = fc.record({
  lines: fc.array(line, { maxLength: 80 }),
  eol: fc.constantFrom('\n', '\r\n'),
  withStatus: fc.boolean(),
  chunkBytes: fc.integer({ min: 16, max: 600 }),
});

const AS_OF_DAY = Date.UTC(2026, 10, 23) / 86_400_000;
const byScore = (a: ScoredClient, b: ScoredClient): number =>
  b.result.score - a.result.score || a.line - b.line;

/** Scores the file one way or the other, as `score`'s summary does, and what the run tells. */
async function scoreFile(dir: string, byColumns: boolean, chunkBytes: number): Promise<unknown> {
  const io = silentIo(dir);
  const gridFile = parseGrid(GRID, 'grid.yaml');
  const idField = gridFile.idField;
  const spec = buildGridSpec(gridFile, idField);
  const rejectsFile = byColumns ? 'rejects-columns.csv' : 'rejects-rows.csv';
  const options: ReadOptions = { rejectsFile, chunkBytes, kind: 'clients' };
  const table = await openTable('clients.csv', spec, options, io);
  const prepared = prepareGrid(gridFile.grid);
  const scorer = compileGridScorer(prepared);
  const tally = createScoreTally(gridFile.grid, prepared.bounds);
  const top: ScoredClient[] = [];
  const keep = 5;
  if (byColumns) {
    await scoreByColumns(table, { spec, prepared, scorer, asOfDay: AS_OF_DAY, idField, keep }, tally, top);
  } else {
    // The row path of score.ts (its summary table, before the columns): the reference.
    const hasStatus = table.fieldColumns.has('status');
    await table.forEachRow((r) => {
      const values = r.values as Record<string, GridValue>;
      const score = scorer.score(values, AS_OF_DAY);
      tally.add(score, scorer.gradeIndex(score), isProspectRow(r.values.status, hasStatus));
      const v = idField === undefined ? null : r.values[idField];
      const id = v !== null && v !== undefined && String(v) !== '' ? String(v) : (r.cells[0] ?? '');
      const result = computeRowScore(prepared, values, AS_OF_DAY);
      const client = { id, line: r.line, result: { ...result, breakdown: [], groups: [] } };
      if (top.length < keep) {
        top.push(client);
        top.sort(byScore);
      } else if (score > (top[keep - 1] as ScoredClient).result.score) {
        top[keep - 1] = client;
        top.sort(byScore);
      }
    });
  }
  const notes: string[] = [];
  const ctx: Context = {
    io,
    lang: 'en',
    color: false,
    quiet: false,
    note: (t) => notes.push(t),
    today: '2026-11-23',
  };
  table.finish(ctx);
  return {
    summary: tally.summary(),
    histogram: tally.histogram(),
    top,
    counts: table.counts(),
    rejections: table.firstRejections(),
    notes: notes.map((n) => n.replace(rejectsFile, 'REJECTS')),
    rejects: readFileSync(join(dir, rejectsFile), 'utf8'),
  };
}

async function expectSame(c: Case): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-scorecols-'));
  const header = c.withStatus ? HEADER : HEADER.slice(0, -1);
  const lines = c.withStatus ? c.lines : c.lines.map((l) => l.replace(/,[^,]*$/, ''));
  writeFileSync(join(dir, 'clients.csv'), [header.join(','), ...lines].join(c.eol) + c.eol);
  const byRows = await scoreFile(dir, false, c.chunkBytes);
  const byColumns = await scoreFile(dir, true, c.chunkBytes);
  expect(byColumns).toEqual(byRows);
}

describe('score by columns', () => {
  it('gives the same summary, highest scores and rejections as the row path, on random files', async () => {
    await fc.assert(fc.asyncProperty(cases, expectSame), { numRuns: 150 });
  });

  it('scores a small file as the grid says (worked by hand)', async () => {
    // Row 2: Industrie 25 + 1.5 (sector present) + 300 employees 25 + Occitanie 5 = 56.5 (fit cap 60:
    // 55 in fit, 1.5 outside) ; contact on the as-of day 30 + e-mail 10 = 40 (cap 40); no site:
    // 55 + 1.5 + 40 = 96.5 -> A. Row 3: no sector -5, 12 employees 5, Occitanie 5 (fit 5); no
    // date 0, no e-mail -10 (behaviour -10); 5 - 10 = -5 -> C. Row 4: "abc" employees: rejected.
    const dir = mkdtempSync(join(tmpdir(), 'prospect-scorecols-'));
    const file = [
      HEADER.slice(0, -1).join(','),
      'Acme,C1,Industrie,300,Occitanie,2026-11-23,a@b.fr,',
      'Beta,,,12,Occitanie,,,',
      'Gamma,C3,BTP,abc,,,,',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'clients.csv'), file);
    const out = (await scoreFile(dir, true, 1 << 16)) as { top: ScoredClient[]; counts: unknown };
    expect(out.top.map((c) => [c.id, c.line, c.result.score, c.result.grade])).toEqual([
      ['C1', 2, 96.5, 'A'],
      ['Beta', 3, -5, 'C'],
    ]);
    expect(out.counts).toEqual({ read: 3, used: 2, rejected: 1, skipped: 0 });
  });
});
