/**
 * Small-sample statistics for calibrating the plan from history: the Wilson score interval for
 * a proportion and the Student t interval for a mean, with the distribution functions they need.
 */

/** An estimate with its sample size and a confidence interval. */
export interface Interval {
  /** Point estimate. */
  value: number;
  /** Lower and upper bound of the interval. */
  low: number;
  high: number;
  /** Sample size behind the estimate. */
  n: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

/**
 * The standard normal quantile (inverse CDF), by P. J. Acklam's rational approximation (relative
 * error below 1.2e-9).
 *
 * @throws RangeError when `p` is not strictly between 0 and 1.
 * @example computeNormalQuantile(0.975) // 1.959964 (R: qnorm(0.975))
 */
export function computeNormalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile: p = ${p}; expected 0 < p < 1.`);
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ] as const;
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1,
  ] as const;
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ] as const;
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;
  const pLow = 0.02425;
  let x: number;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - pLow) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  return x;
}

/** ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, n = 9). */
function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let s = g[0] ?? 0;
  for (let i = 1; i < 9; i++) s += (g[i] ?? 0) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Continued fraction for the incomplete beta function (modified Lentz), Numerical Recipes 6.4. */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/**
 * The regularised incomplete beta function I_x(a, b), by its continued fraction (Numerical
 * Recipes 6.4), using the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where it converges faster.
 *
 * @example computeIncompleteBeta(0.5, 2, 2) // 0.5
 */
export function computeIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * The CDF of Student's t with `df` degrees of freedom:
 * P(T <= t) = 1 - I_{df/(df+t²)}(df/2, 1/2) / 2 for t >= 0, and symmetric.
 *
 * @example computeStudentCdf(2.262157, 9) // 0.975 (R: pt(2.262157, 9))
 */
export function computeStudentCdf(t: number, df: number): number {
  const tail = 0.5 * computeIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The quantile of Student's t with `df` degrees of freedom: the t with P(T <= t) = p, found by
 * bisection on `computeStudentCdf` (bracket doubled until it holds p, then 200 halvings).
 *
 * @throws RangeError when p is not in (0, 1) or df is not above 0.
 * @example computeStudentQuantile(0.975, 9) // 2.262157 (R: qt(0.975, 9))
 */
export function computeStudentQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`t quantile: p = ${p}; expected 0 < p < 1.`);
  if (!(df > 0)) throw new RangeError(`t quantile: df = ${df}; expected df > 0.`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -computeStudentQuantile(1 - p, df);
  let low = 0;
  let high = 1;
  while (computeStudentCdf(high, df) < p && high < 1e12) {
    low = high;
    high *= 2;
  }
  for (let i = 0; i < 200 && high - low > 1e-13 * high; i++) {
    const mid = (low + high) / 2;
    if (computeStudentCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * The Wilson score interval for a proportion `successes / n` (Wilson 1927):
 * centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z √(p̂(1-p̂)/n + z²/4n²) / (1 + z²/n),
 * with z the normal quantile at (1 + level) / 2. Unlike the Wald interval, it stays in [0, 1]
 * and is not empty at 0 or n successes.
 *
 * @throws RangeError when n is not a positive whole number or successes is outside 0..n.
 * @example computeWilsonInterval(5, 20) // { value: 0.25, low: 0.1119, high: 0.4687, ... }
 */
export function computeWilsonInterval(successes: number, n: number, level = 0.95): Interval {
  if (!(Number.isInteger(n) && n > 0))
    throw new RangeError(`Wilson interval: n = ${n}; expected a whole number above 0.`);
  if (!(successes >= 0 && successes <= n))
    throw new RangeError(`Wilson interval: ${successes} successes out of ${n}; expected 0 to ${n}.`);
  const z = computeNormalQuantile((1 + level) / 2);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return {
    value: p,
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
    n,
    level,
  };
}

/** Mean and sample standard deviation (n - 1 in the denominator; 0 for a single value). */
export function computeMeanAndSd(values: readonly number[]): { mean: number; sd: number; n: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN, n };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, sd: 0, n };
  const ss = values.reduce((s, v) => s + (v - mean) * (v - mean), 0);
  return { mean, sd: Math.sqrt(ss / (n - 1)), n };
}

/**
 * The Student t interval for a mean: x̄ ± t(1 - α/2, n - 1) · s / √n. With a single value the
 * interval is unbounded (-∞, +∞): one observation says nothing about spread.
 *
 * @throws RangeError when `values` is empty.
 * @example computeMeanInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) // mean 5.5, [3.334149, 7.665851]
 */
export function computeMeanInterval(values: readonly number[], level = 0.95): Interval {
  if (values.length === 0) throw new RangeError('mean interval: no values; expected at least one.');
  const { mean, sd, n } = computeMeanAndSd(values);
  if (n === 1) return { value: mean, low: -Infinity, high: Infinity, n, level };
  const t = computeStudentQuantile((1 + level) / 2, n - 1);
  const half = (t * sd) / Math.sqrt(n);
  return { value: mean, low: mean - half, high: mean + half, n, level };
}

/** The median of a list of numbers (mean of the two middle values for an even count); NaN when empty. */
export function computeMedian(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}
