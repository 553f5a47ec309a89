import { describe, expect, it } from 'vitest';
import { minimizeNelderMead } from './nelder-mead.js';

describe('minimizeNelderMead', () => {
  it('finds the Rosenbrock minimum (1, 1) from (-1.2, 1)', () => {
    const rosenbrock = ([x, y]: readonly number[]): number =>
      100 * ((y as number) - (x as number) ** 2) ** 2 + (1 - (x as number)) ** 2;
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
    expect(result.value).toBeLessThan(1e-10);
  });

  it('finds the minimum of a 4-dimensional Rosenbrock function at (1, 1, 1, 1)', () => {
    const f = (x: readonly number[]): number => {
      let s = 0;
      for (let i = 0; i < x.length - 1; i++)
        s += 100 * ((x[i + 1] as number) - (x[i] as number) ** 2) ** 2 + (1 - (x[i] as number)) ** 2;
      return s;
    };
    const result = minimizeNelderMead(f, [-1, 0.5, -0.5, 2], { maxEvaluations: 50_000 });
    expect(result.converged).toBe(true);
    for (const xi of result.x) expect(xi).toBeCloseTo(1, 4);
  });

  it('finds the centre of a shifted quadratic bowl: (3, -2, 0.5)', () => {
    const f = ([a, b, c]: readonly number[]): number =>
      ((a as number) - 3) ** 2 + 10 * ((b as number) + 2) ** 2 + 0.1 * ((c as number) - 0.5) ** 2;
    const result = minimizeNelderMead(f, [0, 0, 0]);
    expect(result.x[0]).toBeCloseTo(3, 5);
    expect(result.x[1]).toBeCloseTo(-2, 5);
    expect(result.x[2]).toBeCloseTo(0.5, 4);
  });

  it('treats NaN as +Infinity and stays in the feasible region', () => {
    // sqrt is NaN for x < 0: the minimum of (sqrt(x) - 2)^2 is at x = 4.
    const result = minimizeNelderMead(([x]) => (Math.sqrt(x as number) - 2) ** 2, [1]);
    expect(result.x[0]).toBeCloseTo(4, 5);
  });

  it('says when it runs out of evaluations', () => {
    const result = minimizeNelderMead(
      ([x, y]) => 100 * ((y as number) - (x as number) ** 2) ** 2 + (1 - (x as number)) ** 2,
      [-1.2, 1],
      {
        maxEvaluations: 30,
      },
    );
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeLessThanOrEqual(32);
  });
});
