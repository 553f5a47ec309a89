/**
 * The analysis of a sales person's year (seed 003, DOMAIN.md section 7): revenue split by origin
 * (conquest, retention, reconquest), leads by source, the conversion rate, former clients worth
 * targeting, and the split by zone, target type and product. Typed records in, no CSV, no clock.
 */
import { classifyOutcome } from './outcome.js';
import {
  addMonths,
  computeCivilDate,
  computeDayNumber,
  computeMonthEnd,
  wholeMonthsBetween,
} from './calendar.js';
import { computeCents } from './money.js';
import {
  computeEffortCrossTab,
  computeMaturityCrossTab,
  computePareto,
  type CrossTabCell,
  type EffortBand,
  type ParetoClassSummary,
  type ParetoConcentration,
} from './pareto.js';

/** One order line. `day` is a day number (days since 1970-01-01). */
export interface ReviewOrder {
  clientId: string;
  day: number;
  /** Euros; negative for a credit note (netted). */
  amount: number;
  owner?: string | null;
  zone?: string | null;
  targetType?: string | null;
  product?: string | null;
}

/** One client of the client file: gives the name, owner, zone and target type the orders lack. */
export interface ReviewClient {
  clientId: string;
  name?: string | null;
  owner?: string | null;
  zone?: string | null;
  targetType?: string | null;
  /** Prospect maturity (active, latent, arid, or the file's word) for the Pareto cross-tab. */
  maturity?: string | null;
  /** Contact effort spent on the client (interactions) for the Pareto cross-tab. */
  effort?: number | null;
}

/**
 * The portfolio of the period by Pareto class (seed 003: "classement Pareto, avec critère de
 * maturité et critère d'effort de contact"), from src/core/pareto.ts on each client's revenue of
 * the period: A to 80 %, B to 95 %, C the rest; crossed with the clients' maturity and with their
 * contact effort in terciles, with the value per unit of effort (big clients that get little
 * attention, small ones that get a lot).
 */
export interface ReviewPareto {
  classes: ParetoClassSummary[];
  concentration: ParetoConcentration;
  /** Null when no client of the period has a maturity. */
  maturity: CrossTabCell[] | null;
  /** Null when no client of the period has an effort. */
  effort: { bands: EffortBand[]; cuts: number[]; cells: CrossTabCell[] } | null;
}

/** Where a lead is in the funnel: still open, at proposal, won, or lost. */
export type LeadStage = 'open' | 'proposal' | 'won' | 'lost';

/** One lead or deal of the leads/deals file. */
export interface ReviewLead {
  leadId: string;
  /** The source as the file says it (`Salon`, `SEO`, `Prescripteur`...); mapped by {@link classifyLeadSource}. */
  source: string | null;
  createdDay: number | null;
  stage: LeadStage;
  /** The day the proposal was made; a lost lead reached proposal only when this is given. */
  proposalDay?: number | null;
  /** Euros won (for won deals). */
  amount?: number | null;
  owner?: string | null;
}

/** An inclusive range of day numbers. */
export interface DayPeriod {
  fromDay: number;
  toDay: number;
}

/**
 * Where the revenue of a client in the period comes from (seed 003's three revenues, DOMAIN.md
 * section 8). Look at the client's first order in the period and the order just before it:
 * - `conquest`: there is none before (a new client);
 * - `reconquest`: the order before is `dormantMonths` whole months or more earlier (a former
 *   client who came back), tested first: a client silent 14 months who had bought in the previous
 *   year is won back, not retained;
 * - `retention`: otherwise (a kept client).
 * The three partition the period's revenue.
 *
 * Worked example, year 2026, dormancy 12 months: a client who ordered on 2025-01-05 and next on
 * 2026-03-10 waited 14 whole months: reconquest, though 2025 is the previous year. One who ordered
 * on 2025-06-01 and 2026-03-10 waited 9 months: retention. One whose first order ever is on
 * 2026-03-10: conquest.
 */
export type Origin = 'conquest' | 'retention' | 'reconquest';

export const ORIGINS: readonly Origin[] = ['conquest', 'retention', 'reconquest'];

/** Revenue objectives by origin (euros); any may be missing. */
export type OriginObjectives = Partial<Record<Origin | 'total', number>>;

/**
 * The four lead sources of seed 003 (field prospecting, offline and online marketing,
 * prescription), the rest (`other`), and `unknown` for a lead whose source is empty.
 */
export type LeadSource = 'field' | 'offline' | 'online' | 'prescription' | 'other' | 'unknown';

export const LEAD_SOURCES: readonly LeadSource[] = [
  'field',
  'offline',
  'online',
  'prescription',
  'other',
  'unknown',
];

export interface ReviewInput {
  orders: readonly ReviewOrder[];
  clients?: readonly ReviewClient[];
  /** Omitted when no leads/deals file is given: the review then has no lead sections. */
  leads?: readonly ReviewLead[];
}

export interface ReviewOptions {
  period: DayPeriod;
  /** Default: {@link computePreviousPeriod} of `period`. */
  previous?: DayPeriod;
  /** Whole months without an order that make a client "former" (default 12). */
  dormantMonths?: number;
  objectives?: OriginObjectives;
  /** Only this owner's orders, leads and former clients; the origin still uses the whole history. */
  owner?: string;
}

export interface OriginLine {
  /** `creditOnly`: the credit notes of clients with no purchase in the period (present only when
   * there are some), so that the lines still add up to the total. */
  origin: Origin | 'total' | 'creditOnly';
  clients: number;
  revenue: number;
  /** Share of the period's revenue (0..1): the actual mix; null when the revenue is 0. */
  share: number | null;
  objective: number | null;
  /**
   * The objective mix: this origin's objective / the sum of the three origins' objectives (1 for
   * the total); null unless all three origins have an objective.
   */
  objectiveShare: number | null;
  /** revenue / objective; null without an objective. */
  achievement: number | null;
  /** revenue - objective; null without an objective. */
  gap: number | null;
}

export interface ClientOrigin {
  clientId: string;
  origin: Origin;
  revenue: number;
  firstDayInPeriod: number;
  /** The last order before the first one in the period; null for a new client. */
  previousOrderDay: number | null;
  /** Whole months between that order and the first one in the period; null for a new client. */
  monthsWithoutOrder: number | null;
}

export interface LeadSourceLine {
  /** The source; `undated` for the leads without a creation date, `total` for the sum. */
  source: LeadSource | 'undated' | 'total';
  leads: number;
  proposals: number;
  won: number;
  /** Lead -> proposal: proposals / leads; null without leads. */
  proposalRate: number | null;
  /** Lead -> deal: won / leads; null without leads. */
  winRate: number | null;
  /** Proposal -> deal: won / proposals; null without proposals. */
  proposalWinRate: number | null;
  revenueWon: number;
  /** The file's values mapped to this source, sorted. */
  values: string[];
}

export interface ConversionFigures {
  proposals: number;
  won: number;
  /** won / proposals; null without proposals. */
  rate: number | null;
}

export interface Conversion {
  current: ConversionFigures;
  previous: ConversionFigures;
  /** current.rate - previous.rate, in fraction points; null when either is null. */
  change: number | null;
}

export interface FormerClient {
  clientId: string;
  name: string | null;
  /** Revenue of all its orders up to the end of the period. */
  pastRevenue: number;
  orders: number;
  lastOrderDay: number;
  /** Whole months from the last order to the end of the period. */
  monthsSinceLastOrder: number;
}

export type SplitDimension = 'zone' | 'targetType' | 'product';

export interface SplitLine {
  /** The value; null for orders without one. */
  value: string | null;
  clients: number;
  revenue: number;
  share: number | null;
  previousRevenue: number;
  /** revenue / previousRevenue - 1; null when the previous revenue is not above 0. */
  change: number | null;
}

export interface ReviewResult {
  owner: string | null;
  period: DayPeriod;
  previous: DayPeriod;
  dormantMonths: number;
  revenue: { current: number; previous: number; change: number | null };
  /** conquest, retention, reconquest, creditOnly (when some), then total. */
  origins: OriginLine[];
  clients: ClientOrigin[];
  /**
   * Null when no leads were given. One base for every stage: the leads created in the period
   * (`basis: 'created'`), each with its proposal and deal whenever they came, so that the table
   * and the conversion show the same proposal total. Leads without a creation date are counted
   * in the period under `undated` (they cannot be placed in time), and in the total.
   */
  leads: {
    basis: 'created';
    bySource: LeadSourceLine[];
    undated: LeadSourceLine;
    total: LeadSourceLine;
  } | null;
  conversion: Conversion | null;
  formerClients: FormerClient[];
  /** Only the dimensions that some order or client carries. */
  splits: Partial<Record<SplitDimension, SplitLine[]>>;
  /** The Pareto of the period's revenue per client; null when no client has revenue. */
  pareto: ReviewPareto | null;
}

const cents = computeCents;
const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const blank = (v: string | null | undefined): v is null | undefined =>
  v === null || v === undefined || v.trim() === '';

/**
 * The calendar year as a period: 1 January to 31 December.
 *
 * @example computeYearPeriod(2026) // { fromDay: 20454, toDay: 20818 }
 */
export function computeYearPeriod(year: number): DayPeriod {
  return { fromDay: computeDayNumber(year, 1, 1), toDay: computeDayNumber(year, 12, 31) };
}

/**
 * The period just before `period`, of the same length: when `period` is made of whole calendar
 * months (it starts on a 1st and ends on a month's last day), the same number of months before it
 * (2025 for 2026, Q3 for Q4); otherwise the same number of days ending the day before.
 * Throws a RangeError when `toDay` is before `fromDay`.
 */
export function computePreviousPeriod(period: DayPeriod): DayPeriod {
  if (period.toDay < period.fromDay) throw new RangeError('a period ends on or after its start');
  const start = computeCivilDate(period.fromDay);
  const after = computeCivilDate(period.toDay + 1);
  if (start.day === 1 && after.day === 1) {
    const months = (after.year - start.year) * 12 + (after.month - start.month);
    return { fromDay: addMonths(period.fromDay, -months), toDay: period.fromDay - 1 };
  }
  const length = period.toDay - period.fromDay + 1;
  return { fromDay: period.fromDay - length, toDay: period.fromDay - 1 };
}

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Words (after lower-casing and removing accents) that name each source, in French and English. */
const SOURCE_WORDS: readonly [LeadSource, RegExp][] = [
  [
    'prescription',
    /\b(prescri\w*|referr\w*|recommand\w*|recommend\w*|parrain\w*|partner\w*|partenaire\w*|bouche a oreille|word of mouth|apporteur\w*|network|reseau)\b/,
  ],
  [
    'online',
    /\b(online|en ligne|web\w*|internet|site|seo|sea|adwords|google|linkedin|facebook|twitter|instagram|social|sociaux|e ?mail\w*|newsletter|display|content|contenu|influen\w*|inbound|blog|webinar\w*|digital|numerique|chat)\b/,
  ],
  [
    'offline',
    /\b(offline|hors ligne|hors media|media|salon\w*|trade ?show\w*|fair|foire|event\w*|evenement\w*|seminar\w*|seminaire\w*|mailing|courrier|print|presse|press|radio|tv|television|flyer\w*|affich\w*|publicite|advert\w*|catalog\w*|marketing)\b/,
  ],
  [
    'field',
    /\b(field|terrain|prospect\w*|ac|action commerciale|cold ?call\w*|phoning|telephone|phone|appel\w*|visit\w*|porte a porte|door to door|outbound|sales|commercial\w*|direct)\b/,
  ],
];

/**
 * Maps a lead source as written in a file to one of seed 003's sources: `prescription`
 * (prescriber, referral, partner), `online` (web, SEO, LinkedIn, e-mail...), `offline` (trade
 * show, press, mailing...; bare "marketing" counts as offline), `field` (field prospecting, cold
 * calls, visits, "AC"), else `other`; an empty source is `unknown`. Case, accents and punctuation are ignored; the families
 * are tried in that order, so "marketing online" is online and "prospection terrain" is field.
 *
 * @example classifyLeadSource('Salon professionnel') // 'offline'
 * @example classifyLeadSource('Prescripteur') // 'prescription'
 */
export function classifyLeadSource(raw: string | null | undefined): LeadSource {
  if (blank(raw)) return 'unknown';
  const text = normalise(raw);
  for (const [source, pattern] of SOURCE_WORDS) if (pattern.test(text)) return source;
  return 'other';
}

const inPeriod = (day: number, p: DayPeriod): boolean => day >= p.fromDay && day <= p.toDay;

/** Whether a lead reached the proposal stage. */
function reachedProposal(lead: ReviewLead): boolean {
  return (
    lead.stage === 'proposal' ||
    lead.stage === 'won' ||
    (lead.proposalDay !== null && lead.proposalDay !== undefined)
  );
}

/** Proposals and deals of the leads created in `period` (the one base of the review). */
function computeConversionFigures(leads: readonly ReviewLead[], period: DayPeriod): ConversionFigures {
  let proposals = 0;
  let won = 0;
  for (const lead of leads) {
    if (lead.createdDay === null || !inPeriod(lead.createdDay, period)) continue;
    if (!reachedProposal(lead)) continue;
    proposals += 1;
    if (lead.stage === 'won') won += 1;
  }
  return { proposals, won, rate: ratio(won, proposals) };
}

interface LeadCounts {
  leads: number;
  proposals: number;
  won: number;
  cents: number;
  values: Set<string>;
}

const emptyCounts = (): LeadCounts => ({ leads: 0, proposals: 0, won: 0, cents: 0, values: new Set() });

function countLead(line: LeadCounts, lead: ReviewLead): void {
  line.leads += 1;
  if (reachedProposal(lead)) line.proposals += 1;
  if (lead.stage === 'won') {
    line.won += 1;
    line.cents += cents(lead.amount ?? 0);
  }
  if (!blank(lead.source)) line.values.add(lead.source.trim());
}

function toLeadLine(source: LeadSourceLine['source'], l: LeadCounts): LeadSourceLine {
  return {
    source,
    leads: l.leads,
    proposals: l.proposals,
    won: l.won,
    proposalRate: ratio(l.proposals, l.leads),
    winRate: ratio(l.won, l.leads),
    proposalWinRate: ratio(l.won, l.proposals),
    revenueWon: l.cents / 100,
    values: [...l.values].sort(),
  };
}

function computeLeadTable(
  leads: readonly ReviewLead[],
  period: DayPeriod,
): NonNullable<ReviewResult['leads']> {
  const lines = new Map<LeadSource, LeadCounts>();
  for (const s of LEAD_SOURCES) lines.set(s, emptyCounts());
  const undated = emptyCounts();
  for (const lead of leads) {
    if (lead.createdDay === null) {
      countLead(undated, lead);
      continue;
    }
    if (!inPeriod(lead.createdDay, period)) continue;
    countLead(lines.get(classifyLeadSource(lead.source)) ?? emptyCounts(), lead);
  }
  const sum = emptyCounts();
  for (const l of [...lines.values(), undated]) {
    sum.leads += l.leads;
    sum.proposals += l.proposals;
    sum.won += l.won;
    sum.cents += l.cents;
  }
  return {
    basis: 'created',
    bySource: LEAD_SOURCES.map((s) => toLeadLine(s, lines.get(s) ?? emptyCounts())),
    undated: toLeadLine('undated', undated),
    total: { ...toLeadLine('total', sum), values: [] },
  };
}

interface Attributes {
  owner: string | null;
  zone: string | null;
  targetType: string | null;
  product: string | null;
}

function attributesOf(order: ReviewOrder, client: ReviewClient | undefined): Attributes {
  const pick = (a: string | null | undefined, b: string | null | undefined): string | null =>
    !blank(a) ? a.trim() : !blank(b) ? b.trim() : null;
  return {
    owner: pick(order.owner, client?.owner),
    zone: pick(order.zone, client?.zone),
    targetType: pick(order.targetType, client?.targetType),
    product: pick(order.product, null),
  };
}

/**
 * The review of one period: every figure of seed 003's "analysis of the commercial action".
 *
 * - Revenue of the period = sum of the order amounts dated in it (credit notes netted), computed in
 *   cents; each client's revenue goes to its {@link Origin}, found from the client's whole order
 *   history (all owners), so a client that changed hands is not counted as new.
 * - Each origin against its objective when given (achievement = revenue / objective).
 * - Leads created in the period by source (empty source: `unknown`; no creation date: `undated`,
 *   counted in the period): volume, how many reached a proposal (stage proposal or won, or a
 *   proposal date), how many were won, the rates lead -> proposal, proposal -> deal, lead -> deal,
 *   and the revenue won. Every stage is counted on the lead's creation date (one base).
 * - Conversion of the period: of the proposals of those leads, the share won (the table's total);
 *   the same for the leads created in the previous period, and the change in points.
 * - Former clients worth targeting: clients with orders whose last order is `dormantMonths` whole
 *   months or more before the end of the period and whose past revenue is above 0, by past revenue
 *   descending (ties by client id).
 * - The split of the period's revenue by zone, target type and product (order value, else client's),
 *   for the dimensions that exist, with the previous period's revenue.
 * - The objective mix (each origin's objective / the three objectives' sum, when all three are
 *   given) beside the actual mix (each origin's share of the revenue).
 * - The Pareto of the period's revenue per client with the clients' maturity and contact effort
 *   ({@link ReviewPareto}).
 *
 * With `owner`, only the orders of that owner (order's owner, else client's), the leads of that
 * owner and the former clients of that owner (client's owner, else the last order's) count.
 * Throws a RangeError when the period is empty or `dormantMonths` is not a whole number >= 1.
 */
export function computeReview(input: ReviewInput, options: ReviewOptions): ReviewResult {
  const { period } = options;
  const previous = options.previous ?? computePreviousPeriod(period);
  const dormantMonths = options.dormantMonths ?? 12;
  if (!Number.isInteger(dormantMonths) || dormantMonths < 1) {
    throw new RangeError('dormantMonths is a whole number of months, 1 or more');
  }
  const owner = options.owner ?? null;
  const clientsById = new Map<string, ReviewClient>();
  for (const c of input.clients ?? []) clientsById.set(c.clientId, c);

  // Per client, over the whole history: the order days before the period, and in it.
  interface History {
    daysBefore: number[];
    firstInPeriod: number | null;
    lastUpToEnd: number | null;
    lastOwner: string | null;
    centsUpToEnd: number;
    ordersUpToEnd: number;
  }
  // A credit note (negative amount) nets the revenue but is not a purchase (DOMAIN.md section 8):
  // it gives no origin, no last order and no order count.
  const history = new Map<string, History>();
  const dims: SplitDimension[] = ['zone', 'targetType', 'product'];
  const seenDims = new Set<SplitDimension>();
  const revenueCents = new Map<string, number>(); // in-scope revenue of the period, per client
  const splitCents: Record<
    SplitDimension,
    Map<string | null, { cur: number; prev: number; clients: Set<string> }>
  > = {
    zone: new Map(),
    targetType: new Map(),
    product: new Map(),
  };
  let currentCents = 0;
  let previousCents = 0;
  for (const order of input.orders) {
    const client = clientsById.get(order.clientId);
    const attrs = attributesOf(order, client);
    let h = history.get(order.clientId);
    if (!h) {
      h = {
        daysBefore: [],
        firstInPeriod: null,
        lastUpToEnd: null,
        lastOwner: null,
        centsUpToEnd: 0,
        ordersUpToEnd: 0,
      };
      history.set(order.clientId, h);
    }
    const purchase = order.amount >= 0;
    if (!purchase) {
      // counted in the revenue below, not as a purchase
    } else if (order.day < period.fromDay) h.daysBefore.push(order.day);
    else if (order.day <= period.toDay && (h.firstInPeriod === null || order.day < h.firstInPeriod))
      h.firstInPeriod = order.day;
    if (order.day <= period.toDay) {
      if (purchase && (h.lastUpToEnd === null || order.day >= h.lastUpToEnd)) {
        h.lastUpToEnd = order.day;
        h.lastOwner = attrs.owner;
      }
      h.centsUpToEnd += cents(order.amount);
      if (purchase) h.ordersUpToEnd += 1;
    }
    if (owner !== null && attrs.owner !== owner) continue;
    for (const d of dims) if (attrs[d] !== null) seenDims.add(d);
    const cur = inPeriod(order.day, period);
    const prev = inPeriod(order.day, previous);
    if (!cur && !prev) continue;
    const c = cents(order.amount);
    if (cur) {
      currentCents += c;
      revenueCents.set(order.clientId, (revenueCents.get(order.clientId) ?? 0) + c);
    } else previousCents += c;
    for (const d of dims) {
      const key = attrs[d];
      let line = splitCents[d].get(key);
      if (!line) {
        line = { cur: 0, prev: 0, clients: new Set() };
        splitCents[d].set(key, line);
      }
      if (cur) {
        line.cur += c;
        line.clients.add(order.clientId);
      } else line.prev += c;
    }
  }

  // Origins of the clients that bought in scope in the period; those with credit notes only in
  // the period did not buy in it: their credit notes make a line of their own.
  const clients: ClientOrigin[] = [];
  let creditOnlyClients = 0;
  let creditOnlyCents = 0;
  for (const [clientId, revenue] of revenueCents) {
    const h = history.get(clientId);
    if (!h || h.firstInPeriod === null) {
      creditOnlyClients++;
      creditOnlyCents += revenue;
      continue;
    }
    const first = h.firstInPeriod;
    const before = h.daysBefore.length === 0 ? null : Math.max(...h.daysBefore);
    let origin: Origin;
    let months: number | null = null;
    if (before === null) origin = 'conquest';
    else {
      months = wholeMonthsBetween(before, first);
      // The gap first: a long silence is a reconquest even after an order in the previous period.
      origin = months >= dormantMonths ? 'reconquest' : 'retention';
    }
    clients.push({
      clientId,
      origin,
      revenue: revenue / 100,
      firstDayInPeriod: first,
      previousOrderDay: before,
      monthsWithoutOrder: months,
    });
  }
  clients.sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));

  const objectives = options.objectives ?? {};
  const mixBase = ORIGINS.every((o) => objectives[o] !== undefined)
    ? ORIGINS.reduce((sum, o) => sum + cents(objectives[o] ?? 0), 0)
    : 0;
  const originLine = (origin: OriginLine['origin'], count: number, c: number): OriginLine => {
    const objective = origin === 'creditOnly' ? null : (objectives[origin] ?? null);
    const mixCents =
      origin === 'total' ? mixBase : origin === 'creditOnly' ? 0 : cents(objectives[origin] ?? 0);
    return {
      origin,
      clients: count,
      revenue: c / 100,
      share: ratio(c, currentCents),
      objective,
      objectiveShare: mixBase > 0 && origin !== 'creditOnly' ? mixCents / mixBase : null,
      achievement: objective === null || objective === 0 ? null : c / 100 / objective,
      gap: objective === null ? null : (c - cents(objective)) / 100,
    };
  };
  const origins = ORIGINS.map((o) => {
    const members = clients.filter((c) => c.origin === o);
    return originLine(
      o,
      members.length,
      members.reduce((s, m) => s + cents(m.revenue), 0),
    );
  });
  if (creditOnlyClients > 0) origins.push(originLine('creditOnly', creditOnlyClients, creditOnlyCents));
  origins.push(originLine('total', clients.length, currentCents));

  // Former clients worth targeting.
  const formerClients: FormerClient[] = [];
  for (const [clientId, h] of history) {
    if (h.lastUpToEnd === null || h.centsUpToEnd <= 0) continue;
    const monthsSince = wholeMonthsBetween(h.lastUpToEnd, period.toDay);
    if (monthsSince < dormantMonths) continue;
    const client = clientsById.get(clientId);
    const clientOwner = !blank(client?.owner) ? client.owner.trim() : h.lastOwner;
    if (owner !== null && clientOwner !== owner) continue;
    formerClients.push({
      clientId,
      name: blank(client?.name) ? null : client.name.trim(),
      pastRevenue: h.centsUpToEnd / 100,
      orders: h.ordersUpToEnd,
      lastOrderDay: h.lastUpToEnd,
      monthsSinceLastOrder: monthsSince,
    });
  }
  formerClients.sort(
    (a, b) =>
      b.pastRevenue - a.pastRevenue || (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0),
  );

  const splits: ReviewResult['splits'] = {};
  for (const d of dims) {
    if (!seenDims.has(d)) continue;
    splits[d] = [...splitCents[d].entries()]
      .map(([value, l]) => ({
        value,
        clients: l.clients.size,
        revenue: l.cur / 100,
        share: ratio(l.cur, currentCents),
        previousRevenue: l.prev / 100,
        change: l.prev > 0 ? l.cur / l.prev - 1 : null,
      }))
      .sort(
        (a, b) =>
          b.revenue - a.revenue ||
          (a.value === null ? 1 : b.value === null ? -1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
      );
  }

  let leads: ReviewResult['leads'] = null;
  let conversion: Conversion | null = null;
  const pareto = computeReviewPareto(revenueCents, clientsById);
  if (input.leads) {
    const mine =
      owner === null ? input.leads : input.leads.filter((l) => !blank(l.owner) && l.owner.trim() === owner);
    leads = computeLeadTable(mine, period);
    // The table's total (undated leads included), so that one review shows one proposal total.
    const current: ConversionFigures = {
      proposals: leads.total.proposals,
      won: leads.total.won,
      rate: ratio(leads.total.won, leads.total.proposals),
    };
    const before = computeConversionFigures(mine, previous);
    conversion = {
      current,
      previous: before,
      change: current.rate === null || before.rate === null ? null : current.rate - before.rate,
    };
  }

  return {
    owner,
    period,
    previous,
    dormantMonths,
    revenue: {
      current: currentCents / 100,
      previous: previousCents / 100,
      change: previousCents > 0 ? currentCents / previousCents - 1 : null,
    },
    origins,
    clients,
    leads,
    conversion,
    formerClients,
    splits,
    pareto,
  };
}

/** The Pareto of the period's revenue per client (in cents), crossed with maturity and effort. */
function computeReviewPareto(
  revenueCents: ReadonlyMap<string, number>,
  clientsById: ReadonlyMap<string, ReviewClient>,
): ReviewPareto | null {
  if (revenueCents.size === 0) return null;
  const inputs = [...revenueCents].map(([clientId, c]) => {
    const client = clientsById.get(clientId);
    return {
      clientId,
      value: c / 100,
      maturity: blank(client?.maturity) ? null : client.maturity.trim(),
      effort: typeof client?.effort === 'number' && Number.isFinite(client.effort) ? client.effort : null,
    };
  });
  const result = computePareto(inputs, { thresholds: [0.8, 0.95] });
  const hasMaturity = inputs.some((i) => i.maturity !== null);
  const hasEffort = inputs.some((i) => i.effort !== null);
  return {
    classes: result.classes,
    concentration: result.concentration,
    maturity: hasMaturity ? computeMaturityCrossTab(result) : null,
    effort: hasEffort ? computeEffortCrossTab(result, 3) : null,
  };
}

/** The owners found in the orders (or their clients) and the leads, sorted. */
export function listOwners(input: ReviewInput): string[] {
  const owners = new Set<string>();
  const clientsById = new Map<string, ReviewClient>();
  for (const c of input.clients ?? []) {
    clientsById.set(c.clientId, c);
    if (!blank(c.owner)) owners.add(c.owner.trim());
  }
  for (const o of input.orders) {
    const owner = attributesOf(o, clientsById.get(o.clientId)).owner;
    if (owner !== null) owners.add(owner);
  }
  for (const l of input.leads ?? []) if (!blank(l.owner)) owners.add(l.owner.trim());
  return [...owners].sort();
}

/**
 * `--by owner`: one review per sales person (objectives from `objectivesByOwner`) and the team's
 * (objectives from `options.objectives`, else the sum of the owners' objectives for each origin
 * that at least one owner has).
 */
export function computeReviewByOwner(
  input: ReviewInput,
  options: Omit<ReviewOptions, 'owner'>,
  objectivesByOwner: Readonly<Record<string, OriginObjectives>> = {},
): { team: ReviewResult; owners: ReviewResult[] } {
  const names = listOwners(input);
  const owners = names.map((owner) =>
    computeReview(input, { ...options, owner, objectives: objectivesByOwner[owner] ?? {} }),
  );
  let teamObjectives = options.objectives;
  if (!teamObjectives || Object.keys(teamObjectives).length === 0) {
    const sum: OriginObjectives = {};
    for (const o of Object.values(objectivesByOwner)) {
      for (const [k, v] of Object.entries(o) as [keyof OriginObjectives, number][]) {
        sum[k] = (cents(sum[k] ?? 0) + cents(v)) / 100;
      }
    }
    teamObjectives = sum;
  }
  return { team: computeReview(input, { ...options, objectives: teamObjectives }), owners };
}

/**
 * Maps a lead's stage or status as a CRM writes it to a {@link LeadStage}: first the outcome
 * vocabulary of outcome.ts (won, lost, open words in four languages), then `won` (won, gagné,
 * signé, closed won, deal, commande), `lost` (lost, perdu, closed lost, abandonné, refusé),
 * `proposal` (proposal, proposition, propal, devis, quote, offre, négociation), else `open`.
 * Case, accents and punctuation are ignored; lost is tried before won so "closed lost" is lost.
 *
 * @example classifyLeadStage('Gagné') // 'won'
 * @example classifyLeadStage('Closed Lost') // 'lost'
 */
export function classifyLeadStage(raw: string | null | undefined): LeadStage {
  if (blank(raw)) return 'open';
  // The outcome vocabulary shared by every command first (outcome.ts), then the lead words.
  const outcome = classifyOutcome(raw);
  if (outcome !== undefined) return outcome;
  const text = normalise(raw);
  if (/\b(lost|perdu\w*|abandon\w*|refus\w*|rejected|annul\w*|cancel\w*|sans suite)\b/.test(text))
    return 'lost';
  if (/\b(won|win|gagne\w*|sign\w*|closed|deal|commande\w*|conclu\w*|vendu\w*|client)\b/.test(text))
    return 'won';
  if (/\b(propos\w*|propal\w*|devis|quot\w*|offre\w*|offer\w*|negoti\w*|negoc\w*)\b/.test(text))
    return 'proposal';
  return 'open';
}

/** One month of the month-by-month review: the orders and revenue dated in it. */
export interface MonthFigures {
  orders: number;
  revenue: number;
}

/** One row of the month-by-month review, with the same months a year before when compared. */
export interface MonthLine extends MonthFigures {
  /** `YYYY-MM`, or `total` for the sum of the period. */
  month: string;
  /** The first and last day of the period that fall in this month (the whole period for the total). */
  fromDay: number;
  toDay: number;
  /**
   * The same days a year before; null when not compared, or when the orders file holds no order
   * that early (its first order is after those days): "no data", not zero.
   */
  previous: MonthFigures | null;
  /** revenue - previous revenue; null without previous figures. */
  change: number | null;
  /** change / previous revenue; null without previous figures or when the previous revenue is not above 0. */
  changeShare: number | null;
}

/** The month-by-month review of one owner (or of the team, owner null; `unassigned`: orders without one). */
export interface MonthlyReview {
  owner: string | null;
  unassigned: boolean;
  months: MonthLine[];
  total: MonthLine;
}

export interface MonthlyOptions {
  period: DayPeriod;
  /** Compare each month with the same days a year before. */
  compare: boolean;
}

/**
 * The same days a year before: each end moves 12 calendar months back; a month's last day stays a
 * month's last day (29 February 2028 -> 28 February 2027; 28 February 2029 -> 29 February 2028).
 *
 * @example computeYearBefore({ fromDay: day(2026, 3, 1), toDay: day(2026, 3, 31) }) // March 2025
 */
export function computeYearBefore(period: DayPeriod): DayPeriod {
  const back = (d: number): number => {
    const { year, month } = computeCivilDate(d);
    return d === computeMonthEnd(year, month) ? computeMonthEnd(year - 1, month) : addMonths(d, -12);
  };
  return { fromDay: back(period.fromDay), toDay: back(period.toDay) };
}

/** The calendar months of a period, each cut to the period. */
function splitMonths(period: DayPeriod): { month: string; fromDay: number; toDay: number }[] {
  const out: { month: string; fromDay: number; toDay: number }[] = [];
  let day = period.fromDay;
  while (day <= period.toDay) {
    const { year, month } = computeCivilDate(day);
    const end = Math.min(computeMonthEnd(year, month), period.toDay);
    out.push({ month: `${year}-${String(month).padStart(2, '0')}`, fromDay: day, toDay: end });
    day = end + 1;
  }
  return out;
}

/**
 * The period month by month, for the team and for each owner (seed 003's measure of each sales
 * person, over time): per calendar month of the period, the orders (purchases; credit notes are
 * not orders) and the revenue (credit notes netted, summed in cents), then the period's total.
 * An order's owner is its own, else its client's (as in {@link computeReview}); the orders without
 * an owner make an `unassigned` line when there are some in the period or the year before, so that
 * the owners' lines add up to the team's.
 *
 * With `compare`, each month sits beside the same days a year before ({@link computeYearBefore}):
 * change = revenue - previous revenue, change share = change / previous revenue. A year before the
 * first order of the file there is no data: previous, change and change share are null ("n/a"),
 * not zero. When the previous revenue is 0 or less, the change share is null.
 *
 * Worked example: orders of 1 000 on 2026-01-10 and 500 on 2025-01-20, period 2026-01: January
 * 2026 = 1 order, 1 000; a year before 1 order, 500; change +500, change share +100 %.
 */
export function computeMonthlyReview(
  input: ReviewInput,
  options: MonthlyOptions,
): { team: MonthlyReview; owners: MonthlyReview[] } {
  const { period, compare } = options;
  const clientsById = new Map<string, ReviewClient>();
  for (const c of input.clients ?? []) clientsById.set(c.clientId, c);
  const months = splitMonths(period);
  const before = months.map((m) => computeYearBefore(m));
  let firstDay = Number.POSITIVE_INFINITY;
  for (const o of input.orders) if (o.day < firstDay) firstDay = o.day;

  interface Sums {
    orders: number[];
    cents: number[];
    prevOrders: number[];
    prevCents: number[];
    any: boolean;
  }
  const zeros = (): number[] => months.map(() => 0);
  const make = (): Sums => ({
    orders: zeros(),
    cents: zeros(),
    prevOrders: zeros(),
    prevCents: zeros(),
    any: false,
  });
  const team = make();
  const byOwner = new Map<string | null, Sums>();
  const find = (day: number, list: readonly DayPeriod[]): number => {
    for (let i = 0; i < list.length; i++) if (day >= list[i]!.fromDay && day <= list[i]!.toDay) return i;
    return -1;
  };
  for (const order of input.orders) {
    const cur = find(order.day, months);
    const prev = compare ? find(order.day, before) : -1;
    if (cur < 0 && prev < 0) continue;
    const owner = attributesOf(order, clientsById.get(order.clientId)).owner;
    let own = byOwner.get(owner);
    if (!own) {
      own = make();
      byOwner.set(owner, own);
    }
    const c = cents(order.amount);
    const purchase = order.amount >= 0 ? 1 : 0;
    for (const s of [team, own]) {
      s.any = true;
      if (cur >= 0) {
        s.cents[cur]! += c;
        s.orders[cur]! += purchase;
      }
      if (prev >= 0) {
        s.prevCents[prev]! += c;
        s.prevOrders[prev]! += purchase;
      }
    }
  }
  const line = (
    month: string,
    p: DayPeriod,
    hasData: boolean,
    orders: number,
    c: number,
    prevOrders: number,
    prevC: number,
  ): MonthLine => {
    const previous = hasData ? { orders: prevOrders, revenue: prevC / 100 } : null;
    return {
      month,
      fromDay: p.fromDay,
      toDay: p.toDay,
      orders,
      revenue: c / 100,
      previous,
      change: previous === null ? null : (c - prevC) / 100,
      changeShare: previous === null || prevC <= 0 ? null : (c - prevC) / prevC,
    };
  };
  // A month has previous figures when the file reaches back to it; the total when every month does.
  const covered = before.map((b) => compare && firstDay <= b.toDay);
  const review = (owner: string | null, unassigned: boolean, s: Sums): MonthlyReview => {
    const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0);
    return {
      owner,
      unassigned,
      months: months.map((m, i) =>
        line(m.month, m, covered[i]!, s.orders[i]!, s.cents[i]!, s.prevOrders[i]!, s.prevCents[i]!),
      ),
      total: line(
        'total',
        period,
        compare && covered.every(Boolean),
        sum(s.orders),
        sum(s.cents),
        sum(s.prevOrders),
        sum(s.prevCents),
      ),
    };
  };
  const names = listOwners(input);
  const owners = names.map((name) => review(name, false, byOwner.get(name) ?? make()));
  const none = byOwner.get(null);
  if (none?.any) owners.push(review(null, true, none));
  return { team: review(null, false, team), owners };
}
