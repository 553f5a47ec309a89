import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { silentIo as makeIo } from '../../test/helpers/silent-io.js';
import type { Context, Io } from './context.js';
import { openTable, type FieldSpec, type ReadOptions, type TableReader } from './read-table.js';
import { parseWhereFlags, periodClause } from './where-filter.js';

function makeCtx(io: Io, lang: 'en' | 'fr' = 'en'): { ctx: Context; notes: string[] } {
  const notes: string[] = [];
  return {
    ctx: { io, lang, color: false, quiet: false, note: (t) => notes.push(t), today: '2026-11-23' },
    notes,
  };
}

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-where-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

// A French client file: `;`, decimal commas with spaces for thousands, dd/mm/yyyy dates.
const CLIENTS_FR = [
  'N° client;Raison sociale;Statut;Secteur d’activité;Chiffre d’affaires;Dernière interaction;Note libre',
  'C1;Acier Dupont;Client;Industrie;12 500,50;15/01/2025;a',
  'C2;Clinique du Parc;Prospect;santé;;03/03/2026;',
  'C3;Pharma Sud;Ancien client;Santé;9 999,99;31/12/2024;b',
  'C4;Garage Petit;prospect;Commerce;10 000,00;01/01/2025;',
  'C5;Métallerie Bernard;Lead;INDUSTRIE;250 000;20/06/2026;c',
  '',
].join('\n');

const SPEC: FieldSpec[] = [
  { field: 'clientId', type: 'text', required: true },
  { field: 'status', type: 'status' },
  { field: 'revenue', type: 'number' },
];

async function idsOf(
  expressions: string[],
  options: ReadOptions = {},
  content = CLIENTS_FR,
): Promise<{ ids: string[]; reader: TableReader; notes: string[]; io: Io }> {
  const dir = tempDir({ 'c.csv': content });
  const io = makeIo(dir);
  const reader = await openTable('c.csv', SPEC, { ...options, where: parseWhereFlags(expressions) }, io);
  const ids: string[] = [];
  await reader.forEachRow((r) => ids.push(r.values.clientId as string));
  const { ctx, notes } = makeCtx(io, options.lang ?? 'en');
  reader.finish(ctx);
  return { ids, reader, notes, io };
}

describe('--where on a French file', () => {
  // Expected ids picked by hand from the five rows of CLIENTS_FR.
  it.each([
    ['statut = prospect', ['C2', 'C4']], // status vocabulary: Prospect, prospect
    ['statut = ancien client', ['C3']], // `Ancien client` = former
    ['statut = former', ['C3']],
    ['secteur = sante', ['C2', 'C3']], // case and accents aside
    ['secteur in (Santé, Industrie)', ['C1', 'C2', 'C3', 'C5']],
    ['secteur dans (industrie)', ['C1', 'C5']],
    ['secteur not in (Santé, Industrie)', ['C4']],
    ['ca >= 10000', ['C1', 'C4', 'C5']], // 12 500,50; 10 000,00; 250 000 (C2 empty: false)
    ['ca > 10 000', ['C1', 'C5']], // the value in the file's convention
    ['ca < 10000', ['C3']],
    ['ca = 9 999,99', ['C3']], // in cents: 999999
    ['ca != 9999,99', ['C1', 'C2', 'C4', 'C5']], // != is not (=): the empty cell passes
    ['ca is empty', ['C2']],
    ['ca is not empty', ['C1', 'C3', 'C4', 'C5']],
    ['[Chiffre d’affaires] >= 250000', ['C5']], // the header as written
    ['revenue >= 250000', ['C5']], // the canonical field
    ['[Dernière interaction] >= 2025-01-01', ['C1', 'C2', 'C4', 'C5']], // ISO value, dd/mm cells
    ['[Dernière interaction] < 01/01/2025', ['C3']], // the file's order
    ['[Dernière interaction] <= 31/12/2024', ['C3']], // inclusive
    ['statut = prospect or ca >= 200000', ['C2', 'C4', 'C5']],
    ['not statut = prospect and [note libre] is not empty', ['C1', 'C3', 'C5']],
    ['(statut = client or statut = lead) et secteur = industrie', ['C1', 'C5']],
    ['[N° client] = c3', ['C3']],
  ])('%s', async (expression, expected) => {
    const { ids, reader } = await idsOf([expression]);
    expect(ids).toEqual(expected);
    const counts = reader.counts();
    expect(counts.filtered).toBe(5 - expected.length);
    expect(counts.read).toBe(counts.used + counts.rejected + counts.skipped + (counts.filtered ?? 0));
  });

  it('ANDs several --where', async () => {
    const { ids } = await idsOf(['secteur in (santé, industrie)', 'ca >= 10000']);
    expect(ids).toEqual(['C1', 'C5']);
  });

  it('counts the filtered rows in the summary, apart from rejections, in both languages', async () => {
    const en = await idsOf(['statut = prospect']);
    expect(en.notes).toContain('c.csv: 5 rows read, 2 used, 0 rejected, 3 filtered out (--where)');
    const fr = await idsOf(['statut = prospect'], { lang: 'fr' });
    expect(fr.notes).toContain('c.csv : 5 lignes lues, 2 utilisées, 0 rejetée, 3 écartées (--where)');
  });

  it('rejects (not filters) a row whose cell the filter cannot read, and never writes a filtered row to --rejects', async () => {
    const content = CLIENTS_FR.replace('12 500,50', 'douze mille');
    const dir = tempDir({ 'c.csv': content });
    const io = makeIo(dir);
    const reader = await openTable(
      'c.csv',
      [{ field: 'clientId', type: 'text', required: true }], // revenue not read by the command
      { where: parseWhereFlags(['ca >= 10000']), rejectsFile: 'rejects.csv' },
      io,
    );
    const ids: string[] = [];
    await reader.forEachRow((r) => ids.push(r.values.clientId as string));
    reader.finish(makeCtx(io).ctx);
    expect(ids).toEqual(['C4', 'C5']);
    // C1 rejected (unreadable), C2 (empty) and C3 (< 10000) filtered.
    expect(reader.counts()).toEqual({ read: 5, used: 2, rejected: 1, skipped: 0, filtered: 2 });
    const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8');
    expect(rejects).toContain('C1');
    expect(rejects).toContain('--where');
    expect(rejects).not.toContain('C2');
    expect(rejects).not.toContain('C3');
  });

  it('gives the same rows by columns (the streaming path of rfm and pareto)', async () => {
    const dir = tempDir({ 'c.csv': CLIENTS_FR });
    const io = makeIo(dir);
    const reader = await openTable(
      'c.csv',
      [
        { field: 'clientId', type: 'text', required: true },
        { field: 'revenue', type: 'number' },
      ],
      { where: parseWhereFlags(['statut = prospect or secteur = industrie']) },
      io,
    );
    const ids: string[] = [];
    for await (const batch of reader.columnBatches(['clientId', 'revenue'])) {
      const keys = batch.keys('clientId');
      for (let i = 0; i < batch.length; i++)
        ids.push(reader.keyTexts('clientId')[keys[i] as number] as string);
    }
    expect(ids).toEqual(['C1', 'C2', 'C4', 'C5']);
    expect(reader.counts()).toEqual({ read: 5, used: 4, rejected: 0, skipped: 0, filtered: 1 });
  });

  it('filters the first file of a run only, and says so for the others', async () => {
    const dir = tempDir({ 'c.csv': CLIENTS_FR, 'd.csv': CLIENTS_FR });
    const io = makeIo(dir);
    const where = parseWhereFlags(['statut = prospect']);
    const first = await openTable('c.csv', SPEC, { where }, io);
    const second = await openTable('d.csv', SPEC, { where }, io);
    const again = await openTable('c.csv', SPEC, { where }, io);
    let n = 0;
    await second.forEachRow(() => n++);
    expect(n).toBe(5);
    expect(second.warnings().map((w) => w.en)).toContain(
      "--where filters c.csv (the command's main file), not d.csv.",
    );
    let m = 0;
    await again.forEachRow(() => m++);
    expect(m).toBe(2);
    first.discard();
  });

  it('--from and --to keep the days at both ends', async () => {
    const orders =
      'client_id;date de commande;montant\nA;31/12/2024;10\nB;01/01/2025;20\nC;30/06/2025;30\nD;01/07/2025;40\n';
    const dir = tempDir({ 'o.csv': orders });
    const reader = await openTable(
      'o.csv',
      [{ field: 'clientId', type: 'text' }],
      { where: [periodClause('--from', '2025-01-01'), periodClause('--to', '2025-06-30')] },
      makeIo(dir),
    );
    const ids: string[] = [];
    await reader.forEachRow((r) => ids.push(r.values.clientId as string));
    expect(ids).toEqual(['B', 'C']);
  });
});

describe('--where errors', () => {
  async function errorOf(
    expression: string,
    lang: 'en' | 'fr' = 'en',
    content = CLIENTS_FR,
  ): Promise<UsageError> {
    const dir = tempDir({ 'c.csv': content });
    const error = await openTable(
      'c.csv',
      SPEC,
      { where: parseWhereFlags([expression]), lang },
      makeIo(dir),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }

  it('an unknown field lists the columns of the file', async () => {
    const e = await errorOf('region = Bretagne');
    expect(e.messageIn('en')).toBe(
      '--where "region = Bretagne": column 1: found "region", expected a column of c.csv: [N° client] (clientId), [Raison sociale] (company), Statut (status), [Secteur d’activité] (sector), [Chiffre d’affaires] (revenue), [Dernière interaction] (lastInteraction), [Note libre].\n' +
        '    region = Bretagne\n' +
        '    ^',
    );
    expect(e.messageIn('fr')).toContain(
      'trouvé « region », attendu : une colonne de c.csv : [N° client] (clientId)',
    );
  });

  it("a value that is not of the column's type", async () => {
    const e = await errorOf('ca >= abc');
    expect(e.messageIn('en')).toBe(
      '--where "ca >= abc": column 7: found "abc", expected a number, as column "Chiffre d’affaires" holds numbers (e.g. 10000 or 1 234,56).\n' +
        '    ca >= abc\n' +
        '          ^',
    );
    expect(e.messageIn('fr')).toContain(
      'colonne 7 : trouvé « abc », attendu : un nombre, car la colonne « Chiffre d’affaires » contient des nombres',
    );
  });

  it('a date that is not one', async () => {
    const e = await errorOf('[Dernière interaction] >= 2025-13-01');
    expect(e.messageIn('en')).toContain('column 27: found "2025-13-01", expected a date');
  });

  it('an ordering on text', async () => {
    const e = await errorOf('secteur > a');
    expect(e.messageIn('en')).toContain('found "secteur >", expected =, != or in (...)');
    expect(e.messageIn('fr')).toContain('<, <=, >, >= comparent des nombres et des dates');
  });

  it('--from on a file without order dates', async () => {
    const dir = tempDir({ 'c.csv': CLIENTS_FR });
    const error = await openTable(
      'c.csv',
      SPEC,
      { where: [periodClause('--from', '2025-01-01')] },
      makeIo(dir),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as UsageError).messageIn('en')).toBe(
      '--from: c.csv has no order date column; --from and --to filter order files (one date per order).',
    );
  });

  it('a syntax error when the flags are read (exit 64)', () => {
    expect(() => parseWhereFlags(['ca >= 1', 'ca >='])).toThrow(UsageError);
  });
});
