import { formatSentenceDate, type Lang, type Texts } from '../i18n.js';
import { formatIsoDay } from '../core/calendar.js';
import type {
  LeadSource,
  MonthLine,
  MonthlyReview,
  Origin,
  ReviewResult,
  SplitDimension,
  SplitLine,
} from '../core/review.js';
import { UNKNOWN_CATEGORY } from '../core/pareto.js';
import { formatMoney, formatNumber, formatPercent } from './format.js';
import { bandText, crossTabBlock } from './pareto-report.js';
import type { Block, Cell, Report, TableBlock } from './report.js';

export const REVIEW_SCHEMA_VERSION = 1;

/** How many former clients the tables show (the JSON has them all). */
export const FORMER_CLIENTS_SHOWN = 10;

export const ORIGIN_LABEL: Record<Origin | 'total' | 'creditOnly', Texts> = {
  conquest: { en: 'Conquest (new clients)', fr: 'Conquête (nouveaux clients)' },
  retention: { en: 'Retention (kept clients)', fr: 'Fidélisation (clients conservés)' },
  reconquest: { en: 'Reconquest (former clients back)', fr: 'Reconquête (anciens clients revenus)' },
  creditOnly: {
    en: 'Credit notes, no purchase in the period',
    fr: 'Avoirs sans achat sur la période',
  },
  total: { en: 'Total', fr: 'Total' },
};

export const SOURCE_LABEL: Record<LeadSource | 'undated' | 'total', Texts> = {
  field: { en: 'Field prospecting', fr: 'Prospection terrain' },
  offline: { en: 'Offline marketing', fr: 'Marketing hors ligne' },
  online: { en: 'Online marketing', fr: 'Marketing en ligne' },
  prescription: { en: 'Prescription', fr: 'Prescription' },
  other: { en: 'Other', fr: 'Autre' },
  unknown: { en: 'Unknown (no source)', fr: 'Inconnue (sans source)' },
  undated: { en: 'Undated (no creation date)', fr: 'Non datée (sans date de création)' },
  total: { en: 'Total', fr: 'Total' },
};

export const DIMENSION_LABEL: Record<SplitDimension, Texts> = {
  zone: { en: 'By zone', fr: 'Par zone' },
  targetType: { en: 'By target type', fr: 'Par type de cible' },
  product: { en: 'By product', fr: 'Par produit' },
};

const NONE: Texts = { en: '(none)', fr: '(aucun)' };

function both(make: (lang: Lang) => string): Texts {
  return { en: make('en'), fr: make('fr') };
}

function prefixed(owner: string | null, title: Texts): Texts {
  return owner === null ? title : both((lang) => `${owner}${lang === 'fr' ? ' :' : ':'} ${title[lang]}`);
}

/** `+10 points` / `+10 points` (fr): a change of a rate. */
function points(change: number, lang: Lang): string {
  const value = formatNumber(change * 100, lang, 1);
  return `${change > 0 ? '+' : ''}${value} ${lang === 'fr' ? 'points' : 'points'}`;
}

function signedPercent(change: number, lang: Lang): string {
  return `${change > 0 ? '+' : ''}${formatPercent(change, lang, 1)}`;
}

/** A period for people: `2026-01-01 to 2026-12-31` / `du 01/01/2026 au 31/12/2026`. */
export function describePeriod(p: { fromDay: number; toDay: number }): Texts {
  const f = formatIsoDay(p.fromDay);
  const t = formatIsoDay(p.toDay);
  const fr = (iso: string): string => formatSentenceDate(iso, 'fr');
  return { en: `${f} to ${t}`, fr: `du ${fr(f)} au ${fr(t)}` };
}

function originTable(r: ReviewResult): TableBlock {
  return {
    kind: 'table',
    title: prefixed(r.owner, { en: 'Revenue by origin', fr: "Chiffre d'affaires par origine" }),
    columns: [
      { key: 'origin', label: { en: 'Origin', fr: 'Origine' }, kind: 'text' },
      { key: 'clients', label: { en: 'Clients', fr: 'Clients' }, kind: 'integer' },
      { key: 'revenue', label: { en: 'Revenue', fr: 'CA' }, kind: 'money' },
      { key: 'share', label: { en: 'Share', fr: 'Part' }, kind: 'percent' },
      ...(r.origins.some((l) => l.objectiveShare !== null)
        ? [
            {
              key: 'objectiveShare',
              label: { en: 'Objective mix', fr: 'Part objectif' },
              kind: 'percent' as const,
            },
          ]
        : []),
      { key: 'objective', label: { en: 'Objective', fr: 'Objectif' }, kind: 'money' },
      { key: 'achievement', label: { en: 'Achieved', fr: 'Réalisé' }, kind: 'percent' },
      { key: 'gap', label: { en: 'Gap', fr: 'Écart' }, kind: 'money' },
    ],
    rows: r.origins.map((l) => ({
      origin: ORIGIN_LABEL[l.origin],
      clients: l.clients,
      revenue: l.revenue,
      share: l.share,
      objectiveShare: l.objectiveShare,
      objective: l.objective,
      achievement: l.achievement,
      gap: l.gap,
    })),
  };
}

/** The objective mix against the actual mix of the three revenues, in one sentence. */
function mixLine(r: ReviewResult): Texts | null {
  const lines = r.origins.filter((l) => l.origin !== 'total');
  if (lines.some((l) => l.objectiveShare === null)) return null;
  return both((lang) => {
    const list = (pick: (l: (typeof lines)[number]) => number | null): string =>
      lines.map((l) => formatPercent(pick(l) ?? 0, lang, 1)).join(' / ');
    return lang === 'fr'
      ? `Répartition conquête / fidélisation / reconquête : objectif ${list((l) => l.objectiveShare)}, réalisé ${list((l) => l.share)}.`
      : `Mix conquest / retention / reconquest: objective ${list((l) => l.objectiveShare)}, actual ${list((l) => l.share)}.`;
  });
}

/** The Pareto of the period with the maturity and the contact effort (seed 003). */
function paretoBlocks(r: ReviewResult): Block[] {
  const p = r.pareto;
  if (!p) return [];
  const blocks: Block[] = [
    {
      kind: 'table',
      sheet: prefixed(r.owner, { en: 'Pareto classes', fr: 'Classes de Pareto' }),
      title: prefixed(r.owner, {
        en: 'Portfolio by Pareto class (revenue of the period)',
        fr: 'Portefeuille par classe de Pareto (CA de la période)',
      }),
      columns: [
        { key: 'class', label: { en: 'Class', fr: 'Classe' }, kind: 'text' },
        { key: 'clients', label: { en: 'Clients', fr: 'Clients' }, kind: 'integer' },
        { key: 'shareOfClients', label: { en: '% of clients', fr: '% des clients' }, kind: 'percent' },
        { key: 'value', label: { en: 'Revenue', fr: 'CA' }, kind: 'money' },
        { key: 'shareOfValue', label: { en: '% of revenue', fr: '% du CA' }, kind: 'percent' },
      ],
      rows: p.classes.map((c) => ({
        class: c.className,
        clients: c.clients,
        shareOfClients: c.shareOfClients,
        value: c.value,
        shareOfValue: c.shareOfValue,
      })),
    },
  ];
  const none: Texts = { en: '(none)', fr: '(aucune)' };
  if (p.maturity) {
    const label: Record<string, Texts> = {
      active: { en: 'active', fr: 'actif' },
      latent: { en: 'latent', fr: 'latent' },
      arid: { en: 'arid', fr: 'aride' },
    };
    blocks.push(
      crossTabBlock(
        prefixed(r.owner, { en: 'Pareto classes by maturity', fr: 'Classes de Pareto par maturité' }),
        { en: 'Maturity', fr: 'Maturité' },
        p.maturity,
        (c) => (c === UNKNOWN_CATEGORY ? none : (label[c] ?? { en: c, fr: c })),
        p.maturity.some((c) => c.effort !== null),
      ),
    );
  }
  if (p.effort) {
    const bands = p.effort.bands;
    blocks.push(
      crossTabBlock(
        prefixed(r.owner, {
          en: 'Pareto classes by contact effort (interactions, terciles)',
          fr: 'Classes de Pareto par effort de contact (interactions, terciles)',
        }),
        { en: 'Effort', fr: 'Effort' },
        p.effort.cells,
        (c) => {
          const band = bands[Number(c) - 1];
          return c === UNKNOWN_CATEGORY || !band ? none : both((lang) => bandText(band, lang));
        },
        true,
      ),
      {
        kind: 'text',
        lines: [
          {
            en: 'Value per unit of effort shows the big clients that get little attention and the small ones that get a lot.',
            fr: "La valeur par unité d'effort montre les gros clients peu suivis et les petits très sollicités.",
          },
        ],
      },
    );
  }
  return blocks;
}

function revenueLine(r: ReviewResult): Texts {
  return both((lang) => {
    const head =
      lang === 'fr'
        ? `CA de la période (${describePeriod(r.period).fr}) : ${formatMoney(r.revenue.current, lang)} ; période précédente : ${formatMoney(r.revenue.previous, lang)}`
        : `Revenue of the period (${describePeriod(r.period).en}): ${formatMoney(r.revenue.current, lang)}; previous period: ${formatMoney(r.revenue.previous, lang)}`;
    return r.revenue.change === null ? `${head}.` : `${head} (${signedPercent(r.revenue.change, lang)}).`;
  });
}

function leadTable(r: ReviewResult): Block | null {
  if (!r.leads) return null;
  if (r.leads.total.leads === 0) {
    return {
      kind: 'text',
      title: prefixed(r.owner, { en: 'Leads by source', fr: 'Leads par source' }),
      lines: [{ en: 'No lead created in the period.', fr: 'Aucun lead créé sur la période.' }],
    };
  }
  const row = (label: Texts, l: NonNullable<ReviewResult['leads']>['total']): Record<string, Cell> => ({
    source: label,
    leads: l.leads,
    proposals: l.proposals,
    proposalRate: l.proposalRate,
    won: l.won,
    proposalWinRate: l.proposalWinRate,
    winRate: l.winRate,
    revenueWon: l.revenueWon,
    values: l.values.join(', '),
  });
  return {
    kind: 'table',
    title: prefixed(r.owner, { en: 'Leads by source', fr: 'Leads par source' }),
    columns: [
      { key: 'source', label: { en: 'Source', fr: 'Source' }, kind: 'text' },
      { key: 'leads', label: { en: 'Leads', fr: 'Leads' }, kind: 'integer' },
      { key: 'proposals', label: { en: 'Proposals', fr: 'Propositions' }, kind: 'integer' },
      { key: 'proposalRate', label: { en: 'Lead → proposal', fr: 'Lead → proposition' }, kind: 'percent' },
      { key: 'won', label: { en: 'Deals', fr: 'Affaires' }, kind: 'integer' },
      {
        key: 'proposalWinRate',
        label: { en: 'Proposal → deal', fr: 'Proposition → affaire' },
        kind: 'percent',
      },
      { key: 'winRate', label: { en: 'Lead → deal', fr: 'Lead → affaire' }, kind: 'percent' },
      { key: 'revenueWon', label: { en: 'Revenue won', fr: 'CA gagné' }, kind: 'money' },
      { key: 'values', label: { en: 'Values in the file', fr: 'Valeurs du fichier' }, kind: 'text' },
    ],
    rows: [
      // The sources that have leads (the four of seed 003 always), then undated, then the total.
      ...r.leads.bySource
        .filter((l) => l.leads > 0 || !['other', 'unknown'].includes(l.source))
        .map((l) => row(SOURCE_LABEL[l.source], l)),
      ...(r.leads.undated.leads > 0 ? [row(SOURCE_LABEL.undated, r.leads.undated)] : []),
      row(SOURCE_LABEL.total, r.leads.total),
    ],
  };
}

/** Which date each stage of the lead table is counted on (one base: the lead's creation). */
export const LEAD_BASIS_TEXT: Texts = {
  en: 'One base for every stage: the leads created in the period, each with its proposal and its deal whenever they came (a proposal made in the period for a lead of the year before counts in that year). Leads with no date are counted under "Undated", those with no source under "Unknown".',
  fr: "Une seule base pour chaque étape : les leads créés dans la période, chacun avec sa proposition et son affaire quelle que soit leur date (une proposition faite dans la période pour un lead de l'année précédente compte dans cette année-là). Les leads sans date sont comptés en « Non datée », ceux sans source en « Inconnue ».",
};

function conversionLines(r: ReviewResult): Texts[] {
  if (!r.conversion) return [];
  const { current, previous, change } = r.conversion;
  const rate = (f: { proposals: number; won: number; rate: number | null }, lang: Lang): string =>
    f.rate === null
      ? lang === 'fr'
        ? 'aucune proposition'
        : 'no proposal'
      : lang === 'fr'
        ? `${formatPercent(f.rate, lang, 1)} (${f.won} sur ${f.proposals})`
        : `${formatPercent(f.rate, lang, 1)} (${f.won} of ${f.proposals})`;
  const lines: Texts[] = [
    both((lang) =>
      lang === 'fr'
        ? `Taux de transformation des propositions en affaires (leads créés dans la période) : ${rate(current, lang)} ; période précédente : ${rate(previous, lang)}${change === null ? '' : ` ; évolution ${points(change, lang)}`}.`
        : `Conversion of proposals to deals (leads created in the period): ${rate(current, lang)}; previous period: ${rate(previous, lang)}${change === null ? '' : `; change ${points(change, lang)}`}.`,
    ),
    LEAD_BASIS_TEXT,
  ];
  if (r.leads && r.leads.undated.leads > 0) {
    const n = r.leads.undated.leads;
    lines.push({
      en: `${n} ${n === 1 ? 'lead has' : 'leads have'} no creation date: counted in this period under "Undated", not in the previous one.`,
      fr: `${n} ${n === 1 ? 'lead n’a' : 'leads n’ont'} pas de date de création : ${n === 1 ? 'compté' : 'comptés'} dans cette période en « Non datée », pas dans la précédente.`,
    });
  }
  return lines;
}

function formerTable(r: ReviewResult): Block[] {
  const shown = r.formerClients.slice(0, FORMER_CLIENTS_SHOWN);
  const table: TableBlock = {
    kind: 'table',
    title: prefixed(
      r.owner,
      both((lang) =>
        lang === 'fr'
          ? `Anciens clients à recibler (sans commande depuis ${r.dormantMonths} mois ou plus)`
          : `Former clients worth targeting (no order for ${r.dormantMonths} months or more)`,
      ),
    ),
    columns: [
      { key: 'clientId', label: { en: 'Client', fr: 'Client' }, kind: 'text' },
      { key: 'name', label: { en: 'Name', fr: 'Nom' }, kind: 'text' },
      { key: 'pastRevenue', label: { en: 'Past revenue', fr: 'CA passé' }, kind: 'money' },
      { key: 'orders', label: { en: 'Orders', fr: 'Commandes' }, kind: 'integer' },
      { key: 'lastOrder', label: { en: 'Last order', fr: 'Dernière commande' }, kind: 'date' },
      { key: 'months', label: { en: 'Months without order', fr: 'Mois sans commande' }, kind: 'integer' },
    ],
    rows: shown.map((f) => ({
      clientId: f.clientId,
      name: f.name,
      pastRevenue: f.pastRevenue,
      orders: f.orders,
      lastOrder: formatIsoDay(f.lastOrderDay),
      months: f.monthsSinceLastOrder,
    })),
  };
  if (r.formerClients.length === 0) {
    return [
      {
        kind: 'text',
        title: table.title,
        lines: [{ en: 'No dormant former client.', fr: 'Aucun ancien client dormant.' }],
      },
    ];
  }
  const blocks: Block[] = [table];
  if (r.formerClients.length > shown.length) {
    const total = r.formerClients.reduce((s, f) => s + Math.round(f.pastRevenue * 100), 0) / 100;
    blocks.push({
      kind: 'text',
      lines: [
        both((lang) =>
          lang === 'fr'
            ? `Les ${shown.length} premiers de ${r.formerClients.length} anciens clients (${formatMoney(total, lang)} de CA passé au total ; tous dans --format json).`
            : `The first ${shown.length} of ${r.formerClients.length} former clients (${formatMoney(total, lang)} of past revenue in all; all of them in --format json).`,
        ),
      ],
    });
  }
  return blocks;
}

function splitTable(r: ReviewResult, dimension: SplitDimension, lines: SplitLine[]): TableBlock {
  return {
    kind: 'table',
    title: prefixed(r.owner, DIMENSION_LABEL[dimension]),
    columns: [
      { key: 'value', label: { en: 'Value', fr: 'Valeur' }, kind: 'text' },
      { key: 'clients', label: { en: 'Clients', fr: 'Clients' }, kind: 'integer' },
      { key: 'revenue', label: { en: 'Revenue', fr: 'CA' }, kind: 'money' },
      { key: 'share', label: { en: 'Share', fr: 'Part' }, kind: 'percent' },
      { key: 'previousRevenue', label: { en: 'Previous period', fr: 'Période précédente' }, kind: 'money' },
      { key: 'change', label: { en: 'Change', fr: 'Évolution' }, kind: 'percent' },
    ],
    rows: lines.map((l) => ({
      value: l.value ?? NONE,
      clients: l.clients,
      revenue: l.revenue,
      share: l.share,
      previousRevenue: l.previousRevenue,
      change: l.change,
    })),
  };
}

/** The blocks of one review (the team's or one owner's), in the order of seed 003. */
export function buildReviewBlocks(r: ReviewResult): Block[] {
  const mix = mixLine(r);
  const blocks: Block[] = [
    originTable(r),
    { kind: 'text', lines: mix ? [revenueLine(r), mix] : [revenueLine(r)] },
  ];
  const leads = leadTable(r);
  if (leads) blocks.push(leads);
  const conversion = conversionLines(r);
  if (conversion.length > 0) blocks.push({ kind: 'text', lines: conversion });
  blocks.push(...paretoBlocks(r));
  blocks.push(...formerTable(r));
  for (const d of ['zone', 'targetType', 'product'] as const) {
    const lines = r.splits[d];
    if (lines) blocks.push(splitTable(r, d, lines));
  }
  return blocks;
}

/** One review as JSON: stable keys, ISO dates, fractions for rates (documented in docs/commands/review.md). */
export function buildReviewResultJson(r: ReviewResult): Record<string, unknown> {
  return {
    owner: r.owner,
    revenue: r.revenue,
    origins: r.origins,
    clients: r.clients.map((c) => ({
      clientId: c.clientId,
      origin: c.origin,
      revenue: c.revenue,
      firstOrderInPeriod: formatIsoDay(c.firstDayInPeriod),
      previousOrder: c.previousOrderDay === null ? null : formatIsoDay(c.previousOrderDay),
      monthsWithoutOrder: c.monthsWithoutOrder,
    })),
    leads: r.leads,
    conversion: r.conversion,
    formerClients: r.formerClients.map((f) => ({
      clientId: f.clientId,
      name: f.name,
      pastRevenue: f.pastRevenue,
      orders: f.orders,
      lastOrder: formatIsoDay(f.lastOrderDay),
      monthsSinceLastOrder: f.monthsSinceLastOrder,
    })),
    splits: r.splits,
    pareto: r.pareto,
  };
}

export interface ReviewView {
  team: ReviewResult;
  /** One per owner with `--by owner`; empty otherwise. */
  owners: ReviewResult[];
  /** Month by month (`--by owner`, `--compare previous`); absent otherwise. */
  monthly?: { compare: boolean; byOwner: boolean; team: MonthlyReview; owners: MonthlyReview[] };
  /** Notes given on stderr while reading, in both languages. */
  warnings?: Texts[];
}

const NOT_AVAILABLE: Texts = { en: 'n/a', fr: 'n.d.' };

/** The name of a month-by-month table's line: a sales person, the orders without one, the team. */
function monthlyName(m: MonthlyReview, byOwner: boolean): Texts | null {
  if (m.unassigned) return { en: '(unassigned)', fr: '(non attribué)' };
  if (m.owner !== null) return { en: m.owner, fr: m.owner };
  return byOwner ? { en: 'Team', fr: 'Équipe' } : null;
}

/**
 * One month-by-month table: rows the months of the period then its total; columns the orders and
 * the revenue, and with `compare` the same days a year before, the difference and the change in
 * %, "n/a" where the file has no data that early. One table per sales person (not one column per
 * person): with the comparison a person takes three columns, and a table per person keeps 80
 * columns whatever the size of the team.
 */
function monthlyTable(m: MonthlyReview, compare: boolean, byOwner: boolean): TableBlock {
  const name = monthlyName(m, byOwner);
  const title: Texts = { en: 'Month by month', fr: 'Mois par mois' };
  const row = (l: MonthLine): Record<string, Cell> => ({
    month: l.month === 'total' ? ORIGIN_LABEL.total : l.month,
    orders: l.orders,
    revenue: l.revenue,
    ...(compare
      ? {
          previous: l.previous === null ? NOT_AVAILABLE : l.previous.revenue,
          change: l.change === null ? NOT_AVAILABLE : l.change,
          changeShare: l.changeShare === null ? NOT_AVAILABLE : l.changeShare,
        }
      : {}),
  });
  return {
    kind: 'table',
    title:
      name === null
        ? title
        : both((lang) => `${name[lang]}${lang === 'fr' ? ' : ' : ': '}${title[lang].toLowerCase()}`),
    columns: [
      { key: 'month', label: { en: 'Month', fr: 'Mois' }, kind: 'text' },
      { key: 'orders', label: { en: 'Orders', fr: 'Commandes' }, kind: 'integer' },
      { key: 'revenue', label: { en: 'Revenue', fr: 'CA' }, kind: 'money' },
      ...(compare
        ? [
            { key: 'previous', label: { en: 'Year before', fr: 'Un an avant' }, kind: 'money' as const },
            { key: 'change', label: { en: 'Difference', fr: 'Écart' }, kind: 'money' as const },
            { key: 'changeShare', label: { en: 'Change', fr: 'Évolution' }, kind: 'percent' as const },
          ]
        : []),
    ],
    rows: [...m.months.map(row), row(m.total)],
  };
}

/** The month-by-month blocks: each sales person's table, then the team's, then how to read them. */
function monthlyBlocks(monthly: NonNullable<ReviewView['monthly']>): Block[] {
  const { compare, byOwner } = monthly;
  const tables = [...monthly.owners, monthly.team].map((m) => monthlyTable(m, compare, byOwner));
  const lines: Texts[] = [
    {
      en: "Orders are purchases (credit notes are not orders); revenue nets the credit notes. An order belongs to its own owner, else to its client's.",
      fr: "Les commandes sont les achats (un avoir n'est pas une commande) ; le CA déduit les avoirs. Une commande revient à son commercial, sinon à celui de son client.",
    },
  ];
  if (monthly.owners.some((m) => m.unassigned)) {
    lines.push({
      en: 'Orders without an owner (in the file or the client file) are shown as (unassigned), so that the lines add up to the team.',
      fr: "Les commandes sans commercial (ni dans le fichier ni dans le fichier clients) sont montrées en « (non attribué) », pour que les lignes fassent le total de l'équipe.",
    });
  }
  if (compare) {
    lines.push({
      en: 'Year before: the same days twelve months earlier; difference = revenue - year before; change = difference / year before. n/a: the file has no order that early, or the year before is zero.',
      fr: "Un an avant : les mêmes jours douze mois plus tôt ; écart = CA - un an avant ; évolution = écart / un an avant. n.d. : le fichier n'a pas de commande aussi ancienne, ou l'an d'avant est nul.",
    });
  }
  return [...tables, { kind: 'text', lines }];
}

function monthlyJson(m: MonthlyReview): Record<string, unknown> {
  const line = (l: MonthLine): Record<string, unknown> => ({
    month: l.month,
    from: formatIsoDay(l.fromDay),
    to: formatIsoDay(l.toDay),
    orders: l.orders,
    revenue: l.revenue,
    previous: l.previous,
    change: l.change,
    changeShare: l.changeShare,
  });
  return { owner: m.owner, unassigned: m.unassigned, months: m.months.map(line), total: line(m.total) };
}

/** The review as a report: the team's review, then one per owner. */
export function buildReviewReport(view: ReviewView): Report {
  const { team } = view;
  const blocks: Block[] = [...(view.monthly ? monthlyBlocks(view.monthly) : []), ...buildReviewBlocks(team)];
  for (const r of view.owners) blocks.push(...buildReviewBlocks(r));
  const all = [team, ...view.owners];
  return {
    title: both((lang) =>
      lang === 'fr'
        ? `Analyse de l'action commerciale, ${describePeriod(team.period).fr}`
        : `Review of the commercial action, ${describePeriod(team.period).en}`,
    ),
    blocks,
    json: {
      schemaVersion: REVIEW_SCHEMA_VERSION,
      period: { from: formatIsoDay(team.period.fromDay), to: formatIsoDay(team.period.toDay) },
      previousPeriod: { from: formatIsoDay(team.previous.fromDay), to: formatIsoDay(team.previous.toDay) },
      dormantMonths: team.dormantMonths,
      team: buildReviewResultJson(team),
      owners: view.owners.map(buildReviewResultJson),
      ...(view.monthly
        ? {
            monthly: {
              compare: view.monthly.compare ? 'previous' : null,
              team: monthlyJson(view.monthly.team),
              owners: view.monthly.owners.map(monthlyJson),
            },
          }
        : {}),
      warnings: view.warnings ?? [],
    },
    csv: {
      header: ['owner', 'origin', 'clients', 'revenue', 'share', 'objective', 'achievement', 'gap'],
      rows: all.flatMap((r) =>
        r.origins.map((l) => [
          r.owner ?? '',
          l.origin,
          l.clients,
          l.revenue,
          l.share,
          l.objective,
          l.achievement,
          l.gap,
        ]),
      ),
    },
  };
}
