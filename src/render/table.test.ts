import { describe, expect, it } from 'vitest';
import type { Report } from './report.js';
import { fitColumns, MAX_GRID_ROWS, renderTable, selectColumns } from './table.js';

function reportOf(rows: number): Report {
  return {
    title: { en: 'T', fr: 'T' },
    blocks: [
      {
        kind: 'table',
        columns: [{ key: 'id', label: { en: 'Id', fr: 'Id' }, kind: 'text' }],
        rows: Array.from({ length: rows }, (_, i) => ({ id: `C${i}` })),
      },
    ],
    json: {},
    csv: { header: [], rows: [] },
  };
}

describe('renderTable', () => {
  it('draws every row of a table up to the limit, and no note', () => {
    const text = renderTable(reportOf(MAX_GRID_ROWS), { lang: 'en', color: false });
    expect(text).toContain(`C${MAX_GRID_ROWS - 1}`);
    expect(text).not.toContain('more rows');
  });

  it('stops a longer table at the limit and says where the rest is, in both languages', () => {
    const en = renderTable(reportOf(MAX_GRID_ROWS + 3), { lang: 'en', color: false });
    expect(en).toContain(`C${MAX_GRID_ROWS - 1} `);
    expect(en).not.toContain(`C${MAX_GRID_ROWS} `);
    expect(en).toContain('... and 3 more rows: --format csv, json or markdown gives them all');
    const fr = renderTable(reportOf(MAX_GRID_ROWS + 3), { lang: 'fr', color: false });
    expect(fr).toContain('... et 3 lignes de plus : --format csv, json ou markdown les donne toutes');
  });
});

// Widths below are worked by hand: a cli-table3 grid of content widths w1..wn takes
// 1 + (w1 + 3) + ... + (wn + 3) characters (a border and a space either side per column, one last border).
describe('fitColumns', () => {
  it('leaves a table that fits as it is', () => {
    const fit = fitColumns(['Name', 'Best case'], [['Alpha', '3']], [false, true], 21);
    expect(fit.widths).toBeUndefined();
    expect(fit.shown).toEqual([0, 1]);
    expect(fit.dropped).toEqual([]);
  });

  it('wraps a number column header first, down to its widest value or longest word', () => {
    // natural 5 + 9 -> 1 + 8 + 12 = 21; at 17 the header "Best case" goes to 5 (floor 4: "Best", "case")
    const fit = fitColumns(['Name', 'Best case'], [['Alpha', '3']], [false, true], 17);
    expect(fit.widths).toEqual([5, 5]);
    expect(fit.head[1]).toBe('Best\ncase');
    expect(fit.cells[0]).toEqual(['Alpha', '3']);
  });

  it('wraps a long text cell at its spaces, never inside a number with its unit', () => {
    // "amount paid: 1 234 567 €" is 24 wide: 1 + 27 + 4 = 32; at 25 the text gets 25 - 1 - 4 - 3 = 17
    // (above its floor of 16): "amount paid:" then "1 234 567 €", not "amount paid: 1" then "234 567 €"
    const fit = fitColumns(['Note', 'n'], [['amount paid: 1 234 567 €', '7']], [false, true], 25);
    expect(fit.widths).toEqual([17, 1]);
    expect(fit.cells[0]?.[0]).toBe('amount paid:\n1 234 567 €');
  });

  it('leaves out an empty column before any other, then columns from the right, never the first', () => {
    const head = ['Segment', 'Clients', 'Target', 'Revenue'];
    const cells = [['Champions', '12', '', '€1,500']];
    // natural 9, 7, 6, 7 -> 1 + 12 + 10 + 9 + 10 = 42; without Target 33
    expect(fitColumns(head, cells, [false, true, true, true], 33).dropped).toEqual([2]);
    // at 23: Target and then Revenue go (1 + 12 + 10 = 23)
    const narrow = fitColumns(head, cells, [false, true, true, true], 23);
    expect(narrow.shown).toEqual([0, 1]);
    expect(narrow.dropped).toEqual([2, 3]);
  });

  it('shortens a word longer than the room with an ellipsis when nothing else is left', () => {
    // one column, "contact@acier-dupont.fr" (23): at 1 + 3 + 10 = 14 it is cut to 10 with "…"
    const fit = fitColumns(['Email'], [['contact@acier-dupont.fr']], [false], 14);
    expect(fit.cells[0]?.[0]).toBe('contact@a…');
  });

  it('never cuts a number', () => {
    const fit = fitColumns(['Amount'], [['1 234 567 €']], [true], 5);
    expect(fit.cells[0]?.[0]).toBe('1 234 567 €');
  });
});

describe('renderTable at a width', () => {
  const wide: Report = {
    title: { en: 'T', fr: 'T' },
    blocks: [
      {
        kind: 'table',
        columns: [
          { key: 'name', label: { en: 'Name', fr: 'Nom' }, kind: 'text' },
          { key: 'a', label: { en: 'Alpha', fr: 'Alpha' }, kind: 'integer' },
          { key: 'b', label: { en: 'Beta', fr: 'Bêta' }, kind: 'integer' },
        ],
        rows: [{ name: 'x'.repeat(10), a: 1, b: 2 }],
      },
    ],
    json: {},
    csv: { header: [], rows: [] },
  };

  it('draws every line within the width and says which columns it left out, in both languages', () => {
    // natural 10, 5, 4 -> 1 + 13 + 8 + 7 = 29; at 25 "Beta" goes (1 + 13 + 8 = 22)
    const en = renderTable(wide, { lang: 'en', color: false, width: 25 });
    for (const line of en.split('\n').filter((l) => /^[┌│├└]/.test(l)))
      expect(line.length).toBeLessThanOrEqual(25);
    // the note under the table is wrapped to the width too, at its spaces
    for (const line of en.split('\n')) expect(line.length).toBeLessThanOrEqual(25);
    expect(en).toContain('Not shown for lack of\nroom: Beta; --wide or\n--format csv shows it.');
    const fr = renderTable(wide, { lang: 'fr', color: false, width: 25 });
    expect(fr.replace(/\n(?!\n)/g, ' ')).toContain(
      'Non affichée faute de place : Bêta ; --wide ou --format csv la montre.',
    );
  });

  it('without a width (--wide), draws every column', () => {
    const text = renderTable(wide, { lang: 'en', color: false });
    expect(text).toContain('Beta');
    expect(text).not.toContain('Not shown');
  });
});

describe('selectColumns (--show)', () => {
  const report: Report = {
    title: { en: 'T', fr: 'T' },
    blocks: [
      {
        kind: 'table',
        columns: [
          { key: 'stage', label: { en: 'Stage', fr: 'Étape' }, kind: 'text' },
          { key: 'plan', label: { en: 'Plan', fr: 'Plan' }, kind: 'integer' },
          { key: 'best', label: { en: 'Best case', fr: 'Meilleur cas' }, kind: 'integer' },
        ],
        rows: [],
      },
      {
        kind: 'table',
        columns: [{ key: 'p', label: { en: 'Parameter', fr: 'Paramètre' }, kind: 'text' }],
        rows: [],
      },
    ],
    json: {},
    csv: { header: [], rows: [] },
  };

  it('keeps the named columns in the order named, by header in either language, case and accents ignored', () => {
    const shown = selectColumns(report, ['meilleur cas', 'etape'], 'fr');
    const first = shown.blocks[0];
    expect(first?.kind === 'table' ? first.columns.map((c) => c.key) : []).toEqual(['best', 'stage']);
    // the second table names none of them: whole
    const second = shown.blocks[1];
    expect(second?.kind === 'table' ? second.columns.length : 0).toBe(1);
  });

  it('refuses a name no table has, listing the headers', () => {
    expect(() => selectColumns(report, ['Plan', 'Worst'], 'en')).toThrow(
      '--show: "Worst" is not a column of this report; expected one of: Stage, Plan, Best case, Parameter.',
    );
    expect(() => selectColumns(report, ['Pire'], 'fr')).toThrow(
      '--show : "Pire" n’est pas une colonne de ce rapport ; attendu l’une de : Étape, Plan, Meilleur cas, Paramètre.',
    );
  });
});
