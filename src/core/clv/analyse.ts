/**
 * `prospect clv` as one pure calculation: orders in, per-client history and predictive value,
 * the fitted models, the simple whole-file CLV, the portfolio and the rankings out.
 */
import { computeCents } from '../money.js';
import { computeProbabilityAlive, ModelFitError, type BgNbdFit, type RecencyFrequency } from './bgnbd.js';
import { computeExpectedSpend, computeFrequencySpendCorrelation, type GammaGammaFit } from './gamma-gamma.js';
import { fitBgNbdForBook, fitGammaGammaForBook, type ModelChoice } from './small-book.js';
import {
  buildClientSummaries,
  DAYS_PER_PERIOD,
  type ClientSummary,
  type Order,
  type PeriodUnit,
} from './summary.js';
import {
  computeClientValue,
  computeMonthIndex,
  computeMonthlyRate,
  computeMonthlyRetention,
  computeSimpleClv,
  type RetentionMeasure,
} from './value.js';

export interface ClvOptions {
  /** Last day of the calibration period (day number, inclusive). */
  asOfDay: number;
  unit: PeriodUnit;
  /** Prediction horizon, in periods of `unit`. */
  horizonPeriods: number;
  /** Gross margin as a fraction of revenue; null: from the orders' margin column, else 1 (revenue). */
  marginRate: number | null;
  /** Annual discount rate (fraction); discounted monthly at (1 + rate)^(1/12) - 1. */
  annualDiscountRate: number;
  /** Monthly retention for the simple CLV; null: measured from the orders. */
  retention: number | null;
  /** Clients in each ranking. */
  top: number;
  /** P(alive) below which a client is "likely lost". */
  lostBelow: number;
}

export interface ClientClv {
  clientId: string;
  /** Repeat purchases, recency and age in periods; mean repeat spend. */
  frequency: number;
  recency: number;
  age: number;
  monetaryValue: number;
  orders: number;
  purchases: number;
  firstDay: number;
  lastDay: number;
  revenue: number;
  /** Gross margin to date (revenue x margin rate, or the margin column). */
  margin: number;
  averageOrderValue: number;
  marginRate: number;
  probabilityAlive: number;
  expectedPurchases: number;
  expectedSpend: number;
  /** Discounted expected margin over the horizon. */
  clv: number;
}

export interface SimpleClv {
  retention: number;
  retentionSource: 'measured' | 'given';
  measure: RetentionMeasure;
  /** Margin per client and month among the clients who bought in that month. */
  marginPerActiveMonth: number;
  monthlyDiscountRate: number;
  /** m x r / (1 + d - r). */
  valuePerClient: number;
  /** Clients who bought in the last complete month, to whom the value applies. */
  activeClients: number;
  total: number;
}

export interface ClvResult {
  options: ClvOptions;
  periodsPerMonth: number;
  monthlyDiscountRate: number;
  marginSource: 'flag' | 'column' | 'none';
  clients: ClientClv[];
  bgnbd: BgNbdFit;
  gammaGamma: GammaGammaFit;
  /** How each model was fitted (maximum likelihood, or regularised on a small book) and why. */
  fits: { bgnbd: ModelChoice; gammaGamma: ModelChoice };
  /** Pearson of x and zbar among the repeat buyers used for Gamma-Gamma. */
  frequencySpendCorrelation: number | null;
  /** Repeat buyers left out of the spend fit because their repeat purchases total 0. */
  spendFitExcluded: number;
  /** Expected spend of clients without repeat purchases when Gamma-Gamma has no mean (q <= 1). */
  spendFallback: number | null;
  simple: SimpleClv | null;
  portfolio: {
    clients: number;
    revenue: number;
    margin: number;
    expectedPurchases: number;
    clv: number;
    oneOrderClients: number;
  };
  topByClv: ClientClv[];
  likelyLost: ClientClv[];
  rejects: { afterAsOf: number };
  /** Credit notes up to the as-of day: netted in revenue and margin, not purchases. */
  creditNotes: { count: number; amount: number; clientsWithoutPurchase: string[] };
  rejected: ReturnType<typeof buildClientSummaries>['rejects'];
}

/**
 * Runs the whole analysis on orders (see buildClientSummaries for how orders become purchases):
 * BG/NBD on (x, t_x, T), Gamma-Gamma on the repeat buyers' zbar, then per client
 * CLV = margin rate x sum over months of expected spend x expected purchases in the month,
 * discounted monthly (computeClientValue). A model that the book cannot support by maximum
 * likelihood (a boundary, no repeat purchase) is fitted with a weak prior instead (small-book.ts)
 * and `fits` says so; ModelFitError only when there is no client at all.
 */
export function computeClvAnalysis(orders: readonly Order[], options: ClvOptions): ClvResult {
  const {
    clients: summaries,
    rejects,
    creditNotes,
    creditOnlyClients,
  } = buildClientSummaries(orders, options.asOfDay, options.unit);
  if (summaries.length === 0) throw new ModelFitError('no client has an order on or before the as-of date');
  const periodsPerMonth = 365.25 / 12 / DAYS_PER_PERIOD[options.unit];
  const monthlyDiscountRate = computeMonthlyRate(options.annualDiscountRate);
  const { source: marginSource, rates: marginRates } = computeMarginRates(summaries, options.marginRate);
  const totalRevenue = summaries.reduce((s, c) => s + computeCents(c.revenue), 0) / 100;

  // Small books: a fit that runs to a boundary falls back to a regularised fit (small-book.ts).
  const { fit: bgnbd, choice: bgnbdChoice } = fitBgNbdForBook(summaries);
  const spenders = summaries.filter((c) => c.x > 0 && c.zbar > 0).map((c) => ({ x: c.x, zbar: c.zbar }));
  let purchaseTotal = 0;
  let purchaseCount = 0;
  for (const c of summaries) {
    for (const a of c.purchaseAmounts) purchaseTotal += a;
    purchaseCount += c.purchaseAmounts.length;
  }
  const { fit: gammaGamma, choice: gammaGammaChoice } = fitGammaGammaForBook(
    spenders,
    purchaseCount > 0 ? purchaseTotal / purchaseCount : 1,
  );
  const spendFitExcluded = summaries.filter((c) => c.x > 0 && !(c.zbar > 0)).length;
  const allPurchases = summaries.reduce((s, c) => s + c.x + 1, 0);
  const spendFallback =
    computeExpectedSpend(gammaGamma.params, 0, 0) === null && allPurchases > 0
      ? totalRevenue / allPurchases
      : null;

  const discount = { horizonPeriods: options.horizonPeriods, periodsPerMonth, monthlyDiscountRate };
  const clients: ClientClv[] = summaries.map((c, i) => {
    const rf: RecencyFrequency = { x: c.x, tx: c.tx, T: c.T };
    const spend = computeExpectedSpend(gammaGamma.params, c.x, c.zbar) ?? (spendFallback as number);
    const value = computeClientValue(bgnbd.params, rf, spend, discount);
    const marginRate = marginRates[i] as number;
    return {
      clientId: c.clientId,
      frequency: c.x,
      recency: c.tx,
      age: c.T,
      monetaryValue: c.zbar,
      orders: c.orders,
      purchases: c.x + 1,
      firstDay: c.firstDay,
      lastDay: c.lastDay,
      revenue: c.revenue,
      margin: c.margin !== null && options.marginRate === null ? c.margin : c.revenue * marginRate,
      averageOrderValue: c.revenue / c.orders,
      marginRate,
      probabilityAlive: computeProbabilityAlive(bgnbd.params, rf),
      expectedPurchases: value.expectedPurchases,
      expectedSpend: spend,
      clv: value.discountedRevenue * marginRate,
    };
  });

  const simple = computeSimpleFileClv(summaries, clients, options, monthlyDiscountRate);
  const byClv = [...clients].sort((u, v) => v.clv - u.clv || u.clientId.localeCompare(v.clientId));
  const likelyLost = clients
    .filter((c) => c.probabilityAlive < options.lostBelow)
    .sort((u, v) => v.margin - u.margin || u.clientId.localeCompare(v.clientId));
  return {
    options,
    periodsPerMonth,
    monthlyDiscountRate,
    marginSource,
    clients,
    bgnbd,
    gammaGamma,
    fits: { bgnbd: bgnbdChoice, gammaGamma: gammaGammaChoice },
    frequencySpendCorrelation: computeFrequencySpendCorrelation(spenders),
    spendFitExcluded,
    spendFallback,
    simple,
    portfolio: {
      clients: clients.length,
      revenue: totalRevenue,
      margin: clients.reduce((s, c) => s + c.margin, 0),
      expectedPurchases: clients.reduce((s, c) => s + c.expectedPurchases, 0),
      clv: clients.reduce((s, c) => s + c.clv, 0),
      oneOrderClients: clients.filter((c) => c.frequency === 0).length,
    },
    topByClv: byClv.slice(0, options.top),
    likelyLost: likelyLost.slice(0, options.top),
    rejects: { afterAsOf: rejects.length },
    creditNotes: { ...creditNotes, clientsWithoutPurchase: creditOnlyClients },
    rejected: rejects,
  };
}

/**
 * Each client's margin rate: the flag's rate for all; else, with a margin column, the client's
 * margin / revenue, or the file's ratio (margin / revenue over the clients with margins) for a
 * client without margin values; else 1 (values in revenue).
 */
export function computeMarginRates(
  summaries: readonly ClientSummary[],
  marginRate: number | null,
): { source: 'flag' | 'column' | 'none'; rates: number[] } {
  if (marginRate !== null) return { source: 'flag', rates: summaries.map(() => marginRate) };
  const withMargin = summaries.filter((c) => c.margin !== null);
  if (withMargin.length === 0) return { source: 'none', rates: summaries.map(() => 1) };
  const revenue = withMargin.reduce((s, c) => s + c.revenue, 0);
  const fileRate = revenue > 0 ? withMargin.reduce((s, c) => s + (c.margin as number), 0) / revenue : 1;
  return {
    source: 'column',
    rates: summaries.map((c) => (c.margin !== null && c.revenue > 0 ? c.margin / c.revenue : fileRate)),
  };
}

/**
 * The simple CLV of the file: the margin per client and month among the clients who bought in the
 * month (complete months up to the as-of day), the monthly retention (measured, or given), and
 * m x r / (1 + d - r) with the monthly discount rate; null when retention cannot be measured.
 */
export function computeSimpleFileClv(
  summaries: readonly ClientSummary[],
  clients: readonly ClientClv[],
  options: ClvOptions,
  monthlyDiscountRate: number,
): SimpleClv | null {
  const measure = computeMonthlyRetention(summaries, options.asOfDay);
  const retention = options.retention ?? measure.rate;
  if (retention === null) return null;
  const lastComplete = computeMonthIndex(options.asOfDay + 1) - 1;
  let margin = 0;
  let activeMonths = 0;
  let activeLast = 0;
  summaries.forEach((s, i) => {
    const rate = (clients[i] as ClientClv).marginRate;
    const months = new Set<number>();
    s.purchaseDays.forEach((d, j) => {
      const m = computeMonthIndex(d);
      if (m > lastComplete) return;
      months.add(m);
      margin += (s.purchaseAmounts[j] as number) * rate;
    });
    activeMonths += months.size;
    if (months.has(lastComplete)) activeLast++;
  });
  if (activeMonths === 0 || 1 + monthlyDiscountRate - retention <= 0) return null;
  const marginPerActiveMonth = margin / activeMonths;
  const valuePerClient = computeSimpleClv(marginPerActiveMonth, retention, monthlyDiscountRate);
  return {
    retention,
    retentionSource: options.retention === null ? 'measured' : 'given',
    measure,
    marginPerActiveMonth,
    monthlyDiscountRate,
    valuePerClient,
    activeClients: activeLast,
    total: valuePerClient * activeLast,
  };
}
