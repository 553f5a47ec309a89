import { describe, expect, it } from 'vitest';
import { parseIsoDay } from './calendar.js';
import { buildObjectivePlan } from './objective-plan.js';
import { SEED_RANGES } from './plan.js';
import { buildDefaultLayer, computePeriodEnd, resolveSettings, type SettingLayer } from './settings.js';

const today = parseIsoDay('2026-11-23')!;

describe('resolveSettings', () => {
  // Layers strongest first: objective > file defaults > flags > built-in defaults.
  const layers: SettingLayer[] = [
    { source: 'file', detail: 'o.yaml', values: { objective: 50000 } },
    { source: 'file', detail: 'o.yaml defaults', values: { avgDeal: 15000, objective: 1 } },
    { source: 'flag', values: { avgDeal: 30000, accessibility: 0.1 } },
    buildDefaultLayer(today),
  ];
  it.each([
    ['objective', 50000, 'file', 'o.yaml'],
    ['avgDeal', 15000, 'file', 'o.yaml defaults'],
    ['accessibility', 0.1, 'flag', undefined],
    ['contactsPerProspect', 4, 'default', undefined],
    ['country', 'FR', 'default', undefined],
    ['from', today, 'default', undefined],
  ] as const)('%s = %s from %s', (key, value, source, detail) => {
    const s = resolveSettings(layers);
    expect(s[key]).toEqual({ value, source, ...(detail ? { detail } : {}) });
  });

  it('has no end unless a layer sets one', () => {
    expect(resolveSettings(layers).end).toBeUndefined();
    const withEnd = resolveSettings([
      { source: 'flag', values: { end: { kind: 'weeks', count: 2 } } },
      ...layers,
    ]);
    expect(withEnd.end).toEqual({ value: { kind: 'weeks', count: 2 }, source: 'flag' });
  });

  it('throws when the default layer is missing', () => {
    expect(() => resolveSettings([{ source: 'flag', values: {} }])).toThrow('no layer sets "objective"');
  });
});

describe('computePeriodEnd', () => {
  const d = (iso: string): number => parseIsoDay(iso)!;
  // 2 weeks from Friday 1 May = 1..14 May; 1 month from 31 January: February has no 31st, so the
  // period runs to its last day, 28 February; from 28 January it ends on 27 February; 6 months
  // from 4 January 2027 end on 3 July.
  it.each([
    ['2026-05-01', { kind: 'weeks', count: 2 }, '2026-05-14'],
    ['2026-05-01', { kind: 'months', count: 2 }, '2026-06-30'],
    ['2026-01-31', { kind: 'months', count: 1 }, '2026-02-28'],
    ['2026-01-28', { kind: 'months', count: 1 }, '2026-02-27'],
    ['2027-01-04', { kind: 'months', count: 6 }, '2027-07-03'],
    ['2026-05-01', { kind: 'to', day: d('2026-04-01') }, '2026-04-01'],
  ] as const)('%s + %j ends %s', (from, end, to) => {
    expect(computePeriodEnd(d(from), end)).toBe(d(to));
  });
});

describe('buildObjectivePlan: SMART', () => {
  const options = {
    rounding: 'up' as const,
    ranges: {
      accessibility: { ...SEED_RANGES.accessibility },
      contactsPerProspect: { ...SEED_RANGES.contactsPerProspect },
    },
    checkpoints: 'month' as const,
    capacity: false,
  };
  it('the built-in amount is not measurable; a named, given amount with a deadline is', () => {
    const plain = buildObjectivePlan(resolveSettings([buildDefaultLayer(today)]), options);
    expect(plain.smart).toMatchObject({
      specific: false,
      measurable: false,
      achievable: null,
      timeBound: false,
    });
    const given = buildObjectivePlan(
      resolveSettings([
        { source: 'flag', values: { objective: 60000, end: { kind: 'weeks', count: 8 } } },
        buildDefaultLayer(today),
      ]),
      { ...options, label: { name: 'Q1' } },
    );
    expect(given.smart).toMatchObject({ specific: true, measurable: true, timeBound: true, realistic: true });
  });

  // SMART names what is missing: a name alone makes it specific; the built-in amount is not measurable.
  it('a named objective without a given amount is specific, not measurable', () => {
    const named = buildObjectivePlan(resolveSettings([buildDefaultLayer(today)]), {
      ...options,
      label: { name: 'Est' },
    });
    expect(named.smart).toMatchObject({ specific: true, measurable: false });
  });

  // Accessibility 2 % is below the seed's 3 %; 13 contacts per prospect is at the edge, inside.
  it('names the parameter outside the seed range', () => {
    const plan = buildObjectivePlan(
      resolveSettings([
        { source: 'flag', values: { accessibility: 0.02, contactsPerProspect: 13 } },
        buildDefaultLayer(today),
      ]),
      options,
    );
    expect(plan.smart.realistic).toBe(false);
    expect(plan.smart.outside).toEqual([{ key: 'accessibility', value: 0.02, min: 0.03, max: 0.17 }]);
  });

  it('refuses a period that ends before it starts', () => {
    const settings = resolveSettings([
      { source: 'flag', values: { end: { kind: 'to', day: today - 1 } } },
      buildDefaultLayer(today),
    ]);
    expect(() => buildObjectivePlan(settings, options)).toThrow(RangeError);
  });
});
