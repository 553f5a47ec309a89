import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENTS } from '../core/rfm.js';
import { DataError } from '../errors.js';
import { SEGMENTS_INIT_TEMPLATE, SEGMENTS_TEMPLATE } from '../commands/init-templates/segments.js';
import { parseSegmentsYaml } from './read-segments.js';

const five = { recency: 5, frequency: 5, monetary: 5 };

function problemsOf(text: string, bins = five): string[] {
  try {
    parseSegmentsYaml(text, 'seg.yaml', bins);
  } catch (error) {
    if (error instanceof DataError) return error.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a DataError');
}

describe('parseSegmentsYaml', () => {
  it('the init template reads back as the default set, in order, with French names', () => {
    expect(parseSegmentsYaml(SEGMENTS_TEMPLATE, 'segments.yaml', five)).toEqual(DEFAULT_SEGMENTS);
    for (const lang of ['en', 'fr'] as const) {
      const text = SEGMENTS_INIT_TEMPLATE.render(lang, '2026-11-23');
      expect(parseSegmentsYaml(text, 'segments.yaml', five)).toEqual(DEFAULT_SEGMENTS);
    }
  });

  it('accepts "3-5", a single score and [lo, hi]; French falls back to English', () => {
    const rules = parseSegmentsYaml(
      'segments:\n  - name: Top\n    recency: 5\n    frequency: [4, 5]\n    monetary: " 3 - 5 "\n',
      'seg.yaml',
      five,
    );
    expect(rules).toEqual([
      { name: { en: 'Top', fr: 'Top' }, recency: [5, 5], frequency: [4, 5], monetary: [3, 5] },
    ]);
  });

  it('reports every problem with its line and column', () => {
    const text = [
      'segments:', // 1
      '  - name: Top', // 2
      '    recency: 5-6', // 3: above 5 bins
      '    frequency: high', // 4: not a range
      '    monetary: 1-5', // 5
      '    colour: red', // 6: unknown key
      '  - recency: 1', // 7: no name, no frequency, no monetary
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      '4:16: segments.0.frequency: expected a score range such as 3-5, a single score such as 5, or [3, 5]',
      '6:13: segments.0.colour: unknown key "colour"; expected name, name_fr, recency, frequency, monetary, advice, advice_fr.',
      '7:5: segments.1.name: expected a segment name',
      '7:5: segments.1.frequency: expected a score range such as 3-5, a single score such as 5, or [3, 5]',
      '7:5: segments.1.monetary: expected a score range such as 3-5, a single score such as 5, or [3, 5]',
    ]);
  });

  it('checks ranges against the number of bins, and min <= max', () => {
    const text = 'segments:\n  - name: A\n    recency: 5-6\n    frequency: 3-2\n    monetary: 1\n';
    expect(problemsOf(text)).toEqual([
      '3:14: segments.0.recency: 5-6 is not a range of scores; expected min-max with 1 <= min <= max <= 5.',
      '4:16: segments.0.frequency: 3-2 is not a range of scores; expected min-max with 1 <= min <= max <= 5.',
    ]);
    expect(() =>
      parseSegmentsYaml(text.replace('3-2', '2-3'), 'seg.yaml', { ...five, recency: 6 }),
    ).not.toThrow();
  });

  it('reports broken YAML with its position', () => {
    expect(problemsOf('segments:\n  - name: [unclosed\n')[0]).toMatch(/^3:1: not valid YAML/);
  });

  it('refuses an empty list and a document that is not a mapping', () => {
    expect(problemsOf('segments: []\n')).toEqual(['1:11: segments: expected at least one segment']);
    expect(problemsOf('- a\n')[0]).toMatch(/^1:1: /);
  });
});
