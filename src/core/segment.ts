/**
 * Segmentation of a client file (DOMAIN.md section 2): clients, revenue and margin per segment
 * (any fields: status, sector, zone...), value tiers (large / medium / small), and prospect
 * maturity with the accessibility rate it implies (section 1: active prospects / all prospects).
 */
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
export function computeTierBounds(values: readonly number[], count: number): number[] {
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

function countsProspect(client: SegmentClient, hasStatus: boolean): boolean {
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

interface Accumulator {
  key: Record<string, string | null>;
  sortKey: (string | null)[];
  tierIndex?: number;
  clients: number;
  revenue: number;
  margin: number;
  maturity: MaturityCounts;
}

/**
 * Accumulates clients one at a time (memory: a few numbers per client, for the tiers) and gives
 * the segmentation. Pure: no I/O.
 */
export class SegmentBuilder {
  private readonly keys: (readonly (string | null)[])[] = [];
  private readonly revenues: (number | null)[] = [];
  private readonly margins: (number | null)[] = [];
  private readonly statuses: (string | null)[] = [];
  private readonly maturities: (Maturity | null)[] = [];
  private tierOfClient: Int16Array | undefined;
  private bounds: number[] = [];
  private readonly internedKeys = new Map<string, readonly (string | null)[]>();

  constructor(readonly spec: SegmentSpec) {}

  /** Adds a client; returns its index (for `tierOf`). */
  add(client: SegmentClient): number {
    const joined = client.key.map((k) => (k === null ? '\u0000' : k)).join('\u0001');
    let key = this.internedKeys.get(joined);
    if (key === undefined) {
      key = [...client.key];
      this.internedKeys.set(joined, key);
    }
    this.keys.push(key);
    this.revenues.push(client.revenue);
    this.margins.push(client.margin);
    this.statuses.push(client.status);
    this.maturities.push(client.maturity);
    return this.keys.length - 1;
  }

  /** The key values of a client, as added. */
  keyOf(index: number): readonly (string | null)[] {
    return this.keys[index] ?? [];
  }

  /** The tier of a client (0 = highest, -1 without the measure), once `compute` has run;
   * undefined without tiers. */
  tierOf(index: number): number | undefined {
    return this.tierOfClient?.[index];
  }

  /** Tier bounds, tiers, then one row per segment with shares of the totals. */
  compute(): SegmentResult {
    const { spec } = this;
    const n = this.keys.length;
    const tiers = spec.tiers;
    let names: string[] = [];
    if (tiers !== undefined) {
      // Clients without the measure (prospects without revenue) are left out of the tiers.
      const measure = tiers.measure === 'margin' ? this.margins : this.revenues;
      const present: number[] = [];
      for (const m of measure) if (m !== null && m !== undefined) present.push(m);
      this.bounds =
        tiers.thresholds !== undefined
          ? [...tiers.thresholds].sort((a, b) => b - a)
          : computeTierBounds(present, tiers.count);
      names = nameTiers(tiers.thresholds !== undefined ? tiers.thresholds.length + 1 : tiers.count);
      this.tierOfClient = new Int16Array(n);
      for (let i = 0; i < n; i++) {
        const m = measure[i];
        this.tierOfClient[i] = m === null || m === undefined ? -1 : assignTier(m, this.bounds);
      }
    }
    const groups = new Map<string, Accumulator>();
    const totals = { clients: 0, revenue: 0, margin: 0, maturity: emptyMaturity() };
    for (let i = 0; i < n; i++) {
      const key = this.keys[i] ?? [];
      const tierIndex = this.tierOfClient?.[i];
      const id = tierIndex === undefined ? key : [...key, String(tierIndex)];
      const groupId = id.map((k) => (k === null ? '\u0000' : k)).join('\u0001');
      let group = groups.get(groupId);
      if (group === undefined) {
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
          revenue: 0,
          margin: 0,
          maturity: emptyMaturity(),
        };
        groups.set(groupId, group);
      }
      const revenue = this.revenues[i] ?? 0;
      const margin = this.margins[i] ?? 0;
      group.clients++;
      group.revenue += revenue;
      group.margin += margin;
      totals.clients++;
      totals.revenue += revenue;
      totals.margin += margin;
      const client = {
        key,
        revenue,
        margin,
        status: this.statuses[i] ?? null,
        maturity: this.maturities[i] ?? null,
      };
      if (countsProspect(client, spec.hasStatus)) {
        addMaturity(group.maturity, client.maturity);
        addMaturity(totals.maturity, client.maturity);
      }
    }
    const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
    const rows: SegmentRow[] = [...groups.values()].map((g) => ({
      key: g.key,
      ...(g.tierIndex === undefined ? {} : { tierIndex: g.tierIndex }),
      clients: g.clients,
      clientShare: share(g.clients, totals.clients),
      revenue: spec.hasRevenue ? g.revenue : null,
      revenueShare: spec.hasRevenue ? share(g.revenue, totals.revenue) : null,
      margin: spec.hasMargin ? g.margin : null,
      marginRate: spec.hasMargin && spec.hasRevenue && g.revenue !== 0 ? g.margin / g.revenue : null,
      averageRevenue: spec.hasRevenue ? g.revenue / g.clients : null,
      maturity: closeMaturity(g.maturity),
    }));
    // Without tiers: biggest revenue first, then by key. Tiers only: highest tier first.
    // Fields and tiers: by key, then tier.
    const sortKeys = new Map([...groups.values()].map((g) => [g.key, g.sortKey]));
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
        revenue: spec.hasRevenue ? totals.revenue : null,
        margin: spec.hasMargin ? totals.margin : null,
        marginRate:
          spec.hasMargin && spec.hasRevenue && totals.revenue !== 0 ? totals.margin / totals.revenue : null,
        averageRevenue: spec.hasRevenue && totals.clients > 0 ? totals.revenue / totals.clients : null,
        maturity: closeMaturity(totals.maturity),
      },
      ...(tiers === undefined ? {} : { tiers: { names, measure: tiers.measure, lowerBounds: this.bounds } }),
    };
  }
}
