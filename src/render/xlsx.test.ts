import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { typedText, type Report, type TableBlock } from './report.js';
import { Writable } from 'node:stream';
import { renderXlsx, sheetName, toXmlText, writeXlsx, XLSX_MAX_CELL_CHARS, XLSX_MAX_ROWS } from './xlsx.js';

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

function reportOf(...tables: TableBlock[]): Report {
  return {
    title: { en: 'Test', fr: 'Test' },
    blocks: tables,
    json: { asOf: '2026-06-30' },
    csv: { header: [], rows: [] },
  };
}

describe('sheetName', () => {
  // Excel's rules: at most 31 characters, none of []:*?/\, unique regardless of case.
  it.each([
    ['Assumptions', [], 'Assumptions'],
    ['Widgets North: Assumptions', [], 'Widgets North Assumptions'],
    ['Checkpoints (2026-05-01 to 2026-06-30)', [], 'Checkpoints'],
    ['A/B [test] *?', [], 'A B test'],
    ['To reach the objective by December 31, 2026', [], 'To reach the objective by'],
    ['Assumptions', ['assumptions'], 'Assumptions 2'],
    ['', [], 'Sheet'],
    ["'quoted'", [], 'quoted'],
    ['x'.repeat(40), [], 'x'.repeat(31)],
  ])('%j (taken %j) -> %j', (wanted, taken, expected) => {
    const name = sheetName(wanted, new Set(taken));
    expect(name).toBe(expected);
    expect(name.length).toBeLessThanOrEqual(31);
  });
});

describe('toXmlText', () => {
  it.each([
    ['plain', 'plain'],
    ['tab\tand\nline', 'tab\tand\nline'],
    ['bell\u0007', 'bell\ufffd'],
    ['esc\u001b[2J', 'esc\ufffd[2J'],
    ['\ufffe', '\ufffd'],
    ['lone \ud800 surrogate', 'lone \ufffd surrogate'],
    ['pair \ud83d\ude00', 'pair \ud83d\ude00'],
  ])('%j -> %j', (text, expected) => {
    expect(toXmlText(text)).toBe(expected);
  });
});

describe('renderXlsx', () => {
  const table: TableBlock = {
    kind: 'table',
    title: { en: 'Clients', fr: 'Clients' },
    columns: [
      { key: 'id', label: { en: 'Client', fr: 'Client' }, kind: 'text' },
      { key: 'amount', label: { en: 'Amount', fr: 'Montant' }, kind: 'money' },
      { key: 'share', label: { en: 'Share', fr: 'Part' }, kind: 'percent' },
      { key: 'count', label: { en: 'Orders', fr: 'Commandes' }, kind: 'number' },
      { key: 'last', label: { en: 'Last order', fr: 'Dernière commande' }, kind: 'date' },
      { key: 'rate', label: { en: 'Rate', fr: 'Taux' }, kind: 'text' },
    ],
    rows: [
      {
        id: '=HYPERLINK("https://example.invalid","click")',
        amount: 1234.5,
        share: 0.25,
        count: 3,
        last: '2026-02-28',
        rate: typedText({ en: '12.5%', fr: '12,5 %' }, 0.125, 'percent', 1),
      },
      { id: 'ctl\u0001name', amount: 10, share: 0.75, count: 4, last: '', rate: { en: 'n/a', fr: 'n.d.' } },
    ],
  };

  it('numbers, dates and texts as such; formats; formulas stay text; control characters replaced', async () => {
    const workbook = await readBack(await renderXlsx(reportOf(table), 'fr', ['un avertissement']));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Clients', 'Paramètres']);
    const sheet = workbook.getWorksheet('Clients') as ExcelJS.Worksheet;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Client',
      'Montant',
      'Part',
      'Commandes',
      'Dernière commande',
      'Taux',
    ]);
    const row = sheet.getRow(2);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(1).value).toBe('=HYPERLINK("https://example.invalid","click")');
    expect(row.getCell(2).value).toBe(1234.5);
    expect(row.getCell(2).numFmt).toBe('#,##0.00 "€"');
    expect(row.getCell(3).value).toBe(0.25);
    expect(row.getCell(3).numFmt).toBe('0.0%');
    // Every value of the column is whole: no decimals.
    expect(row.getCell(4).numFmt).toBe('#,##0');
    expect(row.getCell(5).type).toBe(ExcelJS.ValueType.Date);
    expect((row.getCell(5).value as Date).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    // A number shown as text elsewhere is a number here, with its own format.
    expect(row.getCell(6).value).toBe(0.125);
    expect(row.getCell(6).numFmt).toBe('0.0%');
    expect(sheet.getRow(3).getCell(1).value).toBe('ctl\ufffdname');
    expect(sheet.getRow(3).getCell(5).value).toBeNull();
    expect(sheet.getRow(3).getCell(6).value).toBe('n.d.');
    const parameters = workbook.getWorksheet('Paramètres') as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    parameters.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['Paramètre', 'Valeur'],
      ['rapport', 'Test'],
      ['asOf', '2026-06-30'],
      ['attention', 'un avertissement'],
    ]);
  });

  it('cuts a text longer than a cell holds, and says how many', async () => {
    let cut = 0;
    const long: TableBlock = {
      ...table,
      rows: [{ ...table.rows[0], id: 'x'.repeat(XLSX_MAX_CELL_CHARS + 10) }],
    };
    const workbook = await readBack(await renderXlsx(reportOf(long), 'en', [], (n) => (cut = n.cutCells)));
    expect(cut).toBe(1);
    expect(String(workbook.worksheets[0]?.getCell('A2').value)).toHaveLength(XLSX_MAX_CELL_CHARS);
  });

  it('refuses a table longer than a worksheet (usage error, CSV advised)', async () => {
    const rows = new Array<Record<string, never>>(XLSX_MAX_ROWS).fill({});
    await expect(renderXlsx(reportOf({ ...table, rows }), 'en')).rejects.toThrow(UsageError);
    await expect(renderXlsx(reportOf({ ...table, rows }), 'en')).rejects.toThrow(/--format csv/);
  });

  /** Everything a reader sees of a workbook: sheets, views, filters, widths, cells and formats. */
  function dump(workbook: ExcelJS.Workbook): unknown[] {
    const out: unknown[] = [];
    for (const sheet of workbook.worksheets) {
      out.push([sheet.name, sheet.views, sheet.autoFilter, sheet.columns.map((c) => c.width)]);
      sheet.eachRow((row, r) =>
        row.eachCell((cell, c) =>
          out.push([r, c, cell.type, cell.value, cell.numFmt, cell.font?.bold ?? false]),
        ),
      );
    }
    return out;
  }

  async function streamed(
    report: Report,
    lang: 'en' | 'fr',
    rowsOf?: Parameters<typeof writeXlsx>[5],
  ): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await writeXlsx(report, lang, sink, ['un avertissement'], undefined, rowsOf);
    return Buffer.concat(chunks);
  }

  it('writeXlsx (streamed) gives the workbook of renderXlsx: cells, formats, widths, filter, frozen header', async () => {
    // The reference: the document writer's workbook (renderXlsx), read back by exceljs.
    const many: TableBlock = {
      ...table,
      rows: Array.from({ length: 5000 }, (_, i) => ({ ...table.rows[i % 2], count: i / 4 })),
    };
    const report = reportOf(table, many);
    for (const lang of ['en', 'fr'] as const) {
      const expected = dump(await readBack(await renderXlsx(report, lang, ['un avertissement'])));
      const got = await readBack(await streamed(report, lang));
      expect(dump(got)).toEqual(expected);
      // a formula from the data stays a text
      expect(got.worksheets[0]?.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    }
  });

  it("writeXlsx takes a table's rows one at a time (rowsOf), with the same result", async () => {
    const placeholder: TableBlock = { ...table, rows: [] };
    const lazy = await streamed(reportOf(placeholder), 'en', (block) =>
      block === placeholder ? { count: 2, at: (i) => table.rows[i] ?? {} } : undefined,
    );
    const expected = dump(await readBack(await renderXlsx(reportOf(table), 'en', ['un avertissement'])));
    expect(dump(await readBack(lazy))).toEqual(expected);
  });

  it('writeXlsx refuses a table longer than a worksheet before writing anything', async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const rowsOf = (): { count: number; at: () => Record<string, never> } => ({
      count: XLSX_MAX_ROWS,
      at: () => ({}),
    });
    await expect(writeXlsx(reportOf(table), 'en', sink, [], undefined, rowsOf)).rejects.toThrow(
      /--format csv/,
    );
    expect(chunks).toHaveLength(0);
  });
});
