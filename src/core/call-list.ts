/**
 * Call lists: the clients behind one cell of an analysis (A-class clients, an RFM segment, the
 * grade-A prospects of a grid, former clients to win back, the top of the open pipeline, a segment
 * cell), in the order to call them. Pure: the commands give the analysis' results and each
 * client's contact details; render/call-list-report.ts words the reasons and draws the list.
 */
import type { Texts } from '../i18n.js';

/** Who to call at a client, as the analysed file gives it (null: the file has no such value). */
export interface ContactDetails {
  company: string | null;
  /** The contact's full name: the file's contact column, else first name and last name joined. */
  contact: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  owner: string | null;
}

/** The fields of {@link ContactDetails}, in the order the lists show them. */
export const CONTACT_KEYS = [
  'company',
  'contact',
  'firstName',
  'lastName',
  'email',
  'phone',
  'owner',
] as const;

export type ContactKey = (typeof CONTACT_KEYS)[number];

/** A client the file gives no contact details for. */
export const NO_DETAILS: ContactDetails = Object.freeze({
  company: null,
  contact: null,
  firstName: null,
  lastName: null,
  email: null,
  phone: null,
  owner: null,
});

/** The figures that put a client on a list, by the analysis that made it. */
export type CallFigures =
  | {
      kind: 'pareto';
      className: string;
      value: number;
      /** value / positive total (0..1). */
      share: number;
      /** Cumulative share including the client (0..1). */
      cumulativeShare: number;
      /** Rank by value in the whole file (1 = largest). */
      valueRank: number;
    }
  | {
      kind: 'rfm';
      segment: Texts;
      recencyDays: number;
      frequency: number;
      monetary: number;
      rfmScore: number;
      /** Day number of the last order, when the file gives dates. */
      lastOrderDay: number | null;
    }
  | { kind: 'score'; grade: string; score: number }
  | { kind: 'portfolio'; potential: number; probability: number; expectedValue: number }
  | {
      kind: 'win-back';
      pastRevenue: number;
      orders: number;
      lastOrderDay: number;
      monthsSinceLastOrder: number;
    }
  | {
      kind: 'segment';
      /** The cell: each `--by` field's value (and `tier`), as the segmentation keys it. */
      cell: Record<string, string | null>;
      revenue: number | null;
      margin: number | null;
    };

export interface CallListEntry {
  /** Place in the order to call, from 1. */
  rank: number;
  clientId: string;
  details: ContactDetails;
  figures: CallFigures;
}

export type CallListCommand = 'pareto' | 'rfm' | 'score' | 'portfolio' | 'review' | 'segment';

export interface CallList {
  command: CallListCommand;
  /** The list's name in its canonical form: `A`, `at-risk`, `win-back`, `top`, `status=prospect`. */
  name: string;
  /** What the list is, in words: "A-class clients". */
  label: Texts;
  /** The order to call them, in words: "by revenue, largest first". */
  order: Texts;
  entries: CallListEntry[];
}

/**
 * A list's name as users may type it: lower case, accents and apostrophes dropped, every other run
 * of non-letters a hyphen.
 * @example slugListName("Can't Lose Them") // 'cant-lose-them'
 * @example slugListName('À risque') // 'a-risque'
 */
export function slugListName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9=]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A list a command offers: its canonical key and its names in both languages. */
export interface ListChoice {
  key: string;
  names: Texts;
}

/**
 * The key of the list `text` names, comparing slugs of the key and of both names; undefined when
 * none matches.
 * @example findListChoice('at-risk', [{ key: 'at-risk', names: { en: 'At Risk', fr: 'À risque' } }]) // 'at-risk'
 */
export function findListChoice(text: string, choices: readonly ListChoice[]): string | undefined {
  const slug = slugListName(text);
  if (slug === '') return undefined;
  const found = choices.find(
    (c) =>
      slugListName(c.key) === slug || slugListName(c.names.en) === slug || slugListName(c.names.fr) === slug,
  );
  return found?.key;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function numbered<T extends Omit<CallListEntry, 'rank'>>(entries: T[]): CallListEntry[] {
  return entries.map((e, i) => ({ rank: i + 1, ...e }));
}

/** One client of a Pareto result, as the call list needs it. */
export interface ParetoListClient {
  clientId: string;
  value: number;
  share: number;
  cumulativeShare: number;
  rank: number;
  className: string;
}

/**
 * The clients of one ABC class, by value descending (ties: client id ascending): the largest
 * account of the class is called first.
 * @example buildParetoCallList(result.clients, 'A', () => NO_DETAILS) // the A class, largest first
 */
export function buildParetoCallList(
  clients: readonly ParetoListClient[],
  className: string,
  detailsOf: (clientId: string) => ContactDetails,
): CallListEntry[] {
  return numbered(
    clients
      .filter((c) => c.className === className)
      .sort((a, b) => b.value - a.value || byText(a.clientId, b.clientId))
      .map((c) => ({
        clientId: c.clientId,
        details: detailsOf(c.clientId),
        figures: {
          kind: 'pareto' as const,
          className: c.className,
          value: c.value,
          share: c.share,
          cumulativeShare: c.cumulativeShare,
          valueRank: c.rank,
        },
      })),
  );
}

/** One scored client of an RFM result, as the call list needs it. */
export interface RfmListClient {
  clientId: string;
  recencyDays: number;
  transactionCount: number;
  amount: number;
  rfmScore: number;
  segment: number;
  lastOrderDay?: number;
}

/**
 * The clients of one RFM segment (`segment` indexes the rules; -1 = "Others"), by monetary value
 * descending, then the most recent first, then client id: the most valuable client at stake first.
 */
export function buildRfmCallList(
  clients: readonly RfmListClient[],
  segment: number,
  segmentName: Texts,
  detailsOf: (clientId: string) => ContactDetails,
): CallListEntry[] {
  return numbered(
    clients
      .filter((c) => c.segment === segment)
      .sort((a, b) => b.amount - a.amount || a.recencyDays - b.recencyDays || byText(a.clientId, b.clientId))
      .map((c) => ({
        clientId: c.clientId,
        details: detailsOf(c.clientId),
        figures: {
          kind: 'rfm' as const,
          segment: segmentName,
          recencyDays: c.recencyDays,
          frequency: c.transactionCount,
          monetary: c.amount,
          rfmScore: c.rfmScore,
          lastOrderDay: c.lastOrderDay ?? null,
        },
      })),
  );
}

/** One scored row of a grid. */
export interface ScoredListRow {
  clientId: string;
  /** 1-based line in the file (ties keep the file's order). */
  line: number;
  score: number;
  grade: string;
  details: ContactDetails;
}

/** The rows of one grade, by score descending (ties: the file's order). */
export function buildScoreCallList(rows: readonly ScoredListRow[], grade: string): CallListEntry[] {
  return numbered(
    rows
      .filter((r) => r.grade === grade)
      .sort((a, b) => b.score - a.score || a.line - b.line)
      .map((r) => ({
        clientId: r.clientId,
        details: r.details,
        figures: { kind: 'score' as const, grade: r.grade, score: r.score },
      })),
  );
}

/** One open deal or project of a portfolio. */
export interface PipelineListRow {
  clientId: string;
  line: number;
  potential: number;
  /** 0..1. */
  probability: number;
  details: ContactDetails;
}

/**
 * The top `count` of the pipeline by expected value (potential x probability, in cents so that
 * ties are exact), descending; ties: larger potential first, then the file's order.
 * @example rows (10 000, 50 %), (20 000, 20 %), (4 000, 100 %): top 2 = the first (5 000) then the third (4 000)
 */
export function buildPipelineCallList(rows: readonly PipelineListRow[], count: number): CallListEntry[] {
  const cents = (r: PipelineListRow): number => Math.round(r.potential * r.probability * 100);
  return numbered(
    [...rows]
      .sort((a, b) => cents(b) - cents(a) || b.potential - a.potential || a.line - b.line)
      .slice(0, count)
      .map((r) => ({
        clientId: r.clientId,
        details: r.details,
        figures: {
          kind: 'portfolio' as const,
          potential: r.potential,
          probability: r.probability,
          expectedValue: cents(r) / 100,
        },
      })),
  );
}

/** A former client of a review. */
export interface FormerListClient {
  clientId: string;
  pastRevenue: number;
  orders: number;
  lastOrderDay: number;
  monthsSinceLastOrder: number;
}

/** Former clients to win back, by past revenue descending (ties: client id), as the review ranks them. */
export function buildWinBackCallList(
  clients: readonly FormerListClient[],
  detailsOf: (clientId: string) => ContactDetails,
): CallListEntry[] {
  return numbered(
    [...clients]
      .sort((a, b) => b.pastRevenue - a.pastRevenue || byText(a.clientId, b.clientId))
      .map((c) => ({
        clientId: c.clientId,
        details: detailsOf(c.clientId),
        figures: {
          kind: 'win-back' as const,
          pastRevenue: c.pastRevenue,
          orders: c.orders,
          lastOrderDay: c.lastOrderDay,
          monthsSinceLastOrder: c.monthsSinceLastOrder,
        },
      })),
  );
}

/** A condition on a segment cell: a field and the value it must have (compared as slugs). */
export interface CellCondition {
  /** A `--by` field or `tier`; undefined: any of the cell's values. */
  field: string | undefined;
  value: string;
}

/**
 * Reads a segment cell name: `status=prospect`, `status=prospect,sector=Santé`, or a bare value
 * (`prospect`, `large`) that any field of the cell may have.
 * @example parseCellName('status=prospect') // [{ field: 'status', value: 'prospect' }]
 */
export function parseCellName(text: string): CellCondition[] {
  return text
    .split(/[,;&]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.indexOf('=');
      if (at < 0) return { field: undefined, value: part };
      return { field: part.slice(0, at).trim(), value: part.slice(at + 1).trim() };
    });
}

/** Whether a cell meets every condition (values compared as slugs: case, accents and spaces aside). */
export function cellMatches(
  cell: Record<string, string | null>,
  conditions: readonly CellCondition[],
): boolean {
  return conditions.every((c) => {
    const wanted = slugListName(c.value);
    const values = c.field === undefined ? Object.values(cell) : [cell[c.field]];
    return values.some((v) => v !== null && v !== undefined && slugListName(v) === wanted);
  });
}

/** One client of a segmentation. */
export interface SegmentListRow {
  clientId: string;
  line: number;
  cell: Record<string, string | null>;
  revenue: number | null;
  margin: number | null;
  details: ContactDetails;
}

/**
 * The clients of the cells that meet the conditions, by revenue descending (no revenue last),
 * ties in the file's order.
 */
export function buildSegmentCallList(
  rows: readonly SegmentListRow[],
  conditions: readonly CellCondition[],
): CallListEntry[] {
  const revenue = (r: SegmentListRow): number => r.revenue ?? Number.NEGATIVE_INFINITY;
  return numbered(
    rows
      .filter((r) => cellMatches(r.cell, conditions))
      .sort((a, b) => revenue(b) - revenue(a) || a.line - b.line)
      .map((r) => ({
        clientId: r.clientId,
        details: r.details,
        figures: { kind: 'segment' as const, cell: r.cell, revenue: r.revenue, margin: r.margin },
      })),
  );
}
