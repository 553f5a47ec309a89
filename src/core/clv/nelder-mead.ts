/**
 * A small Nelder-Mead minimiser with restarts, for the maximum-likelihood fits of the
 * customer-base models (no well-kept JavaScript optimiser exists). Pure and deterministic.
 */

export interface MinimizeOptions {
  /** Stop when the simplex's values differ by at most this (absolute + relative to |f|). */
  fTolerance?: number;
  /** ... and its vertices differ by at most this in every coordinate. */
  xTolerance?: number;
  /** Evaluations allowed across all restarts. */
  maxEvaluations?: number;
  /** Restarts from the best point with a fresh simplex (guards against a collapsed simplex). */
  maxRestarts?: number;
  /** Size of the initial simplex's steps. */
  step?: number;
}

export interface MinimizeResult {
  x: number[];
  value: number;
  evaluations: number;
  restarts: number;
  /** True when the last restart met both tolerances and did not improve on the one before. */
  converged: boolean;
}

/**
 * Minimises f from x0 by the Nelder-Mead simplex method with the dimension-adapted coefficients
 * of Gao and Han (2012): reflection 1, expansion 1 + 2/n, contraction 0.75 - 1/(2n), shrink 1 - 1/n.
 * NaN values are treated as +Infinity, so that f may refuse a point by returning NaN or Infinity.
 * After a run converges it restarts from the best point with a fresh simplex, until a restart no
 * longer improves the value by more than the tolerance (or `maxRestarts`).
 *
 * @example minimizeNelderMead(([x, y]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0]).x // ≈ [1, -2]
 */
export function minimizeNelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: MinimizeOptions = {},
): MinimizeResult {
  const fTol = options.fTolerance ?? 1e-10;
  const xTol = options.xTolerance ?? 1e-8;
  const maxEvaluations = options.maxEvaluations ?? 20_000;
  const maxRestarts = options.maxRestarts ?? 10;
  const step = options.step ?? 0.5;
  const n = x0.length;
  let evaluations = 0;
  const evaluate = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const alpha = 1;
  const gamma = 1 + 2 / n;
  const rho = 0.75 - 1 / (2 * n);
  const sigma = 1 - 1 / n;

  let best = [...x0];
  let bestValue = evaluate(best);
  let restarts = 0;
  let converged = false;

  for (let run = 0; run <= maxRestarts; run++) {
    restarts = run;
    const simplex: number[][] = [best];
    const values: number[] = [bestValue];
    for (let i = 0; i < n; i++) {
      const v = [...best];
      v[i] = (v[i] as number) + (run === 0 ? step : step / 4);
      simplex.push(v);
      values.push(evaluate(v));
    }
    let runConverged = false;
    while (evaluations < maxEvaluations) {
      const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
      const sortedS = order.map((i) => simplex[i] as number[]);
      const sortedV = order.map((i) => values[i] as number);
      for (let i = 0; i <= n; i++) {
        simplex[i] = sortedS[i] as number[];
        values[i] = sortedV[i] as number;
      }
      const fBest = values[0] as number;
      const fWorst = values[n] as number;
      let spread = 0;
      for (let i = 1; i <= n; i++) {
        for (let j = 0; j < n; j++) {
          spread = Math.max(spread, Math.abs((simplex[i] as number[])[j]! - (simplex[0] as number[])[j]!));
        }
      }
      if (Number.isFinite(fWorst) && fWorst - fBest <= fTol * (1 + Math.abs(fBest)) && spread <= xTol) {
        runConverged = true;
        break;
      }
      const centroid = new Array<number>(n).fill(0);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) centroid[j]! += (simplex[i] as number[])[j]! / n;
      const worst = simplex[n] as number[];
      const towards = (coef: number): number[] => centroid.map((c, j) => c + coef * (c - worst[j]!));
      const xr = towards(alpha);
      const fr = evaluate(xr);
      if (fr < fBest) {
        const xe = towards(gamma);
        const fe = evaluate(xe);
        if (fe < fr) {
          simplex[n] = xe;
          values[n] = fe;
        } else {
          simplex[n] = xr;
          values[n] = fr;
        }
        continue;
      }
      if (fr < (values[n - 1] as number)) {
        simplex[n] = xr;
        values[n] = fr;
        continue;
      }
      const outside = fr < fWorst;
      const xc = towards(outside ? alpha * rho : -rho);
      const fc = evaluate(xc);
      if (fc < (outside ? fr : fWorst)) {
        simplex[n] = xc;
        values[n] = fc;
        continue;
      }
      const x0s = simplex[0] as number[];
      for (let i = 1; i <= n; i++) {
        const v = (simplex[i] as number[]).map((xi, j) => x0s[j]! + sigma * (xi - x0s[j]!));
        simplex[i] = v;
        values[i] = evaluate(v);
      }
    }
    let iBest = 0;
    for (let i = 1; i <= n; i++) if ((values[i] as number) < (values[iBest] as number)) iBest = i;
    const improvement = bestValue - (values[iBest] as number);
    if ((values[iBest] as number) <= bestValue) {
      best = simplex[iBest] as number[];
      bestValue = values[iBest] as number;
    }
    if (!runConverged) break;
    if (run > 0 && improvement <= fTol * (1 + Math.abs(bestValue))) {
      converged = true;
      break;
    }
  }
  return { x: best, value: bestValue, evaluations, restarts, converged };
}
