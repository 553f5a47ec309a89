import { describe, expect, it } from 'vitest';
import { JsonArrayStream } from './json-stream.js';
import { renderJson } from './json.js';

// The reference is `renderJson` (JSON.stringify with two spaces) of the whole document: the
// streamed text must be the same bytes while it is held, and the same value once it streams.
const ITEMS: unknown[] = [
  { id: 'A1', line: 2, score: 34, breakdown: [{ criterion: 'sector', value: 'Santé', rule: 1 }], groups: [] },
  { id: 'line\nbreak "quoted" \\ back', line: 3, score: -10.5, nested: { deep: [1, [2, { x: null }]] } },
  { id: '=HYPERLINK("x")', line: 4, score: Number.NaN, empty: {}, list: [] },
  'a plain string',
  42,
];

function documentOf(items: unknown[]): Record<string, unknown> {
  return {
    schemaVersion: 1,
    grid: { path: 'grid.yaml', min: -30, max: 100 },
    asOf: '2026-11-23',
    summary: { count: items.length, perGrade: [{ grade: 'A', count: 1 }] },
    clients: items,
    rows: { read: items.length, used: items.length },
  };
}

function run(items: unknown[], holdChars: number): { pieces: string[]; writtenBeforeEnd: number } {
  const pieces: string[] = [];
  const doc = documentOf(items);
  const stream = new JsonArrayStream(
    'clients',
    () => ({ schemaVersion: doc.schemaVersion, grid: doc.grid, asOf: doc.asOf }),
    (text) => pieces.push(text),
    holdChars,
  );
  for (const item of items) stream.add(item);
  const writtenBeforeEnd = pieces.join('').length;
  stream.end({ ...doc, clients: [] });
  return { pieces, writtenBeforeEnd };
}

describe('JsonArrayStream', () => {
  it.each([
    ['no item', []],
    ['one item', ITEMS.slice(0, 1)],
    ['every item', ITEMS],
  ])('held (%s): the same bytes as renderJson of the whole document', (_, items) => {
    const { pieces, writtenBeforeEnd } = run(items, 1 << 20);
    expect(writtenBeforeEnd).toBe(0);
    expect(pieces.join('')).toBe(renderJson(documentOf(items)));
  });

  it('past the hold: items go out as they are added; the document parses to the same value', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...(ITEMS[i % 3] as object), line: i }));
    const { pieces, writtenBeforeEnd } = run(many, 500);
    const text = pieces.join('');
    // Before the end, all but the last few items (under 500 characters) are out already.
    expect(writtenBeforeEnd).toBeGreaterThan(text.length - 1500);
    expect(JSON.parse(text)).toEqual(JSON.parse(renderJson(documentOf(many))));
    // The keys known first, then the array, then the rest; the layout of renderJson throughout.
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'schemaVersion',
      'grid',
      'asOf',
      'clients',
      'summary',
      'rows',
    ]);
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "grid": {\n    "path": "grid.yaml",')).toBe(true);
    expect(text).toContain('\n    }\n  ],\n  "summary": {\n    "count": 200,');
    expect(text.endsWith('}\n')).toBe(true);
  });
});
