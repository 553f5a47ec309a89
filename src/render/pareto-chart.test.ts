import { describe, expect, it } from 'vitest';
import { computePareto } from '../core/pareto.js';
import { computeRfm, DEFAULT_SEGMENTS, type Binning } from '../core/rfm.js';
import { renderParetoChart } from './pareto-chart.js';
import { formatCompact, renderRfmHeatmap, renderScoreDistribution } from './rfm-chart.js';

describe('renderParetoChart', () => {
  // Five clients 80, 5, 5, 5, 5 (total 100): A = the first (80 %), B = the next three (cumulative
  // before: .80, .85, .90), C = the last (.95). At 80 columns the plot is 80 - 6 - 2 = 72 wide:
  // A ends at round(.2 x 72) - 1 = 13, B at round(.8 x 72) - 1 = 57; labels in the middle of each
  // span: A at 6, B at (14 + 57) / 2 -> 35, C at (57 + 71) / 2 -> 64.
  const result = computePareto(
    ['a', 'b', 'c', 'd', 'e'].map((clientId, i) => ({ clientId, value: i === 0 ? 80 : 5 })),
    { thresholds: [0.8, 0.95] },
  );
  const lines = renderParetoChart(result, { lang: 'en' }).split('\n');
  it('fits 80 columns', () => {
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
  });
  it('marks class boundaries and labels under the axis', () => {
    const axis = lines.find((l) => l.includes('└')) as string;
    const plot = [...axis.slice(axis.indexOf('└') + 1)];
    expect(plot.map((ch, i) => (ch === '┴' ? i : -1)).filter((i) => i >= 0)).toEqual([13, 57]);
    const labelLine = lines[lines.indexOf(axis) + 1] as string;
    const offset = axis.indexOf('└') + 1;
    expect(labelLine[offset + 6]).toBe('A');
    expect(labelLine[offset + 35]).toBe('B');
    expect(labelLine[offset + 64]).toBe('C');
  });
  it('draws the first client at 80 %: rows up to 80 % full in the first column, empty above', () => {
    // 10 rows of 10 %: rows 1..8 full (█), rows 9 and 10 blank in column 0.
    const plotRows = lines.filter((l) => l.includes('┤'));
    expect(plotRows).toHaveLength(10);
    const firstColumn = plotRows.map((l) => l[l.indexOf('┤') + 1]);
    expect(firstColumn).toEqual([' ', ' ', '█', '█', '█', '█', '█', '█', '█', '█']);
    expect(plotRows[2]?.startsWith('  80%')).toBe(true);
  });
  it('says so when there is nothing to draw', () => {
    const empty = computePareto([{ clientId: 'x', value: 0 }], { thresholds: [0.8, 0.95] });
    expect(renderParetoChart(empty, { lang: 'fr' })).toBe('(aucune valeur positive à tracer)');
  });
});

describe('RFM charts', () => {
  const q5: Binning = { kind: 'quantile', bins: 5 };
  // Same five clients as core/rfm.test.ts: scores 545, 434, 323, 212, 111.
  const result = computeRfm(
    [
      { clientId: 'A', recencyDays: 0, transactionCount: 5, amount: 500 },
      { clientId: 'B', recencyDays: 5, transactionCount: 4, amount: 400 },
      { clientId: 'C', recencyDays: 10, transactionCount: 3, amount: 300 },
      { clientId: 'D', recencyDays: 30, transactionCount: 2, amount: 200 },
      { clientId: 'E', recencyDays: 60, transactionCount: 1, amount: 100 },
    ],
    { recency: q5, frequency: q5, monetary: q5, segments: DEFAULT_SEGMENTS },
  );
  it('heat map: F rows from 5 down, R columns 1..5; A (F4, R5) is darkest, E (F1, R1) lightest', () => {
    const lines = renderRfmHeatmap(result, 'en').split('\n');
    const row = (f: number) => lines.find((l) => l.startsWith(`F${f} `)) as string;
    expect(row(5).slice(5)).not.toMatch(/\d/); // nobody scored F 5
    expect(row(4)).toMatch(/█\s+500$/);
    expect(row(1)).toMatch(/^F1\s+│░\s+100 ▒\s+200\s+·\s+·\s+·$/); // (F1,R1) 100 lowest; (F1,R2) 200: quartile 1
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
  });
  it('distribution: F counts 2, 1, 1, 1, 0 for scores 1..5', () => {
    const lines = renderScoreDistribution(result, 'en').split('\n');
    expect(lines.find((l) => l.includes('F5'))).toMatch(/F5\s+0/);
    expect(lines.find((l) => l.includes('F1'))).toMatch(/F1 █{12}\s+2/);
  });
  it.each([
    [950, 'en', '950'],
    [12345, 'en', '12k'],
    [1234, 'fr', '1,2k'],
    [2500000, 'en', '2.5M'],
  ] as const)('formatCompact(%d, %s) = %s', (v, lang, text) => expect(formatCompact(v, lang)).toBe(text));
});
