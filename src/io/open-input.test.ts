import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../test/helpers/xlsx-fixtures.js';
import { DataError } from '../errors.js';
import type { Lang } from '../i18n.js';
import type { Context } from './context.js';
import { openInput } from './open-input.js';
import { runWarnings } from './warnings.js';

const dir = mkdtempSync(join(tmpdir(), 'prospect-open-input-'));
const write = (name: string, lines: string[]): void =>
  writeFileSync(join(dir, name), lines.join('\n') + '\n');

function makeCtx(lang: Lang = 'en'): { ctx: Context; err: string[] } {
  const err: string[] = [];
  const ctx: Context = {
    io: {
      stdout: () => undefined,
      stderr: (t) => void err.push(t),
      stdin: Readable.from([]),
      env: {},
      cwd: dir,
      stdinIsTTY: false,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      now: () => new Date('2026-11-23T12:00:00Z'),
    },
    lang,
    color: false,
    quiet: false,
    note: (t) => void err.push(t),
    today: '2026-11-23',
  };
  return { ctx, err };
}

/** Reads every row; returns the values of `field` in the rows used. */
async function readAll(ctx: Context, input: Awaited<ReturnType<typeof openInput>>, field: string) {
  const values: unknown[] = [];
  await input.table.forEachRow((row) => values.push(row.values[field]));
  input.table.finish(ctx);
  return values;
}

describe('openInput: one call per kind of file', () => {
  it('clients: French headers found, a missing main column warned in stderr and JSON, rows counted', async () => {
    // A French Excel client table with a total row at the end (a footer, skipped, not rejected).
    write('clients.csv', ['Code client;Raison sociale;Secteur', 'C1;Alpha;BTP', 'C2;Beta;Santé', 'Total;;']);
    const { ctx, err } = makeCtx('fr');
    const input = await openInput(ctx, {
      kind: 'clients',
      file: 'clients.csv',
      fields: {
        required: [{ field: 'clientId', type: 'text', unique: true }],
        wanted: ['company', 'sector', { field: 'revenue', type: 'number' }],
        main: [{ field: 'revenue', what: { en: 'no revenue figures', fr: "pas de chiffres d'affaires" } }],
      },
      flags: {},
    });
    expect(input.has('clientId') && input.has('company') && input.has('sector')).toBe(true);
    expect(input.has('revenue')).toBe(false);
    expect(await readAll(ctx, input, 'clientId')).toEqual(['C1', 'C2']);
    // By hand: 3 data rows read (C1, C2, the total), 2 used, 0 rejected, 1 skipped.
    expect(ctx.inputs?.[0]).toMatchObject({ kind: 'clients', read: 3, used: 2, rejected: 0, skipped: 1 });
    const w = runWarnings(ctx);
    // The missing revenue, then the footer skipped (said too: a row not used is never silent).
    expect(w.map((x) => x.code)).toEqual(['missing-column', 'rows-skipped']);
    expect(w[0]?.message).toContain("clients.csv : aucune colonne pour revenue : pas de chiffres d'affaires");
    expect(err.join('\n')).toContain('prospect : attention : clients.csv : aucune colonne pour revenue');
  });

  it('orders: a deals file read as orders names its outcome column; rows read = used + rejected', async () => {
    write('orders.csv', [
      'Code client,Date,Montant,Étape',
      'C1,2025-01-10,100,Gagnée',
      'C2,2025-01-11,abc,Gagnée',
      'C3,2025-01-12,50,Perdue',
    ]);
    const { ctx } = makeCtx();
    const input = await openInput(ctx, {
      kind: 'orders',
      file: 'orders.csv',
      fields: {
        required: ['clientId', { field: 'orderDate', type: 'date' }],
        wanted: [{ field: 'amount', type: 'number' }],
      },
      flags: {},
      outcome: true,
    });
    expect(input.outcome).toEqual({ field: 'stage', header: 'Étape' });
    // "abc" is no amount: a number that cannot be read rejects its row (3 read, 2 used, 1 rejected).
    expect(await readAll(ctx, input, 'amount')).toEqual([100, 50]);
    expect(ctx.inputs?.[0]).toMatchObject({ kind: 'orders', read: 3, used: 2, rejected: 1, skipped: 0 });
  });

  it('orders: require() after the shape is known is a DataError in both languages', async () => {
    write('no-amount.csv', ['Code client,Date', 'C1,2025-01-10']);
    const { ctx } = makeCtx();
    const input = await openInput(ctx, {
      kind: 'orders',
      file: 'no-amount.csv',
      fields: {
        wanted: ['clientId', { field: 'orderDate', type: 'date' }, { field: 'amount', type: 'number' }],
      },
      flags: {},
    });
    let error: unknown;
    try {
      input.require(['clientId', ['amount', 'revenue']], 'orders');
    } catch (e) {
      error = e;
    }
    input.table.discard();
    expect(error).toBeInstanceOf(DataError);
    const e = error as DataError;
    expect(e.exitCode).toBe(65);
    expect(e.messageIn('en')).toContain(
      'no-amount.csv:1: no column for amount or revenue in a file of orders; found "Code client", "Date". Map one with --map amount="Header".',
    );
    expect(e.messageIn('fr')).toContain(
      'no-amount.csv:1: aucune colonne pour montant ou chiffre d’affaires dans un fichier de commandes ; en-têtes trouvés : "Code client", "Date". Nommez-la avec --map amount="En-tête".',
    );
  });

  it('deals: a CRM export (Pipedrive) maps its own columns; a required column missing is exit 65', async () => {
    write('deals.csv', [
      'Deal - Title,Deal - Status,Deal - Stage,Deal - Deal created,Deal - Value',
      'A,Won,Proposal Made,2025-01-10,100',
    ]);
    const { ctx } = makeCtx();
    const input = await openInput(ctx, {
      kind: 'deals',
      file: 'deals.csv',
      fields: {
        required: ['stage', { field: 'createdDate', type: 'date' }],
        wanted: ['outcome', { field: 'amount', type: 'number' }],
      },
      flags: {},
    });
    expect(input.table.profile?.id).toBe('pipedrive');
    expect(input.table.headers[input.table.fieldColumns.get('outcome') ?? -1]).toBe('Deal - Status');
    expect(await readAll(ctx, input, 'outcome')).toEqual(['Won']);
    await expect(
      openInput(ctx, {
        kind: 'deals',
        file: 'deals.csv',
        fields: { required: [{ field: 'orderDate', type: 'date' }] },
        flags: {},
      }),
    ).rejects.toMatchObject({ exitCode: 65 });
  });

  it('activities: a missing duration warned once; --map names another header', async () => {
    write('calls.csv', ['Date,Société,Note', '2025-01-02,Alpha,5', '2025-01-03,Beta,']);
    const { ctx } = makeCtx();
    const main = [{ field: 'minutes', what: { en: 'no duration', fr: 'pas de durée' } }];
    const fields = {
      required: [{ field: 'date', type: 'date' as const }, 'company'],
      wanted: [{ field: 'minutes', type: 'number' as const }],
      main,
    };
    const plain = await openInput(ctx, { kind: 'activities', file: 'calls.csv', fields, flags: {} });
    plain.table.discard();
    expect(runWarnings(ctx).map((w) => w.code)).toEqual(['missing-column']);
    const { ctx: ctx2 } = makeCtx();
    const mapped = await openInput(ctx2, {
      kind: 'activities',
      file: 'calls.csv',
      fields,
      flags: { map: ['minutes=Note'] },
    });
    expect(await readAll(ctx2, mapped, 'minutes')).toEqual([5, null]);
    expect(runWarnings(ctx2)).toEqual([]);
    expect(ctx2.inputs?.[0]).toMatchObject({ kind: 'activities', read: 2, used: 2, rejected: 0, skipped: 0 });
  });

  it('actuals: an .xlsx workbook read the same way, its typed cells as values', async () => {
    await writeWorkbook(join(dir, 'actuals.xlsx'), [
      {
        name: 'Suivi',
        rows: [
          ['Date', 'Contacts', 'Proposals'],
          [new Date(Date.UTC(2025, 0, 6)), 12, 2],
          [new Date(Date.UTC(2025, 0, 13)), 9, 1],
        ],
      },
    ]);
    const { ctx } = makeCtx();
    const input = await openInput(ctx, {
      kind: 'actuals',
      file: 'actuals.xlsx',
      fields: {
        required: [{ field: 'date', type: 'date' }],
        wanted: [
          { field: 'contacts', type: 'number' },
          { field: 'proposals', type: 'number' },
        ],
      },
      flags: {},
    });
    // 2025-01-06 is day 20094 since 1970-01-01 (55 years with 13 leap days: 55*365+13 = 20088, + 6).
    expect(await readAll(ctx, input, 'date')).toEqual([20094, 20101]);
    expect(ctx.inputs?.[0]).toMatchObject({ kind: 'actuals', read: 2, used: 2, rejected: 0, skipped: 0 });
  });

  it('history: a deals file read for its history is recorded as deals', async () => {
    write('history.csv', ['Outcome,Sector', 'Won,BTP', 'Lost,Santé', ',BTP']);
    const { ctx } = makeCtx();
    const input = await openInput(ctx, {
      kind: 'history',
      file: 'history.csv',
      fields: { required: [{ field: 'Outcome', type: 'text' }], wanted: ['Sector'] },
      flags: {},
    });
    expect(input.table.kind).toBe('deals');
    // The third row has no outcome: a required value missing rejects it (3 read, 2 used, 1 rejected).
    expect(await readAll(ctx, input, 'Outcome')).toEqual(['Won', 'Lost']);
    expect(ctx.inputs?.[0]).toMatchObject({ kind: 'deals', read: 3, used: 2, rejected: 1, skipped: 0 });
  });
});
