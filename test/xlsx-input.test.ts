import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { readFrenchCsv, typeFrenchCell, writeWorkbook, type TypedCell } from './helpers/xlsx-fixtures.js';

/**
 * `.xlsx` in: the same data as a French CSV and as a workbook of typed cells (numbers, real date
 * cells) give the same JSON; a title row and a two-row merged header are read; a damaged or
 * foreign file is a clear error (65) naming it; `--sheet` picks a sheet.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FR = join(ROOT, 'fixtures/clients-fr.csv');
let dir = '';
const at = (name: string): string => join(dir, name);

/** French orders (`;`, dd/mm/yyyy, decimal comma) from fixtures/rfm-orders.csv, cents added. */
function frenchOrders(): { csv: string; rows: TypedCell[][] } {
  const lines = readFileSync(join(ROOT, 'fixtures/rfm-orders.csv'), 'utf8').trim().split('\n').slice(1);
  const rows: TypedCell[][] = [['N° client', 'Date de commande', 'Montant']];
  let csv = 'N° client;Date de commande;Montant\r\n';
  lines.forEach((line, i) => {
    const [id, iso, amount] = line.split(',') as [string, string, string];
    const [y, m, d] = iso.split('-');
    const cents = String((i * 7) % 100).padStart(2, '0');
    const value = Number(`${amount}.${cents}`); // -30 and 12 cents: -30.12
    csv += `${id};${d}/${m}/${y};${amount},${cents}\r\n`;
    rows.push([id, new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))), value]);
  });
  return { csv, rows };
}

/** A scoring grid on the French client columns. */
const GRID = `
id: N° client
criteria:
  - name: sector
    field: Secteur d'activité
    rules:
      - { one_of: [Industrie, Santé], points: 25 }
      - { one_of: [Services, Commerce], points: 15 }
  - name: revenue
    field: Chiffre d'affaires
    rules:
      - { min: 20000, points: 30 }
      - { min: 5000, points: 10 }
  - name: last interaction
    field: Dernière interaction
    rules:
      - { within_days: 180, points: 20 }
  - name: interactions
    field: Nombre d'interactions
    rules:
      - { min: 15, points: 10 }
grades:
  A: 50
  B: 25
  otherwise: C
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'prospect-xlsx-'));
  const records = readFrenchCsv(FR);
  const typed = records.map((r, i) => (i === 0 ? r : r.map(typeFrenchCell)));
  await writeWorkbook(at('clients.xlsx'), [{ name: 'Clients', rows: typed }]);
  await writeWorkbook(at('second.xlsx'), [
    { name: 'Notes', rows: [['Export du 23/11/2026'], ['Ne pas diffuser']] },
    { name: 'Clients', rows: typed },
  ]);
  const orders = frenchOrders();
  writeFileSync(at('commandes.csv'), orders.csv);
  await writeWorkbook(at('commandes.xlsx'), [{ name: 'Commandes', rows: orders.rows }]);
  writeFileSync(at('grid.yaml'), GRID);
  // A title on row 1 (merged across), a header on rows 2-3: "Code client" and "Société" merged
  // down, "Chiffre d'affaires" merged over two columns with the years below (typed numbers),
  // a probability as a percentage cell, a formula with its cached result, a line break in a name.
  await writeWorkbook(at('titled.xlsx'), [
    {
      name: 'Portefeuille',
      rows: [
        ['Portefeuille clients - novembre 2026', null, null, null, null, null],
        ['Code client', 'Société', "Chiffre d'affaires", null, 'Dernier achat', 'Probabilité'],
        [null, null, 2024, 2025, null, null],
        ['K1', 'Atelier\nDurand', 1000, 12000.5, new Date(Date.UTC(2026, 9, 1)), 0.25],
        ['K2', 'Boulangerie Moreau', 2000, 8000, new Date(Date.UTC(2026, 10, 2)), 0.5],
        ['K3', 'Cabinet Petit', 3000, 'n.c.', new Date(Date.UTC(2026, 7, 3)), 0.75],
        ['K4', 'Domaine Roux', 500, 1999.5, new Date(Date.UTC(2025, 11, 31)), 1],
      ],
      merges: ['A1:F1', 'A2:A3', 'B2:B3', 'C2:D2', 'E2:E3', 'F2:F3'],
      formats: { F: '0%' },
      formatFrom: 4,
    },
  ]);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The JSON of a run, with the input's path (which differs by design) made one. */
async function json(args: string[], file: string): Promise<unknown> {
  const r = await runCli([...args.map((a) => (a === 'FILE' ? file : a)), '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return withoutEncodingNotes(JSON.parse(r.stdout.split(file).join('INPUT')));
}

/** The CSV fixture is Windows-1252, which the reader notes; a workbook has no bytes to guess. */
function withoutEncodingNotes(doc: Record<string, unknown>): Record<string, unknown> {
  const isEncodingNote = (w: unknown): boolean => JSON.stringify(w).includes('is not UTF-8');
  const out: Record<string, unknown> = { ...doc };
  if (Array.isArray(out.warnings)) {
    const kept = (out.warnings as unknown[]).filter((w) => !isEncodingNote(w));
    if (kept.length > 0) out.warnings = kept;
    else delete out.warnings;
  }
  if (Array.isArray(out.inputs))
    out.inputs = (out.inputs as Record<string, unknown>[]).map((i) => {
      const { warnings, ...rest } = i;
      const kept = Array.isArray(warnings) ? warnings.filter((w) => !isEncodingNote(w)) : [];
      return kept.length > 0 ? { ...rest, warnings: kept } : rest;
    });
  return out;
}

describe('.xlsx and French CSV give the same JSON', () => {
  it.each([
    ['segment', ['segment', 'FILE']],
    ['segment --by', ['segment', 'FILE', '--by', "Secteur d'activité"]],
    ['pareto', ['pareto', 'FILE']],
    ['score', ['score', 'FILE', '--grid', 'GRID', '--as-of', '2026-11-23']],
  ])('%s', async (_, args) => {
    const withGrid = args.map((a) => (a === 'GRID' ? at('grid.yaml') : a));
    const fromCsv = await json(withGrid, FR);
    const fromXlsx = await json(withGrid, at('clients.xlsx'));
    expect(fromXlsx).toEqual(fromCsv);
    expect(JSON.stringify(fromCsv)).toMatch(/\d/); // not an empty report
  });

  it('rfm (orders: real date cells and typed amounts)', async () => {
    const args = ['rfm', 'FILE', '--as-of', '2026-06-30'];
    const fromCsv = await json(args, at('commandes.csv'));
    const fromXlsx = await json(args, at('commandes.xlsx'));
    expect(fromXlsx).toEqual(fromCsv);
  });

  it('rejects the same rows at the same line and column (the rows of the sheet)', async () => {
    const csv = await runCli(['segment', FR]);
    const xlsx = await runCli(['segment', at('clients.xlsx')]);
    // fixtures/clients-fr.csv: "n.c." as revenue on line 302 (column 11), C1002 again on 303.
    for (const where of [
      '302:11: column "Chiffre d\'affaires": "n.c." is not a number',
      '303:1: duplicate client id "C1002"',
    ]) {
      expect(csv.stderr).toContain(`clients-fr.csv:${where}`);
      expect(xlsx.stderr).toContain(`clients.xlsx:${where}`);
    }
    expect(xlsx.stderr).toContain('302 rows read, 300 used, 2 rejected');
  });
});

describe('a title row and a merged two-row header', () => {
  it('joins the labels, skips the title, and counts lines as sheet rows', async () => {
    const r = await runCli(['inspect', at('titled.xlsx'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      sheet: unknown;
      rows: unknown;
      columns: { header: string; samples: string[] }[];
    };
    expect(report.sheet).toEqual({ name: 'Portefeuille', sheets: ['Portefeuille'], headerRows: [2, 3] });
    expect(report.columns.map((c) => c.header)).toEqual([
      'Code client',
      'Société',
      "Chiffre d'affaires 2024",
      "Chiffre d'affaires 2025",
      'Dernier achat',
      'Probabilité',
    ]);
    // Typed cells as the reader sees them: ISO dates, percentages, a line break as a space.
    const samples = Object.fromEntries(report.columns.map((c) => [c.header, c.samples]));
    expect(samples['Dernier achat']).toContain('2026-10-01');
    expect(samples['Probabilité']).toEqual(['25%', '50%', '75%']); // the first three shown
    expect(samples['Société']).toContain('Atelier Durand');
    expect(r.stderr).toContain('header on rows 2-3 (labels of merged cells joined), row 1 above it skipped');
    expect(r.stderr).toContain('1 cell holds line breaks, read as spaces');
  });

  it('reads the figures and rejects by sheet row', async () => {
    const r = await runCli([
      'segment',
      at('titled.xlsx'),
      '--map',
      "revenue=Chiffre d'affaires 2025",
      '--format',
      'json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    // K3's 2025 revenue is "n.c." (sheet row 6, column D): rejected there. The others, by hand:
    // 12000.5 + 8000 + 1999.5 = 22000 over 3 clients.
    expect(r.stderr).toContain('titled.xlsx:6:4: column "Chiffre d\'affaires 2025": "n.c." is not a number');
    expect(r.stderr).toContain('4 rows read, 3 used, 1 rejected');
    const report = JSON.parse(r.stdout) as { totals: { clients: number; revenue: number } };
    expect(report.totals).toMatchObject({ clients: 3, revenue: 22000 });
  });

  it('speaks French', async () => {
    const r = await runCli(['inspect', at('titled.xlsx'), '--lang', 'fr']);
    expect(r.stdout).toContain('Feuille : "Portefeuille" (1 sur 1 : "Portefeuille") ; en-tête lignes 2 à 3');
    expect(r.stderr).toContain(
      'en-tête sur les lignes 2 à 3 (libellés des cellules fusionnées joints), ligne 1 au-dessus ignorée',
    );
  });
});

describe('--sheet', () => {
  it('reads the sheet named, and says which one it read otherwise', async () => {
    const named = await json(['segment', 'FILE', '--sheet', 'Clients'], at('second.xlsx'));
    expect(named).toEqual(await json(['segment', 'FILE'], FR));
    const first = await runCli(['inspect', at('second.xlsx')]);
    expect(first.stderr).toContain(
      'second.xlsx: reading sheet "Notes", the first of 2 ("Notes", "Clients"); --sheet NAME reads another',
    );
  });

  it('an unknown sheet is a usage error listing the sheets', async () => {
    const r = await runCli(['segment', at('second.xlsx'), '--sheet', 'Ventes']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      `--sheet "Ventes": ${at('second.xlsx')} has no such sheet; its sheets: "Notes", "Clients".`,
    );
  });

  it('on a CSV file, a note says it is not used', async () => {
    const r = await runCli(['segment', FR, '--sheet', 'Clients']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('clients-fr.csv: --sheet is for .xlsx workbooks; not used for this CSV file');
  });
});

describe('a file that is no readable workbook is a clear error (65) naming it', () => {
  /** A copy of clients.xlsx changed by `change`. */
  function variant(name: string, change: (bytes: Buffer) => Buffer): string {
    writeFileSync(at(name), change(readFileSync(at('clients.xlsx'))));
    return at(name);
  }
  /** The offset of a part's data and its central directory entry, read from the zip by hand. */
  function locate(bytes: Buffer, part: string): { data: number; central: number } {
    const central = bytes.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 1, 2])]), 0);
    let c = central;
    while (c >= 0) {
      const nameLength = bytes.readUInt16LE(c + 28);
      if (bytes.toString('utf8', c + 46, c + 46 + nameLength) === part) {
        const local = bytes.readUInt32LE(c + 42);
        const data = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
        return { data, central: c };
      }
      c = bytes.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), c + 4);
    }
    throw new Error(`${part} not found`);
  }

  it.each([
    [
      'text named .xlsx',
      () => (writeFileSync(at('text.xlsx'), 'id;name\n1;a\n'), at('text.xlsx')),
      'not an .xlsx workbook',
    ],
    [
      'an Excel 97-2003 .xls',
      () => (
        writeFileSync(
          at('old.xls'),
          Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1000)]),
        ),
        at('old.xls')
      ),
      'an Excel 97-2003 workbook (.xls)',
    ],
    [
      'a password-protected workbook',
      () => (
        writeFileSync(
          at('locked.xlsx'),
          Buffer.concat([
            Buffer.from('d0cf11e0a1b11ae1', 'hex'),
            Buffer.alloc(1000),
            Buffer.from('EncryptedPackage', 'utf16le'),
          ]),
        ),
        at('locked.xlsx')
      ),
      'a password-protected workbook',
    ],
    [
      'a truncated workbook',
      () => variant('cut.xlsx', (b) => b.subarray(0, b.length >> 1)),
      'the workbook is damaged',
    ],
    [
      // Damaged deflate data inside the sheet: exceljs's own zip reading waited forever here
      // (the run ended with exit 0 and no output).
      'damaged data inside the sheet',
      () =>
        variant('damaged.xlsx', (b) => {
          const { data } = locate(b, 'xl/worksheets/sheet1.xml');
          for (let i = data + 2000; i < data + 2400; i++) b[i] = ((b[i] as number) * 7 + 13) & 0xff;
          return b;
        }),
      'the workbook is damaged',
    ],
    [
      // A part declaring 4 GB from a few KB: a zip bomb's shape, refused before unpacking.
      'a zip bomb',
      () =>
        variant('bomb.xlsx', (b) => {
          const { central } = locate(b, 'xl/worksheets/sheet1.xml');
          b.writeUInt32LE(0xfffffff0, central + 24);
          return b;
        }),
      'would unpack to 4.0 GB',
    ],
    [
      // The sheet unpacks to more than its directory entry declares: stopped while reading.
      'a part longer than it declares',
      () =>
        variant('long.xlsx', (b) => {
          const { central } = locate(b, 'xl/worksheets/sheet1.xml');
          b.writeUInt32LE(1000, central + 24);
          return b;
        }),
      'xl/worksheets/sheet1.xml would unpack to',
    ],
    [
      // Damage that still unpacks shows in the checksum (here the recorded one is changed).
      'a part that fails its checksum',
      () =>
        variant('crc.xlsx', (b) => {
          const { central } = locate(b, 'xl/worksheets/sheet1.xml');
          b.writeUInt32LE((b.readUInt32LE(central + 16) ^ 1) >>> 0, central + 16);
          return b;
        }),
      'xl/worksheets/sheet1.xml fails its checksum',
    ],
    [
      // A name length pointing past the directory: a damaged file (65), not an unreadable one.
      'a damaged zip directory',
      () =>
        variant('names.xlsx', (b) => {
          const { central } = locate(b, 'xl/worksheets/sheet1.xml');
          b.writeUInt16LE(0xfff0, central + 28);
          return b;
        }),
      'the workbook is damaged',
    ],
  ])('%s', async (_, make, message) => {
    const path = make();
    const r = await runCli(['segment', path]);
    expect(r.code, r.stderr).toBe(65);
    const name = path.slice(dir.length + 1);
    expect(r.stderr).toMatch(new RegExp(`^prospect: .*${name.replace('.', '\\.')}: `));
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
