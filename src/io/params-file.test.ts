import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCalibration, DEFAULT_CALIBRATE_OPTIONS, type DealRecord } from '../core/calibrate.js';
import type { Context } from './context.js';
import { buildParamsYaml, readParamsFile } from './params-file.js';

function context(cwd: string): Context {
  return {
    io: {
      stdout: () => undefined,
      stderr: () => undefined,
      stdin: undefined as never,
      env: {},
      cwd,
      stdinIsTTY: false,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      now: () => new Date('2026-01-01T12:00:00'),
    },
    lang: 'en',
    color: false,
    quiet: true,
    note: () => undefined,
    today: '2026-01-01',
  };
}

const deal = (id: string, stage: DealRecord['stage'], amount: number): DealRecord => ({
  id,
  owner: 'A',
  prospect: id,
  amount,
  stage,
  createdDay: 1,
  closedDay: 5,
  proposalDay: 3,
  leadSource: 'Cold call',
});

describe('params file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-params-'));
  const ctx = context(dir);

  it('round-trips what calibrate measured (and keeps the defaults for what it could not)', () => {
    // 2 won of 3 proposals: win rate 2/3 -> 1.5 proposals per deal; average (10000 + 20001) / 2.
    const result = computeCalibration(
      [deal('a', 'won', 10000), deal('b', 'won', 20001), deal('c', 'lost', 5000)],
      null,
      { ...DEFAULT_CALIBRATE_OPTIONS, fromDay: 0, toDay: 10 },
    );
    const text = buildParamsYaml(result, { file: 'deals.csv', from: '1970-01-01', to: '1970-01-11' });
    writeFileSync(join(dir, 'p.yaml'), text);
    const read = readParamsFile('p.yaml', ctx);
    expect(read.parameters).toEqual({
      avgDeal: { value: 15001, n: 2 }, // 15000.5 rounded to the euro
      proposalsPerDeal: { value: 1.5, n: 3 },
      compensationFactor: { value: 1, n: 3 },
      spontaneous: { value: 0, n: 3 }, // a lead source on every deal, none spontaneous: a measured 0
      // No activities file: the seed's 6 %, 4 contacts and 2 minutes, marked as not measured.
      accessibility: { value: 0.06, n: 0, source: 'default' },
      contactsPerProspect: { value: 4, n: 0, source: 'default' },
      minutesPerContact: { value: 2, n: 0, source: 'default' },
    });
    expect(text).toContain(
      "  accessibility: { value: 0.06, n: 0, source: default } # not measured (no activities file): the plan's default\n",
    );
    expect(read.history.file).toBe('deals.csv');
    expect(read.salesCycleDays).toEqual({ value: 4, n: 2 });
  });

  // Deals without a lead source: spontaneous prospects cannot be counted; the file keeps the
  // seed's 8 (never 0) with the reason beside it.
  it('spontaneous prospects without a lead source: not measured, the default kept', () => {
    const none = (id: string, stage: DealRecord['stage']): DealRecord => ({
      ...deal(id, stage, 1000),
      leadSource: null,
    });
    const result = computeCalibration([none('a', 'won'), none('b', 'lost')], null, {
      ...DEFAULT_CALIBRATE_OPTIONS,
      fromDay: 0,
      toDay: 10,
    });
    expect(result.team.measures.spontaneous.value).toBeNull();
    expect(result.team.measures.spontaneousShare.value).toBeNull();
    const text = buildParamsYaml(result, { file: 'deals.csv', from: '1970-01-01', to: '1970-01-11' });
    expect(text).toContain(
      "  spontaneous: { value: 8, n: 0, source: default } # not measured (no lead source in the deals file): the plan's default\n",
    );
    writeFileSync(join(dir, 'nosource.yaml'), text);
    expect(readParamsFile('nosource.yaml', ctx).parameters.spontaneous).toEqual({
      value: 8,
      n: 0,
      source: 'default',
    });
  });

  it('reports a bad value with its line', () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      'history: { file: d.csv, from: a, to: b }\nparameters:\n  accessibility: { value: 6, n: 10 }\n',
    );
    expect(() => readParamsFile('bad.yaml', ctx)).toThrow(/bad\.yaml:3:\d+: parameters\.accessibility/);
  });

  it('reports an unknown key', () => {
    writeFileSync(
      join(dir, 'odd.yaml'),
      'history: { file: d.csv, from: a, to: b }\nparameters:\n  avgDeel: { value: 6, n: 1 }\n',
    );
    expect(() => readParamsFile('odd.yaml', ctx)).toThrow(/avgDeel/);
  });

  it('a missing file is an input-file error (66)', () => {
    expect(() => readParamsFile('none.yaml', ctx)).toThrow(expect.objectContaining({ exitCode: 66 }));
  });
});
