/**
 * Client lifetime value: the predictive CLV of a client from BG/NBD and Gamma-Gamma, discounted
 * month by month, and the simple whole-file CLV from a retention rate.
 */
import { computeExpectedPurchases, type BgNbdParams, type RecencyFrequency } from './bgnbd.js';
import { computeCivilDate } from '../calendar.js';

export interface DiscountOptions {
  /** The prediction's horizon H, in periods. */
  horizonPeriods: number;
  /** Periods in one month M (weeks: 365.25 / 12 / 7). */
  periodsPerMonth: number;
  /** Monthly discount rate d (a fraction). */
  monthlyDiscountRate: number;
}

export interface ClientValue {
  /** E[Y(H) | x, t_x, T]: purchases expected within the horizon. */
  expectedPurchases: number;
  /** The discounted sum (money) before the margin, i.e. CLV / margin rate. */
  discountedRevenue: number;
}

/**
 * Predictive value of one client over the horizon H, discounted monthly:
 *   sum over months k = 1..K (K = ceil(H / M)) of
 *   spend x (E[Y(min(kM, H))] - E[Y((k-1)M)]) / (1 + d)^k  (the last month ends at H),
 * where E[Y(t)] is the BG/NBD conditional expectation, M the periods in a month and d the monthly
 * rate: the purchases expected in month k are discounted as if paid at the end of that month (the
 * scheme of the `lifetimes` library). Multiply by the margin rate to get the CLV.
 */
export function computeClientValue(
  params: BgNbdParams,
  client: RecencyFrequency,
  spend: number,
  options: DiscountOptions,
): ClientValue {
  const { horizonPeriods: H, periodsPerMonth: M, monthlyDiscountRate: d } = options;
  if (!(H >= 0) || !(M > 0) || !(d > -1)) {
    throw new RangeError(`computeClientValue: expected H >= 0, M > 0, d > -1; got ${H}, ${M}, ${d}`);
  }
  const months = Math.ceil(H / M - 1e-9);
  let previous = 0;
  let discounted = 0;
  for (let k = 1; k <= months; k++) {
    const cumulative = computeExpectedPurchases(params, client, k === months ? H : Math.min(k * M, H));
    discounted += (spend * Math.max(0, cumulative - previous)) / (1 + d) ** k;
    previous = Math.max(previous, cumulative);
  }
  return { expectedPurchases: previous, discountedRevenue: discounted };
}

/** A monthly rate equivalent to an annual one: (1 + annual)^(1/12) - 1. */
export function computeMonthlyRate(annualRate: number): number {
  return (1 + annualRate) ** (1 / 12) - 1;
}

/** Calendar month index (year x 12 + month - 1) of a day number (days since 1970-01-01, UTC). */
export function computeMonthIndex(day: number): number {
  const { year, month } = computeCivilDate(day);
  return year * 12 + month - 1;
}

export interface RetentionMeasure {
  /** Clients active (a purchase) in a month that is followed by another complete month. */
  activeClientMonths: number;
  /** ... who bought again in the next month. */
  retainedClientMonths: number;
  /** retained / active, or null when there is no pair of months. */
  rate: number | null;
  /** Month pairs measured. */
  monthPairs: number;
}

/**
 * Monthly retention measured from the purchase days: for each pair of consecutive calendar months
 * up to the last complete month (the as-of month counts only if the as-of day is its last day),
 * the clients who bought in the first month and the share of them who bought again in the next,
 * pooled over all pairs: rate = sum retained / sum active.
 */
export function computeMonthlyRetention(
  clients: readonly { purchaseDays: readonly number[] }[],
  asOfDay: number,
): RetentionMeasure {
  const lastComplete = computeMonthIndex(asOfDay + 1) - 1;
  let first = Infinity;
  const monthSets = clients.map((c) => {
    const set = new Set(c.purchaseDays.map(computeMonthIndex));
    for (const m of set) first = Math.min(first, m);
    return set;
  });
  let active = 0;
  let retained = 0;
  const pairs = Math.max(0, lastComplete - first);
  for (const set of monthSets) {
    for (const m of set) {
      if (m + 1 > lastComplete) continue;
      active++;
      if (set.has(m + 1)) retained++;
    }
  }
  return {
    activeClientMonths: active,
    retainedClientMonths: retained,
    rate: active > 0 ? retained / active : null,
    monthPairs: Number.isFinite(pairs) ? pairs : 0,
  };
}

/**
 * The simple CLV of one client: margin per period x retention / (1 + discount - retention), the
 * value of the margins of the following periods under a constant retention rate and a discount
 * rate per period. Throws a RangeError unless 0 <= retention <= 1 and discount > -1, and when
 * 1 + discount - retention <= 0.
 */
export function computeSimpleClv(marginPerPeriod: number, retention: number, discountRate: number): number {
  if (!(retention >= 0 && retention <= 1) || !(discountRate > -1) || !(1 + discountRate - retention > 0)) {
    throw new RangeError(
      `computeSimpleClv: expected 0 <= retention <= 1 and 1 + discount - retention > 0; got ${retention}, ${discountRate}`,
    );
  }
  return (marginPerPeriod * retention) / (1 + discountRate - retention);
}
