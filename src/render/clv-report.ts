import type { ClientClv, ClvResult } from '../core/clv/analyse.js';
import type { Lang, Texts } from '../i18n.js';
import { formatDateInSentence, formatNumber, formatPercent } from './format.js';
import { typedText, type Block, type Column, type Report, type TableBlock } from './report.js';
import { formatIsoDay } from '../core/calendar.js';

export const CLV_SCHEMA_VERSION = 1;

export interface ClvView {
  path: string;
  result: ClvResult;
  /** Where the as-of date came from. */
  asOfSource: 'flag' | 'last order';
  /** A deals file: the rows per outcome and the values left out (only won deals are orders). */
  deals?: unknown;
  /** Notes given on stderr, in both languages. */
  warnings?: Texts[];
  /** Every client in a table too (a workbook's last sheet of clients), as CSV and JSON have them. */
  allClients?: boolean;
}

function both(make: (lang: Lang) => string): Texts {
  return { en: make('en'), fr: make('fr') };
}

const UNIT: Record<string, Texts> = {
  day: { en: 'days', fr: 'jours' },
  week: { en: 'weeks', fr: 'semaines' },
  month: { en: 'months', fr: 'mois' },
};

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

const CLIENT_COLUMNS: Column[] = [
  { key: 'clientId', label: { en: 'Client', fr: 'Client' }, kind: 'text' },
  { key: 'frequency', label: { en: 'Repeat purchases (x)', fr: 'Achats répétés (x)' }, kind: 'integer' },
  { key: 'recency', label: { en: 'Recency (t_x)', fr: 'Récence (t_x)' }, kind: 'number', decimals: 2 },
  { key: 'age', label: { en: 'Age (T)', fr: 'Ancienneté (T)' }, kind: 'number', decimals: 2 },
  {
    key: 'monetaryValue',
    label: { en: 'Mean repeat spend', fr: 'Panier moyen répété' },
    kind: 'number',
    decimals: 2,
  },
  { key: 'probabilityAlive', label: { en: 'P(alive)', fr: 'P(actif)' }, kind: 'percent', decimals: 1 },
  {
    key: 'expectedPurchases',
    label: { en: 'Expected purchases', fr: 'Achats attendus' },
    kind: 'number',
    decimals: 2,
  },
  {
    key: 'expectedSpend',
    label: { en: 'Expected spend', fr: 'Panier attendu' },
    kind: 'number',
    decimals: 2,
  },
  { key: 'clv', label: { en: 'CLV', fr: 'CLV' }, kind: 'number', decimals: 2 },
];

function clientRow(c: ClientClv): Record<string, number | string> {
  return {
    clientId: c.clientId,
    frequency: c.frequency,
    recency: c.recency,
    age: c.age,
    monetaryValue: c.monetaryValue,
    probabilityAlive: c.probabilityAlive,
    expectedPurchases: c.expectedPurchases,
    expectedSpend: c.expectedSpend,
    clv: c.clv,
  };
}

/** One client in the JSON document and the CSV (raw values, ISO dates). */
export function buildClientJson(c: ClientClv): Record<string, unknown> {
  return {
    clientId: c.clientId,
    frequency: c.frequency,
    recency: c.recency,
    T: c.age,
    monetaryValue: c.monetaryValue,
    orders: c.orders,
    purchases: c.purchases,
    firstPurchase: formatIsoDay(c.firstDay),
    lastPurchase: formatIsoDay(c.lastDay),
    revenue: c.revenue,
    margin: c.margin,
    averageOrderValue: c.averageOrderValue,
    probabilityAlive: c.probabilityAlive,
    expectedPurchases: c.expectedPurchases,
    expectedSpend: c.expectedSpend,
    clv: c.clv,
  };
}

const CSV_HEADER = [
  'clientId',
  'frequency',
  'recency',
  'T',
  'monetaryValue',
  'orders',
  'purchases',
  'firstPurchase',
  'lastPurchase',
  'revenue',
  'margin',
  'averageOrderValue',
  'probabilityAlive',
  'expectedPurchases',
  'expectedSpend',
  'clv',
];

/** The JSON document of `clv` (schemaVersion 1), documented in docs/commands/clv.md. */
export function buildClvJson(view: ClvView): Record<string, unknown> {
  const { result } = view;
  const o = result.options;
  return {
    schemaVersion: CLV_SCHEMA_VERSION,
    file: view.path,
    asOf: formatIsoDay(o.asOfDay),
    asOfSource: view.asOfSource,
    period: o.unit,
    horizon: o.horizonPeriods,
    periodsPerMonth: result.periodsPerMonth,
    marginRate: o.marginRate,
    marginSource: result.marginSource,
    annualDiscountRate: o.annualDiscountRate,
    monthlyDiscountRate: result.monthlyDiscountRate,
    models: {
      bgnbd: {
        ...result.bgnbd.params,
        logLikelihood: result.bgnbd.logLikelihood,
        clients: result.bgnbd.clients,
        method: result.fits.bgnbd.method,
        reason: result.fits.bgnbd.reason,
        boundary: result.fits.bgnbd.boundary,
      },
      gammaGamma: {
        method: result.fits.gammaGamma.method,
        reason: result.fits.gammaGamma.reason,
        boundary: result.fits.gammaGamma.boundary,
        ...result.gammaGamma.params,
        logLikelihood: result.gammaGamma.logLikelihood,
        clients: result.gammaGamma.clients,
        frequencySpendCorrelation: result.frequencySpendCorrelation,
        excludedZeroSpend: result.spendFitExcluded,
        fallbackSpend: result.spendFallback,
      },
    },
    simpleClv: result.simple && {
      retention: result.simple.retention,
      retentionSource: result.simple.retentionSource,
      activeClientMonths: result.simple.measure.activeClientMonths,
      retainedClientMonths: result.simple.measure.retainedClientMonths,
      marginPerActiveMonth: result.simple.marginPerActiveMonth,
      monthlyDiscountRate: result.simple.monthlyDiscountRate,
      valuePerClient: result.simple.valuePerClient,
      activeClients: result.simple.activeClients,
      total: result.simple.total,
    },
    portfolio: result.portfolio,
    rejects: result.rejects,
    creditNotes: result.creditNotes,
    ...(view.deals === undefined ? {} : { deals: view.deals }),
    warnings: view.warnings ?? [],
    topByClv: result.topByClv.map((c) => c.clientId),
    likelyLost: result.likelyLost.map((c) => c.clientId),
    clients: result.clients.map(buildClientJson),
  };
}

/**
 * The clv report: the run's settings, the fitted models with their log-likelihoods, the portfolio
 * (history, predicted CLV, simple CLV with its formula), the top clients by CLV and the clients
 * likely lost but once valuable. CSV and JSON carry every client.
 */
export function buildClvReport(view: ClvView): Report {
  const { result } = view;
  const o = result.options;
  const unit = UNIT[o.unit] as Texts;
  const months = o.horizonPeriods / result.periodsPerMonth;
  const settings = both((lang) => {
    const fr = lang === 'fr';
    const margin =
      result.marginSource === 'flag'
        ? formatPercent(o.marginRate as number, lang, 2)
        : result.marginSource === 'column'
          ? fr
            ? 'colonne marge'
            : 'margin column'
          : fr
            ? 'aucune (valeurs en chiffre d’affaires)'
            : 'none (values are revenue)';
    return fr
      ? `${view.path} : ${result.portfolio.clients} clients au ${formatDateInSentence(formatIsoDay(o.asOfDay), 'fr')} (${view.asOfSource === 'flag' ? '--as-of' : 'dernière commande'}), en ${unit.fr} ; horizon ${formatNumber(o.horizonPeriods, lang, 2)} ${unit.fr} (${formatNumber(months, lang, 1)} mois) ; marge ${margin} ; actualisation ${formatPercent(o.annualDiscountRate, lang, 2)} par an = ${formatPercent(result.monthlyDiscountRate, lang, 3)} par mois.`
      : `${view.path}: ${result.portfolio.clients} clients as of ${formatDateInSentence(formatIsoDay(o.asOfDay), 'en')} (${view.asOfSource === 'flag' ? '--as-of' : 'last order'}), in ${unit.en}; horizon ${formatNumber(o.horizonPeriods, lang, 2)} ${unit.en} (${formatNumber(months, lang, 1)} months); margin ${margin}; discount ${formatPercent(o.annualDiscountRate, lang, 2)} a year = ${formatPercent(result.monthlyDiscountRate, lang, 3)} a month.`;
  });
  const num = (v: number, d: number) => both((lang) => formatNumber(v, lang, d));
  const bg = result.bgnbd;
  const gg = result.gammaGamma;
  const models: TableBlock = {
    kind: 'table',
    title:
      result.fits.bgnbd.method === 'maximum-likelihood' &&
      result.fits.gammaGamma.method === 'maximum-likelihood'
        ? { en: 'Fitted models (maximum likelihood)', fr: 'Modèles ajustés (maximum de vraisemblance)' }
        : {
            en: 'Fitted models (maximum likelihood, or with a weak prior where the book is too small)',
            fr: 'Modèles ajustés (maximum de vraisemblance, ou avec un a priori faible là où le portefeuille est trop petit)',
          },
    columns: [
      { key: 'model', label: { en: 'Model', fr: 'Modèle' }, kind: 'text' },
      { key: 'parameters', label: { en: 'Parameters', fr: 'Paramètres' }, kind: 'text' },
      {
        key: 'logLikelihood',
        label: { en: 'Log-likelihood', fr: 'Log-vraisemblance' },
        kind: 'number',
        decimals: 1,
      },
      { key: 'clients', label: { en: 'Clients', fr: 'Clients' }, kind: 'integer' },
    ],
    rows: [
      {
        model: { en: 'BG/NBD (purchases)', fr: 'BG/NBD (achats)' },
        parameters: both(
          (lang) =>
            `r = ${formatNumber(bg.params.r, lang, 4)}, alpha = ${formatNumber(bg.params.alpha, lang, 4)}, a = ${formatNumber(bg.params.a, lang, 4)}, b = ${formatNumber(bg.params.b, lang, 4)}`,
        ),
        logLikelihood: bg.logLikelihood,
        clients: bg.clients,
      },
      {
        model: { en: 'Gamma-Gamma (spend)', fr: 'Gamma-Gamma (panier)' },
        parameters: both(
          (lang) =>
            `p = ${formatNumber(gg.params.p, lang, 4)}, q = ${formatNumber(gg.params.q, lang, 4)}, gamma = ${formatNumber(gg.params.gamma, lang, 4)}`,
        ),
        logLikelihood: gg.logLikelihood,
        clients: gg.clients,
      },
    ],
  };
  const notes: Texts[] = [];
  for (const choice of [result.fits.bgnbd, result.fits.gammaGamma]) if (choice.note) notes.push(choice.note);
  const corr = result.frequencySpendCorrelation;
  if (corr !== null) {
    notes.push(
      both((lang) =>
        lang === 'fr'
          ? `Corrélation fréquence / panier des clients fidèles : ${formatNumber(corr, lang, 3)} (Gamma-Gamma suppose qu’elle est proche de 0${Math.abs(corr) > 0.3 ? ' : ici elle ne l’est pas, les paniers attendus sont à prendre avec prudence' : ''}).`
          : `Frequency/spend correlation among repeat buyers: ${formatNumber(corr, lang, 3)} (Gamma-Gamma assumes it is near 0${Math.abs(corr) > 0.3 ? ': here it is not, so treat expected spend with care' : ''}).`,
      ),
    );
  }
  if (result.spendFitExcluded > 0) {
    notes.push({
      en: `${result.spendFitExcluded} repeat buyer(s) with repeat purchases worth 0 left out of the spend fit.`,
      fr: `${result.spendFitExcluded} client(s) aux achats répétés de montant nul exclus de l’ajustement du panier.`,
    });
  }
  if (result.spendFallback !== null) {
    const fallback = result.spendFallback;
    notes.push(
      both((lang) =>
        lang === 'fr'
          ? `q <= 1 : le panier moyen de la population n’existe pas ; les clients sans achat répété prennent le panier moyen observé, ${formatNumber(fallback, lang, 2)}.`
          : `q <= 1: the population's mean spend does not exist; clients without repeat purchases get the observed mean purchase, ${formatNumber(fallback, lang, 2)}.`,
      ),
    );
  }
  const p = result.portfolio;
  // The number beside its text, for a workbook (see `TypedText`).
  const numCell = (v: number, d: number) => typedText(num(v, d), v, d === 0 ? 'integer' : 'number', d);
  const portfolioRows: Record<string, Texts | number | string>[] = [
    { item: { en: 'Clients', fr: 'Clients' }, value: numCell(p.clients, 0) },
    {
      item: { en: 'of which one purchase only (x = 0)', fr: 'dont un seul achat (x = 0)' },
      value: numCell(p.oneOrderClients, 0),
    },
    { item: { en: 'Revenue to date', fr: 'Chiffre d’affaires à date' }, value: numCell(p.revenue, 2) },
    { item: { en: 'Margin to date', fr: 'Marge à date' }, value: numCell(p.margin, 2) },
    {
      item: { en: 'Expected purchases within the horizon', fr: 'Achats attendus sur l’horizon' },
      value: numCell(p.expectedPurchases, 1),
    },
    { item: { en: 'Predicted CLV (sum)', fr: 'CLV prédite (somme)' }, value: numCell(p.clv, 2) },
  ];
  const s = result.simple;
  const simpleLines: Texts[] = s
    ? [
        both((lang) => {
          const fr = lang === 'fr';
          const m = formatNumber(s.marginPerActiveMonth, lang, 2);
          const r = formatPercent(s.retention, lang, 1);
          const d = formatPercent(s.monthlyDiscountRate, lang, 3);
          const source =
            s.retentionSource === 'given'
              ? fr
                ? 'donnée par --retention'
                : 'given by --retention'
              : fr
                ? `mesurée : ${s.measure.retainedClientMonths} sur ${s.measure.activeClientMonths} clients actifs un mois ont racheté le mois suivant`
                : `measured: ${s.measure.retainedClientMonths} of ${s.measure.activeClientMonths} clients active in a month bought again the next month`;
          return fr
            ? `CLV simple = marge par mois x rétention / (1 + actualisation - rétention) = ${m} x ${r} / (1 + ${d} - ${r}) = ${formatNumber(s.valuePerClient, lang, 2)} par client actif (rétention mensuelle ${source}) ; x ${s.activeClients} clients actifs le dernier mois complet = ${formatNumber(s.total, lang, 2)}.`
            : `Simple CLV = margin per month x retention / (1 + discount - retention) = ${m} x ${r} / (1 + ${d} - ${r}) = ${formatNumber(s.valuePerClient, lang, 2)} per active client (monthly retention ${source}); x ${s.activeClients} clients active in the last complete month = ${formatNumber(s.total, lang, 2)}.`;
        }),
      ]
    : [
        {
          en: 'Simple CLV: not computed, the orders span less than two complete months (give --retention).',
          fr: 'CLV simple : non calculée, les commandes couvrent moins de deux mois complets (donnez --retention).',
        },
      ];
  const rejects = result.rejects;
  if (rejects.afterAsOf > 0) {
    notes.push(
      both((lang) =>
        lang === 'fr'
          ? `Commandes écartées : ${rejects.afterAsOf} après la date d’arrêté.`
          : `Orders left out: ${rejects.afterAsOf} after the as-of date.`,
      ),
    );
  }
  const blocks: Block[] = [
    { kind: 'text', lines: [settings] },
    models,
    ...(notes.length ? [{ kind: 'text' as const, lines: notes }] : []),
    {
      kind: 'table',
      title: { en: 'Portfolio', fr: 'Portefeuille' },
      columns: [
        { key: 'item', label: { en: 'Item', fr: 'Élément' }, kind: 'text' },
        { key: 'value', label: { en: 'Value', fr: 'Valeur' }, kind: 'text' },
      ],
      rows: portfolioRows,
    },
    { kind: 'text', lines: simpleLines },
    {
      kind: 'table',
      title: {
        en: `Top ${result.topByClv.length} clients by CLV`,
        fr: `Les ${result.topByClv.length} premiers clients par CLV`,
      },
      columns: CLIENT_COLUMNS,
      rows: result.topByClv.map(clientRow),
    },
    {
      kind: 'table',
      sheet: { en: 'Likely lost', fr: 'Probablement perdus' },
      title: {
        en: `Likely lost but once valuable (P(alive) < ${round(o.lostBelow * 100, 1)}%, by margin to date)`,
        fr: `Probablement perdus mais précieux (P(actif) < ${round(o.lostBelow * 100, 1)} %, par marge à date)`,
      },
      columns: [
        { key: 'clientId', label: { en: 'Client', fr: 'Client' }, kind: 'text' },
        { key: 'margin', label: { en: 'Margin to date', fr: 'Marge à date' }, kind: 'number', decimals: 2 },
        { key: 'purchases', label: { en: 'Purchases', fr: 'Achats' }, kind: 'integer' },
        { key: 'lastPurchase', label: { en: 'Last purchase', fr: 'Dernier achat' }, kind: 'date' },
        { key: 'probabilityAlive', label: { en: 'P(alive)', fr: 'P(actif)' }, kind: 'percent', decimals: 1 },
        { key: 'clv', label: { en: 'CLV', fr: 'CLV' }, kind: 'number', decimals: 2 },
      ],
      rows: result.likelyLost.map((c) => ({
        clientId: c.clientId,
        margin: c.margin,
        purchases: c.purchases,
        lastPurchase: formatIsoDay(c.lastDay),
        probabilityAlive: c.probabilityAlive,
        clv: c.clv,
      })),
    },
    view.allClients
      ? {
          kind: 'table',
          title: { en: `Every client (${p.clients})`, fr: `Tous les clients (${p.clients})` },
          columns: CLIENT_COLUMNS,
          rows: result.clients.map(clientRow),
        }
      : {
          kind: 'text',
          lines: [
            {
              en: `Every client (${p.clients}) with history and prediction: --format csv or json.`,
              fr: `Tous les clients (${p.clients}) avec historique et prédiction : --format csv ou json.`,
            },
          ],
        },
  ];
  return {
    title: { en: 'Client lifetime value', fr: 'Valeur vie client (CLV)' },
    blocks,
    json: buildClvJson(view),
    csv: {
      header: CSV_HEADER,
      rows: result.clients.map((c) => {
        const j = buildClientJson(c);
        return CSV_HEADER.map((k) => j[k] as string | number);
      }),
    },
  };
}
