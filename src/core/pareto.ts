/**
 * Pareto (ABC) analysis, DOMAIN.md section 3: clients sorted by value descending (ties by client
 * id), cumulative share in exact cents, a client belongs to the class in which its cumulative share
 * BEFORE it falls (so the client that crosses 80 % is still A); concentration figures; cross-tabs
 * against a maturity field and effort bands.
 */
import type { Texts } from '../i18n.js';
import { computeCents } from './money.js';
import { growTypedArray as grown } from './typed-arrays.js';
import { computeQuantileSorted } from './quantile.js';
import { sortNumbers } from './sort-numbers.js';

/** One client's value (and optional attributes for the cross-tabs). */
export interface ParetoInput {
  clientId: string;
  /** Value in euros; converted to integer cents. */
  value: number;
  maturity?: string | null;
  effort?: number | null;
}

/** How the crossing client is classed: `before` (the project's rule) or `including` (<= threshold). */
export type BoundaryRule = 'before' | 'including';

export interface ParetoOptions {
  /** Cumulative-share thresholds as fractions, ascending, each in (0, 1): [0.8, 0.95] gives A, B, C. */
  thresholds: number[];
  rule?: BoundaryRule;
}

export interface ParetoClient {
  rank: number;
  clientId: string;
  value: number;
  valueCents: number;
  /** value / total of positive values (the base of the shares). */
  share: number;
  /** Cumulative share including this client (non-positive clients add nothing). */
  cumulativeShare: number;
  /** Class index: 0 = A, 1 = B, ... */
  classIndex: number;
  className: string;
  /** True when the client's total is zero or negative: kept in the last class. */
  nonPositive: boolean;
  maturity?: string | null;
  effort?: number | null;
}

export interface ParetoClassSummary {
  classIndex: number;
  className: string;
  clients: number;
  shareOfClients: number;
  value: number;
  shareOfValue: number;
  /** The cumulative-share threshold that closes the class (1 for the last). */
  upTo: number;
}

export interface ParetoConcentration {
  clients: number;
  /** Sum of all values (netted). */
  total: number;
  /** Sum of positive values: the base of every share. */
  positiveTotal: number;
  nonPositiveClients: number;
  /** Number of clients in the top 20 %: ceil(N / 5). */
  top20Clients: number;
  /** Share of value made by the top 20 % of clients. */
  top20Share: number;
  /** Smallest number of top clients whose cumulative value reaches 80 %. */
  clientsFor80: number;
  shareOfClientsFor80: number;
  /** Gini coefficient of the values (non-positive counted as 0). */
  gini: number;
}

export interface ParetoResult {
  /** Every client by rank: objects made on first use (a CSV of 200,000 clients reads `client(i)`
   * one at a time and never holds them all). */
  readonly clients: ParetoClient[];
  /** The client of rank `i + 1` (0 <= i < concentration.clients), made on each call. */
  client(i: number): ParetoClient;
  classes: ParetoClassSummary[];
  concentration: ParetoConcentration;
  thresholds: number[];
  rule: BoundaryRule;
}

/**
 * The class names for a number of classes: A, B, C, ... (Z then AA is not needed: at most 26).
 * @example computeClassNames(3) // ['A', 'B', 'C']
 */
export function computeClassNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i));
}

/** Thresholds as integer millionths, so class boundaries in cents are exact (BigInt). */
function toMillionths(fraction: number): bigint {
  return BigInt(Math.round(fraction * 1_000_000));
}

export { computeCents };

/**
 * The Gini coefficient of non-negative values: with x sorted ascending and i = 1..n,
 * G = 2 sum(i x_i) / (n sum x) - (n + 1) / n; 0 when all are equal, (n - 1) / n when one holds
 * all. Returns 0 when the sum is 0.
 * @example computeGini([0, 0, 0, 10]) // 0.75
 */
export function computeGini(values: readonly number[]): number {
  return giniOfAscending(Float64Array.from(values, (v) => Math.max(0, v)).sort());
}

/** computeGini of non-negative values already sorted ascending. */
function giniOfAscending(x: Float64Array): number {
  const n = x.length;
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    sum += x[i] as number;
    weighted += (i + 1) * (x[i] as number);
  }
  if (n === 0 || sum === 0) return 0;
  return (2 * weighted) / (n * sum) - (n + 1) / n;
}

/**
 * The positions of clients by value, highest first, then by id; equal ids keep their input order
 * (as a stable sort of the rows would). Values in whole cents: when `cents * count` stays exact,
 * one sort of numbers without a comparator (`-cents * count + position`, about ten times faster
 * on 200,000 clients, measured), then each run of equal values sorted by id; else a comparator.
 */
export function sortByValueThenId(centsOf: Float64Array, ids: readonly string[]): Uint32Array {
  const count = centsOf.length;
  const order = new Uint32Array(count);
  const byId = (a: number, b: number): number => {
    const x = ids[a] as string;
    const y = ids[b] as string;
    return x < y ? -1 : x > y ? 1 : a - b;
  };
  let largest = 0;
  for (let i = 0; i < count; i++) largest = Math.max(largest, Math.abs(centsOf[i] as number));
  if ((largest + 1) * count >= Number.MAX_SAFE_INTEGER) {
    for (let i = 0; i < count; i++) order[i] = i;
    order.sort((a, b) => {
      const ca = centsOf[a] as number;
      const cb = centsOf[b] as number;
      return ca !== cb ? cb - ca : byId(a, b);
    });
    return order;
  }
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = -(centsOf[i] as number) * count + i;
  keys.sort();
  for (let i = 0; i < count; i++) {
    // The position, key mod count: key / count is -cents + position / count, which is at least
    // 1 / count from an integer, more than half a unit in the last place of cents below
    // 2^53 / count, so the rounded division stays on the right side of the integer.
    const key = keys[i] as number;
    order[i] = key - Math.floor(key / count) * count;
  }
  // Runs of equal values (in position order so far) sorted by id.
  for (let start = 0; start < count;) {
    const cents = centsOf[order[start] as number] as number;
    let end = start + 1;
    while (end < count && centsOf[order[end] as number] === cents) end++;
    if (end - start > 1) order.set(order.subarray(start, end).sort(byId), start);
    start = end;
  }
  return order;
}

/**
 * Classes the clients A/B/C (or more) by value. Sorted by value descending, ties by client id
 * (code-unit order). With the `before` rule a client is in the first class k whose threshold t_k
 * is above its cumulative share before it (cumBefore < t_k x total); with `including`, the first
 * whose threshold is at or above its cumulative share including it. Clients with zero or negative
 * totals go to the last class and are flagged. Shares are of the positive total, in exact cents
 * (boundaries computed in BigInt once, then integer comparisons).
 * @throws RangeError when the thresholds are not ascending fractions in (0, 1), or more than 25.
 * @example computePareto([{ clientId: 'a', value: 80 }, { clientId: 'b', value: 20 }], { thresholds: [0.8, 0.95] })
 */
export function computePareto(inputs: readonly ParetoInput[], options: ParetoOptions): ParetoResult {
  return computeParetoOfColumns(buildParetoColumns(inputs), options);
}

/**
 * The columns of clients given as objects, values turned into cents (computeCents).
 * @example buildParetoColumns([{ clientId: 'a', value: 80.5 }]).cents // Float64Array [8050]
 */
export function buildParetoColumns(inputs: readonly ParetoInput[]): ParetoColumns {
  const count = inputs.length;
  const cents = new Float64Array(count);
  const clientIds = new Array<string>(count);
  const maturity = new Array<string | null | undefined>(count);
  const effort = new Array<number | null | undefined>(count);
  for (let i = 0; i < count; i++) {
    const input = inputs[i] as ParetoInput;
    cents[i] = computeCents(input.value);
    clientIds[i] = input.clientId;
    maturity[i] = input.maturity;
    effort[i] = input.effort;
  }
  return { clientIds, cents, maturity, effort };
}

/** Clients as columns, position i being one client (in input order). */
export interface ParetoColumns {
  clientIds: readonly string[];
  /** Each client's value in whole cents. */
  cents: Float64Array;
  /** The attributes of the cross-tabs, when given (undefined for a client: none given). */
  maturity?: readonly (string | null | undefined)[];
  effort?: readonly (number | null | undefined)[];
}

/**
 * computePareto of clients given as columns (values in cents): the same result, without an
 * object per client until `clients` is read.
 * @throws RangeError as computePareto.
 * @example computeParetoOfColumns({ clientIds: ['a', 'b'], cents: Float64Array.of(8000, 2000) }, { thresholds: [0.8] })
 */
export function computeParetoOfColumns(columns: ParetoColumns, options: ParetoOptions): ParetoResult {
  const thresholds = options.thresholds;
  const rule = options.rule ?? 'before';
  if (thresholds.length > 25) throw new RangeError('at most 25 thresholds');
  for (let i = 0; i < thresholds.length; i++) {
    const t = thresholds[i] as number;
    if (!(t > 0 && t < 1)) throw new RangeError(`threshold ${t} is outside (0, 1)`);
    if (i > 0 && !(t > (thresholds[i - 1] as number)))
      throw new RangeError(`thresholds must be ascending: ${thresholds.join(', ')}`);
  }
  const names = computeClassNames(thresholds.length + 1);
  const last = thresholds.length;
  const limits = thresholds.map(toMillionths);

  // Positions sorted, not row objects: the comparator reads a typed array of cents and, on ties,
  // the ids; equal ids keep their input order, as the stable sort of rows did.
  const { clientIds: ids, cents: centsOf, maturity, effort } = columns;
  const count = centsOf.length;
  const order = sortByValueThenId(centsOf, ids);
  // The values by rank, gathered once: the passes below read them in order.
  const centsAt = new Float64Array(count);
  for (let i = 0; i < count; i++) centsAt[i] = centsOf[order[i] as number] as number;
  // Sums of integer cents stay exact in doubles up to 2^53 cents (90 000 billion euros).
  let positiveCents = 0;
  let totalCents = 0;
  for (let i = 0; i < count; i++) {
    const cents = centsAt[i] as number;
    totalCents += cents;
    if (cents > 0) positiveCents += cents;
  }
  if (!Number.isSafeInteger(positiveCents) || !Number.isSafeInteger(totalCents))
    throw new RangeError('the total is too large to be summed in exact cents');
  const base = positiveCents;
  // Class boundaries in whole cents, computed once in BigInt: with t = L / 10^6,
  // cumBefore < t x total  <=>  cumBefore < ceil(L x total / 10^6)   (rule "before"),
  // cumIncluding <= t x total  <=>  cumIncluding <= floor(L x total / 10^6)   (rule "including").
  const million = 1_000_000n;
  const bounds = limits.map((l) => {
    const product = l * BigInt(positiveCents);
    const floor = product / million;
    return Number(rule === 'before' && floor * million < product ? floor + 1n : floor);
  });
  // Per class, in the same pass: clients and value in cents. Per rank: the cumulative cents
  // including the client, and its class.
  const classClients = new Array<number>(names.length).fill(0);
  const classCents = new Array<number>(names.length).fill(0);
  const cumulativeAt = new Float64Array(count);
  const classAt = new Uint8Array(count);
  let nonPositiveClients = 0;
  let cumulative = 0;
  for (let i = 0; i < count; i++) {
    const cents = centsAt[i] as number;
    const before = cumulative;
    const nonPositive = cents <= 0;
    if (!nonPositive) cumulative += cents;
    let classIndex = last;
    if (!nonPositive) {
      const probe = rule === 'before' ? before : cumulative;
      for (let k = 0; k < bounds.length; k++) {
        const bound = bounds[k] as number;
        if (rule === 'before' ? probe < bound : probe <= bound) {
          classIndex = k;
          break;
        }
      }
    }
    cumulativeAt[i] = cumulative;
    classAt[i] = classIndex;
    classClients[classIndex] = (classClients[classIndex] as number) + 1;
    classCents[classIndex] = (classCents[classIndex] as number) + cents;
    if (nonPositive) nonPositiveClients++;
  }
  const client = (i: number): ParetoClient => {
    const position = order[i] as number;
    const cents = centsAt[i] as number;
    const classIndex = classAt[i] as number;
    const made: ParetoClient = {
      rank: i + 1,
      clientId: ids[position] as string,
      value: cents / 100,
      valueCents: cents,
      share: base > 0 ? cents / base : 0,
      cumulativeShare: base > 0 ? (cumulativeAt[i] as number) / base : 0,
      classIndex,
      className: names[classIndex] as string,
      nonPositive: cents <= 0,
    };
    const m = maturity?.[position];
    if (m !== undefined) made.maturity = m;
    const e = effort?.[position];
    if (e !== undefined) made.effort = e;
    return made;
  };

  const n = count;
  const classes: ParetoClassSummary[] = names.map((className, k) => {
    const members = classClients[k] as number;
    const cents = classCents[k] as number;
    return {
      classIndex: k,
      className,
      clients: members,
      shareOfClients: n > 0 ? members / n : 0,
      value: cents / 100,
      shareOfValue: base > 0 ? cents / base : 0,
      upTo: k < last ? (thresholds[k] as number) : 1,
    };
  });

  const top20Clients = Math.ceil(n / 5);
  let topCents = 0;
  for (let i = 0; i < top20Clients; i++) topCents += Math.max(0, centsAt[i] as number);
  let clientsFor80 = 0;
  if (positiveCents > 0) {
    // running / total >= 0.8  <=>  5 x running >= 4 x total, exact below 2^53 / 5 cents.
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += Math.max(0, centsAt[i] as number);
      clientsFor80++;
      if (5 * running >= 4 * positiveCents) break;
    }
  }
  // The clients are sorted by value descending, so read backwards their values are ascending, as
  // computeGini would sort them (max(0, v) keeps that order).
  const ascending = new Float64Array(n);
  for (let i = 0; i < n; i++) ascending[i] = Math.max(0, (centsAt[n - 1 - i] as number) / 100);
  let clients: ParetoClient[] | undefined;
  return {
    get clients() {
      clients ??= Array.from({ length: n }, (_, i) => client(i));
      return clients;
    },
    client,
    classes,
    thresholds: [...thresholds],
    rule,
    concentration: {
      clients: n,
      total: totalCents / 100,
      positiveTotal: base / 100,
      nonPositiveClients,
      top20Clients,
      top20Share: base > 0 ? topCents / base : 0,
      clientsFor80,
      shareOfClientsFor80: n > 0 ? clientsFor80 / n : 0,
      gini: giniOfAscending(ascending),
    },
  };
}

/** Netted order values per client number (a reader's interned keys), in integer cents. */
export interface ValueTotals {
  add(client: number, value: number): void;
  /** `add(clients[i], values[i])` for i in [0, count), in order: the same totals, in one loop
   * whose arrays stay in registers (about twice as fast on 5 million orders as `add` row by row). */
  addMany(clients: Int32Array, values: Float64Array, count: number): void;
  /** Clients in the order of their first line; `clientIds[client]` names each client. `orders`
   * counts purchases: with `as-credit`, a credit note nets the value but is not an order. */
  build(clientIds: readonly string[]): { clientId: string; value: number; orders: number }[];
  /** The same clients as `build`, in the same order, as columns: ids, the client number of each
   * (`keys`, to look up what the caller keeps per client number) and the value in cents. */
  columns(clientIds: readonly string[]): { clientIds: string[]; keys: Int32Array; cents: Float64Array };
  /** Credit notes added (negative values; always 0 with `as-orders`). */
  creditNotes(): number;
  /** Every client in the order of its first line: its number, cents and orders (for `merge` into
   * the totals of the file's earlier lines; a part read by another thread). */
  exportTotals(): { clients: Int32Array; cents: Float64Array; orders: Int32Array };
  /** Adds the totals of a later part of the file for client number `client` (see exportTotals):
   * the same totals as `add` of each of its lines, in order. */
  merge(client: number, cents: number, orders: number): void;
  /** Counts the credit notes of a later part of the file (see merge). */
  addCreditNotes(count: number): void;
}

/**
 * Creates value totals per client number, netted in exact cents (credit notes are negative
 * amounts), in typed arrays: no object per order. With `as-credit` (the default, DOMAIN.md
 * section 8) a credit note lowers the value but does not count as an order.
 * @example const t = createValueTotals(); t.add(0, 10); t.add(0, -2.5); t.build(['a'])
 */
/** Orders netted by blocks of this many: their clients' totals read first (`addMany`). */
const TOUCH_BLOCK = 128;
/** What the reads ahead read, kept so that they are not optimised away. */
let _touched = 0;

export function createValueTotals(creditNotes: 'as-credit' | 'as-orders' = 'as-credit'): ValueTotals {
  // Per client number: its cents, NaN until its first line (8 bytes, eight clients a cache line:
  // the per-order adds are memory reads at random, and 200,000 clients take 1.6 MB, a third of
  // the 24 bytes of three doubles), and apart its orders (4 bytes).
  let cents = new Float64Array(1024).fill(Number.NaN);
  let orders = new Int32Array(1024);
  let order = new Int32Array(1024);
  let size = 0;
  let credits = 0;
  const netOnly = creditNotes === 'as-credit';
  const grow = (client: number): void => {
    const length = cents.length;
    cents = grown(cents, client + 1);
    cents.fill(Number.NaN, length);
    orders = grown(orders, cents.length);
  };
  return {
    add(client, value) {
      if (client >= cents.length) grow(client);
      const sum = cents[client] as number;
      if (sum !== sum) {
        if (size === order.length) order = grown(order, size + 1);
        order[size++] = client;
        cents[client] = 0 + computeCents(value); // 0 + -0 is 0, as a sum from 0 gives
      } else {
        cents[client] = sum + computeCents(value);
      }
      if (value < 0 && netOnly) credits++;
      else orders[client] = (orders[client] as number) + 1;
    },
    addMany(clients, values, count) {
      let most = -1;
      for (let i = 0; i < count; i++) if ((clients[i] as number) > most) most = clients[i] as number;
      if (most >= cents.length) grow(most);
      if (size + count > order.length) order = grown(order, size + count);
      const c = cents;
      const o = orders;
      const firsts = order;
      let n = size;
      let notes = 0;
      let touched = 0;
      for (let from = 0; from < count; from += TOUCH_BLOCK) {
        const to = Math.min(count, from + TOUCH_BLOCK);
        // The clients of the block read first, independent reads that the processor runs side by
        // side; the sums below then find them in the cache (see KeyTable.touch).
        for (let i = from; i < to; i++) {
          const client = clients[i] as number;
          touched += (o[client] as number) + (c[client] as number);
        }
        for (let i = from; i < to; i++) {
          const client = clients[i] as number;
          const value = values[i] as number;
          const sum = c[client] as number;
          if (sum !== sum) {
            firsts[n++] = client;
            c[client] = 0 + computeCents(value);
          } else {
            c[client] = sum + computeCents(value);
          }
          if (value < 0 && netOnly) notes++;
          else o[client] = (o[client] as number) + 1;
        }
      }
      size = n;
      credits += notes;
      _touched = touched;
    },
    build(clientIds) {
      const out = new Array<{ clientId: string; value: number; orders: number }>(size);
      for (let i = 0; i < size; i++) {
        const c = order[i] as number;
        out[i] = {
          clientId: clientIds[c] as string,
          value: (cents[c] as number) / 100,
          orders: orders[c] as number,
        };
      }
      return out;
    },
    columns(clientIds) {
      const ids = new Array<string>(size);
      const values = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const c = order[i] as number;
        ids[i] = clientIds[c] as string;
        values[i] = cents[c] as number;
      }
      return { clientIds: ids, keys: order.slice(0, size), cents: values };
    },
    creditNotes: () => credits,
    addCreditNotes(count) {
      credits += count;
    },
    exportTotals() {
      const clients = order.slice(0, size);
      const sums = new Float64Array(size);
      const counts = new Int32Array(size);
      for (let i = 0; i < size; i++) {
        const c = clients[i] as number;
        sums[i] = cents[c] as number;
        counts[i] = orders[c] as number;
      }
      return { clients, cents: sums, orders: counts };
    },
    merge(client, sum, count) {
      if (client >= cents.length) grow(client);
      const before = cents[client] as number;
      if (before !== before) {
        if (size === order.length) order = grown(order, size + 1);
        order[size++] = client;
        cents[client] = 0 + sum;
      } else {
        // Whole cents below 2^53 (AmountRange): the sum is exact in any order.
        cents[client] = before + sum;
      }
      orders[client] = (orders[client] as number) + count;
    },
  };
}

/** Accumulates netted values per client id from orders, in integer cents. */
export interface ValueAccumulator {
  add(clientId: string, value: number): void;
  build(): { clientId: string; value: number; orders: number }[];
  creditNotes(): number;
}

/**
 * ValueTotals keyed by client id. First-seen order of clients is kept.
 * @example const acc = createValueAccumulator(); acc.add('a', 10); acc.add('a', -2.5); acc.build()
 */
export function createValueAccumulator(
  creditNotes: 'as-credit' | 'as-orders' = 'as-credit',
): ValueAccumulator {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const totals = createValueTotals(creditNotes);
  return {
    add(clientId, value) {
      let client = index.get(clientId);
      if (client === undefined) {
        client = ids.length;
        const key = (' ' + clientId).slice(1); // a flat copy, see createRfmAccumulator
        index.set(key, client);
        ids.push(key);
      }
      totals.add(client, value);
    },
    build: () => totals.build(ids),
    creditNotes: () => totals.creditNotes(),
  };
}

/** One cell of a cross-tab: a class against a category (maturity value or effort band). */
export interface CrossTabCell {
  classIndex: number;
  className: string;
  category: string;
  clients: number;
  value: number;
  /** Total effort of these clients (when an effort field is given). */
  effort: number | null;
  /** value / effort, null when there is no effort or it is 0. */
  valuePerEffort: number | null;
}

export interface EffortBand {
  /** 1 = least effort. */
  band: number;
  label: Texts;
  /** Band i holds efforts in (cut_{i-1}, cut_i]; the first from the minimum, the last to the maximum. */
  min: number;
  max: number;
}

/**
 * Cuts efforts into `count` bands at the type-7 quantiles k / count (terciles by default): band 1
 * holds efforts <= q_1, band i holds q_{i-1} < effort <= q_i, the last the rest. Equal efforts share
 * a band. Returns the cuts (count - 1 values).
 * @throws RangeError on no efforts or count < 1.
 * @example computeEffortCuts([1, 2, 3, 4, 5, 6, 7], 3) // [3, 5]
 */
export function computeEffortCuts(efforts: readonly number[], count = 3): number[] {
  if (efforts.length === 0) throw new RangeError('no effort values');
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`expected a whole number of bands >= 1, got ${count}`);
  const sorted = sortNumbers(Float64Array.from(efforts));
  return Array.from({ length: count - 1 }, (_, k) => computeQuantileSorted(sorted, (k + 1) / count));
}

/**
 * The band (1-based) of an effort among ascending cuts: 1 + the number of cuts strictly below it.
 * @example computeEffortBand(3, [3, 5]) // 1
 */
export function computeEffortBand(effort: number, cuts: readonly number[]): number {
  let band = 1;
  for (const c of cuts) if (effort > c) band++;
  return band;
}

const BAND_NAMES: Record<number, Texts[]> = {
  3: [
    { en: 'low', fr: 'faible' },
    { en: 'medium', fr: 'moyen' },
    { en: 'high', fr: 'fort' },
  ],
  2: [
    { en: 'low', fr: 'faible' },
    { en: 'high', fr: 'fort' },
  ],
};

/** The category used for clients with no maturity or no effort. */
export const UNKNOWN_CATEGORY = '(none)';

/**
 * The classes against a categorical field (maturity, status, stage): one cell per (class,
 * category) present, with clients, value, total effort and value per unit of effort. Categories
 * sorted by name; missing values under "(none)".
 * @example computeMaturityCrossTab(result)
 */
export function computeMaturityCrossTab(result: ParetoResult): CrossTabCell[] {
  return crossTab(result, (c) =>
    c.maturity === null || c.maturity === undefined || c.maturity === '' ? UNKNOWN_CATEGORY : c.maturity,
  );
}

/**
 * The classes against effort bands (terciles by default): cells keyed by the band number as a
 * string ("1", "2", "3", or "(none)"), plus the bands with their ranges.
 * @throws RangeError when no client has an effort.
 * @example computeEffortCrossTab(result, 3)
 */
export function computeEffortCrossTab(
  result: ParetoResult,
  bands = 3,
): { bands: EffortBand[]; cells: CrossTabCell[]; cuts: number[] } {
  const efforts: number[] = [];
  for (const c of result.clients)
    if (typeof c.effort === 'number' && Number.isFinite(c.effort)) efforts.push(c.effort);
  const cuts = computeEffortCuts(efforts, bands);
  // The band of each client by position in result.clients; 0 when it has no effort.
  const bandOf = new Int32Array(result.clients.length);
  const ranges: { min: number; max: number }[] = Array.from({ length: bands }, () => ({
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
  }));
  for (let i = 0; i < result.clients.length; i++) {
    const c = result.clients[i] as ParetoClient;
    if (typeof c.effort !== 'number' || !Number.isFinite(c.effort)) continue;
    const b = computeEffortBand(c.effort, cuts);
    bandOf[i] = b;
    const r = ranges[b - 1] as { min: number; max: number };
    r.min = Math.min(r.min, c.effort);
    r.max = Math.max(r.max, c.effort);
  }
  const names = BAND_NAMES[bands];
  return {
    cuts,
    bands: ranges.map((r, i) => ({
      band: i + 1,
      label: names?.[i] ?? { en: `band ${i + 1}`, fr: `tranche ${i + 1}` },
      min: Number.isFinite(r.min) ? r.min : Number.NaN,
      max: Number.isFinite(r.max) ? r.max : Number.NaN,
    })),
    cells: crossTab(result, (_c, i) => {
      const b = bandOf[i] as number;
      return b === 0 ? UNKNOWN_CATEGORY : String(b);
    }),
  };
}

/** The cells of the classes against a category of each client (given by its position too). */
function crossTab(
  result: ParetoResult,
  categoryOf: (c: ParetoClient, position: number) => string,
): CrossTabCell[] {
  type Cell = CrossTabCell & { cents: number; hasEffort: boolean };
  // One map of category -> cell per class: no key string to build for each client.
  const byClass = Array.from(result.classes, () => new Map<string, Cell>());
  const cells: Cell[] = [];
  for (let i = 0; i < result.clients.length; i++) {
    const c = result.clients[i] as ParetoClient;
    const category = categoryOf(c, i);
    const classCells = byClass[c.classIndex] as Map<string, Cell>;
    let cell = classCells.get(category);
    if (!cell) {
      cell = {
        classIndex: c.classIndex,
        className: c.className,
        category,
        clients: 0,
        value: 0,
        cents: 0,
        effort: null,
        valuePerEffort: null,
        hasEffort: false,
      };
      classCells.set(category, cell);
      cells.push(cell);
    }
    cell.clients++;
    cell.cents += c.valueCents;
    if (typeof c.effort === 'number' && Number.isFinite(c.effort)) {
      cell.effort = (cell.effort ?? 0) + c.effort;
      cell.hasEffort = true;
    }
  }
  return cells
    .map(({ cents, hasEffort: _h, ...cell }) => ({
      ...cell,
      value: cents / 100,
      valuePerEffort: cell.effort !== null && cell.effort > 0 ? cents / 100 / cell.effort : null,
    }))
    .sort((a, b) =>
      a.classIndex !== b.classIndex
        ? a.classIndex - b.classIndex
        : a.category < b.category
          ? -1
          : a.category > b.category
            ? 1
            : 0,
    );
}
