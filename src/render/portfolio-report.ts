import type { ObjectiveGap, PortfolioGroup, PortfolioResult } from '../core/portfolio.js';
import type { Lang, Texts } from '../i18n.js';
import { formatMoney, formatNumber, formatPercent } from './format.js';
import { STAGE_LABEL } from './plan-report.js';
import type { Block, Report } from './report.js';

export const PORTFOLIO_SCHEMA_VERSION = 1;

export interface PortfolioView {
  path: string;
  /** The `--by` fields (empty: one line for the whole portfolio). */
  by: string[];
  result: PortfolioResult;
  gap?: ObjectiveGap;
  /** The file has an outcome column (stage or status with won or lost deals). */
  dealsFile?: boolean;
  /** Notes given on stderr, in both languages. */
  warnings?: Texts[];
}

const EMPTY_GROUP: Texts = { en: '(empty)', fr: '(vide)' };

function both(make: (lang: Lang) => string): Texts {
  return { en: make('en'), fr: make('fr') };
}

function groupJson(by: string[], g: PortfolioGroup): Record<string, unknown> {
  return {
    ...(by.length ? { key: Object.fromEntries(by.map((f, i) => [f, g.key[i] ?? ''])) } : {}),
    count: g.count,
    potential: g.potential,
    probability: g.probability,
    expectedValue: g.expectedValue,
    share: g.share,
  };
}

/**
 * The portfolio report: per group count, potential, probability weighted by potential, expected
 * value and share; the total; with `--objective`, the gap and the plan that closes it.
 */
export function buildPortfolioReport(view: PortfolioView): Report {
  const { by, result, gap } = view;
  const label = (g: PortfolioGroup): Texts =>
    both((lang) => g.key.map((k) => (k === '' ? EMPTY_GROUP[lang] : k)).join(' / '));
  const rows = [
    ...(by.length ? result.groups : []).map((g) => ({
      group: label(g),
      count: g.count,
      potential: g.potential,
      probability: g.probability,
      expectedValue: g.expectedValue,
      share: g.share,
    })),
    {
      group: { en: 'Total', fr: 'Total' },
      count: result.total.count,
      potential: result.total.potential,
      probability: result.total.probability,
      expectedValue: result.total.expectedValue,
      share: result.total.expectedValue > 0 ? 1 : 0,
    },
  ];
  const blocks: Block[] = [
    {
      kind: 'table',
      columns: [
        {
          key: 'group',
          label: by.length
            ? { en: by.join(' / '), fr: by.join(' / ') }
            : { en: 'Portfolio', fr: 'Portefeuille' },
          kind: 'text',
        },
        { key: 'count', label: { en: 'Count', fr: 'Nombre' }, kind: 'integer' },
        { key: 'potential', label: { en: 'Potential', fr: 'Potentiel' }, kind: 'money', decimals: 0 },
        { key: 'probability', label: { en: 'Probability', fr: 'Probabilité' }, kind: 'percent' },
        {
          key: 'expectedValue',
          label: { en: 'Expected value', fr: 'Valeur espérée' },
          kind: 'money',
          decimals: 0,
        },
        { key: 'share', label: { en: 'Share', fr: 'Part' }, kind: 'percent' },
      ],
      rows,
    },
    {
      kind: 'text',
      lines: [
        {
          en: 'Expected value = potential x probability; probability = average weighted by potential.',
          fr: 'Valeur espérée = potentiel x probabilité ; probabilité = moyenne pondérée par le potentiel.',
        },
      ],
    },
  ];
  const { won, lost } = result.closed;
  if (view.dealsFile || won.count + lost.count > 0) {
    const inWon = result.included.includes('won');
    const inLost = result.included.includes('lost');
    blocks.push({
      kind: 'table',
      title: {
        en: 'Closed deals (outside the expected value unless --include)',
        fr: 'Affaires conclues (hors valeur espérée sauf --include)',
      },
      columns: [
        { key: 'outcome', label: { en: 'Outcome', fr: 'Issue' }, kind: 'text' },
        { key: 'count', label: { en: 'Count', fr: 'Nombre' }, kind: 'integer' },
        { key: 'potential', label: { en: 'Amount', fr: 'Montant' }, kind: 'money', decimals: 0 },
        {
          key: 'counted',
          label: { en: 'In the expected value', fr: 'Dans la valeur espérée' },
          kind: 'text',
        },
      ],
      rows: [
        {
          outcome: { en: 'Won (already revenue)', fr: "Gagnées (déjà du chiffre d'affaires)" },
          count: won.count,
          potential: won.potential,
          counted: inWon ? { en: 'yes (--include)', fr: 'oui (--include)' } : { en: 'no', fr: 'non' },
        },
        {
          outcome: { en: 'Lost (worth 0)', fr: 'Perdues (valeur 0)' },
          count: lost.count,
          potential: lost.potential,
          counted: inLost ? { en: 'yes (--include)', fr: 'oui (--include)' } : { en: 'no', fr: 'non' },
        },
      ],
    });
  }
  if (gap) {
    const lines: Texts[] = [
      both((lang) =>
        lang === 'fr'
          ? `Objectif ${formatMoney(gap.objective, lang, 0)} ; valeur espérée ${formatMoney(gap.expectedValue, lang, 0)} ; ${gap.covered ? `couvert (marge ${formatMoney(-gap.gap, lang, 0)}).` : `écart ${formatMoney(gap.gap, lang, 0)}.`}`
          : `Objective ${formatMoney(gap.objective, lang, 0)}; expected value ${formatMoney(gap.expectedValue, lang, 0)}; ${gap.covered ? `covered (margin ${formatMoney(-gap.gap, lang, 0)}).` : `gap ${formatMoney(gap.gap, lang, 0)}.`}`,
      ),
    ];
    blocks.push({ kind: 'text', title: { en: 'Objective', fr: 'Objectif' }, lines });
    if (gap.plan) {
      const p = gap.plan;
      blocks.push({
        kind: 'table',
        title: {
          en: 'What closing the gap takes (prospect plan)',
          fr: "Ce que demande l'écart (prospect plan)",
        },
        columns: [
          { key: 'stage', label: { en: 'Stage', fr: 'Étape' }, kind: 'text' },
          { key: 'value', label: { en: 'Plan', fr: 'Plan' }, kind: 'number', decimals: 1 },
        ],
        rows: p.steps.map((s) => ({ stage: STAGE_LABEL[s.stage], value: s.value })),
      });
      blocks.push({
        kind: 'text',
        lines: [
          both((lang) =>
            lang === 'fr'
              ? `Avec une affaire moyenne de ${formatMoney(p.parameters.avgDeal, lang, 0)}, ${formatNumber(p.parameters.proposalsPerDeal, lang, 2)} propositions par affaire, une accessibilité de ${formatPercent(p.parameters.accessibility, lang, 2)} (options de prospect plan).`
              : `With an average deal of ${formatMoney(p.parameters.avgDeal, lang, 0)}, ${formatNumber(p.parameters.proposalsPerDeal, lang, 2)} proposals per deal, ${formatPercent(p.parameters.accessibility, lang, 2)} accessibility (the flags of prospect plan).`,
          ),
        ],
      });
    }
  }
  const csvRows = (by.length ? result.groups : []).map((g) => [
    ...g.key,
    g.count,
    g.potential,
    g.probability,
    g.expectedValue,
    g.share,
  ]);
  csvRows.push([
    ...(by.length ? by.map((_, i) => (i === 0 ? 'Total' : '')) : ['Total']),
    result.total.count,
    result.total.potential,
    result.total.probability,
    result.total.expectedValue,
    result.total.expectedValue > 0 ? 1 : 0,
  ]);
  return {
    title: { en: `Portfolio (${view.path})`, fr: `Portefeuille (${view.path})` },
    blocks,
    json: {
      schemaVersion: PORTFOLIO_SCHEMA_VERSION,
      by,
      total: groupJson([], result.total),
      groups: by.length ? result.groups.map((g) => groupJson(by, g)) : [],
      included: result.included,
      closed: result.closed,
      warnings: view.warnings ?? [],
      ...(gap
        ? {
            objective: {
              objective: gap.objective,
              expectedValue: gap.expectedValue,
              gap: gap.gap,
              covered: gap.covered,
              ...(gap.plan ? { plan: { ...gap.plan.figures, parameters: gap.plan.parameters } } : {}),
            },
          }
        : {}),
    },
    csv: {
      header: [
        ...(by.length ? by : ['group']),
        'count',
        'potential',
        'probability',
        'expected_value',
        'share',
      ],
      rows: csvRows,
    },
  };
}
