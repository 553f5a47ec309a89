import { createRequire } from 'node:module';
import { Chalk } from 'chalk';
import type CliTable3 from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawPlainGrid, plainLineWidth, type PlainGrid } from './grid.js';

// The reference: cli-table3 itself, with the options src/render/table.ts gives it.
const Table = createRequire(import.meta.url)('cli-table3') as typeof CliTable3;
function drawWithCliTable3(grid: PlainGrid): string {
  const table = new Table({
    head: [...grid.head],
    colAligns: grid.alignRight.map((right) => (right ? 'right' : 'left')),
    ...(grid.colWidths ? { colWidths: [...grid.colWidths] } : {}),
    style: { head: [], border: [], compact: true },
  });
  for (const row of grid.rows) table.push([...row]);
  return table.toString();
}

const bold = new Chalk({ level: 1 }).bold;

describe('drawPlainGrid', () => {
  it('draws a small table as worked out by hand', () => {
    // widths: "Name"/"Alpha" -> 5 + 2 = 7; "n"/"12"/"3" -> 2 + 2 = 4; numbers to the right
    const text = drawPlainGrid({
      head: ['Name', 'n'],
      rows: [
        ['Alpha', '12'],
        ['B', '3'],
      ],
      alignRight: [false, true],
    });
    expect(text).toBe(
      [
        '┌───────┬────┐',
        '│ Name  │  n │',
        '├───────┼────┤',
        '│ Alpha │ 12 │',
        '│ B     │  3 │',
        '└───────┴────┘',
      ].join('\n'),
    );
  });

  it('gives cli-table3’s text on the cases of a report: wrapped headers, French spaces, bold, no rows', () => {
    const cases: PlainGrid[] = [
      {
        head: [bold('Best\ncase'), bold('Étape')],
        rows: [['1 234 €', 'à faire']],
        alignRight: [true, false],
      },
      { head: [bold('Part du\nCA'), bold('')], rows: [['12,5 %', '']], alignRight: [true, false] },
      { head: ['Only'], rows: [], alignRight: [false] },
      { head: ['A', 'B'], rows: [['x\ny\nz', '1']], alignRight: [false, true], colWidths: [5, 8] },
      { head: ['Client', 'Note'], rows: [['“Alpha” – 3…', 'a → b ≤ c']], alignRight: [false, false] },
    ];
    for (const grid of cases) expect(drawPlainGrid(grid)).toBe(drawWithCliTable3(grid));
  });

  it('gives cli-table3’s text on any table of plain text (property)', () => {
    const plainChar = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.integer({ min: 0xa0, max: 0x2ff }),
      fc.integer({ min: 0x2000, max: 0x22ff }),
    );
    const line = fc.array(plainChar, { maxLength: 12 }).map((codes) => String.fromCharCode(...codes));
    const cell = fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));
    const grid = fc.integer({ min: 1, max: 4 }).chain((columns) =>
      fc.record({
        head: fc.array(
          cell.map((c) => (c === '' ? c : bold(c))),
          { minLength: columns, maxLength: columns },
        ),
        rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 5 }),
        alignRight: fc.array(fc.boolean(), { minLength: columns, maxLength: columns }),
        colWidths: fc.option(
          fc.array(fc.integer({ min: 3, max: 16 }), { minLength: columns, maxLength: columns }),
          {
            nil: undefined,
          },
        ),
      }),
    );
    fc.assert(
      fc.property(grid, (g) => {
        const spec: PlainGrid = {
          head: g.head,
          rows: g.rows,
          alignRight: g.alignRight,
          ...(g.colWidths ? { colWidths: g.colWidths } : {}),
        };
        const ours = drawPlainGrid(spec);
        // declined only when a line is wider than a column given its width (cli-table3 cuts it)
        if (ours === undefined) expect(g.colWidths).toBeDefined();
        else expect(ours).toBe(drawWithCliTable3(spec));
      }),
      { numRuns: 300 },
    );
  });

  it('declines what is not plain, which cli-table3 then draws', () => {
    const declined = (text: string): boolean =>
      drawPlainGrid({ head: ['H'], rows: [[text]], alignRight: [false] }) === undefined;
    expect(declined('café ☕')).toBe(true); // emoji, two columns wide
    expect(declined('東京')).toBe(true); // East Asian wide
    expect(declined('e\u0301')).toBe(true); // combining accent, no column
    expect(declined('\u001b[31mred\u001b[39m')).toBe(true); // a colour, not bold
    expect(declined(`${'\u001b[1m'}bold left on`)).toBe(true);
    expect(declined('tab\there')).toBe(true);
    expect(declined('plain, 1 234 €')).toBe(false);
    // wider than the width given: cli-table3 cuts it with an ellipsis
    expect(
      drawPlainGrid({ head: ['H'], rows: [['abcdef']], alignRight: [false], colWidths: [5] }),
    ).toBeUndefined();
  });
});

describe('plainLineWidth', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['été', 3],
    ['1\u202f234 €', 7],
    [bold('Best'), 4],
    ['✓', -1], // U+2713, outside the plain ranges
    ['😀', -1],
  ])('%j is %i columns (or -1: not plain)', (text, width) => {
    expect(plainLineWidth(text)).toBe(width);
  });
});
