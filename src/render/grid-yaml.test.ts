import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGrid } from '../io/read-grid.js';
import { renderGridYaml } from './grid-yaml.js';

describe('renderGridYaml', () => {
  it('round-trips the example grid: parse(render(grid)) = grid', () => {
    const text = readFileSync(new URL('../../fixtures/grid.yaml', import.meta.url), 'utf8');
    const { grid } = parseGrid(text, 'grid.yaml');
    const again = parseGrid(renderGridYaml(grid, ['a header']), 'again.yaml').grid;
    expect(again).toEqual(grid);
  });

  it('quotes values that YAML would read otherwise (yes, 1, a: b, #)', () => {
    const grid = {
      criteria: [
        {
          name: 'odd: "name" #1',
          field: 'yes',
          type: 'text' as const,
          missing: 0,
          rules: [{ kind: 'equals' as const, values: ['no', '1', 'a: b', '# x'], points: -3 }],
        },
      ],
      groups: {},
      grades: [{ name: 'A', min: 10 }],
      otherwise: 'C',
    };
    expect(parseGrid(renderGridYaml(grid), 'g.yaml').grid).toEqual(grid);
  });
});
