import { beforeAll, describe, expect, it } from 'vitest';
import { readCdnowSummary } from '../../../test/helpers/cdnow.js';
import { ModelFitError } from './bgnbd.js';
import {
  computeExpectedSpend,
  computeFrequencySpendCorrelation,
  computeGammaGammaClientLogLikelihood,
  computeGammaGammaLogLikelihood,
  fitGammaGamma,
  type GammaGammaFit,
} from './gamma-gamma.js';
import { computeLogGamma } from './special.js';

const repeaters = readCdnowSummary().filter((c) => c.x > 0);

describe('Gamma-Gamma log-likelihood', () => {
  it('p = q = γ = 1, x = 1, zbar = 1: ln(Γ(2)/(Γ(1)Γ(1)) · 1 · 1 · 1 / 2^2) = -ln 4 (by hand)', () => {
    expect(computeGammaGammaClientLogLikelihood({ p: 1, q: 1, gamma: 1 }, { x: 1, zbar: 1 })).toBeCloseTo(
      -Math.log(4),
      12,
    );
  });

  it('integrates to 1 over zbar (it is a density): p = 2, q = 3, γ = 10, x = 3', () => {
    // Trapezoid on zbar in (0, 2000] with step 0.01; the tail beyond is below 1e-6.
    let s = 0;
    const h = 0.01;
    for (let z = h; z <= 2000; z += h) {
      s += Math.exp(computeGammaGammaClientLogLikelihood({ p: 2, q: 3, gamma: 10 }, { x: 3, zbar: z })) * h;
    }
    expect(s).toBeCloseTo(1, 4);
  });

  it('written out for x = 2, zbar = 5, p = 3, q = 4, γ = 6', () => {
    // Γ(px+q)/(Γ(px)Γ(q)) γ^q zbar^(px-1) x^(px) / (γ + x zbar)^(px+q), px = 6
    const ln =
      computeLogGamma(10) -
      computeLogGamma(6) -
      computeLogGamma(4) +
      4 * Math.log(6) +
      5 * Math.log(5) +
      6 * Math.log(2) -
      10 * Math.log(16);
    expect(computeGammaGammaClientLogLikelihood({ p: 3, q: 4, gamma: 6 }, { x: 2, zbar: 5 })).toBeCloseTo(
      ln,
      12,
    );
  });

  it.each([[{ x: 0, zbar: 5 }], [{ x: 2, zbar: 0 }], [{ x: 2, zbar: -3 }]])(
    'refuses %j (needs x >= 1 and zbar > 0)',
    (s) => {
      expect(() => computeGammaGammaClientLogLikelihood({ p: 1, q: 1, gamma: 1 }, s)).toThrow(RangeError);
    },
  );
});

describe('fitGammaGamma on the CDNOW repeat buyers (946 clients)', () => {
  let fit: GammaGammaFit;
  beforeAll(() => {
    fit = fitGammaGamma(repeaters);
  });

  it('reproduces p = 6.25, q = 3.74, γ = 15.44 (Fader, Hardie and Lee 2005b) within rounding', () => {
    expect(fit.clients).toBe(946);
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    // The ridge between q and γ is flat: the optimum is γ = 15.448 (lifetimes prints 15.45), and
    // its likelihood is above the one at the paper's rounded figures.
    expect(Math.abs(fit.params.gamma - 15.44)).toBeLessThan(0.01);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(
      computeGammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, repeaters),
    );
  });

  it('reports the log-likelihood of its optimum, as the direct sum computes it', () => {
    expect(fit.logLikelihood).toBeCloseTo(computeGammaGammaLogLikelihood(fit.params, repeaters), 8);
  });

  it("gives lifetimes' expected average profit for clients 1, 2, 3, 6, 9 (docs/Quickstart.md)", () => {
    expect(computeExpectedSpend(fit.params, 2, 22.35)).toBeCloseTo(24.658619, 3);
    expect(computeExpectedSpend(fit.params, 1, 11.77)).toBeCloseTo(18.911489, 3);
    expect(computeExpectedSpend(fit.params, 0, 0)).toBeCloseTo(35.170981, 3);
    expect(computeExpectedSpend(fit.params, 7, 73.74)).toBeCloseTo(71.462843, 3);
    expect(computeExpectedSpend(fit.params, 2, 25.55)).toBeCloseTo(27.282408, 3);
  });

  it('frequency and spend are weakly correlated: Pearson 0.113884 (lifetimes docs)', () => {
    expect(computeFrequencySpendCorrelation(repeaters)).toBeCloseTo(0.113884, 6);
  });
});

describe('computeExpectedSpend', () => {
  it('is the weighted mean of the population mean and zbar (by hand, p = 2, q = 3, γ = 10)', () => {
    // population mean p γ / (q - 1) = 10; weight of zbar = p x / (p x + q - 1) = 4/6 for x = 2
    expect(computeExpectedSpend({ p: 2, q: 3, gamma: 10 }, 0, 0)).toBeCloseTo(10, 12);
    expect(computeExpectedSpend({ p: 2, q: 3, gamma: 10 }, 2, 40)).toBeCloseTo(
      (2 / 6) * 10 + (4 / 6) * 40,
      12,
    );
  });

  it('is null where the mean does not exist (q <= 1, no history)', () => {
    expect(computeExpectedSpend({ p: 2, q: 0.8, gamma: 10 }, 0, 0)).toBeNull();
    expect(computeExpectedSpend({ p: 2, q: 0.8, gamma: 10 }, 1, 5)).not.toBeNull();
  });
});

describe('computeFrequencySpendCorrelation', () => {
  it.each([
    [
      [
        { x: 1, zbar: 1 },
        { x: 2, zbar: 2 },
        { x: 3, zbar: 3 },
      ],
      1,
    ],
    [
      [
        { x: 1, zbar: 3 },
        { x: 2, zbar: 2 },
        { x: 3, zbar: 1 },
      ],
      -1,
    ],
    [
      [
        { x: 1, zbar: 1 },
        { x: 2, zbar: 3 },
        { x: 3, zbar: 1 },
      ],
      0,
    ],
  ])('%j: %d', (clients, expected) => {
    expect(computeFrequencySpendCorrelation(clients)).toBeCloseTo(expected, 12);
  });

  it('is null without spread or with one client', () => {
    expect(computeFrequencySpendCorrelation([{ x: 1, zbar: 5 }])).toBeNull();
    expect(
      computeFrequencySpendCorrelation([
        { x: 1, zbar: 5 },
        { x: 1, zbar: 6 },
      ]),
    ).toBeNull();
  });
});

describe('fitGammaGamma failures', () => {
  it('needs two repeat buyers', () => {
    expect(() => fitGammaGamma([{ x: 1, zbar: 10 }])).toThrow(ModelFitError);
  });
});
