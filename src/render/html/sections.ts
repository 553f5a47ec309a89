/**
 * The sections of the HTML report, built from the same computed results as the terminal reports:
 * each section shows SVG charts of the data and the very tables (`Block`s) that the commands print.
 */
import type { Lang, Texts } from '../../i18n.js';
import type { PlanStage } from '../../core/plan.js';
import { formatIsoDay } from '../../core/calendar.js';
import { ORIGINS, type ReviewResult } from '../../core/review.js';
import { formatDateInSentence, formatMoney, formatNumber, formatPercent } from '../format.js';
import { countNoun } from '../words.js';
import type { ObjectivePlan } from '../../core/objective-plan.js';
import type { ParetoResult } from '../../core/pareto.js';
import type { RfmResult } from '../../core/rfm.js';
import type { ScoreSummary } from '../../core/score/compute.js';
import { buildPlanBlocks, STAGE_LABEL } from '../plan-report.js';
import type { Block } from '../report.js';
import {
  buildReviewBlocks,
  DIMENSION_LABEL,
  describePeriod,
  FORMER_CLIENTS_SHOWN,
  ORIGIN_LABEL,
  SOURCE_LABEL,
  type ReviewView,
} from '../review-report.js';
import type { HtmlChart, HtmlReport, HtmlSection } from './document.js';
import {
  buildBarChartSvg,
  buildColumnChartSvg,
  buildCurveSvg,
  buildHeatMapSvg,
  buildSeriesSvg,
  type HeatCell,
} from './svg.js';

/** The funnel's stages: the counts, not the time (minutes and hours would dwarf them). */
export const FUNNEL_STAGES: readonly PlanStage[] = [
  'deals',
  'proposals',
  'activeProspectsNeeded',
  'activeProspectsToFind',
  'prospectsToContact',
  'contacts',
];

const T = (en: string, fr: string): Texts => ({ en, fr });

/**
 * The plan: its funnel (log scale, so that 3 deals and 1 868 contacts both show), the cumulative
 * revenue and contact targets at its checkpoints when it has a period, and its tables.
 */
export function buildPlanSection(plan: ObjectivePlan, lang: Lang): HtmlSection {
  const figures = plan.result.figures;
  const svg = buildBarChartSvg(
    FUNNEL_STAGES.map((stage) => ({
      label: STAGE_LABEL[stage][lang],
      value: figures[stage],
      display: formatNumber(figures[stage], lang, 2),
    })),
    { label: T('Prospecting funnel', 'Entonnoir de prospection')[lang], shape: 'funnel', scale: 'log' },
  );
  const charts: HtmlChart[] = [
    {
      svg,
      title: T('Prospecting funnel', 'Entonnoir de prospection'),
      caption: T(
        'Bar widths on a logarithmic scale; the numbers are in the table.',
        'Largeurs des barres sur une échelle logarithmique ; les chiffres sont dans le tableau.',
      ),
    },
  ];
  if (plan.checkpoints && plan.checkpoints.length > 0) {
    const dates = plan.checkpoints.map((c) => c.date);
    charts.push(
      buildCheckpointChart(
        {
          title: T('Checkpoints: cumulative revenue target', 'Points à date : objectif de CA cumulé'),
          dates,
          target: plan.checkpoints.map((c) => c.targets.revenue),
          money: true,
        },
        lang,
      ),
      buildCheckpointChart(
        {
          title: T('Checkpoints: cumulative contacts', 'Points à date : contacts cumulés'),
          dates,
          target: plan.checkpoints.map((c) => c.targets.contacts),
        },
        lang,
      ),
    );
  }
  return {
    id: 'plan',
    title: T('Prospecting plan', 'Plan de prospection'),
    intro: [
      {
        en: `Objective ${formatMoney(plan.result.parameters.objective, 'en')}: ${formatNumber(figures.hours, 'en', 1)} hours of prospecting.`,
        fr: `Objectif ${formatMoney(plan.result.parameters.objective, 'fr')} : ${formatNumber(figures.hours, 'fr', 1)} heures de prospection.`,
      },
    ],
    charts,
    blocks: buildPlanBlocks(plan, lang),
  };
}

/** Dated checkpoints of a plan, and the actuals when tracked: cumulative lines. */
export interface CheckpointSeries {
  title: Texts;
  /** ISO dates. */
  dates: string[];
  target: number[];
  actual?: (number | null)[];
  money?: boolean;
}

/** A chart of cumulative targets at the checkpoints, with the actuals when given. */
export function buildCheckpointChart(series: CheckpointSeries, lang: Lang): HtmlChart {
  const fmt = (v: number): string => (series.money ? formatMoney(v, lang) : formatNumber(v, lang, 1));
  const lines: Parameters<typeof buildSeriesSvg>[0][number][] = [
    {
      name: T('Plan', 'Plan')[lang],
      className: 'target-series',
      points: series.dates.map((d, i) => ({
        label: d,
        value: series.target[i] ?? 0,
        display: fmt(series.target[i] ?? 0),
      })),
    },
  ];
  if (series.actual) {
    const pts = series.dates
      .map((d, i) => ({ d, v: series.actual?.[i] }))
      .filter((p): p is { d: string; v: number } => typeof p.v === 'number')
      .map((p) => ({ label: p.d, value: p.v, display: fmt(p.v) }));
    lines.push({ name: T('Actual', 'Réalisé')[lang], className: 'actual-series', points: pts });
  }
  return { svg: buildSeriesSvg(lines, { label: series.title[lang] }), title: series.title };
}

/** A Pareto curve: clients sorted by value, share of clients against cumulative share of value. */
export interface ParetoCurveData {
  /** In rank order: each client's cumulative share of value (0..1) after it. */
  points: { clientId: string; cumulativeShare: number; value: number; className: string }[];
  thresholds: number[];
}

/** The Pareto curve chart, with the class thresholds as lines and a marker per client (sampled). */
export function buildParetoChart(data: ParetoCurveData, lang: Lang): HtmlChart {
  const n = data.points.length;
  const svg = buildCurveSvg(
    data.points.map((p, i) => ({
      x: (i + 1) / n,
      y: p.cumulativeShare,
      tip: `${p.clientId} (${p.className}): ${formatMoney(p.value, lang)}, ${formatPercent((i + 1) / n, lang, 1)} ${lang === 'fr' ? 'des clients' : 'of clients'} -> ${formatPercent(p.cumulativeShare, lang, 1)}`,
    })),
    {
      label: T('Pareto curve', 'Courbe de Pareto')[lang],
      xLabel: T('Share of clients', 'Part des clients')[lang],
      yLabel: T('Cumulative share of value', 'Part cumulée de la valeur')[lang],
      thresholds: data.thresholds.map((t) => ({ y: t, tip: formatPercent(t, lang, 1) })),
    },
  );
  return {
    svg,
    title: T('Pareto curve', 'Courbe de Pareto'),
    caption: T('Clients by value, descending.', 'Clients par valeur décroissante.'),
  };
}

/** The RFM heat map: mean amount per (frequency score, recency score), with the client count. */
export function buildRfmHeatMapChart(
  cells: { frequency: number; recency: number; clients: number; meanAmount: number | null }[],
  bins: { frequency: number; recency: number },
  lang: Lang,
): HtmlChart {
  const heat: HeatCell[] = cells.map((c) => ({
    row: c.frequency,
    col: c.recency,
    value: c.meanAmount,
    display: c.meanAmount === null ? '' : formatMoney(Math.round(c.meanAmount), lang),
    tip:
      lang === 'fr'
        ? `F ${c.frequency}, R ${c.recency} : ${countNoun(c.clients, lang, { en: ['client', 'clients'], fr: ['client', 'clients'] })}, montant moyen ${c.meanAmount === null ? '-' : formatMoney(c.meanAmount, lang)}`
        : `F ${c.frequency}, R ${c.recency}: ${countNoun(c.clients, lang, { en: ['client', 'clients'], fr: ['client', 'clients'] })}, mean amount ${c.meanAmount === null ? '-' : formatMoney(c.meanAmount, lang)}`,
  }));
  return {
    svg: buildHeatMapSvg(heat, {
      label: T('RFM heat map: mean amount', 'Carte RFM : montant moyen')[lang],
      rows: bins.frequency,
      cols: bins.recency,
      rowLabel: T('Frequency score', 'Score de fréquence')[lang],
      colLabel: T('Recency score', 'Score de récence')[lang],
    }),
    title: T('RFM heat map: mean amount', 'Carte RFM : montant moyen'),
    caption: T('Darker cells: higher mean amount.', 'Cases plus foncées : montant moyen plus élevé.'),
  };
}

/** A histogram of scores: one column per bin. */
export function buildHistogramChart(
  bins: { label: string; count: number }[],
  title: Texts,
  lang: Lang,
): HtmlChart {
  return {
    svg: buildColumnChartSvg(
      bins.map((b) => ({ label: b.label, value: b.count, display: formatNumber(b.count, lang) })),
      { label: title[lang] },
    ),
    title,
  };
}

function prefixed(owner: string | null, title: Texts): Texts {
  return owner === null ? title : { en: `${owner}: ${title.en}`, fr: `${owner} : ${title.fr}` };
}

function reviewCharts(r: ReviewResult, lang: Lang): HtmlChart[] {
  const who = r.owner === null ? '' : `${r.owner}: `;
  const charts: HtmlChart[] = [];
  charts.push({
    svg: buildBarChartSvg(
      ORIGINS.map((o) => {
        const line = r.origins.find((l) => l.origin === o);
        return {
          label: ORIGIN_LABEL[o][lang],
          value: line?.revenue ?? 0,
          display: formatMoney(line?.revenue ?? 0, lang),
          target: line?.objective ?? null,
          ...(line?.objective != null ? { targetDisplay: formatMoney(line.objective, lang) } : {}),
          note: `${line?.clients ?? 0} clients`,
        };
      }),
      {
        label: who + T('Revenue by origin', "Chiffre d'affaires par origine")[lang],
        targetWord: T('objective', 'objectif')[lang],
      },
    ),
    title: prefixed(r.owner, T('Revenue by origin', "Chiffre d'affaires par origine")),
    caption: T('Dashed marks: the objectives.', 'Traits pointillés : les objectifs.'),
  });
  if (r.leads && r.leads.total.leads > 0) {
    charts.push({
      svg: buildBarChartSvg(
        r.leads.bySource.map((l) => ({
          label: SOURCE_LABEL[l.source][lang],
          value: l.leads,
          display: `${formatNumber(l.leads, lang)} / ${formatNumber(l.proposals, lang)} / ${formatNumber(l.won, lang)}`,
          note: `${formatMoney(l.revenueWon, lang)}`,
        })),
        { label: who + T('Leads by source', 'Leads par source')[lang] },
      ),
      title: prefixed(r.owner, T('Leads by source', 'Leads par source')),
      caption: T('Leads / proposals / deals per source.', 'Leads / propositions / affaires par source.'),
    });
  }
  const former = r.formerClients.slice(0, FORMER_CLIENTS_SHOWN);
  if (former.length > 0) {
    charts.push({
      svg: buildBarChartSvg(
        former.map((f) => ({
          label: f.name ?? f.clientId,
          value: f.pastRevenue,
          display: formatMoney(f.pastRevenue, lang),
          note: `${lang === 'fr' ? 'dernière commande le' : 'last order on'} ${formatDateInSentence(formatIsoDay(f.lastOrderDay), lang)}`,
        })),
        { label: who + T('Former clients worth targeting', 'Anciens clients à recibler')[lang] },
      ),
      title: prefixed(r.owner, T('Former clients worth targeting', 'Anciens clients à recibler')),
      caption: T('Past revenue of dormant former clients.', 'CA passé des anciens clients dormants.'),
    });
  }
  for (const d of ['zone', 'targetType', 'product'] as const) {
    const lines = r.splits[d];
    if (!lines || lines.length === 0) continue;
    charts.push({
      svg: buildBarChartSvg(
        lines.slice(0, 12).map((l) => ({
          label: l.value ?? (lang === 'fr' ? '(aucun)' : '(none)'),
          value: l.revenue,
          display: formatMoney(l.revenue, lang),
          note: `${l.clients} clients`,
        })),
        { label: who + DIMENSION_LABEL[d][lang] },
      ),
      title: prefixed(r.owner, DIMENSION_LABEL[d]),
    });
  }
  return charts;
}

/** The review: for the team, then each owner, charts of the split, leads, former clients and splits. */
export function buildReviewSections(view: ReviewView, lang: Lang): HtmlSection[] {
  const sections: HtmlSection[] = [];
  const all = [view.team, ...view.owners];
  all.forEach((r, i) => {
    const blocks: Block[] = buildReviewBlocks(r);
    sections.push({
      id: i === 0 ? 'review' : `review-${i}`,
      title:
        r.owner === null
          ? T('Review of the commercial action', "Analyse de l'action commerciale")
          : { en: `Review: ${r.owner}`, fr: `Analyse : ${r.owner}` },
      intro: [describePeriod(r.period)],
      charts: reviewCharts(r, lang),
      blocks,
    });
  });
  return sections;
}

/** What the report shows: each part is there only when its inputs were given. */
export interface ReportParts {
  plan?: ObjectivePlan;
  review?: ReviewView;
  /** Sections built elsewhere (pareto, rfm, score, segment...), in order. */
  extra?: HtmlSection[];
  /** The input files, shown under the title. */
  inputs: string[];
  /** The run's date (ISO). */
  generatedOn: string;
}

/** The whole HTML report from its parts, in `lang` (see renderHtmlReport). */
export function buildHtmlReport(parts: ReportParts, lang: Lang): HtmlReport {
  const sections: HtmlSection[] = [];
  if (parts.plan) sections.push(buildPlanSection(parts.plan, lang));
  sections.push(...(parts.extra ?? []));
  if (parts.review) sections.push(...buildReviewSections(parts.review, lang));
  const subtitle: Texts[] = [
    {
      en: `Generated on ${parts.generatedOn}`,
      fr: `Produit le ${parts.generatedOn.split('-').reverse().join('/')}`,
    },
  ];
  if (parts.inputs.length > 0) {
    subtitle.push({ en: `Inputs: ${parts.inputs.join(', ')}`, fr: `Fichiers : ${parts.inputs.join(', ')}` });
  }
  return { title: T('Sales dashboard', 'Tableau de bord commercial'), subtitle, sections };
}

/** Pareto: the curve with the class thresholds, the class summary and the concentration. */
export function buildParetoSection(result: ParetoResult, lang: Lang): HtmlSection {
  const c = result.concentration;
  return {
    id: 'pareto',
    title: T('Pareto (ABC) of the portfolio', 'Pareto (ABC) du portefeuille'),
    intro: [
      {
        en: `${formatPercent(c.top20Share, 'en', 1)} of the value comes from the top ${formatPercent(0.2, 'en')} of clients; ${c.clientsFor80} clients (${formatPercent(c.shareOfClientsFor80, 'en', 1)}) make ${formatPercent(0.8, 'en')}; Gini ${formatNumber(c.gini, 'en', 3)}.`,
        fr: `${formatPercent(c.top20Share, 'fr', 1)} de la valeur vient des ${formatPercent(0.2, 'fr')} premiers clients ; ${c.clientsFor80} clients (${formatPercent(c.shareOfClientsFor80, 'fr', 1)}) font ${formatPercent(0.8, 'fr')} ; Gini ${formatNumber(c.gini, 'fr', 3)}.`,
      },
    ],
    charts:
      result.clients.length === 0
        ? []
        : [
            buildParetoChart(
              {
                points: result.clients.map((p) => ({
                  clientId: p.clientId,
                  cumulativeShare: p.cumulativeShare,
                  value: p.value,
                  className: p.className,
                })),
                thresholds: result.thresholds,
              },
              lang,
            ),
          ],
    blocks: [
      {
        kind: 'table',
        title: T('Classes', 'Classes'),
        columns: [
          { key: 'className', label: T('Class', 'Classe'), kind: 'text' },
          { key: 'clients', label: T('Clients', 'Clients'), kind: 'integer' },
          { key: 'shareOfClients', label: T('Share of clients', 'Part des clients'), kind: 'percent' },
          { key: 'value', label: T('Value', 'Valeur'), kind: 'money' },
          { key: 'shareOfValue', label: T('Share of value', 'Part de la valeur'), kind: 'percent' },
        ],
        rows: result.classes.map((k) => ({
          className: k.className,
          clients: k.clients,
          shareOfClients: k.shareOfClients,
          value: k.value,
          shareOfValue: k.shareOfValue,
        })),
      },
    ],
  };
}

/** RFM: the heat map (mean amount by frequency and recency score) and the segments. */
export function buildRfmSection(result: RfmResult, lang: Lang): HtmlSection {
  return {
    id: 'rfm',
    title: T('RFM segments', 'Segments RFM'),
    charts:
      result.clients.length === 0
        ? []
        : [
            buildRfmHeatMapChart(
              result.heatmap.map((h) => ({
                frequency: h.frequencyScore,
                recency: h.recencyScore,
                clients: h.clients,
                meanAmount: h.meanAmount,
              })),
              { frequency: result.bins.frequency.bins, recency: result.bins.recency.bins },
              lang,
            ),
          ],
    blocks: [
      {
        kind: 'table',
        title: T('Segments', 'Segments'),
        columns: [
          { key: 'name', label: T('Segment', 'Segment'), kind: 'text' },
          { key: 'clients', label: T('Clients', 'Clients'), kind: 'integer' },
          { key: 'orders', label: T('Orders', 'Commandes'), kind: 'integer' },
          { key: 'revenue', label: T('Revenue', 'CA'), kind: 'money' },
          { key: 'averageOrderValue', label: T('Average order', 'Panier moyen'), kind: 'money' },
          {
            key: 'medianRecencyDays',
            label: T('Median recency (days)', 'Récence médiane (jours)'),
            kind: 'number',
            decimals: 1,
          },
          { key: 'advice', label: T('Action', 'Action'), kind: 'text' },
        ],
        rows: result.segments
          .filter((s) => s.clients > 0)
          .map((s) => ({
            name: s.name,
            clients: s.clients,
            orders: s.orders,
            revenue: s.revenue,
            averageOrderValue: s.averageOrderValue,
            medianRecencyDays: s.medianRecencyDays,
            advice: s.advice ?? '',
          })),
      },
    ],
  };
}

/** Scores: the distribution of scores (a histogram) and the count per grade. */
export function buildScoreSection(
  histogram: readonly { from: number; to: number; count: number }[],
  summary: ScoreSummary,
  lang: Lang,
): HtmlSection {
  const title = T('Distribution of scores', 'Distribution des scores');
  return {
    id: 'score',
    title: T('Scores', 'Scores'),
    intro: [
      {
        en: `${summary.count} clients scored; mean score ${formatNumber(summary.mean, 'en', 1)}.`,
        fr: `${summary.count} clients notés ; score moyen ${formatNumber(summary.mean, 'fr', 1)}.`,
      },
    ],
    charts:
      summary.count === 0
        ? []
        : [
            buildHistogramChart(
              histogram.map((b) => ({
                label: `${formatNumber(b.from, lang, 1)}-${formatNumber(b.to, lang, 1)}`,
                count: b.count,
              })),
              title,
              lang,
            ),
          ],
    blocks: [
      {
        kind: 'table',
        title: T('Grades', 'Notes'),
        columns: [
          { key: 'grade', label: T('Grade', 'Note'), kind: 'text' },
          { key: 'count', label: T('Clients', 'Clients'), kind: 'integer' },
          { key: 'share', label: T('Share', 'Part'), kind: 'percent' },
        ],
        rows: summary.perGrade.map((g) => ({ grade: g.grade, count: g.count, share: g.share })),
      },
    ],
  };
}
