/**
 * A call list as a report (table, CSV, JSON, Markdown, .xlsx): who to call, how to reach them, the
 * figures that put them on the list and the reason in words, in the order to call them.
 */
import type { Lang, Texts } from '../i18n.js';
import { formatIsoDay } from '../core/calendar.js';
import {
  CONTACT_KEYS,
  type CallFigures,
  type CallList,
  type CallListEntry,
  type ContactKey,
} from '../core/call-list.js';
import { formatMoney, formatNumber, formatPercent } from './format.js';
import type { Cell, Column, Report } from './report.js';
import { countNoun, fieldLabel, frenchDe } from './words.js';

/** What the figures of a list are measured on (a Pareto's value field), for headers and reasons. */
export interface CallListContext {
  /** The field the Pareto classes on: revenue (default), amount, margin or a column's name. */
  valueField?: string;
}

/** A Pareto's value field after "12 % of": `of revenue`, `du chiffre d’affaires`, `de la marge`. */
function ofValue(field: string, lang: Lang): string {
  if (lang === 'en') return `of ${fieldLabel(field, 'en')}`;
  const article: Record<string, string> = {
    revenue: 'du chiffre d’affaires',
    amount: 'du montant',
    margin: 'de la marge',
    potential: 'du potentiel',
  };
  return article[field] ?? frenchDe(fieldLabel(field, 'fr'));
}

const CONTACT_COLUMNS: Record<ContactKey, { csv: string; label: Texts }> = {
  company: { csv: 'company', label: { en: 'Company', fr: 'Société' } },
  contact: { csv: 'contact', label: { en: 'Contact', fr: 'Contact' } },
  firstName: { csv: 'first_name', label: { en: 'First name', fr: 'Prénom' } },
  lastName: { csv: 'last_name', label: { en: 'Last name', fr: 'Nom' } },
  email: { csv: 'email', label: { en: 'E-mail', fr: 'E-mail' } },
  phone: { csv: 'phone', label: { en: 'Phone', fr: 'Téléphone' } },
  owner: { csv: 'owner', label: { en: 'Owner', fr: 'Commercial' } },
};

/** A figure column: its key (also the CSV and JSON name), header, kind, and value from the figures. */
interface FigureColumn {
  key: string;
  label: Texts;
  kind: Column['kind'];
  decimals?: number;
  value: (f: CallFigures) => Cell;
}

const isoOf = (day: number | null): string | null => (day === null ? null : formatIsoDay(day));

function figureColumns(list: CallList, context: CallListContext): FigureColumn[] {
  const valueField = context.valueField ?? 'revenue';
  const valueLabel: Texts = { en: fieldLabel(valueField, 'en'), fr: fieldLabel(valueField, 'fr') };
  const cap = (t: Texts): Texts => ({
    en: t.en.charAt(0).toUpperCase() + t.en.slice(1),
    fr: t.fr.charAt(0).toUpperCase() + t.fr.slice(1),
  });
  switch (list.command) {
    case 'pareto':
      return [
        {
          key: 'class',
          label: { en: 'Class', fr: 'Classe' },
          kind: 'text',
          value: (f) => (f.kind === 'pareto' ? f.className : null),
        },
        {
          key: 'value',
          label: cap(valueLabel),
          kind: 'money',
          value: (f) => (f.kind === 'pareto' ? f.value : null),
        },
        {
          key: 'share',
          label: { en: 'Share', fr: 'Part' },
          kind: 'percent',
          value: (f) => (f.kind === 'pareto' ? f.share : null),
        },
        {
          key: 'cumulative_share',
          label: { en: 'Cumulative', fr: 'Cumul' },
          kind: 'percent',
          value: (f) => (f.kind === 'pareto' ? f.cumulativeShare : null),
        },
      ];
    case 'rfm':
      return [
        {
          key: 'segment',
          label: { en: 'Segment', fr: 'Segment' },
          kind: 'text',
          value: (f) => (f.kind === 'rfm' ? f.segment : null),
        },
        {
          key: 'recency_days',
          label: { en: 'Recency (days)', fr: 'Récence (jours)' },
          kind: 'integer',
          value: (f) => (f.kind === 'rfm' ? f.recencyDays : null),
        },
        {
          key: 'frequency',
          label: { en: 'Orders', fr: 'Commandes' },
          kind: 'integer',
          value: (f) => (f.kind === 'rfm' ? f.frequency : null),
        },
        {
          key: 'monetary',
          label: { en: 'Monetary', fr: 'Montant' },
          kind: 'money',
          value: (f) => (f.kind === 'rfm' ? f.monetary : null),
        },
        {
          key: 'rfm_score',
          label: { en: 'RFM', fr: 'RFM' },
          kind: 'integer',
          value: (f) => (f.kind === 'rfm' ? f.rfmScore : null),
        },
        {
          key: 'last_order_date',
          label: { en: 'Last order', fr: 'Dernière commande' },
          kind: 'date',
          value: (f) => (f.kind === 'rfm' ? isoOf(f.lastOrderDay) : null),
        },
      ];
    case 'score':
      return [
        {
          key: 'grade',
          label: { en: 'Grade', fr: 'Note' },
          kind: 'text',
          value: (f) => (f.kind === 'score' ? f.grade : null),
        },
        {
          key: 'score',
          label: { en: 'Score', fr: 'Score' },
          kind: 'number',
          decimals: 1,
          value: (f) => (f.kind === 'score' ? f.score : null),
        },
      ];
    case 'portfolio':
      return [
        {
          key: 'potential',
          label: { en: 'Potential', fr: 'Potentiel' },
          kind: 'money',
          value: (f) => (f.kind === 'portfolio' ? f.potential : null),
        },
        {
          key: 'probability',
          label: { en: 'Probability', fr: 'Probabilité' },
          kind: 'percent',
          decimals: 0,
          value: (f) => (f.kind === 'portfolio' ? f.probability : null),
        },
        {
          key: 'expected_value',
          label: { en: 'Expected value', fr: 'Valeur espérée' },
          kind: 'money',
          value: (f) => (f.kind === 'portfolio' ? f.expectedValue : null),
        },
      ];
    case 'review':
      return [
        {
          key: 'past_revenue',
          label: { en: 'Past revenue', fr: 'CA passé' },
          kind: 'money',
          value: (f) => (f.kind === 'win-back' ? f.pastRevenue : null),
        },
        {
          key: 'orders',
          label: { en: 'Orders', fr: 'Commandes' },
          kind: 'integer',
          value: (f) => (f.kind === 'win-back' ? f.orders : null),
        },
        {
          key: 'last_order_date',
          label: { en: 'Last order', fr: 'Dernière commande' },
          kind: 'date',
          value: (f) => (f.kind === 'win-back' ? isoOf(f.lastOrderDay) : null),
        },
        {
          key: 'months_since_last_order',
          label: { en: 'Months without', fr: 'Mois sans' },
          kind: 'integer',
          value: (f) => (f.kind === 'win-back' ? f.monthsSinceLastOrder : null),
        },
      ];
    case 'segment': {
      const first = list.entries[0]?.figures;
      const fields = first?.kind === 'segment' ? Object.keys(first.cell) : [];
      return [
        ...fields.map((field): FigureColumn => ({
          key: field,
          label: cap({ en: fieldLabel(field, 'en'), fr: fieldLabel(field, 'fr') }),
          kind: 'text',
          value: (f) => (f.kind === 'segment' ? (f.cell[field] ?? null) : null),
        })),
        {
          key: 'revenue',
          label: { en: 'Revenue', fr: 'CA' },
          kind: 'money',
          value: (f) => (f.kind === 'segment' ? f.revenue : null),
        },
        {
          key: 'margin',
          label: { en: 'Margin', fr: 'Marge' },
          kind: 'money',
          value: (f) => (f.kind === 'segment' ? f.margin : null),
        },
      ];
    }
  }
}

/** The reason a client is on the list, in words, in one language. */
export function describeReason(figures: CallFigures, lang: Lang, context: CallListContext = {}): string {
  const money = (v: number): string => formatMoney(v, lang);
  const pct = (v: number): string => formatPercent(v, lang, 1);
  switch (figures.kind) {
    case 'pareto': {
      const of = ofValue(context.valueField ?? 'revenue', lang);
      return lang === 'fr'
        ? `client de classe ${figures.className} : ${pct(figures.share)} ${of}, rang ${figures.valueRank}`
        : `${figures.className}-class client: ${pct(figures.share)} ${of}, rank ${figures.valueRank}`;
    }
    case 'rfm': {
      const days = countNoun(figures.recencyDays, lang, { en: ['day', 'days'], fr: ['jour', 'jours'] });
      const orders = countNoun(figures.frequency, lang, {
        en: ['order', 'orders'],
        fr: ['commande', 'commandes'],
      });
      return lang === 'fr'
        ? `${figures.segment.fr} : dernière commande il y a ${days}, ${orders}, ${money(figures.monetary)} au total`
        : `${figures.segment.en}: last order ${days} ago, ${orders}, ${money(figures.monetary)} in all`;
    }
    case 'score':
      return lang === 'fr'
        ? `note ${figures.grade}, score ${formatNumber(figures.score, lang, 1)}`
        : `grade ${figures.grade}, score ${formatNumber(figures.score, lang, 1)}`;
    case 'portfolio':
      return lang === 'fr'
        ? `affaire en cours : ${money(figures.potential)} à ${formatPercent(figures.probability, lang, 0)}, soit ${money(figures.expectedValue)} espérés`
        : `open deal: ${money(figures.potential)} at ${formatPercent(figures.probability, lang, 0)}, ${money(figures.expectedValue)} expected`;
    case 'win-back': {
      const months = countNoun(figures.monthsSinceLastOrder, lang, {
        en: ['month', 'months'],
        fr: ['mois', 'mois'],
      });
      const orders = countNoun(figures.orders, lang, {
        en: ['order', 'orders'],
        fr: ['commande', 'commandes'],
      });
      return lang === 'fr'
        ? `ancien client : aucune commande depuis ${months}, ${money(figures.pastRevenue)} en ${orders}`
        : `former client: no order for ${months}, ${money(figures.pastRevenue)} over ${orders}`;
    }
    case 'segment': {
      const cell = Object.entries(figures.cell)
        .map(
          ([field, value]) =>
            `${fieldLabel(field, lang)}${lang === 'fr' ? ' : ' : ': '}${value ?? (lang === 'fr' ? '(vide)' : '(empty)')}`,
        )
        .join(', ');
      const revenue =
        figures.revenue === null
          ? ''
          : lang === 'fr'
            ? `, chiffre d’affaires ${money(figures.revenue)}`
            : `, revenue ${money(figures.revenue)}`;
      return lang === 'fr' ? `segment ${cell}${revenue}` : `segment ${cell}${revenue}`;
    }
  }
}

/** The contact fields the list shows: those the file has for at least one client of the list. */
export function presentContactKeys(entries: readonly CallListEntry[]): ContactKey[] {
  return CONTACT_KEYS.filter((k) => entries.some((e) => e.details[k] !== null));
}

/**
 * The report of a call list. The table shows the rank, the client, the contact fields the file
 * has, the reason and the figures; CSV the same raw values (ISO dates, fractions) with the
 * reason in the run's language; JSON every field, the reason in both languages.
 */
export function buildCallListReport(
  list: CallList,
  lang: Lang,
  context: CallListContext = {},
  warnings: readonly Texts[] = [],
): Report {
  const contacts = presentContactKeys(list.entries).filter(
    // the table shows the full name; first and last name stay in CSV and JSON
    (k) => k !== 'firstName' && k !== 'lastName',
  );
  const csvContacts = presentContactKeys(list.entries);
  const figures = figureColumns(list, context);
  const reasons = list.entries.map((e) => ({
    en: describeReason(e.figures, 'en', context),
    fr: describeReason(e.figures, 'fr', context),
  }));
  const firstContacts: ContactKey[] = contacts.filter(
    (k) => k === 'company' || k === 'contact' || k === 'phone',
  );
  const laterContacts = contacts.filter((k) => !firstContacts.includes(k));
  // Who, how to reach them and why first, so that a narrow terminal keeps them; the client id
  // comes after them when the company names the client.
  const idColumn: Column = { key: 'client_id', label: { en: 'Client', fr: 'Client' }, kind: 'text' };
  const hasCompany = firstContacts.includes('company');
  const columns: Column[] = [
    { key: 'rank', label: { en: '#', fr: 'N°' }, kind: 'integer' },
    ...(hasCompany ? [] : [idColumn]),
    ...firstContacts.map((k): Column => ({
      key: CONTACT_COLUMNS[k].csv,
      label: CONTACT_COLUMNS[k].label,
      kind: 'text',
    })),
    { key: 'reason', label: { en: 'Why call', fr: 'Pourquoi appeler' }, kind: 'text' },
    ...(hasCompany ? [idColumn] : []),
    ...laterContacts.map((k): Column => ({
      key: CONTACT_COLUMNS[k].csv,
      label: CONTACT_COLUMNS[k].label,
      kind: 'text',
    })),
    ...figures.map((f): Column => ({
      key: f.key,
      label: f.label,
      kind: f.kind,
      ...(f.decimals === undefined ? {} : { decimals: f.decimals }),
    })),
  ];
  const rows = list.entries.map((e, i) => {
    const row: Record<string, Cell> = { rank: e.rank, client_id: e.clientId, reason: reasons[i] };
    for (const k of contacts) row[CONTACT_COLUMNS[k].csv] = e.details[k];
    for (const f of figures) row[f.key] = f.value(e.figures);
    return row;
  });
  const count = list.entries.length;
  const upper = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);
  const heading: Texts = {
    en: `${upper(list.label.en)}: ${countNoun(count, 'en', { en: ['client', 'clients'], fr: ['', ''] })} to call, ${list.order.en}.`,
    fr: `${upper(list.label.fr)} : ${countNoun(count, 'fr', { en: ['', ''], fr: ['client', 'clients'] })} à appeler, ${list.order.fr}.`,
  };
  const csvRow = (e: CallListEntry, i: number): Cell[] => [
    e.rank,
    e.clientId,
    ...csvContacts.map((k) => e.details[k]),
    ...figures.map((f) => {
      const v = f.value(e.figures);
      return typeof v === 'object' && v !== null ? v[lang] : v;
    }),
    (reasons[i] as Texts)[lang],
  ];
  const figureJson = (e: CallListEntry): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const f of figures)
      out[f.key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = f.value(e.figures) ?? null;
    return out;
  };
  return {
    title: { en: `Call list: ${list.label.en}`, fr: `Liste d’appels : ${list.label.fr}` },
    blocks: [
      { kind: 'text', lines: [heading, ...warnings] },
      ...(count === 0
        ? [
            {
              kind: 'text' as const,
              lines: [{ en: 'No client is in this list.', fr: 'Aucun client dans cette liste.' }],
            },
          ]
        : [{ kind: 'table' as const, columns, rows }]),
    ],
    json: {
      schemaVersion: 1,
      command: list.command,
      list: list.name,
      label: list.label,
      order: list.order,
      count,
      clients: list.entries.map((e, i) => ({
        rank: e.rank,
        clientId: e.clientId,
        company: e.details.company,
        contact: e.details.contact,
        firstName: e.details.firstName,
        lastName: e.details.lastName,
        email: e.details.email,
        phone: e.details.phone,
        owner: e.details.owner,
        ...figureJson(e),
        reason: reasons[i],
      })),
    },
    csv: {
      header: [
        'rank',
        'client_id',
        ...csvContacts.map((k) => CONTACT_COLUMNS[k].csv),
        ...figures.map((f) => f.key),
        'reason',
      ],
      rows: list.entries.map(csvRow),
    },
  };
}
