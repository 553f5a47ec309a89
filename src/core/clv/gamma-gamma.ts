/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee, "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", JMR 42(4), 2005; Fader and Hardie, "The
 * Gamma-Gamma Model of Monetary Value", 2013). A client's purchase amounts are Gamma(p, ν) with
 * ν ~ Gamma(q, γ) across clients; it is fitted on the clients with x >= 1 repeat purchases and
 * their mean repeat-purchase amount zbar.
 */
import { computeLogPrior, describeFitFailure, ModelFitError, type LogNormalPrior } from './bgnbd.js';
import { minimizeNelderMead } from './nelder-mead.js';
import { computeLogGamma } from './special.js';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** A repeat buyer: x >= 1 repeat purchases with mean amount zbar > 0. */
export interface SpendSummary {
  x: number;
  zbar: number;
}

function checkSpend(s: SpendSummary): void {
  if (!(s.x >= 1) || !Number.isInteger(s.x) || !(s.zbar > 0) || !Number.isFinite(s.zbar)) {
    throw new RangeError(
      `Gamma-Gamma: expected a whole x >= 1 and zbar > 0, got x = ${s.x}, zbar = ${s.zbar}`,
    );
  }
}

/**
 * One client's log-likelihood of its mean spend zbar over x purchases (Fader and Hardie 2013, eq. 3):
 * ln Γ(px+q) - ln Γ(px) - ln Γ(q) + q ln γ + (px-1) ln zbar + px ln x - (px+q) ln(γ + x zbar).
 */
export function computeGammaGammaClientLogLikelihood(params: GammaGammaParams, s: SpendSummary): number {
  const { p, q, gamma } = params;
  checkSpend(s);
  const px = p * s.x;
  return (
    computeLogGamma(px + q) -
    computeLogGamma(px) -
    computeLogGamma(q) +
    q * Math.log(gamma) +
    (px - 1) * Math.log(s.zbar) +
    px * Math.log(s.x) -
    (px + q) * Math.log(gamma + s.x * s.zbar)
  );
}

/** The sample's Gamma-Gamma log-likelihood, the sum over the repeat buyers. */
export function computeGammaGammaLogLikelihood(
  params: GammaGammaParams,
  clients: readonly SpendSummary[],
): number {
  let sum = 0;
  for (const s of clients) sum += computeGammaGammaClientLogLikelihood(params, s);
  return sum;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  clients: number;
  evaluations: number;
}

/**
 * Fits Gamma-Gamma by maximum likelihood (Nelder-Mead with restarts on ln p, ln q, ln γ) on the
 * repeat buyers. Starts from p = 1, q = 1, γ = mean zbar. Throws ModelFitError if fewer than 2
 * clients are given, or if the fit does not converge or runs to a boundary.
 */
export function fitGammaGamma(
  clients: readonly SpendSummary[],
  options: { prior?: LogNormalPrior } = {},
): GammaGammaFit {
  clients.forEach(checkSpend);
  const prior = options.prior;
  if (prior === undefined && clients.length < 2) {
    throw new ModelFitError(
      `Gamma-Gamma: ${clients.length} repeat buyer(s); at least 2 are needed to fit spend`,
    );
  }
  const meanZ = clients.length === 0 ? 1 : clients.reduce((s, c) => s + c.zbar, 0) / clients.length;
  const toParams = (t: readonly number[]): GammaGammaParams => ({
    p: Math.exp(t[0] as number),
    q: Math.exp(t[1] as number),
    gamma: Math.exp(t[2] as number),
  });
  // The sum, arranged for speed: the log-gamma terms depend on x only (few distinct values), and
  // ln zbar is computed once. Equal to computeGammaGammaLogLikelihood (tested).
  const xs = [...new Set(clients.map((c) => c.x))];
  const xIndex = new Map(xs.map((x, i) => [x, i]));
  const at = Int32Array.from(clients, (c) => xIndex.get(c.x) as number);
  const counts = new Float64Array(xs.length);
  for (const i of at) counts[i] = (counts[i] as number) + 1;
  const x = Float64Array.from(clients, (c) => c.x);
  const z = Float64Array.from(clients, (c) => c.zbar);
  const lnZ = Float64Array.from(clients, (c) => Math.log(c.zbar));
  const lnX = xs.map((v) => Math.log(v));
  const perX = new Float64Array(xs.length);
  const logLikelihood = ({ p, q, gamma }: GammaGammaParams): number => {
    let sum = 0;
    const lnGammaQ = computeLogGamma(q);
    for (let k = 0; k < xs.length; k++) {
      const px = p * (xs[k] as number);
      perX[k] = computeLogGamma(px + q) - computeLogGamma(px) + px * (lnX[k] as number);
      sum += (counts[k] as number) * ((perX[k] as number) - lnGammaQ + q * Math.log(gamma));
    }
    for (let i = 0; i < clients.length; i++) {
      const px = p * (x[i] as number);
      sum += (px - 1) * (lnZ[i] as number) - (px + q) * Math.log(gamma + (x[i] as number) * (z[i] as number));
    }
    return sum;
  };
  const result = minimizeNelderMead(
    (t) => {
      if (t.some((v) => Math.abs(v) > 50)) return Infinity;
      const v = -logLikelihood(toParams(t)) - (prior === undefined ? 0 : computeLogPrior(prior, t));
      return Number.isFinite(v) ? v : Infinity;
    },
    prior === undefined ? [0, 0, Math.log(meanZ)] : [...prior.center],
    { fTolerance: 1e-12, xTolerance: 1e-9 },
  );
  const params = toParams(result.x);
  // A regularised fit keeps its best point: the prior holds it inside; only an impossible value fails.
  if (prior === undefined) describeFitFailure('Gamma-Gamma', params, result, 25);
  else describeFitFailure('Gamma-Gamma', params, { ...result, converged: true }, Infinity);
  return {
    params,
    logLikelihood: logLikelihood(params),
    clients: clients.length,
    evaluations: result.evaluations,
  };
}

/**
 * Expected spend per purchase of a client with x repeat purchases of mean zbar (Fader, Hardie and
 * Lee 2005b, eq. 5; Fader and Hardie 2013, eq. 4):
 * E[Z | x, zbar] = p (γ + x zbar) / (p x + q - 1), a weighted mean of the population mean
 * p γ / (q - 1) and the client's own zbar. For x = 0 it is the population mean. Returns null when
 * p x + q - 1 <= 0 (the mean does not exist: q <= 1 and no purchase history).
 */
export function computeExpectedSpend(params: GammaGammaParams, x: number, zbar: number): number | null {
  const { p, q, gamma } = params;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) return null;
  return (p * (gamma + x * zbar)) / denominator;
}

/**
 * Pearson's correlation of x and zbar among the repeat buyers: Gamma-Gamma assumes spend does not
 * depend on frequency, so it should be near 0. Returns null when fewer than 2 clients or no spread.
 */
export function computeFrequencySpendCorrelation(clients: readonly SpendSummary[]): number | null {
  const n = clients.length;
  if (n < 2) return null;
  const mx = clients.reduce((s, c) => s + c.x, 0) / n;
  const mz = clients.reduce((s, c) => s + c.zbar, 0) / n;
  let sxz = 0;
  let sxx = 0;
  let szz = 0;
  for (const c of clients) {
    sxz += (c.x - mx) * (c.zbar - mz);
    sxx += (c.x - mx) ** 2;
    szz += (c.zbar - mz) ** 2;
  }
  if (sxx === 0 || szz === 0) return null;
  return sxz / Math.sqrt(sxx * szz);
}
