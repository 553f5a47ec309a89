/**
 * From orders to the models' per-client summary (frequency, recency, age, mean repeat spend), as
 * the papers build it for CDNOW: a purchase is a day with orders (several orders on one day count
 * once, their amounts added); x = purchase days - 1; t_x = days from the first to the last
 * purchase day; T = days from the first purchase day to the end of the calibration period; both
 * divided by the period's length in days; zbar = the mean amount of the repeat purchase days.
 */

import { computeCents } from '../money.js';

export type PeriodUnit = 'day' | 'week' | 'month';

/** Days in one period: a month is 365.25 / 12 = 30.4375 days. */
export const DAYS_PER_PERIOD: Record<PeriodUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

export interface Order {
  clientId: string;
  /** Days since 1970-01-01 (UTC), a whole number. */
  day: number;
  amount: number;
  /** Gross margin of the order in money, when the file has a margin column. */
  margin?: number | null;
  /** Where the order came from, for the rejects (1-based line). */
  line?: number;
}

export type OrderRejectReason = 'afterAsOf';

export interface OrderReject {
  order: Order;
  reason: OrderRejectReason;
}

export interface ClientSummary {
  clientId: string;
  /** Repeat purchases: purchase days - 1. */
  x: number;
  /** Recency: first to last purchase day, in periods. */
  tx: number;
  /** Age: first purchase day to the as-of day, in periods. */
  T: number;
  /** Mean amount of the repeat purchase days; 0 when x = 0. */
  zbar: number;
  firstDay: number;
  lastDay: number;
  orders: number;
  /** All amounts up to the as-of day, the first purchase included, credit notes netted. */
  revenue: number;
  /** Credit notes (negative amounts) up to the as-of day: netted in `revenue`, not purchases. */
  creditNotes: number;
  /** The margin column's total, or null when the orders carry no margin. */
  margin: number | null;
  /** The purchase days, in order (for the retention measure). */
  purchaseDays: number[];
  /** The amount of each purchase day, in the same order. */
  purchaseAmounts: number[];
}

export interface SummaryResult {
  clients: ClientSummary[];
  rejects: OrderReject[];
  /** Credit notes up to the as-of day (all clients) and their total (negative). */
  creditNotes: { count: number; amount: number };
  /** Clients whose only lines up to the as-of day are credit notes: no purchase, not modelled. */
  creditOnlyClients: string[];
}

/**
 * Builds the per-client summary of the calibration period ending on `asOfDay` (inclusive).
 * Orders after the as-of day are left out (they come back in `rejects`). A credit note (negative
 * amount, DOMAIN.md section 8) is netted in the client's revenue and margin but is not a
 * purchase: it adds no purchase day and no amount to the spend model; a client with credit notes
 * only is left out of the models and listed in `creditOnlyClients`. An
 * order of amount 0 is a purchase, as in the papers' CDNOW summary (which has 8 such orders in
 * its calibration period); a repeat buyer whose mean repeat amount is 0 cannot enter the
 * Gamma-Gamma fit, which the caller handles. Clients are returned in order of first appearance.
 */
export function buildClientSummaries(
  orders: readonly Order[],
  asOfDay: number,
  unit: PeriodUnit,
): SummaryResult {
  const perDay = DAYS_PER_PERIOD[unit];
  const rejects: OrderReject[] = [];
  const byClient = new Map<
    string,
    { days: Map<number, number>; orders: number; margin: number | null; credits: number; creditNotes: number }
  >();
  let creditCount = 0;
  let creditCents = 0;
  for (const order of orders) {
    if (order.day > asOfDay) {
      rejects.push({ order, reason: 'afterAsOf' });
      continue;
    }
    let entry = byClient.get(order.clientId);
    if (!entry) {
      entry = { days: new Map(), orders: 0, margin: null, credits: 0, creditNotes: 0 };
      byClient.set(order.clientId, entry);
    }
    // Sums in whole cents (docs/numbers.md): exact, whatever the order of the orders.
    if (order.margin !== undefined && order.margin !== null)
      entry.margin = (entry.margin ?? 0) + computeCents(order.margin);
    if (order.amount < 0) {
      const credit = computeCents(order.amount);
      entry.credits += credit;
      entry.creditNotes++;
      creditCount++;
      creditCents += credit;
      continue;
    }
    entry.days.set(order.day, (entry.days.get(order.day) ?? 0) + computeCents(order.amount));
    entry.orders++;
  }
  const clients: ClientSummary[] = [];
  const creditOnlyClients: string[] = [];
  for (const [clientId, entry] of byClient) {
    if (entry.days.size === 0) {
      creditOnlyClients.push(clientId);
      continue;
    }
    const days = [...entry.days.keys()].sort((u, v) => u - v);
    const cents = days.map((d) => entry.days.get(d) as number);
    const amounts = cents.map((c) => c / 100);
    const firstDay = days[0] as number;
    const lastDay = days[days.length - 1] as number;
    const x = days.length - 1;
    const repeat = cents.slice(1).reduce((s, v) => s + v, 0) / 100;
    clients.push({
      clientId,
      x,
      tx: (lastDay - firstDay) / perDay,
      T: (asOfDay - firstDay) / perDay,
      zbar: x > 0 ? repeat / x : 0,
      firstDay,
      lastDay,
      orders: entry.orders,
      revenue: (cents.reduce((s, v) => s + v, 0) + entry.credits) / 100,
      creditNotes: entry.creditNotes,
      margin: entry.margin === null ? null : entry.margin / 100,
      purchaseDays: days,
      purchaseAmounts: amounts,
    });
  }
  return {
    clients,
    rejects,
    creditNotes: { count: creditCount, amount: creditCents / 100 },
    creditOnlyClients,
  };
}
