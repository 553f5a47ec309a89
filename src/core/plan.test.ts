import { describe, expect, it } from 'vitest';
import { computePlan, computePlanRange, SEED_PARAMETERS, SEED_RANGES } from './plan.js';

describe('computePlan', () => {
  // Seed 001: 60 000 / 20 000 = 3 deals; 3 x 3 = 9 proposals; 9 x 4 = 36; 36 - 8 = 28;
  // 28 x 100 / 6 = 466.67 prospects; x 4 contacts; x 2 minutes.
  it.each([
    ['up', 3, 9, 36, 28, 467, 1868, 3736, 62.3],
    ['down', 3, 9, 36, 28, 466, 1864, 3728, 62.1],
  ] as const)(
    'seed example, rounding %s',
    (mode, deals, proposals, needed, toFind, prospects, contacts, minutes, hours) => {
      const { figures } = computePlan(SEED_PARAMETERS, mode);
      expect(figures).toEqual({
        deals,
        proposals,
        activeProspectsNeeded: needed,
        activeProspectsToFind: toFind,
        prospectsToContact: prospects,
        contacts,
        minutes,
        hours,
      });
    },
  );

  it('exact mode carries fractions: 28 / 0.06 = 466 2/3', () => {
    const { figures } = computePlan(SEED_PARAMETERS, 'exact');
    expect(figures.prospectsToContact).toBeCloseTo(466.6667, 4);
    expect(figures.contacts).toBeCloseTo(1866.6667, 4);
    expect(figures.minutes).toBeCloseTo(3733.3333, 4);
    expect(figures.hours).toBeCloseTo(62.2222, 4);
  });

  it('an objective that is not a multiple of the deal: 70 000 / 20 000 = 3.5 -> 4 deals up, 3 down', () => {
    expect(computePlan({ ...SEED_PARAMETERS, objective: 70000 }, 'up').figures.deals).toBe(4);
    expect(computePlan({ ...SEED_PARAMETERS, objective: 70000 }, 'down').figures.deals).toBe(3);
    // up: 4 x 3 = 12 proposals, x 4 = 48, - 8 = 40, / 0.06 = 666.7 -> 667, x 4 = 2668
    expect(computePlan({ ...SEED_PARAMETERS, objective: 70000 }, 'up').figures.contacts).toBe(2668);
  });

  it('spontaneous prospects above the need give nobody to contact', () => {
    const result = computePlan({ ...SEED_PARAMETERS, spontaneous: 50 });
    expect(result.figures.activeProspectsToFind).toBe(0);
    expect(result.figures.prospectsToContact).toBe(0);
    expect(result.figures.hours).toBe(0);
    expect(result.spontaneousCoverNeed).toBe(true);
  });

  it('best and worst case over the seed ranges', () => {
    // best: 28 / 0.17 = 164.7 -> 165 prospects x 1 contact; worst: 28 / 0.03 = 933.3 -> 934 x 13 = 12142
    const { best, worst } = computePlanRange(SEED_PARAMETERS, 'up', SEED_RANGES);
    expect(best.prospectsToContact).toBe(165);
    expect(best.contacts).toBe(165);
    expect(worst.prospectsToContact).toBe(934);
    expect(worst.contacts).toBe(12142);
  });
});
