/**
 * Segmentation of a client file (DOMAIN.md section 2): clients, revenue and margin per segment
 * (any fields: status, sector, zone...), value tiers (large / medium / small), and prospect
 * maturity with the accessibility rate it implies (section 1: active prospects / all prospects).
 */
import { foldKey } from './fold-key.js';
import type { ClientStatus, Maturity } from './status.js';

/** What decides the tiers: how many, on which measure, and optional fixed thresholds. */
export interface TierSpec {
  count: number;
  measure: 'revenue' | 'margin';
  /** Ascending lower bounds of the tiers above the lowest (`10000,50000` -> 3 tiers). */
  thresholds?: readonly number[];
}

export interface SegmentSpec {
  /** The fields that make a segment's key, in order (may be empty). */
  by: readonly string[];
  tiers?: TierSpec;
  /** Whether the file has a revenue column (revenue figures are null otherwise). */
  hasRevenue: boolean;
  /** Whether the file has a margin column (margin and margin rate are null otherwise). */
  hasMargin: boolean;
  /** Whether the file has a status column (then only prospects and leads count for maturity). */
  hasStatus: boolean;
}

/** One client as the segmentation sees it. */
export interface SegmentClient {
  /** The values of `by`, in order; null when the cell is empty. */
  key: readonly (string | null)[];
  /** Revenue; null when empty (it adds 0 to the sums, and the client gets no revenue tier). */
  revenue: number | null;
  margin: number | null;
  status: ClientStatus | string | null;
  maturity: Maturity | null;
}

/** Counts of prospects by maturity, and the accessibility rate active / (arid + latent + active). */
export interface MaturityCounts {
  arid: number;
  latent: number;
  active: number;
  /** Prospects without a maturity value (not in the rate). */
  unknown: number;
  /** active / (arid + latent + active); null when no prospect has a maturity. */
  accessibilityRate: number | null;
}

export interface SegmentRow {
  /** The key: each `by` field's value, then `tier` (its name) when there are tiers. */
  key: Record<string, string | null>;
  /** 0 = the highest tier; undefined without tiers; -1 for clients without the tier measure. */
  tierIndex?: number;
  clients: number;
  clientShare: number;
  revenue: number | null;
  revenueShare: number | null;
  margin: number | null;
  /** margin / revenue; null without a margin column or when the revenue is 0. */
  marginRate: number | null;
  averageRevenue: number | null;
  maturity: MaturityCounts;
}

export interface SegmentTotals {
  clients: number;
  revenue: number | null;
  margin: number | null;
  marginRate: number | null;
  averageRevenue: number | null;
  maturity: MaturityCounts;
}

/**
 * Spellings of one group key merged: the texts that differ only by case, accents or spaces
 * (foldKey), the one shown (the most frequent; ties: the first seen) and the others, with their
 * numbers of clients, in the order first seen.
 */
export interface MergedSpellings {
  field: string;
  shown: string;
  shownClients: number;
  others: { spelling: string; clients: number }[];
}

export interface SegmentResult {
  segments: SegmentRow[];
  totals: SegmentTotals;
  /** The tier names, highest first, and the lower bound of each tier but the last. */
  tiers?: { names: string[]; measure: 'revenue' | 'margin'; lowerBounds: number[] };
}

/** Tier names, highest first: 2 -> large, small; 3 -> large, medium, small; more -> T1..Tn. */
export function nameTiers(count: number): string[] {
  if (count === 1) return ['all'];
  if (count === 2) return ['large', 'small'];
  if (count === 3) return ['large', 'medium', 'small'];
  return Array.from({ length: count }, (_, i) => `T${i + 1}`);
}

/**
 * The lower bounds of equal-count tiers, highest tier first: sort the values from high to low,
 * cut after round(n * i / count) values, and take the last value before each cut. A client is in
 * the first tier whose bound it reaches, so equal values stay together (a tier can then hold more
 * than its share). Empty input gives no bounds.
 *
 * @example computeTierBounds([100, 50, 50, 10, 5, 1], 3) // [50, 10]
 */
export function computeTierBounds(values: ArrayLike<number>, count: number): number[] {
  if (values.length === 0 || count < 2) return [];
  const sorted = Float64Array.from(values).sort().reverse();
  const bounds: number[] = [];
  for (let i = 1; i < count; i++) {
    const cut = Math.max(1, Math.round((sorted.length * i) / count));
    bounds.push(sorted[cut - 1] ?? Number.NEGATIVE_INFINITY);
  }
  return bounds;
}

/** The tier (0 = highest) of a value, given the lower bounds of every tier but the last. */
export function assignTier(value: number, lowerBounds: readonly number[]): number {
  for (let i = 0; i < lowerBounds.length; i++) if (value >= (lowerBounds[i] ?? 0)) return i;
  return lowerBounds.length;
}

function emptyMaturity(): MaturityCounts {
  return { arid: 0, latent: 0, active: 0, unknown: 0, accessibilityRate: null };
}

/** Whether a client counts for maturity: a prospect or a lead, or any client in a file without status. */
export function countsProspect(client: Pick<SegmentClient, 'status'>, hasStatus: boolean): boolean {
  return !hasStatus || client.status === 'prospect' || client.status === 'lead';
}

function addMaturity(m: MaturityCounts, maturity: Maturity | null): void {
  if (maturity === null) m.unknown++;
  else m[maturity]++;
}

function closeMaturity(m: MaturityCounts): MaturityCounts {
  const known = m.arid + m.latent + m.active;
  return { ...m, accessibilityRate: known === 0 ? null : m.active / known };
}

/**
 * Amounts are whole cents (the reader rounds every amount to the cent, docs/numbers.md), so sums
 * are kept in integer cents: exact below 10^15 cents, whatever the order of the clients, and the
 * same integers as the SQL of `segment --sql` sums (src/sql/segment-sql.ts). Shares, rates and
 * averages are then divisions of these integers, done once.
 */
class CentSum {
  private cents = 0;

  add(euros: number): void {
    this.cents += Math.round(euros * 100);
  }

  addCents(cents: number): void {
    this.cents += cents;
  }

  get value(): number {
    return this.cents;
  }
}

interface Accumulator {
  key: Record<string, string | null>;
  sortKey: (string | null)[];
  tierIndex?: number;
  clients: number;
  revenue: CentSum;
  margin: CentSum;
  maturity: MaturityCounts;
}

const MATURITY_CODES: readonly (Maturity | null)[] = [null, 'arid', 'latent', 'active'];

function maturityCode(m: Maturity | null): number {
  return m === 'arid' ? 1 : m === 'latent' ? 2 : m === 'active' ? 3 : 0;
}

/** A typed array of the same kind, `size` long, holding the old values. */
function growTo<T extends Float64Array | Int32Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(array: T, size: number): T {
  if (size < array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(1024, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * Accumulates clients one at a time and gives the segmentation. Memory: about 22 bytes per
 * client in typed arrays (key id, revenue, margin, prospect flag, maturity), whatever the file's
 * width. Pure: no I/O.
 */
export class SegmentBuilder {
  private count = 0;
  private keyIds = new Int32Array(1024);
  private revenues = new Float64Array(1024); // NaN: empty
  private margins = new Float64Array(1024); // NaN: empty
  private prospects = new Uint8Array(1024); // 1: counts for maturity
  private maturities = new Uint8Array(1024); // MATURITY_CODES
  private readonly keyList: (readonly (string | null)[])[] = [];
  private readonly keyIndex = new Map<string | null, number>();
  private tierOfClient: Int16Array | undefined;
  private bounds: number[] = [];

  /** Without the clients kept (`keepClients: false`, no tiers): per key, the clients, the sums in
   * cents and the maturity counts (MATURITY_CODES), made as clients are added. */
  private readonly keepClients: boolean;
  private keyClients = new Int32Array(64);
  private keyRevenue = new Float64Array(64);
  private keyMargin = new Float64Array(64);
  private keyMaturity = new Int32Array(64 * 4);

  /**
   * `keepClients: false` keeps no per-client values (memory by segment, not by client): `keyOf`
   * and `tierOf` are then unavailable, and tiers cannot be made.
   */
  constructor(
    readonly spec: SegmentSpec,
    options: { keepClients?: boolean } = {},
  ) {
    this.keepClients = options.keepClients !== false || spec.tiers !== undefined;
  }

  /** The id of a segment key (the values of `by`, in order), for `addById`; the same key gives
   * the same id. */
  keyIdOf(key: readonly (string | null)[]): number {
    return this.internKey(key, 0);
  }

  /** Counts `clients` clients written with these spellings of a key given to `keyIdOf` (so that
   * the group shows its most frequent spelling): a caller that interns each distinct spelling
   * once adds its clients here. */
  countSpellings(key: readonly (string | null)[], clients: number): void {
    this.internKey(key, clients);
  }

  /** Per --by field, per folded text: each spelling's number of clients, in the order first seen. */
  private readonly spellings: Map<string, Map<string, number>>[] = [];
  private readonly folded = new Map<string, string>();
  private shownCache: Map<string, string>[] | undefined;

  private fold(text: string): string {
    let f = this.folded.get(text);
    if (f === undefined) {
      f = foldKey(text);
      this.folded.set(text, f);
    }
    return f;
  }

  private internKey(raw: readonly (string | null)[], clients: number): number {
    // Compared folded (case, accents and spaces ignored: foldKey); each spelling counted, so that
    // the group shows its most frequent one.
    const key = raw.map((text, j) => {
      if (text === null) return null;
      const f = this.fold(text);
      const byField = (this.spellings[j] ??= new Map());
      let counts = byField.get(f);
      if (counts === undefined) byField.set(f, (counts = new Map()));
      // a spelling first seen with no client yet (keyIdOf) keeps its place for ties
      counts.set(text, (counts.get(text) ?? 0) + clients);
      return f;
    });
    this.shownCache = undefined;
    // One field: the value itself is the map key; several: joined with separators no CSV cell
    // text can confuse (NUL for an empty value).
    const id =
      key.length === 0
        ? ''
        : key.length === 1
          ? (key[0] ?? null)
          : key.map((k) => (k === null ? '\u0000' : k)).join('\u0001');
    let index = this.keyIndex.get(id);
    if (index === undefined) {
      index = this.keyList.length;
      this.keyList.push(key);
      this.keyIndex.set(id, index);
    }
    return index;
  }

  /** The spelling shown for a folded text of field j: the most frequent; ties: the first seen. */
  private shown(j: number, folded: string | null): string | null {
    if (folded === null) return null;
    this.shownCache ??= [];
    const cache = (this.shownCache[j] ??= new Map());
    let best = cache.get(folded);
    if (best !== undefined) return best;
    let most = 0;
    for (const [spelling, clients] of this.spellings[j]?.get(folded) ?? []) {
      if (clients > most) {
        most = clients;
        best = spelling;
      }
    }
    best ??= folded;
    cache.set(folded, best);
    return best;
  }

  private shownKey(folded: readonly (string | null)[]): (string | null)[] {
    return folded.map((f, j) => this.shown(j, f));
  }

  /** The groups whose key was written in several spellings, field by field, in the order first seen. */
  mergedSpellings(): MergedSpellings[] {
    const merged: MergedSpellings[] = [];
    this.spellings.forEach((byField, j) => {
      for (const [folded, counts] of byField) {
        if (counts.size < 2) continue;
        const shown = this.shown(j, folded) as string;
        merged.push({
          field: this.spec.by[j] ?? '',
          shown,
          shownClients: counts.get(shown) ?? 0,
          others: [...counts]
            .filter(([s]) => s !== shown)
            .map(([spelling, clients]) => ({ spelling, clients })),
        });
      }
    });
    return merged;
  }

  /** Adds a client; returns its index (for `tierOf` and `keyOf`). */
  add(client: SegmentClient): number {
    return this.addById(
      this.internKey(client.key, 1),
      client.revenue ?? Number.NaN,
      client.margin ?? Number.NaN,
      countsProspect(client, this.spec.hasStatus),
      client.maturity,
    );
  }

  /**
   * Adds a client given the id of its key (`keyIdOf`), its revenue and margin (NaN when empty),
   * whether it counts for maturity (a prospect or lead, or any client in a file without status:
   * see `countsProspect`) and its maturity: `add` without an object per client. Returns its index.
   */
  addById(
    keyId: number,
    revenue: number,
    margin: number,
    prospect: boolean,
    maturity: Maturity | null,
  ): number {
    if (!this.keepClients) {
      if (keyId >= this.keyClients.length) {
        const size = Math.max(keyId + 1, this.keyClients.length * 2);
        this.keyClients = growTo(this.keyClients, size);
        this.keyRevenue = growTo(this.keyRevenue, size);
        this.keyMargin = growTo(this.keyMargin, size);
        this.keyMaturity = growTo(this.keyMaturity, size * 4);
      }
      this.keyClients[keyId] = (this.keyClients[keyId] as number) + 1;
      // As CentSum adds them: each amount in whole cents, an empty one as 0.
      this.keyRevenue[keyId] =
        (this.keyRevenue[keyId] as number) + Math.round((revenue === revenue ? revenue : 0) * 100);
      this.keyMargin[keyId] =
        (this.keyMargin[keyId] as number) + Math.round((margin === margin ? margin : 0) * 100);
      if (prospect) {
        const at = keyId * 4 + maturityCode(maturity);
        this.keyMaturity[at] = (this.keyMaturity[at] as number) + 1;
      }
      return this.count++;
    }
    const i = this.count++;
    if (i === this.keyIds.length) {
      this.keyIds = grow(this.keyIds, i + 1);
      this.revenues = grow(this.revenues, i + 1);
      this.margins = grow(this.margins, i + 1);
      this.prospects = grow(this.prospects, i + 1);
      this.maturities = grow(this.maturities, i + 1);
    }
    this.keyIds[i] = keyId;
    this.revenues[i] = revenue;
    this.margins[i] = margin;
    this.prospects[i] = prospect ? 1 : 0;
    this.maturities[i] = maturityCode(maturity);
    return i;
  }

  /** The key values of a client, as its group shows them (the most frequent spelling). */
  keyOf(index: number): readonly (string | null)[] {
    return this.shownKey(this.keyList[this.keyIds[index] ?? -1] ?? []);
  }

  /**
   * A key as its group shows it (the most frequent spelling of each value), from any spelling of
   * it: what `keyOf` gives, for a builder that keeps no clients (`keepClients: false`), once every
   * client was added.
   */
  shownKeyOf(key: readonly (string | null)[]): (string | null)[] {
    return this.shownKey(key.map((text) => (text === null ? null : this.fold(text))));
  }

  /** The tier of a client (0 = highest, -1 without the measure), once `compute` has run;
   * undefined without tiers. */
  tierOf(index: number): number | undefined {
    return this.tierOfClient?.[index];
  }

  /** Tier bounds, tiers, then one row per segment with shares of the totals. */
  compute(): SegmentResult {
    const { spec } = this;
    const n = this.count;
    const tiers = spec.tiers;
    let names: string[] = [];
    if (tiers !== undefined) {
      // Clients without the measure (prospects without revenue) are left out of the tiers.
      const measure = tiers.measure === 'margin' ? this.margins : this.revenues;
      const values = new Float64Array(n);
      let found = 0;
      for (let i = 0; i < n; i++) {
        const m = measure[i] ?? Number.NaN;
        if (!Number.isNaN(m)) values[found++] = m;
      }
      const present = values.subarray(0, found);
      this.bounds =
        tiers.thresholds !== undefined
          ? [...tiers.thresholds].sort((a, b) => b - a)
          : computeTierBounds(present, tiers.count);
      names = nameTiers(tiers.thresholds !== undefined ? tiers.thresholds.length + 1 : tiers.count);
      this.tierOfClient = new Int16Array(n);
      for (let i = 0; i < n; i++) {
        const m = measure[i] ?? Number.NaN;
        this.tierOfClient[i] = Number.isNaN(m) ? -1 : assignTier(m, this.bounds);
      }
    }
    const tierSlots = names.length + 1;
    // By group id (dense: the key's id, times the tiers), and in the order they were met.
    const byGroupId: (Accumulator | undefined)[] = [];
    const groups: Accumulator[] = [];
    const totals = {
      clients: 0,
      revenue: new CentSum(),
      margin: new CentSum(),
      maturity: emptyMaturity(),
    };
    if (!this.keepClients) {
      // The sums made by key as clients were added: the same integers as client by client below.
      for (let keyId = 0; keyId < this.keyList.length && keyId < this.keyClients.length; keyId++) {
        const clients = this.keyClients[keyId] as number;
        if (clients === 0) continue;
        const key = this.shownKey(this.keyList[keyId] ?? []);
        const record: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
        spec.by.forEach((field, j) => {
          record[field] = key[j] ?? null;
        });
        const group: Accumulator = {
          key: record,
          sortKey: [...key],
          clients,
          revenue: new CentSum(),
          margin: new CentSum(),
          maturity: emptyMaturity(),
        };
        group.revenue.addCents(this.keyRevenue[keyId] as number);
        group.margin.addCents(this.keyMargin[keyId] as number);
        totals.clients += clients;
        totals.revenue.addCents(this.keyRevenue[keyId] as number);
        totals.margin.addCents(this.keyMargin[keyId] as number);
        for (let code = 0; code < 4; code++) {
          const count = this.keyMaturity[keyId * 4 + code] as number;
          const name = MATURITY_CODES[code] ?? null;
          if (name === null) group.maturity.unknown += count;
          else group.maturity[name] += count;
          if (name === null) totals.maturity.unknown += count;
          else totals.maturity[name] += count;
        }
        byGroupId[keyId] = group;
        groups.push(group);
      }
    }
    for (let i = 0; i < (this.keepClients ? n : 0); i++) {
      const keyId = this.keyIds[i] ?? 0;
      const tierIndex = this.tierOfClient?.[i];
      const groupId = tierIndex === undefined ? keyId : keyId * tierSlots + tierIndex + 1;
      let group = byGroupId[groupId];
      if (group === undefined) {
        const key = this.shownKey(this.keyList[keyId] ?? []);
        const record: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
        spec.by.forEach((field, j) => {
          record[field] = key[j] ?? null;
        });
        if (tierIndex !== undefined) record.tier = tierIndex < 0 ? null : (names[tierIndex] ?? null);
        group = {
          key: record,
          sortKey: [...key],
          tierIndex,
          clients: 0,
          revenue: new CentSum(),
          margin: new CentSum(),
          maturity: emptyMaturity(),
        };
        byGroupId[groupId] = group;
        groups.push(group);
      }
      const r = this.revenues[i] ?? Number.NaN;
      const m = this.margins[i] ?? Number.NaN;
      const revenue = Number.isNaN(r) ? 0 : r;
      const margin = Number.isNaN(m) ? 0 : m;
      group.clients++;
      group.revenue.add(revenue);
      group.margin.add(margin);
      totals.clients++;
      totals.revenue.add(revenue);
      totals.margin.add(margin);
      if (this.prospects[i] === 1) {
        const maturity = MATURITY_CODES[this.maturities[i] ?? 0] ?? null;
        addMaturity(group.maturity, maturity);
        addMaturity(totals.maturity, maturity);
      }
    }
    const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
    // Sums in cents, reported in euros: 739622776 cents is 7396227.76.
    const toEuros = (cents: number): number => cents / 100;
    const totalRevenue = totals.revenue.value;
    const totalMargin = totals.margin.value;
    const rows: SegmentRow[] = groups.map((g) => {
      const revenue = g.revenue.value;
      const margin = g.margin.value;
      return {
        key: g.key,
        ...(g.tierIndex === undefined ? {} : { tierIndex: g.tierIndex }),
        clients: g.clients,
        clientShare: share(g.clients, totals.clients),
        revenue: spec.hasRevenue ? toEuros(revenue) : null,
        revenueShare: spec.hasRevenue ? share(revenue, totalRevenue) : null,
        margin: spec.hasMargin ? toEuros(margin) : null,
        marginRate: spec.hasMargin && spec.hasRevenue && revenue !== 0 ? margin / revenue : null,
        averageRevenue: spec.hasRevenue ? toEuros(revenue) / g.clients : null,
        maturity: closeMaturity(g.maturity),
      };
    });
    // Without tiers: biggest revenue first, then by key. Tiers only: highest tier first.
    // Fields and tiers: by key, then tier.
    const sortKeys = new Map(groups.map((g) => [g.key, g.sortKey]));
    const byKey = (a: SegmentRow, b: SegmentRow): number => {
      const ka = sortKeys.get(a.key) ?? [];
      const kb = sortKeys.get(b.key) ?? [];
      for (let j = 0; j < Math.max(ka.length, kb.length); j++) {
        const x = ka[j] ?? null;
        const y = kb[j] ?? null;
        if (x === y) continue;
        if (x === null) return 1; // empty values last
        if (y === null) return -1;
        return x < y ? -1 : 1;
      }
      return 0;
    };
    const tierRank = (t: number | undefined): number => (t === undefined || t < 0 ? 1e6 : t);
    rows.sort((a, b) =>
      tiers === undefined
        ? (b.revenue ?? 0) - (a.revenue ?? 0) || b.clients - a.clients || byKey(a, b)
        : byKey(a, b) || tierRank(a.tierIndex) - tierRank(b.tierIndex),
    );
    return {
      segments: rows,
      totals: {
        clients: totals.clients,
        revenue: spec.hasRevenue ? toEuros(totalRevenue) : null,
        margin: spec.hasMargin ? toEuros(totalMargin) : null,
        marginRate:
          spec.hasMargin && spec.hasRevenue && totalRevenue !== 0 ? totalMargin / totalRevenue : null,
        averageRevenue: spec.hasRevenue && totals.clients > 0 ? toEuros(totalRevenue) / totals.clients : null,
        maturity: closeMaturity(totals.maturity),
      },
      ...(tiers === undefined ? {} : { tiers: { names, measure: tiers.measure, lowerBounds: this.bounds } }),
    };
  }
}
