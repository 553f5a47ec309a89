/**
 * `segment` reads its clients by columns (src/commands/segment-columns.ts, the reader's
 * `columnBatches` and its plain-record lane); it read them row by row before (`forEachRow`, one
 * object per row). The reference here is that row-by-row path, kept for --per-client and --list:
 * on random client files (quotes, line breaks in fields, French numbers, rejected rows, duplicate
 * ids, report footers, Windows-1252, a BOM, --where, chunks of any size) both give the same
 * segments, the same counts, the same rejections in the same order and the same --rejects file;
 * by columns without tiers, the segmentation keeps sums by segment, not the clients' values.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SegmentBuilder, type TierSpec } from '../src/core/segment.js';
import { addClientsByColumns } from '../src/commands/segment-columns.js';
import { buildSegmentSpec, segmentClient } from '../src/commands/segment.js';
import type { Context } from '../src/io/context.js';
import { silentIo } from './helpers/silent-io.js';
import { openTable, type ReadOptions } from '../src/io/read-table.js';
import { parseWhereFlags } from '../src/io/where-filter.js';

const HEADER = ['N° client', 'Raison sociale', 'Statut', 'Secteur', 'Région', 'CA', 'Marge', 'Maturité'];

const IDS = ['C1', 'C2', 'C3', 'C4', 'C5', 'CL-000000012', ' C1 ', '"C2"', '"C""3"', '', 'C1\u00a0', 'Clé-7'];
const COMPANIES = ['Acme', '"Dupont; fils"', '"deux\nlignes"', '"trois\r\nlignes"', 'Société', ''];
const STATUSES = [
  'Client',
  'Prospect',
  'Lead',
  'Ancien client',
  ' prospect ',
  'Inconnu',
  'Santé',
  '',
  '"Client"',
];
const SECTORS = [
  'Industrie',
  'Santé',
  'BTP',
  'Île-de-France',
  '"a;b"',
  '"x\ny"',
  '',
  ' Café ',
  'Café\u00a0',
  '"q""r"',
];
const AMOUNTS = ['1234,56', '12', '-3,5', '0,1', '', '"7,5"', '1 234,56 €', '1.234', 'abc', '12,345', ' 42 '];
const MATURITIES = ['Aride', 'Latent', 'Actif', 'arid', 'active', '', ' Actif ', 'bof', '"Latent"'];
/** Whole lines that are not usual rows: footers, short rows, blank rows, a total. */
const ODD_LINES = [
  'Total;;;;;1234;;',
  ';;;;;;;',
  'C9;court',
  '',
  '"Confidential Information"',
  'C8;;;;;;;;;',
];

const row = fc
  .tuple(
    fc.constantFrom(...IDS),
    fc.constantFrom(...COMPANIES),
    fc.constantFrom(...STATUSES),
    fc.constantFrom(...SECTORS),
    fc.constantFrom(...SECTORS),
    fc.constantFrom(...AMOUNTS),
    fc.constantFrom(...AMOUNTS),
    fc.constantFrom(...MATURITIES),
  )
  .map((cells) => cells.join(';'));
/** Mostly plain rows (the lane's), some of every other shape. */
const plainRow = fc
  .tuple(
    fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'),
    fc.constantFrom('Client', 'Prospect', 'Lead'),
    fc.constantFrom('Industrie', 'Santé', 'BTP'),
    fc.constantFrom('1234,56', '12', ''),
    fc.constantFrom('Aride', 'Actif', ''),
  )
  .map(([id, s, sector, n, m]) => `${id};Acme;${s};${sector};Bretagne;${n};${n};${m}`);
const line = fc.oneof(
  { weight: 6, arbitrary: plainRow },
  { weight: 3, arbitrary: row },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_LINES) },
);

interface Case {
  lines: string[];
  eol: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252';
  by: readonly string[];
  tiers: boolean;
  where: string | undefined;
  chunkBytes: number;
}

const cases = fc.record({
  lines: fc.array(line, { maxLength: 60 }),
  eol: fc.constantFrom('\n', '\r\n'),
  encoding: fc.constantFrom('utf-8' as const, 'utf-8-bom' as const, 'windows-1252' as const),
  by: fc.constantFrom(
    ['status', 'sector'],
    ['zone'],
    [],
    ['sector', 'maturity'],
    ['clientId'],
    ['Raison sociale'],
  ),
  tiers: fc.boolean(),
  where: fc.constantFrom(undefined, undefined, 'ca >= 10', 'statut = prospect'),
  chunkBytes: fc.integer({ min: 16, max: 600 }),
});

function encode(text: string, encoding: Case['encoding']): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-8-bom') return Buffer.from('\ufeff' + text, 'utf8');
  // Windows-1252: the text's characters are all in Latin-1 but the euro sign (0x80).
  const bytes = Buffer.from(text.replace(/€/g, '\u0080'), 'latin1');
  return bytes;
}

interface Outcome {
  result: unknown;
  counts: unknown;
  rejections: unknown;
  notes: string[];
  rejects: string;
}

/** Reads the file one way or the other, as `segment` does, and what the run tells. */
async function readSegment(dir: string, c: Case, byColumns: boolean): Promise<Outcome> {
  const io = silentIo(dir);
  const tiers: TierSpec | undefined = c.tiers ? { count: 3, measure: 'revenue' } : undefined;
  const spec = buildSegmentSpec(c.by, tiers);
  const rejectsFile = byColumns ? 'rejects-columns.csv' : 'rejects-rows.csv';
  const options: ReadOptions = {
    rejectsFile,
    chunkBytes: c.chunkBytes,
    kind: 'clients',
    ...(c.where === undefined ? {} : { where: parseWhereFlags([c.where]) }),
  };
  const table = await openTable('clients.csv', [...spec.values()], options, io);
  const has = (f: string): boolean => table.fieldColumns.has(f);
  // As the command does: by columns, no client's values kept (tiers aside); by rows, all kept.
  const builder = new SegmentBuilder(
    {
      by: c.by,
      ...(tiers === undefined ? {} : { tiers }),
      hasRevenue: has('revenue'),
      hasMargin: has('margin'),
      hasStatus: has('status'),
    },
    { keepClients: !byColumns },
  );
  if (byColumns) await addClientsByColumns(table, c.by, spec, builder);
  else await table.forEachRow((r) => builder.add(segmentClient(c.by, r.values)));
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
    result: builder.compute(),
    counts: table.counts(),
    rejections: table.firstRejections(),
    notes: notes.map((n) => n.replace(rejectsFile, 'REJECTS')),
    rejects: readFileSync(join(dir, rejectsFile), 'utf8'),
  };
}

async function expectSame(c: Case): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-segcols-'));
  const text = [HEADER.join(';'), ...c.lines].join(c.eol) + c.eol;
  writeFileSync(join(dir, 'clients.csv'), encode(text, c.encoding));
  const byRows = await readSegment(dir, c, false);
  const byColumns = await readSegment(dir, c, true);
  expect(byColumns).toEqual(byRows);
}

describe('segment by columns and by rows', () => {
  it('gives the same segments, counts, rejections and --rejects file on random client files (property)', async () => {
    await fc.assert(fc.asyncProperty(cases, expectSame), { numRuns: 250 });
  });

  it('a duplicate id after a row rejected for its maturity: the first usable row wins', async () => {
    // By hand: line 2 (C1) is rejected for "bof", so line 3 (C1) is the first usable C1 and
    // line 4 (C1) is the duplicate; line 5 (" C1 ") is trimmed to C1, a duplicate too.
    const c: Case = {
      lines: [
        'C1;A;Prospect;BTP;Z;;;bof',
        'C1;A;Prospect;BTP;Z;;;Actif',
        'C1;A;Client;BTP;Z;5;1;',
        ' C1 ;A;Lead;BTP;Z;;;',
      ],
      eol: '\n',
      encoding: 'utf-8',
      by: ['status'],
      tiers: false,
      where: undefined,
      chunkBytes: 64 * 1024,
    };
    await expectSame(c);
    const dir = mkdtempSync(join(tmpdir(), 'prospect-segcols-'));
    writeFileSync(join(dir, 'clients.csv'), [HEADER.join(';'), ...c.lines, ''].join('\n'));
    const got = await readSegment(dir, c, true);
    expect(got.counts).toEqual({ read: 4, used: 1, rejected: 3, skipped: 0 });
    expect((got.rejections as { line: number; column: number }[]).map((r) => [r.line, r.column])).toEqual([
      [2, 8],
      [4, 1],
      [5, 1],
    ]);
    expect((got.rejections as { reason: string }[])[1]?.reason).toBe(
      'duplicate client id "C1" (first on line 3); expected each once',
    );
  });

  it('a long file of plain rows, cut into chunks anywhere (property)', async () => {
    // Thousands of rows: the lane takes most, and hands back the odd ones in between.
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          lines: fc.array(line, { minLength: 2000, maxLength: 3000 }),
          eol: fc.constantFrom('\n', '\r\n'),
          encoding: fc.constant('utf-8' as const),
          by: fc.constantFrom(['status', 'sector'], ['zone', 'maturity']),
          tiers: fc.boolean(),
          where: fc.constant(undefined),
          chunkBytes: fc.integer({ min: 1000, max: 70000 }),
        }),
        expectSame,
      ),
      { numRuns: 10, endOnFailure: true },
    );
  });
});
