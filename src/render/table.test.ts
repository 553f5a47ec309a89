import { describe, expect, it } from 'vitest';
import type { Report } from './report.js';
import { MAX_GRID_ROWS, renderTable } from './table.js';

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
