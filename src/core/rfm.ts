/**
 * RFM (recency, frequency, monetary) scores and segments, as the R package `rfm` 0.3.0 computes
 * them (DOMAIN.md section 4): type-7 quantile breaks plus one, bins `[lower, upper)`, recency
 * reversed, first matching segment wins, "Others" for the rest.
 */
import type { Texts } from '../i18n.js';
import { computeQuantileSorted, computeSeqProbabilities } from './quantile.js';
import { sortNumbers } from './sort-numbers.js';
import { growTypedArray as grown } from './typed-arrays.js';
import { computeCents } from './money.js';

/** One client's metrics, from orders or as given by a client table. */
export interface RfmClient {
  clientId: string;
  /** Days from the last order to the analysis date (whole days, >= 0). */
  recencyDays: number;
  /** Number of order rows (two orders on one day count twice). */
  transactionCount: number;
  /** Total amount in euros (summed in exact cents from orders). */
  amount: number;
  /** Day number (days since 1970-01-01) of the last order, when known. */
  lastOrderDay?: number;
}

export type RfmMetric = 'recency' | 'frequency' | 'monetary';

/** How one metric is cut into scores. */
export type Binning =
  { kind: 'quantile'; bins: number } | { kind: 'breaks'; breaks: number[] } | { kind: 'ntile'; bins: number };

/** The bins used for one metric: breaks, and each bin's `[lower, upper)` as R's `threshold` table shows. */
export interface MetricBins {
  metric: RfmMetric;
  method: Binning['kind'];
  bins: number;
  /** Inner breaks (n - 1 values); for ntile, the smallest value of bins 2..n (informative). */
  breaks: number[];
  lower: number[];
  upper: number[];
  /** Clients per bin index (1..n), so an empty bin shows as 0. */
  counts: number[];
}

/**
 * Per-client metrics as columns, position i being one client: what the order totals give without
 * an object per client (200,000 clients: no 200,000 objects to make, keep and collect).
 */
export interface RfmColumns {
  /** Each client's id, by position. */
  clientIds: readonly string[];
  recencyDays: Float64Array;
  transactionCount: Float64Array;
  amount: Float64Array;
  /** Day number of the last order, NaN when not known (a client table of recency days). */
  lastOrderDay: Float64Array;
}

/**
 * The columns of clients given as objects (a client table, the DuckDB engine, tests).
 * @example buildRfmColumns([{ clientId: 'A', recencyDays: 3, transactionCount: 2, amount: 10 }])
 */
export function buildRfmColumns(clients: readonly RfmClient[]): RfmColumns {
  const n = clients.length;
  const columns: RfmColumns = {
    clientIds: clients.map((c) => c.clientId),
    recencyDays: new Float64Array(n),
    transactionCount: new Float64Array(n),
    amount: new Float64Array(n),
    lastOrderDay: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = clients[i] as RfmClient;
    columns.recencyDays[i] = c.recencyDays;
    columns.transactionCount[i] = c.transactionCount;
    columns.amount[i] = c.amount;
    columns.lastOrderDay[i] = c.lastOrderDay ?? Number.NaN;
  }
  return columns;
}

/**
 * Orders summed per client number (0, 1, 2..., as a reader's interned keys give them) in typed
 * arrays: no object and no string per order. Memory grows with clients, not orders.
 */
export interface RfmTotals {
  /** Adds one order of client number `client`: day number and amount in euros. */
  add(client: number, day: number, amount: number): void;
  /** `add(clients[i], days[i], amounts[i])` for i in [0, count), in order: the same totals, in
   * one loop whose arrays stay in registers (faster than `add` row by row). */
  addMany(clients: Int32Array, days: Float64Array, amounts: Float64Array, count: number): void;
  /** Number of distinct clients with a purchase. */
  size(): number;
  /** The per-client metrics at the analysis day, clients with a purchase in the order of their
   * first line; `clientIds[client]` names each client. */
  build(clientIds: readonly string[], asOfDay: number): RfmClient[];
  /** The same clients as `build`, in the same order, as columns. */
  columns(clientIds: readonly string[], asOfDay: number): RfmColumns;
  /** Credit notes added (negative amounts; always 0 with `as-orders`). */
  creditNotes(): number;
  /** The clients whose only lines are credit notes (no purchase), in the order of their first line. */
  creditOnlyClients(clientIds: readonly string[]): string[];
  /** Every client with a line, in the order of their first line: its number, cents, last purchase
   * day (meaningless without a purchase) and purchases (for `merge` into the totals of the file's
   * earlier lines; a part read by another thread). */
  exportTotals(): { clients: Int32Array; cents: Float64Array; lastDays: Int32Array; purchases: Int32Array };
  /** Adds the totals of a later part of the file for client number `client` (see exportTotals):
   * the same totals as `add` of each of its lines, in order. */
  merge(client: number, cents: number, lastDay: number, purchases: number): void;
  /** Counts the credit notes of a later part of the file (see merge). */
  addCreditNotes(count: number): void;
}

/**
 * Creates order totals per client number: last purchase day, number of purchases and amount in
 * integer cents (so 0.1 + 0.2 gives exactly 0.30). A credit note (negative amount) is netted in
 * the amount but, with `as-credit` (the default, DOMAIN.md section 8), is not a purchase: it
 * neither refreshes the last purchase day nor counts; `as-orders` counts every row as R `rfm` does.
 * @example const t = createRfmTotals(); t.add(0, 20000, 10.5); t.build(['A'], 20010)
 */
/** Orders summed by blocks of this many: their clients' totals read first (`addMany`). */
const TOUCH_BLOCK = 128;
/** What the reads ahead read, kept so that they are not optimised away. */
let _touched = 0;

export function createRfmTotals(creditNotes: 'as-credit' | 'as-orders' = 'as-credit'): RfmTotals {
  // One client's cents (a double), last purchase day and 1 + its purchases (0: no line yet; two
  // int32) side by side in 16 bytes: four clients a cache line, one line touched per order added,
  // and 200,000 clients in 3.2 MB, half the 32 bytes of four doubles (the per-order adds are
  // memory reads at random: a smaller table is more often in the processor's cache). Day numbers
  // are whole days (the reader's), well within an int32; a client's purchases below 2^31.
  let capacity = 1024;
  let cents = new Float64Array(2 * capacity);
  let words = new Int32Array(cents.buffer);
  let order = new Int32Array(1024);
  let size = 0;
  let credits = 0;
  const netOnly = creditNotes === 'as-credit';
  const grow = (client: number): void => {
    capacity = Math.max(capacity * 2, client + 1);
    const bigger = new Float64Array(2 * capacity);
    bigger.set(cents);
    cents = bigger;
    words = new Int32Array(bigger.buffer);
  };
  /** Purchases of client number `c` (present in `order`). */
  const countOf = (c: number): number => (words[c * 4 + 3] as number) - 1;
  return {
    add(client, day, amount) {
      if (client >= capacity) grow(client);
      const at = client * 4;
      let seen = words[at + 3] as number;
      if (seen === 0) {
        if (size === order.length) order = grown(order, size + 1);
        order[size++] = client;
        seen = 1;
      }
      cents[client * 2] = (cents[client * 2] as number) + computeCents(amount);
      if (amount < 0 && netOnly) {
        credits++;
        words[at + 3] = seen;
        return;
      }
      if (seen === 1 || day > (words[at + 2] as number)) words[at + 2] = day;
      words[at + 3] = seen + 1;
    },
    addMany(clients, days, amounts, count) {
      let most = -1;
      for (let i = 0; i < count; i++) if ((clients[i] as number) > most) most = clients[i] as number;
      if (most >= capacity) grow(most);
      if (size + count > order.length) order = grown(order, size + count);
      const c = cents;
      const w = words;
      const firsts = order;
      let n = size;
      let notes = 0;
      let touched = 0;
      for (let from = 0; from < count; from += TOUCH_BLOCK) {
        const to = Math.min(count, from + TOUCH_BLOCK);
        // The clients of the block read first, independent reads that the processor runs side by
        // side; the sums below then find them in the cache (see KeyTable.touch).
        for (let i = from; i < to; i++) touched += w[(clients[i] as number) * 4 + 3] as number;
        for (let i = from; i < to; i++) {
          const client = clients[i] as number;
          const day = days[i] as number;
          const amount = amounts[i] as number;
          const at = client * 4;
          let seen = w[at + 3] as number;
          if (seen === 0) {
            firsts[n++] = client;
            seen = 1;
          }
          c[client * 2] = (c[client * 2] as number) + computeCents(amount);
          if (amount < 0 && netOnly) {
            notes++;
            w[at + 3] = seen;
            continue;
          }
          if (seen === 1 || day > (w[at + 2] as number)) w[at + 2] = day;
          w[at + 3] = seen + 1;
        }
      }
      size = n;
      credits += notes;
      _touched = touched;
    },
    size() {
      let n = 0;
      for (let i = 0; i < size; i++) if (countOf(order[i] as number) > 0) n++;
      return n;
    },
    build(clientIds, asOfDay) {
      const clients: RfmClient[] = [];
      for (let i = 0; i < size; i++) {
        const c = order[i] as number;
        const count = countOf(c);
        if (count === 0) continue;
        const last = words[c * 4 + 2] as number;
        clients.push({
          clientId: clientIds[c] as string,
          recencyDays: asOfDay - last,
          transactionCount: count,
          amount: (cents[c * 2] as number) / 100,
          lastOrderDay: last,
        });
      }
      return clients;
    },
    columns(clientIds, asOfDay) {
      let n = 0;
      for (let i = 0; i < size; i++) if (countOf(order[i] as number) > 0) n++;
      const ids = new Array<string>(n);
      const recencyDays = new Float64Array(n);
      const transactionCount = new Float64Array(n);
      const amount = new Float64Array(n);
      const lastOrderDay = new Float64Array(n);
      let j = 0;
      for (let i = 0; i < size; i++) {
        const c = order[i] as number;
        const count = countOf(c);
        if (count === 0) continue;
        const last = words[c * 4 + 2] as number;
        ids[j] = clientIds[c] as string;
        recencyDays[j] = asOfDay - last;
        transactionCount[j] = count;
        amount[j] = (cents[c * 2] as number) / 100;
        lastOrderDay[j] = last;
        j++;
      }
      return { clientIds: ids, recencyDays, transactionCount, amount, lastOrderDay };
    },
    creditNotes: () => credits,
    creditOnlyClients(clientIds) {
      const out: string[] = [];
      for (let i = 0; i < size; i++) {
        const c = order[i] as number;
        if (countOf(c) === 0) out.push(clientIds[c] as string);
      }
      return out;
    },
    addCreditNotes(count) {
      credits += count;
    },
    exportTotals() {
      const clients = order.slice(0, size);
      const sums = new Float64Array(size);
      const lastDays = new Int32Array(size);
      const purchases = new Int32Array(size);
      for (let i = 0; i < size; i++) {
        const c = clients[i] as number;
        sums[i] = cents[c * 2] as number;
        lastDays[i] = words[c * 4 + 2] as number;
        purchases[i] = countOf(c);
      }
      return { clients, cents: sums, lastDays, purchases };
    },
    merge(client, sum, lastDay, purchases) {
      if (client >= capacity) grow(client);
      const at = client * 4;
      const seen = words[at + 3] as number;
      if (seen === 0) {
        if (size === order.length) order = grown(order, size + 1);
        order[size++] = client;
      }
      // Whole cents below 2^53 (AmountRange): the sum is exact in any order.
      cents[client * 2] = (cents[client * 2] as number) + sum;
      if (purchases > 0 && (seen <= 1 || lastDay > (words[at + 2] as number))) words[at + 2] = lastDay;
      words[at + 3] = Math.max(seen, 1) + purchases;
    },
  };
}

/** Accumulates orders per client id in one pass; memory grows with clients, not orders. */
export interface RfmAccumulator {
  /** Adds one order: day number and amount in euros. */
  add(clientId: string, day: number, amount: number): void;
  /** Number of distinct clients so far. */
  size(): number;
  /** The per-client metrics at the analysis day (day number), clients with a purchase only. */
  build(asOfDay: number): RfmClient[];
  /** Credit notes added (see createRfmTotals). */
  creditNotes(): number;
  /** The clients whose only lines are credit notes. */
  creditOnlyClients(): string[];
}

/**
 * RfmTotals keyed by client id (for callers with ids in hand rather than a reader's keys).
 * @example const acc = createRfmAccumulator(); acc.add('A', 20000, 10.5); acc.build(20010)
 */
export function createRfmAccumulator(creditNotes: 'as-credit' | 'as-orders' = 'as-credit'): RfmAccumulator {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const totals = createRfmTotals(creditNotes);
  return {
    add(clientId, day, amount) {
      let client = index.get(clientId);
      if (client === undefined) {
        client = ids.length;
        // A flat copy of the id: a substring of the reader's chunk would keep the chunk alive.
        const key = (' ' + clientId).slice(1);
        index.set(key, client);
        ids.push(key);
      }
      totals.add(client, day, amount);
    },
    size: () => totals.size(),
    build: (asOfDay) => totals.build(ids, asOfDay),
    creditNotes: () => totals.creditNotes(),
    creditOnlyClients: () => totals.creditOnlyClients(ids),
  };
}

/**
 * The inner breaks of R `rfm`'s `bins()`: type-7 quantiles at `k / n` for k = 1..n-1, each plus 1.
 * @throws RangeError on an empty sample or fewer than 1 bin.
 * @example computeQuantileBreaks([1, 2, 3, 4, 5], 2) // [4]: the median 3, plus 1
 */
export function computeQuantileBreaks(values: ArrayLike<number>, bins: number): number[] {
  return quantileBreaksOfSorted(sortNumbers(Float64Array.from(values)), bins);
}

/** computeQuantileBreaks of values already sorted ascending. */
function quantileBreaksOfSorted(sorted: Float64Array, bins: number): number[] {
  const probabilities = computeSeqProbabilities(bins);
  return probabilities.slice(1, -1).map((p) => computeQuantileSorted(sorted, p) + 1);
}

/**
 * The bin (1-based) of a value among ascending inner breaks: bin i is `[break_{i-1}, break_i)`,
 * so the index is 1 + the number of breaks <= value. Equal values always share a bin.
 * @example computeBinIndex(4, [2, 4, 6]) // 3
 */
export function computeBinIndex(value: number, breaks: readonly number[]): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((breaks[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

function metricValue(client: RfmClient, metric: RfmMetric): number {
  return metric === 'recency'
    ? client.recencyDays
    : metric === 'frequency'
      ? client.transactionCount
      : client.amount;
}

/**
 * Scores one metric for every client. Quantile and user breaks: bin index by value (R `rfm`);
 * frequency and monetary score = bin, recency score = n + 1 - bin. Ntile: equal-count buckets
 * over the clients sorted by value (ties by client id), the first `N mod n` buckets one larger, as
 * SQL's NTILE; recency sorted descending so that the most recent get n.
 * @throws RangeError on no clients, bins < 1, or user breaks not strictly ascending.
 * @example computeMetricScores(clients, 'frequency', { kind: 'quantile', bins: 5 })
 */
export function computeMetricScores(
  clients: readonly RfmClient[],
  metric: RfmMetric,
  binning: Binning,
): { scores: Int32Array; bins: MetricBins } {
  const values = new Float64Array(clients.length);
  for (let i = 0; i < clients.length; i++) values[i] = metricValue(clients[i] as RfmClient, metric);
  return scoreValues(values, () => clients.map((c) => c.clientId), metric, binning);
}

/** computeMetricScores of one metric's column; `idsOf` gives the ids (ntile's ties only). */
function scoreValues(
  values: Float64Array,
  idsOf: () => readonly string[],
  metric: RfmMetric,
  binning: Binning,
): { scores: Int32Array; bins: MetricBins } {
  if (values.length === 0) throw new RangeError('no clients to score');
  const scores = new Int32Array(values.length);
  if (binning.kind === 'ntile') {
    const n = binning.bins;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`expected a whole number of bins >= 1, got ${n}`);
    // Positions sorted, not clients: the comparator reads two typed arrays and, on ties, the ids.
    const ids = idsOf();
    const descending = metric === 'recency';
    const order = new Uint32Array(values.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => {
      const d = descending
        ? (values[b] as number) - (values[a] as number)
        : (values[a] as number) - (values[b] as number);
      if (d !== 0) return d;
      const ia = ids[a] as string;
      const ib = ids[b] as string;
      // Equal ids keep their input order, as the stable sort of the clients did.
      return ia < ib ? -1 : ia > ib ? 1 : a - b;
    });
    const size = Math.floor(order.length / n);
    const larger = order.length % n;
    const counts = new Array<number>(n).fill(0);
    const lower = new Array<number>(n).fill(Number.NaN);
    const upper = new Array<number>(n).fill(Number.NaN);
    let position = 0;
    for (let bucket = 1; bucket <= n; bucket++) {
      const take = size + (bucket <= larger ? 1 : 0);
      for (let j = 0; j < take; j++) {
        const i = order[position++] as number;
        scores[i] = bucket;
        const v = values[i] as number;
        const bin = metric === 'recency' ? n - bucket : bucket - 1;
        counts[bin] = (counts[bin] as number) + 1;
        if (!(v >= (lower[bin] as number))) lower[bin] = v;
        if (!(v <= (upper[bin] as number))) upper[bin] = v;
      }
    }
    const breaks = lower.slice(1);
    return { scores, bins: { metric, method: 'ntile', bins: n, breaks, lower, upper, counts } };
  }
  const sorted = sortNumbers(Float64Array.from(values));
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  let breaks: number[];
  if (binning.kind === 'quantile') breaks = quantileBreaksOfSorted(sorted, binning.bins);
  else {
    breaks = [...binning.breaks];
    for (let k = 1; k < breaks.length; k++) {
      if (!((breaks[k] as number) > (breaks[k - 1] as number)))
        throw new RangeError(`breaks must be strictly ascending: ${breaks.join(', ')}`);
    }
  }
  const n = breaks.length + 1;
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < values.length; i++) {
    const bin = computeBinIndex(values[i] as number, breaks);
    counts[bin - 1] = (counts[bin - 1] as number) + 1;
    scores[i] = metric === 'recency' ? n + 1 - bin : bin;
  }
  return {
    scores,
    bins: {
      metric,
      method: binning.kind,
      bins: n,
      breaks,
      lower: [min, ...breaks],
      upper: [...breaks, max + 1],
      counts,
    },
  };
}

/** A named segment: inclusive score ranges for R, F and M, and optional advice. */
export interface SegmentRule {
  name: Texts;
  recency: [number, number];
  frequency: [number, number];
  monetary: [number, number];
  advice?: Texts;
}

/** The segment for clients that match no rule. */
export const OTHERS_SEGMENT: Texts = { en: 'Others', fr: 'Autres' };

/** The documented set of DOMAIN.md section 4 (the R package's vignette), in order, with actions. */
export const DEFAULT_SEGMENTS: readonly SegmentRule[] = [
  {
    name: { en: 'Champions', fr: 'Champions' },
    recency: [5, 5],
    frequency: [5, 5],
    monetary: [5, 5],
    advice: {
      en: 'Reward them; ask for referrals and reviews; offer early access.',
      fr: 'Les récompenser ; demander recommandations et avis ; offrir les nouveautés en avant-première.',
    },
  },
  {
    name: { en: 'Potential Loyalist', fr: 'Fidèles en devenir' },
    recency: [3, 5],
    frequency: [3, 5],
    monetary: [2, 5],
    advice: {
      en: 'Offer a loyalty programme or a contract; recommend related products.',
      fr: 'Proposer un programme de fidélité ou un contrat ; recommander des produits associés.',
    },
  },
  {
    name: { en: 'Loyal Customers', fr: 'Clients fidèles' },
    recency: [2, 4],
    frequency: [2, 4],
    monetary: [2, 4],
    advice: {
      en: 'Upsell higher-value offers; keep regular contact.',
      fr: 'Proposer une montée en gamme ; garder un contact régulier.',
    },
  },
  {
    name: { en: 'Promising', fr: 'Prometteurs' },
    recency: [3, 4],
    frequency: [1, 3],
    monetary: [3, 5],
    advice: {
      en: 'Build the relationship: follow up, show the range, offer a trial.',
      fr: 'Construire la relation : relancer, présenter la gamme, proposer un essai.',
    },
  },
  {
    name: { en: 'New Customers', fr: 'Nouveaux clients' },
    recency: [4, 5],
    frequency: [1, 3],
    monetary: [1, 5],
    advice: {
      en: 'Onboard them well; call after the first order; plan the second.',
      fr: 'Soigner l’accueil ; appeler après la première commande ; préparer la deuxième.',
    },
  },
  {
    name: { en: "Can't Lose Them", fr: 'À ne pas perdre' },
    recency: [1, 2],
    frequency: [3, 4],
    monetary: [4, 5],
    advice: {
      en: 'Win them back now: a visit from a senior person, a tailored offer.',
      fr: 'Les reconquérir sans attendre : visite d’un responsable, offre sur mesure.',
    },
  },
  {
    name: { en: 'At Risk', fr: 'À risque' },
    recency: [1, 2],
    frequency: [2, 5],
    monetary: [4, 5],
    advice: {
      en: 'Call them: find what changed; send a personal offer.',
      fr: 'Les appeler : comprendre ce qui a changé ; envoyer une offre personnalisée.',
    },
  },
  {
    name: { en: 'Need Attention', fr: 'À surveiller' },
    recency: [1, 3],
    frequency: [3, 5],
    monetary: [3, 5],
    advice: {
      en: 'Reactivate with a limited-time offer based on their past purchases.',
      fr: 'Réactiver par une offre limitée dans le temps fondée sur leurs achats passés.',
    },
  },
  {
    name: { en: 'About To Sleep', fr: 'En sommeil' },
    recency: [2, 3],
    frequency: [1, 3],
    monetary: [1, 4],
    advice: {
      en: 'Share useful content and a reason to come back before they lapse.',
      fr: 'Partager du contenu utile et une raison de revenir avant qu’ils ne décrochent.',
    },
  },
  {
    name: { en: 'Lost', fr: 'Perdus' },
    recency: [1, 1],
    frequency: [1, 5],
    monetary: [1, 5],
    advice: {
      en: 'Try one win-back campaign; otherwise spend the effort elsewhere.',
      fr: 'Tenter une campagne de reconquête ; sinon consacrer l’effort ailleurs.',
    },
  },
];

function within(score: number, range: readonly [number, number]): boolean {
  return score >= range[0] && score <= range[1];
}

/**
 * The index of the first rule whose inclusive ranges contain the three scores, or -1 ("Others"),
 * as R `rfm_segment` assigns them.
 * @example assignSegment(5, 5, 5, DEFAULT_SEGMENTS) // 0 (Champions)
 */
export function assignSegment(
  recencyScore: number,
  frequencyScore: number,
  monetaryScore: number,
  rules: readonly SegmentRule[],
): number {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as SegmentRule;
    if (
      within(recencyScore, rule.recency) &&
      within(frequencyScore, rule.frequency) &&
      within(monetaryScore, rule.monetary)
    )
      return i;
  }
  return -1;
}

export interface RfmOptions {
  recency: Binning;
  frequency: Binning;
  monetary: Binning;
  segments: readonly SegmentRule[];
}

/** One scored client. */
export interface RfmScoredClient extends RfmClient {
  recencyScore: number;
  frequencyScore: number;
  monetaryScore: number;
  /** 100 R + 10 F + M. */
  rfmScore: number;
  /** Index into the rules, or -1 for "Others". */
  segment: number;
}

/** Per segment: clients, orders, revenue, average order value and medians. */
export interface SegmentSummary {
  segment: number;
  name: Texts;
  advice?: Texts;
  clients: number;
  orders: number;
  revenue: number;
  /** revenue / orders, null when there are no orders. */
  averageOrderValue: number | null;
  medianRecencyDays: number;
  medianFrequency: number;
  medianAmount: number;
}

/** One cell of the heat map: mean amount of the clients with these F and R scores. */
export interface HeatCell {
  frequencyScore: number;
  recencyScore: number;
  clients: number;
  meanAmount: number | null;
}

/** Each client's scores and segment, by position (as in `RfmColumns`). */
export interface RfmScores {
  recency: Int32Array;
  frequency: Int32Array;
  monetary: Int32Array;
  /** Index into the rules, or -1 for "Others". */
  segment: Int32Array;
}

export interface RfmResult {
  /** Every client scored, in input order: objects made on first use from `columns` and `scores`
   * (a CSV of 200,000 clients reads the columns and never makes them). */
  readonly clients: RfmScoredClient[];
  /** The clients' metrics, in input order. */
  columns: RfmColumns;
  scores: RfmScores;
  bins: Record<RfmMetric, MetricBins>;
  segments: SegmentSummary[];
  heatmap: HeatCell[];
  /** Clients per score value, 1..n, for each metric. */
  distribution: Record<RfmMetric, number[]>;
}

/**
 * The median as R's `median`: the middle value, or the mean of the two middle ones.
 * @throws RangeError on an empty sample.
 * @example computeMedian([3, 1, 2, 10]) // 2.5
 */
export function computeMedian(values: ArrayLike<number>): number {
  return medianOfSorted(sortNumbers(Float64Array.from(values)));
}

/** computeMedian of values already sorted ascending. */
function medianOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('the median of an empty sample is undefined');
  const half = n >> 1;
  return n % 2 === 1
    ? (sorted[half] as number)
    : ((sorted[half - 1] as number) + (sorted[half] as number)) / 2;
}

/**
 * Scores every client, assigns segments, and summarises: per segment (R's `rfm_segment_summary`
 * plus medians), the heat map of mean amount per (F, R) score, and the score distribution.
 * Segment summary rows follow the rules' order, then "Others"; empty segments are left out.
 * @throws RangeError on no clients or invalid binning.
 * @example computeRfm(clients, { recency: q5, frequency: q5, monetary: q5, segments: DEFAULT_SEGMENTS })
 */
export function computeRfm(clients: readonly RfmClient[], options: RfmOptions): RfmResult {
  return computeRfmOfColumns(buildRfmColumns(clients), options);
}

/**
 * computeRfm of clients given as columns (the order totals' `columns`): the same result, without
 * an object per client until `clients` is read.
 * @throws RangeError on no clients or invalid binning.
 * @example computeRfmOfColumns(totals.columns(ids, asOfDay), { recency: q5, frequency: q5, monetary: q5, segments })
 */
export function computeRfmOfColumns(columns: RfmColumns, options: RfmOptions): RfmResult {
  const idsOf = (): readonly string[] => columns.clientIds;
  const r = scoreValues(columns.recencyDays, idsOf, 'recency', options.recency);
  const f = scoreValues(columns.transactionCount, idsOf, 'frequency', options.frequency);
  const m = scoreValues(columns.amount, idsOf, 'monetary', options.monetary);
  const n = columns.recencyDays.length;
  const rules = options.segments;
  // A client's slot is its rule index, or rules.length for "Others": the order of the summary rows.
  const othersSlot = rules.length;
  const slots = new Int32Array(n);
  const segmentOf = new Int32Array(n);
  const slotSizes = new Int32Array(othersSlot + 1);
  // The segment of every (R, F, M) scores, worked out once (at most 20 x 20 x 20 of them).
  const nR = r.bins.bins;
  const nF = f.bins.bins;
  const nM = m.bins.bins;
  const lookup = new Int32Array(nR * nF * nM);
  for (let rs = 1; rs <= nR; rs++)
    for (let fs = 1; fs <= nF; fs++)
      for (let ms = 1; ms <= nM; ms++)
        lookup[((rs - 1) * nF + fs - 1) * nM + ms - 1] = assignSegment(rs, fs, ms, rules);
  for (let i = 0; i < n; i++) {
    const segment = lookup[
      (((r.scores[i] as number) - 1) * nF + (f.scores[i] as number) - 1) * nM + (m.scores[i] as number) - 1
    ] as number;
    segmentOf[i] = segment;
    const slot = segment >= 0 ? segment : othersSlot;
    slots[i] = slot;
    slotSizes[slot] = (slotSizes[slot] as number) + 1;
  }

  // One pass over the clients fills every segment: sums in client order, and each metric's values
  // in a typed array of the segment's size, sorted afterwards for the medians.
  const groups = Array.from(slotSizes, (size) => ({
    size: 0,
    orders: 0,
    revenueCents: 0,
    recencyDays: new Float64Array(size),
    transactionCounts: new Float64Array(size),
    amounts: new Float64Array(size),
  }));
  const { recencyDays, transactionCount, amount } = columns;
  for (let i = 0; i < n; i++) {
    const g = groups[slots[i] as number] as (typeof groups)[number];
    const j = g.size++;
    g.orders += transactionCount[i] as number;
    g.revenueCents += computeCents(amount[i] as number);
    g.recencyDays[j] = recencyDays[i] as number;
    g.transactionCounts[j] = transactionCount[i] as number;
    g.amounts[j] = amount[i] as number;
  }
  const segments: SegmentSummary[] = [];
  for (let slot = 0; slot <= othersSlot; slot++) {
    const g = groups[slot] as (typeof groups)[number];
    if (g.size === 0) continue;
    const rule = slot < othersSlot ? rules[slot] : undefined;
    const revenue = g.revenueCents / 100;
    segments.push({
      segment: slot < othersSlot ? slot : -1,
      name: rule ? rule.name : OTHERS_SEGMENT,
      ...(rule?.advice ? { advice: rule.advice } : {}),
      clients: g.size,
      orders: g.orders,
      revenue,
      averageOrderValue: g.orders > 0 ? revenue / g.orders : null,
      medianRecencyDays: medianOfSorted(sortNumbers(g.recencyDays)),
      medianFrequency: medianOfSorted(sortNumbers(g.transactionCounts)),
      medianAmount: medianOfSorted(sortNumbers(g.amounts)),
    });
  }

  const heatmap: HeatCell[] = [];
  const sums = new Float64Array(nF * nR);
  const counts = new Int32Array(nF * nR);
  for (let i = 0; i < n; i++) {
    const k = ((f.scores[i] as number) - 1) * nR + ((r.scores[i] as number) - 1);
    sums[k] = (sums[k] as number) + (amount[i] as number);
    counts[k] = (counts[k] as number) + 1;
  }
  for (let fs = 1; fs <= nF; fs++) {
    for (let rs = 1; rs <= nR; rs++) {
      const k = (fs - 1) * nR + (rs - 1);
      const count = counts[k] as number;
      heatmap.push({
        frequencyScore: fs,
        recencyScore: rs,
        clients: count,
        meanAmount: count > 0 ? (sums[k] as number) / count : null,
      });
    }
  }
  const distribution = (scores: Int32Array, n: number): number[] => {
    const d = new Array<number>(n).fill(0);
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i] as number;
      d[s - 1] = (d[s - 1] as number) + 1;
    }
    return d;
  };
  const scores: RfmScores = {
    recency: r.scores,
    frequency: f.scores,
    monetary: m.scores,
    segment: segmentOf,
  };
  let scored: RfmScoredClient[] | undefined;
  return {
    get clients() {
      scored ??= buildScoredClients(columns, scores);
      return scored;
    },
    columns,
    scores,
    bins: { recency: r.bins, frequency: f.bins, monetary: m.bins },
    segments,
    heatmap,
    distribution: {
      recency: distribution(r.scores, r.bins.bins),
      frequency: distribution(f.scores, f.bins.bins),
      monetary: distribution(m.scores, m.bins.bins),
    },
  };
}

/** The scored clients as objects, from the columns and scores of a result. */
function buildScoredClients(columns: RfmColumns, scores: RfmScores): RfmScoredClient[] {
  const n = columns.recencyDays.length;
  // Built property by property (no object spread): the same hidden class for every client,
  // which keeps later passes fast on hundreds of thousands of clients.
  const scored = new Array<RfmScoredClient>(n);
  for (let i = 0; i < n; i++) {
    const recencyScore = scores.recency[i] as number;
    const frequencyScore = scores.frequency[i] as number;
    const monetaryScore = scores.monetary[i] as number;
    const last = columns.lastOrderDay[i] as number;
    scored[i] = {
      clientId: columns.clientIds[i] as string,
      recencyDays: columns.recencyDays[i] as number,
      transactionCount: columns.transactionCount[i] as number,
      amount: columns.amount[i] as number,
      lastOrderDay: Number.isNaN(last) ? undefined : last,
      recencyScore,
      frequencyScore,
      monetaryScore,
      rfmScore: 100 * recencyScore + 10 * frequencyScore + monetaryScore,
      segment: scores.segment[i] as number,
    };
  }
  return scored;
}
