import { fieldLabel, frenchDe } from './words.js';
import { computeEffortBand, type CrossTabCell, type EffortBand, type ParetoResult } from '../core/pareto.js';
import type { Lang, Texts } from '../i18n.js';
import { formatMoney, formatNumber, formatPercent } from './format.js';
import { renderParetoChart } from './pareto-chart.js';
import type { Block, Cell, Report } from './report.js';

export const PARETO_SCHEMA_VERSION = 1;

export interface ParetoView {
  result: ParetoResult;
  /** Where the values came from. */
  source: {
    file: string;
    shape: 'orders' | 'clients';
    valueField: string;
    orders?: number;
    /** Credit notes netted in the values, not counted as orders (0 with `as-orders`). */
    creditNotes?: number;
    creditNotesMode?: 'as-credit' | 'as-orders';
    /** A deals file: the rows per outcome and the values left out (only won deals are orders). */
    deals?: unknown;
  };
  /** Notes given on stderr, in both languages. */
  warnings?: Texts[];
  maturity?: { field: string; cells: CrossTabCell[] };
  effort?: { field: string; bands: EffortBand[]; cuts: number[]; cells: CrossTabCell[] };
  chart: boolean;
  /** Clients listed in table and Markdown output (all in JSON and CSV); 0 for all. */
  rows: number;
  lang: Lang;
}

function both(make: (lang: Lang) => string): Texts {
  return { en: make('en'), fr: make('fr') };
}

/** An effort band in words with its range: `low (1–3)`. Shared with the review. */
export function bandText(band: EffortBand, lang: Lang): string {
  const range = Number.isNaN(band.min)
    ? ''
    : band.min === band.max
      ? ` (${formatNumber(band.min, lang, 2)})`
      : ` (${formatNumber(band.min, lang, 2)}–${formatNumber(band.max, lang, 2)})`;
  return band.label[lang] + range;
}

/** The JSON document of `pareto` (schemaVersion 1), documented in docs/commands/pareto.md. */
export function buildParetoJson(view: ParetoView): Record<string, unknown> {
  const { result } = view;
  return {
    schemaVersion: PARETO_SCHEMA_VERSION,
    source: view.source,
    warnings: view.warnings ?? [],
    thresholds: result.thresholds,
    rule: result.rule,
    classes: result.classes,
    concentration: result.concentration,
    ...(view.maturity ? { maturity: { field: view.maturity.field, cells: view.maturity.cells } } : {}),
    ...(view.effort
      ? {
          effort: {
            field: view.effort.field,
            cuts: view.effort.cuts,
            bands: view.effort.bands.map((b) => ({
              band: b.band,
              label: b.label.en,
              min: Number.isNaN(b.min) ? null : b.min,
              max: Number.isNaN(b.max) ? null : b.max,
            })),
            cells: view.effort.cells,
          },
        }
      : {}),
    clients: result.clients.map((c) => {
      // Optional keys set after the others (same key order as a spread, without two objects a client).
      const client: Record<string, unknown> = {
        rank: c.rank,
        clientId: c.clientId,
        value: c.value,
        share: c.share,
        cumulativeShare: c.cumulativeShare,
        class: c.className,
        nonPositive: c.nonPositive,
      };
      if (c.maturity !== undefined) client.maturity = c.maturity;
      if (c.effort !== undefined) client.effort = c.effort;
      return client;
    }),
  };
}

/** The Pareto classes against a category (maturity, effort band) as a table. Shared with the review. */
export function crossTabBlock(
  title: Texts,
  categoryLabel: Texts,
  cells: CrossTabCell[],
  categoryText: (c: string) => Texts,
  withEffort: boolean,
): Block {
  return {
    kind: 'table',
    title,
    columns: [
      { key: 'class', label: { en: 'Class', fr: 'Classe' }, kind: 'text' },
      { key: 'category', label: categoryLabel, kind: 'text' },
      { key: 'clients', label: { en: 'Clients', fr: 'Clients' }, kind: 'integer' },
      { key: 'value', label: { en: 'Value', fr: 'Valeur' }, kind: 'money', decimals: 0 },
      ...(withEffort
        ? [
            { key: 'effort', label: { en: 'Effort', fr: 'Effort' }, kind: 'number' as const, decimals: 1 },
            {
              key: 'perEffort',
              label: { en: 'Value per unit of effort', fr: 'Valeur par unité d’effort' },
              kind: 'money' as const,
              decimals: 0,
            },
          ]
        : []),
    ],
    rows: cells.map((c) => ({
      class: c.className,
      category: categoryText(c.category),
      clients: c.clients,
      value: c.value,
      effort: c.effort,
      perEffort: c.valuePerEffort,
    })),
  };
}

/** The CSV rows of the clients, made one at a time as they are written. */
function* csvRows(view: ParetoView): Generator<Cell[]> {
  const cuts = view.effort?.cuts;
  const { result } = view;
  for (let i = 0; i < result.concentration.clients; i++) {
    const c = result.client(i);
    const row: Cell[] = [c.rank, c.clientId, c.value, c.share, c.cumulativeShare, c.className, c.nonPositive];
    if (view.maturity) row.push(c.maturity ?? null);
    if (cuts) {
      row.push(
        c.effort ?? null,
        typeof c.effort === 'number' ? String(computeEffortBand(c.effort, cuts)) : null,
      );
    }
    yield row;
  }
}

/** The Pareto analysis as a report: classes, concentration, chart, cross-tabs, clients. */
export function buildParetoReport(view: ParetoView): Report {
  const { result } = view;
  const k = result.concentration;
  const blocks: Block[] = [];
  const thresholdsText = (lang: Lang): string =>
    result.thresholds.map((t) => formatPercent(t, lang, 2)).join(', ');
  blocks.push({
    kind: 'text',
    lines: [
      both((lang) => {
        const n = formatNumber(k.clients, lang);
        const field = fieldLabel(view.source.valueField, lang);
        if (lang === 'fr')
          return view.source.shape === 'orders'
            ? `${n} clients, ${formatNumber(view.source.orders ?? 0, lang)} commandes de ${view.source.file} cumulées par client (avoirs déduits) ; valeur : ${field}.`
            : `${n} clients de ${view.source.file} ; valeur : ${field}.`;
        return view.source.shape === 'orders'
          ? `${n} clients, ${formatNumber(view.source.orders ?? 0, lang)} orders from ${view.source.file} netted per client (credit notes deducted); value: ${field}.`
          : `${n} clients from ${view.source.file}; value: ${field}.`;
      }),
      both((lang) =>
        lang === 'fr'
          ? `Seuils ${thresholdsText(lang)} de la valeur cumulée ; ${result.rule === 'before' ? 'un client va dans la classe où tombe sa part cumulée avant lui (celui qui franchit 80 % reste A)' : 'un client va dans la première classe dont le seuil couvre sa part cumulée, lui compris'}.`
          : `Thresholds ${thresholdsText(lang)} of cumulative value; ${result.rule === 'before' ? 'a client goes to the class in which its cumulative share before it falls (the client that crosses 80% stays A)' : 'a client goes to the first class whose threshold covers its cumulative share including it'}.`,
      ),
    ],
  });
  blocks.push({
    kind: 'table',
    title: { en: 'Classes', fr: 'Classes' },
    columns: [
      { key: 'class', label: { en: 'Class', fr: 'Classe' }, kind: 'text' },
      { key: 'upTo', label: { en: 'Up to', fr: 'Jusqu’à' }, kind: 'percent', decimals: 2 },
      { key: 'clients', label: { en: 'Clients', fr: 'Clients' }, kind: 'integer' },
      {
        key: 'shareOfClients',
        label: { en: '% of clients', fr: '% des clients' },
        kind: 'percent',
        decimals: 1,
      },
      { key: 'value', label: { en: 'Value', fr: 'Valeur' }, kind: 'money', decimals: 0 },
      {
        key: 'shareOfValue',
        label: { en: '% of value', fr: '% de la valeur' },
        kind: 'percent',
        decimals: 1,
      },
    ],
    rows: result.classes.map((c) => ({
      class: c.className,
      upTo: c.upTo,
      clients: c.clients,
      shareOfClients: c.shareOfClients,
      value: c.value,
      shareOfValue: c.shareOfValue,
    })),
  });
  const concentration: Texts[] = [
    both((lang) =>
      lang === 'fr'
        ? `Les 20 % premiers clients (${formatNumber(k.top20Clients, lang)}) font ${formatPercent(k.top20Share, lang, 1)} de la valeur.`
        : `The top 20% of clients (${formatNumber(k.top20Clients, lang)}) make ${formatPercent(k.top20Share, lang, 1)} of the value.`,
    ),
    both((lang) =>
      lang === 'fr'
        ? `${formatNumber(k.clientsFor80, lang)} clients (${formatPercent(k.shareOfClientsFor80, lang, 1)}) font 80 % de la valeur.`
        : `${formatNumber(k.clientsFor80, lang)} clients (${formatPercent(k.shareOfClientsFor80, lang, 1)}) make 80% of the value.`,
    ),
    both((lang) =>
      lang === 'fr'
        ? `Coefficient de Gini : ${formatNumber(k.gini, lang, 3, 3)} (0 = valeur également répartie, 1 = un seul client).`
        : `Gini coefficient: ${formatNumber(k.gini, lang, 3, 3)} (0 = value spread evenly, 1 = one client has it all).`,
    ),
    both((lang) =>
      lang === 'fr'
        ? `Total net ${formatMoney(k.total, lang)} ; total des valeurs positives (base des parts) ${formatMoney(k.positiveTotal, lang)}.`
        : `Net total ${formatMoney(k.total, lang)}; total of positive values (the base of the shares) ${formatMoney(k.positiveTotal, lang)}.`,
    ),
  ];
  if (k.nonPositiveClients > 0) {
    concentration.push(
      both((lang) =>
        lang === 'fr'
          ? `${formatNumber(k.nonPositiveClients, lang)} clients ont un total nul ou négatif : classés ${result.classes[result.classes.length - 1]?.className} et signalés.`
          : `${formatNumber(k.nonPositiveClients, lang)} clients have a zero or negative total: put in ${result.classes[result.classes.length - 1]?.className} and flagged.`,
      ),
    );
  }
  blocks.push({ kind: 'text', title: { en: 'Concentration', fr: 'Concentration' }, lines: concentration });
  if (view.chart) {
    blocks.push({
      kind: 'chart',
      title: { en: 'Pareto curve', fr: 'Courbe de Pareto' },
      text: renderParetoChart(result, { lang: view.lang }),
    });
  }
  const none: Texts = { en: '(none)', fr: '(aucun)' };
  if (view.maturity) {
    blocks.push(
      crossTabBlock(
        {
          en: `Classes by ${fieldLabel(view.maturity.field, 'en')}`,
          fr: `Classes par ${fieldLabel(view.maturity.field, 'fr')}`,
        },
        { en: fieldLabel(view.maturity.field, 'en'), fr: fieldLabel(view.maturity.field, 'fr') },
        view.maturity.cells,
        (c) => (c === '(none)' ? none : { en: c, fr: c }),
        view.maturity.cells.some((c) => c.effort !== null),
      ),
    );
  }
  if (view.effort) {
    const bands = view.effort.bands;
    blocks.push(
      crossTabBlock(
        {
          en: `Classes by ${fieldLabel(view.effort.field, 'en')} band`,
          fr: `Classes par tranche ${frenchDe(fieldLabel(view.effort.field, 'fr'))}`,
        },
        { en: 'Effort band', fr: 'Tranche d’effort' },
        view.effort.cells,
        (c) => {
          const band = bands[Number(c) - 1];
          return c === '(none)' || !band ? none : both((lang) => bandText(band, lang));
        },
        true,
      ),
    );
  }
  const count = result.concentration.clients;
  const limit = view.rows > 0 ? Math.min(view.rows, count) : count;
  blocks.push({
    kind: 'table',
    title: { en: 'Clients', fr: 'Clients' },
    columns: [
      { key: 'rank', label: { en: 'Rank', fr: 'Rang' }, kind: 'integer' },
      { key: 'clientId', label: { en: 'Client', fr: 'Client' }, kind: 'text' },
      { key: 'value', label: { en: 'Value', fr: 'Valeur' }, kind: 'money', decimals: 2 },
      { key: 'share', label: { en: 'Share', fr: 'Part' }, kind: 'percent', decimals: 2 },
      { key: 'cumulativeShare', label: { en: 'Cumulative', fr: 'Cumul' }, kind: 'percent', decimals: 2 },
      { key: 'class', label: { en: 'Class', fr: 'Classe' }, kind: 'text' },
      { key: 'flag', label: { en: 'Note', fr: 'Note' }, kind: 'text' },
    ],
    rows: Array.from({ length: limit }, (_, i) => result.client(i)).map((c) => ({
      rank: c.rank,
      clientId: c.clientId,
      value: c.value,
      share: c.share,
      cumulativeShare: c.cumulativeShare,
      class: c.className,
      flag: c.nonPositive ? { en: 'total <= 0', fr: 'total <= 0' } : '',
    })),
  });
  if (limit < count) {
    blocks.push({
      kind: 'text',
      lines: [
        both((lang) =>
          lang === 'fr'
            ? `… et ${formatNumber(count - limit, lang)} autres clients (--rows 0 pour tous, ou --format csv).`
            : `… and ${formatNumber(count - limit, lang)} more clients (--rows 0 for all, or --format csv).`,
        ),
      ],
    });
  }
  const header = ['rank', 'client_id', 'value', 'share', 'cumulative_share', 'class', 'non_positive'];
  if (view.maturity) header.push('maturity');
  if (view.effort) header.push('effort', 'effort_band');
  return {
    title: { en: 'Pareto (ABC) analysis', fr: 'Analyse de Pareto (ABC)' },
    blocks,
    // Getters: a CSV run of 200,000 clients does not build the JSON document, nor the reverse.
    get json() {
      return buildParetoJson(view);
    },
    get csv() {
      return { header, rows: csvRows(view) };
    },
  };
}
