/**
 * The BG/NBD model of repeat purchasing (Fader, Hardie and Lee, "Counting Your Customers the Easy
 * Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 2005).
 *
 * While active, a client buys at a Poisson rate λ (Gamma(r, α) across clients); after each repeat
 * purchase it drops out with probability p (Beta(a, b) across clients). A client is summarised by
 * x (repeat purchases), t_x (time of the last purchase since the first) and T (time from the
 * first purchase to the end of the calibration period), in one period unit.
 */
import { minimizeNelderMead } from './nelder-mead.js';
import { computeHyp2f1, computeLogGamma, computeLogSumExp } from './special.js';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** One client's frequency x (whole, >= 0), recency t_x and age T (0 <= t_x <= T), in periods. */
export interface RecencyFrequency {
  x: number;
  tx: number;
  T: number;
}

/** The fit failed: it did not converge or ran to a boundary of the parameter space. */
export class ModelFitError extends Error {
  /** The parameters that ran to 0 or infinity, with the direction, when that is the failure. */
  readonly boundary: { name: string; toward: 'zero' | 'infinity' }[];
  constructor(message: string, boundary: { name: string; toward: 'zero' | 'infinity' }[] = []) {
    super(message);
    this.name = 'ModelFitError';
    this.boundary = boundary;
  }
}

/**
 * A weak prior on the logarithms of a model's parameters: ln θ_i ~ Normal(center_i, sd²),
 * independent. Its log density (up to a constant) is added to the log-likelihood, which turns the
 * fit into a maximum a posteriori fit: it changes an interior optimum little, and keeps a
 * parameter that the data cannot pin down (a likelihood flat towards 0 or infinity) finite.
 */
export interface LogNormalPrior {
  /** ln of the prior's centre, one per parameter in the model's order. */
  center: readonly number[];
  /** Standard deviation on the log scale (3: a factor e^3 ≈ 20 either way is one sd). */
  sd: number;
}

/** The prior's log density at log-parameters t, up to a constant. */
export function computeLogPrior(prior: LogNormalPrior, t: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < t.length; i++) {
    const z = ((t[i] as number) - (prior.center[i] as number)) / prior.sd;
    sum -= (z * z) / 2;
  }
  return sum;
}

function checkParams(p: BgNbdParams): void {
  for (const [k, v] of Object.entries(p)) {
    if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`BG/NBD: ${k} must be above 0, got ${v}`);
  }
}

function checkClient(c: RecencyFrequency): void {
  if (!Number.isInteger(c.x) || c.x < 0)
    throw new RangeError(`BG/NBD: x must be a whole number >= 0, got ${c.x}`);
  if (!(c.tx >= 0 && c.T >= c.tx && Number.isFinite(c.T))) {
    throw new RangeError(`BG/NBD: expected 0 <= t_x <= T, got t_x = ${c.tx}, T = ${c.T}`);
  }
}

/**
 * One client's log-likelihood under BG/NBD (Fader, Hardie and Lee 2005, eq. 6, in the log form of
 * Hardie's note "Implementing the BG/NBD Model for Customer Base Analysis in Excel"):
 * LL = A1 + A2 + ln(exp(A3) + δ(x>0) exp(A4)) with
 * A1 = lnΓ(r+x) - lnΓ(r) + r ln α, A2 = lnΓ(a+b) + lnΓ(b+x) - lnΓ(b) - lnΓ(a+b+x),
 * A3 = -(r+x) ln(α+T), A4 = ln a - ln(b+x-1) - (r+x) ln(α+t_x).
 *
 * Throws a RangeError for parameters <= 0 or an impossible summary.
 */
export function computeBgNbdClientLogLikelihood(params: BgNbdParams, client: RecencyFrequency): number {
  checkParams(params);
  checkClient(client);
  const { r, alpha, a, b } = params;
  const { x, tx, T } = client;
  const a1 = computeLogGamma(r + x) - computeLogGamma(r) + r * Math.log(alpha);
  const a2 =
    computeLogGamma(a + b) + computeLogGamma(b + x) - computeLogGamma(b) - computeLogGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
  return a1 + a2 + computeLogSumExp(a3, a4);
}

/** The sample's log-likelihood: the sum of the clients' (see computeBgNbdClientLogLikelihood). */
export function computeBgNbdLogLikelihood(params: BgNbdParams, clients: readonly RecencyFrequency[]): number {
  let sum = 0;
  for (const c of clients) sum += computeBgNbdClientLogLikelihood(params, c);
  return sum;
}

/**
 * The same log-likelihood, precompiled for repeated evaluation during a fit: clients with the same
 * (x, t_x, T) are counted once with a weight, and the distinct values of x, t_x and T are indexed
 * once, so each evaluation costs a few logarithms per distinct value plus one exp and one log1p
 * per distinct repeat-buyer history. Returns NaN-free values; -Infinity for invalid
 * parameters.
 */
export function buildBgNbdLogLikelihood(clients: readonly RecencyFrequency[]): (p: BgNbdParams) => number {
  clients.forEach(checkClient);
  // Clients with the same (x, t_x, T) share their likelihood: count them once, with a weight.
  const groups = new Map<string, { client: RecencyFrequency; count: number }>();
  for (const c of clients) {
    const key = `${c.x}|${c.tx}|${c.T}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { client: c, count: 1 });
  }
  const distinctClients = [...groups.values()];
  const index = (values: number[]): { distinct: number[]; at: Int32Array } => {
    const distinct = [...new Set(values)].sort((u, v) => u - v);
    const pos = new Map(distinct.map((v, i) => [v, i]));
    return { distinct, at: Int32Array.from(values, (v) => pos.get(v) as number) };
  };
  const xs = distinctClients.map((g) => g.client.x);
  const maxX = xs.reduce((m, v) => Math.max(m, v), 0);
  const Ts = index(distinctClients.map((g) => g.client.T));
  const txs = index(distinctClients.map((g) => g.client.tx));
  const xArr = Int32Array.from(xs);
  const weight = Float64Array.from(distinctClients, (g) => g.count);
  const n = distinctClients.length;
  const lnAT = new Float64Array(Ts.distinct.length);
  const lnAtx = new Float64Array(txs.distinct.length);
  const a12 = new Float64Array(maxX + 1);
  const lnA4 = new Float64Array(maxX + 1);
  return ({ r, alpha, a, b }: BgNbdParams): number => {
    if (![r, alpha, a, b].every((v) => v > 0 && Number.isFinite(v))) return -Infinity;
    const lnAlpha = Math.log(alpha);
    for (let i = 0; i < lnAT.length; i++) lnAT[i] = Math.log(alpha + (Ts.distinct[i] as number));
    for (let i = 0; i < lnAtx.length; i++) lnAtx[i] = Math.log(alpha + (txs.distinct[i] as number));
    // A1 + A2 by whole x: ln Γ(r+x) - ln Γ(r) = sum ln(r+i), and likewise for b and a+b.
    let sr = 0;
    let sb = 0;
    let sab = 0;
    const lnA = Math.log(a);
    for (let x = 0; x <= maxX; x++) {
      a12[x] = sr + r * lnAlpha + sb - sab;
      lnA4[x] = x > 0 ? lnA - Math.log(b + x - 1) : -Infinity;
      sr += Math.log(r + x);
      sb += Math.log(b + x);
      sab += Math.log(a + b + x);
    }
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = xArr[i] as number;
      const a3 = -(r + x) * (lnAT[Ts.at[i] as number] as number);
      const w = weight[i] as number;
      if (x === 0) {
        sum += w * ((a12[0] as number) + a3);
      } else {
        const a4 = (lnA4[x] as number) - (r + x) * (lnAtx[txs.at[i] as number] as number);
        const m = a3 > a4 ? a3 : a4;
        sum += w * ((a12[x] as number) + m + Math.log1p(Math.exp(-Math.abs(a3 - a4))));
      }
    }
    return Number.isNaN(sum) ? -Infinity : sum;
  };
}

export interface BgNbdFit {
  params: BgNbdParams;
  /** The log-likelihood at params (without the prior's term, for a regularised fit). */
  logLikelihood: number;
  clients: number;
  evaluations: number;
  restarts: number;
}

/** Largest |ln parameter| accepted as an interior optimum (e^25 ≈ 7e10). */
const LOG_BOUND = 25;

/**
 * Fits BG/NBD by maximum likelihood: Nelder-Mead with restarts on the logarithms of (r, α, a, b),
 * so that the parameters stay positive. Starts from r = 1, α = mean T, a = 1, b = 1.
 *
 * Throws ModelFitError when the optimiser does not converge within its evaluation budget, or when
 * a parameter runs to 0 or infinity (the data hold no information on it, e.g. nobody drops out),
 * and a RangeError when there are no clients or no repeat purchases at all.
 */
export function fitBgNbd(
  clients: readonly RecencyFrequency[],
  options: { maxEvaluations?: number; prior?: LogNormalPrior } = {},
): BgNbdFit {
  if (clients.length === 0) throw new RangeError('BG/NBD: no clients to fit');
  const prior = options.prior;
  if (prior === undefined && !clients.some((c) => c.x > 0)) {
    throw new ModelFitError(
      'BG/NBD: no client made a repeat purchase, so the purchase rate cannot be estimated',
    );
  }
  const ll = buildBgNbdLogLikelihood(clients);
  const meanT = clients.reduce((s, c) => s + c.T, 0) / clients.length;
  const toParams = (t: readonly number[]): BgNbdParams => ({
    r: Math.exp(t[0] as number),
    alpha: Math.exp(t[1] as number),
    a: Math.exp(t[2] as number),
    b: Math.exp(t[3] as number),
  });
  const result = minimizeNelderMead(
    (t) =>
      t.some((v) => Math.abs(v) > 2 * LOG_BOUND)
        ? Infinity
        : -ll(toParams(t)) - (prior === undefined ? 0 : computeLogPrior(prior, t)),
    prior === undefined ? [0, Math.log(Math.max(meanT, 1e-6)), 0, 0] : [...prior.center],
    { maxEvaluations: options.maxEvaluations ?? 20_000, fTolerance: 1e-12, xTolerance: 1e-9 },
  );
  const params = toParams(result.x);
  // A regularised fit keeps its best point: the prior holds it inside; only an impossible value fails.
  if (prior === undefined) describeFitFailure('BG/NBD', params, result, LOG_BOUND);
  else describeFitFailure('BG/NBD', params, { ...result, converged: true }, Infinity);
  return {
    params,
    logLikelihood: ll(params),
    clients: clients.length,
    evaluations: result.evaluations,
    restarts: result.restarts,
  };
}

/** Throws ModelFitError when a fit did not converge or sits at a boundary. */
export function describeFitFailure(
  model: string,
  params: object,
  result: { converged: boolean; evaluations: number; value: number },
  logBound: number,
): void {
  const shown = Object.entries(params)
    .map(([k, v]) => `${k} = ${Number(v).toPrecision(4)}`)
    .join(', ');
  if (!Number.isFinite(result.value)) {
    throw new ModelFitError(
      `${model}: the likelihood could not be evaluated at any starting point (${shown})`,
    );
  }
  // Not converged with a parameter far out (e^9 ≈ 8,000 or below 1/8,000): it is drifting away.
  const limit = result.converged ? logBound : Math.min(logBound, 9);
  const atBound = Object.entries(params).filter(([, v]) => Math.abs(Math.log(Number(v))) > limit);
  if (atBound.length > 0) {
    throw new ModelFitError(
      `${model}: the fit ran to a boundary (${shown}): the data hold no information on ` +
        `${atBound.map(([k]) => k).join(', ')}; more clients or a longer history are needed`,
      atBound.map(([name, v]) => ({ name, toward: Number(v) > 1 ? 'infinity' : 'zero' })),
    );
  }
  if (!result.converged) {
    throw new ModelFitError(
      `${model}: the maximum-likelihood fit did not converge after ${result.evaluations} evaluations (${shown})`,
    );
  }
}

/**
 * The probability that a client is still active at T (Fader, Hardie and Lee 2005, eq. 13):
 * P(alive | x, t_x, T) = 1 / (1 + δ(x>0) a / (b+x-1) ((α+T)/(α+t_x))^(r+x)); 1 when x = 0.
 * Always in [0, 1]; computed in logs so large x cannot overflow.
 */
export function computeProbabilityAlive(params: BgNbdParams, client: RecencyFrequency): number {
  checkParams(params);
  checkClient(client);
  const { r, alpha, a, b } = params;
  const { x, tx, T } = client;
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** (a+b+x-1)/(a-1) x [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(α+T+t))], a ≠ 1. */
function computeExpectedAliveNumerator(params: BgNbdParams, x: number, T: number, t: number): number {
  const { r, alpha, a, b } = params;
  const c = a + b + x - 1;
  const h = computeHyp2f1(r + x, b + x, c, t / (alpha + T + t));
  const logPrefactor = (r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t));
  const product =
    Math.sign(h.mantissa) * Math.exp(Math.log(Math.abs(h.mantissa)) + h.logScale + logPrefactor);
  return (c / (a - 1)) * (1 - product);
}

/**
 * Expected purchases in the next t periods of a client with history (x, t_x, T) (Fader, Hardie
 * and Lee 2005, eq. 10):
 * E[Y(t) | x, t_x, T] = (a+b+x-1)/(a-1) [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(α+T+t))]
 *                       / (1 + δ(x>0) a/(b+x-1) ((α+T)/(α+t_x))^(r+x)).
 * The singularities at a = 1 and a+b+x-1 = 0 are removable; there the value is the mean of the two
 * sides at a ± 1e-5. Returns 0 for t = 0; throws a RangeError for t < 0.
 */
export function computeExpectedPurchases(params: BgNbdParams, client: RecencyFrequency, t: number): number {
  checkParams(params);
  checkClient(client);
  if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`BG/NBD: expected a horizon t >= 0, got ${t}`);
  if (t === 0) return 0;
  const { x, T } = client;
  const near = (p: BgNbdParams): boolean =>
    Math.abs(p.a - 1) < 1e-6 ||
    (Math.abs(p.a + p.b + x - 1 - Math.round(p.a + p.b + x - 1)) < 1e-6 && p.a + p.b + x - 1 < 0.5);
  const numerator = near(params)
    ? (computeExpectedAliveNumerator({ ...params, a: params.a - 1e-5 }, x, T, t) +
        computeExpectedAliveNumerator({ ...params, a: params.a + 1e-5 }, x, T, t)) /
      2
    : computeExpectedAliveNumerator(params, x, T, t);
  const value = numerator * computeProbabilityAlive(params, client);
  return Math.max(0, value);
}

/**
 * Expected repeat purchases of a new client in its first t periods (Fader, Hardie and Lee 2005,
 * eq. 9): E[X(t)] = (a+b-1)/(a-1) [1 - (α/(α+t))^r 2F1(r, b; a+b-1; t/(α+t))]. It equals the
 * conditional expectation for x = 0, t_x = 0, T = 0, which is how it is computed.
 */
export function computeExpectedRepeatPurchases(params: BgNbdParams, t: number): number {
  return computeExpectedPurchases(params, { x: 0, tx: 0, T: 0 }, t);
}
