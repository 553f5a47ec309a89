// The verdicts of `npm run bench` (bench/verdict.js): the ratio, the target and whether it is met,
// and the layout of the table and of the summary. Pure functions, no timing: every figure below
// is made up and every expected ratio worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  countVerdicts,
  formatSummary,
  formatValue,
  formatVerdicts,
  judge,
  verdictRecords,
  type VerdictRecord,
} from '../bench/verdict.js';

describe('judge', () => {
  it('divides prospect by the yardstick and meets an "at most" target at or under it', () => {
    // 3.0 / 2.5 = 1.2: exactly the limit of the row path, so met
    const v = judge({
      job: 'segment',
      measure: 'wall',
      unit: 's',
      prospect: 3,
      against: 'duckdb 1 thread',
      yardstick: 2.5,
      atMost: 1.2,
    });
    expect(v.ratio).toBeCloseTo(1.2, 12);
    expect(v.target).toBe('<= 1.2x');
    expect(v.met).toBe(true);
    // 3.91 / 2.97 = 1.316...: over 1.0
    const rfm = judge({
      job: 'rfm',
      measure: 'wall',
      unit: 's',
      prospect: 3.91,
      against: 'duckdb 1 thread',
      yardstick: 2.97,
      atMost: 1,
    });
    expect(rfm.target).toBe('<= 1.0x');
    expect(rfm.met).toBe(false);
  });

  it('meets an "at least" target on prospect\'s own figure, with no yardstick', () => {
    const low = judge({
      job: 'score',
      measure: 'CPU rows/s',
      unit: 'rows/s',
      prospect: 999_999,
      atLeast: 1e6,
    });
    expect(low).toMatchObject({ ratio: null, against: null, target: '>= 1,000,000 rows/s', met: false });
    expect(
      judge({ job: 'score', measure: 'CPU rows/s', unit: 'rows/s', prospect: 1e6, atLeast: 1e6 }).met,
    ).toBe(true);
  });

  it('gives a line without a target for information (met null)', () => {
    const v = judge({
      job: 'rfm',
      measure: 'CPU',
      unit: 's',
      prospect: 1,
      against: 'duckdb 1 thread',
      yardstick: 4,
    });
    expect(v).toMatchObject({ ratio: 0.25, target: null, met: null });
  });

  it('never meets a target with a figure that could not be measured', () => {
    const v = judge({
      job: 'rfm',
      measure: 'peak RSS',
      unit: 'MB',
      prospect: Number.NaN,
      against: 'duckdb',
      yardstick: 100,
      atMost: 1,
    });
    expect(v.met).toBe(false);
    expect(judge({ job: 'x', measure: 'y', unit: 'rows/s', prospect: Number.NaN, atLeast: 1 }).met).toBe(
      false,
    );
  });
});

describe('the table', () => {
  it('formats each unit', () => {
    expect(formatValue(3.906, 's')).toBe('3.91 s');
    expect(formatValue(101.4, 'ms')).toBe('101 ms');
    expect(formatValue(170.6, 'MB')).toBe('171 MB');
    expect(formatValue(1234567.4, 'rows/s')).toBe('1,234,567 rows/s');
    expect(formatValue(Number.NaN, 's')).toBe('n/a');
  });

  it('aligns job, measure, prospect, yardstick, ratio, target and verdict', () => {
    const table = formatVerdicts([
      judge({
        job: 'rfm',
        measure: 'wall',
        unit: 's',
        prospect: 3,
        against: 'duckdb 1 thread',
        yardstick: 2,
        atMost: 1,
      }),
      judge({ job: 'segment', measure: 'CPU rows/s', unit: 'rows/s', prospect: 2e6, atLeast: 1e6 }),
      judge({ job: 'rfm', measure: 'CPU', unit: 's', prospect: 1, against: 'duckdb 1 thread', yardstick: 2 }),
    ]);
    // written out by hand: each column as wide as its longest cell (the yardstick: "2.00 s duckdb
    // 1 thread", 22 characters), two spaces between columns; prospect and ratio right-aligned
    expect(table.split('\n')).toEqual([
      'job      measure             prospect  yardstick               ratio  target               verdict',
      'rfm      wall                  3.00 s  2.00 s duckdb 1 thread  1.50x  <= 1.0x              NOT met',
      'segment  CPU rows/s  2,000,000 rows/s  -                           -  >= 1,000,000 rows/s  met',
      'rfm      CPU                   1.00 s  2.00 s duckdb 1 thread  0.50x  -                    info',
    ]);
  });

  it('counts the verdicts met, not met and for information', () => {
    const v = (met: boolean | null) => ({
      ...judge({ job: 'j', measure: 'm', unit: 's', prospect: 1 }),
      met,
    });
    expect(countVerdicts([v(true), v(false), v(false), v(null)])).toBe(
      '4 verdicts: 1 met, 2 NOT met, 1 for information',
    );
    expect(countVerdicts([v(true)])).toBe('1 verdicts: 1 met, 0 NOT met');
  });
});

describe('the summary of npm run bench', () => {
  it('reads back the JSON lines and prints every bench under its name, the load, and the failures', () => {
    const lines =
      verdictRecords('startup', 'fastest of 2', [
        judge({
          job: 'start-up',
          measure: '--version',
          unit: 'ms',
          prospect: 60,
          against: "node -e ''",
          yardstick: 40,
          atMost: 1.5,
        }),
      ]) +
      verdictRecords('segment', '1,000 rows', [
        judge({
          job: 'segment',
          measure: 'peak RSS',
          unit: 'MB',
          prospect: 90,
          against: 'duckdb 1 thread',
          yardstick: 100,
          atMost: 1,
        }),
      ]);
    const records = lines
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as VerdictRecord);
    expect(records.map((r) => r.bench)).toEqual(['startup', 'segment']);
    const summary = formatSummary(records, {
      loadStart: 1.23,
      loadEnd: 4,
      cores: 2,
      failed: ['rows.bench.js (exit 1)'],
    });
    // 60 / 40 = 1.5: met at the limit; 90 / 100 = 0.9: met
    expect(summary.split('\n')).toEqual([
      '== summary: every verdict (load average 1.2 at the start, 4.0 at the end, 2 cores)',
      'job       measure    prospect  yardstick               ratio  target   verdict',
      '-- startup: fastest of 2',
      "start-up  --version     60 ms  40 ms node -e ''        1.50x  <= 1.5x  met",
      '-- segment: 1,000 rows',
      'segment   peak RSS      90 MB  100 MB duckdb 1 thread  0.90x  <= 1.0x  met',
      '2 verdicts: 2 met, 0 NOT met',
      'FAILED: rows.bench.js (exit 1)',
    ]);
  });

  it('says when no bench printed a verdict', () => {
    expect(formatSummary([], { loadStart: 0, loadEnd: 0, cores: 2 })).toContain('(no verdict was printed)');
  });
});
