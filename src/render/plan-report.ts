import type { Lang, Texts } from '../i18n.js';
import type { PlanFigures, PlanParameters, PlanResult, PlanStage, PlanStep } from '../core/plan.js';
import { formatNumber, formatPercent } from './format.js';
import type { Report } from './report.js';

export type ParameterSource = 'default' | 'flag' | 'file' | 'history';

export interface PlanAssumption {
  value: number;
  source: ParameterSource;
  /** Free detail on the source, e.g. `history (n = 412)`. */
  detail?: string;
}

export interface PlanView {
  result: PlanResult;
  assumptions: Record<keyof PlanParameters, PlanAssumption>;
  range: { best: PlanFigures; worst: PlanFigures };
  ranges: { accessibility: { min: number; max: number }; contactsPerProspect: { min: number; max: number } };
}

export const PLAN_SCHEMA_VERSION = 1;

export const STAGE_LABEL: Record<PlanStage, Texts> = {
  deals: { en: 'Deals to win', fr: 'Affaires à gagner' },
  proposals: { en: 'Proposals', fr: 'Propositions' },
  activeProspectsNeeded: { en: 'Active prospects needed', fr: 'Prospects actifs nécessaires' },
  activeProspectsToFind: { en: 'Active prospects to find', fr: 'Prospects actifs à trouver' },
  prospectsToContact: { en: 'Prospects to contact', fr: 'Prospects à contacter' },
  contacts: { en: 'Contacts', fr: 'Contacts' },
  minutes: { en: 'Minutes', fr: 'Minutes' },
  hours: { en: 'Hours', fr: 'Heures' },
};

export const PARAMETER_LABEL: Record<keyof PlanParameters, Texts> = {
  objective: { en: 'Objective', fr: 'Objectif' },
  avgDeal: { en: 'Average deal', fr: 'Montant moyen d’une affaire' },
  proposalsPerDeal: { en: 'Proposals per deal won', fr: 'Propositions par affaire gagnée' },
  compensationFactor: { en: 'Compensation factor', fr: 'Facteur de compensation' },
  spontaneous: { en: 'Spontaneous prospects', fr: 'Prospects spontanés' },
  accessibility: { en: 'Accessibility rate', fr: 'Taux d’accessibilité' },
  contactsPerProspect: { en: 'Contacts per prospect', fr: 'Contacts par prospect' },
  minutesPerContact: { en: 'Minutes per contact', fr: 'Minutes par contact' },
};

const SOURCE_LABEL: Record<ParameterSource, Texts> = {
  default: { en: 'default (seed)', fr: 'défaut (méthode)' },
  flag: { en: 'flag', fr: 'option' },
  file: { en: 'objective file', fr: 'fichier d’objectifs' },
  history: { en: 'history', fr: 'historique' },
};

function both(make: (lang: Lang) => string): Texts {
  return { en: make('en'), fr: make('fr') };
}

function num(value: number, lang: Lang): string {
  return formatNumber(value, lang, Number.isInteger(value) ? 0 : 1);
}

/** `28 / 6 % = 466.7 -> 467`: the formula with its numbers, and the rounding where it changed the value. */
export function describeStep(step: PlanStep, lang: Lang): string {
  const hours = step.stage === 'hours';
  const right =
    step.stage === 'prospectsToContact'
      ? formatPercent(step.right, lang, 2)
      : formatNumber(step.right, lang, 2);
  const head = `${num(step.left, lang)} ${step.op} ${right} = ${formatNumber(step.raw, lang, hours ? 2 : 1)}`;
  const changed = Math.abs(step.raw - step.value) > 1e-9;
  return changed ? `${head} -> ${formatNumber(step.value, lang, hours ? 1 : 2)}` : head;
}

/** The JSON document of `plan` (schemaVersion 1), documented in the README. */
export function buildPlanJson(view: PlanView): Record<string, unknown> {
  const { result } = view;
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    rounding: result.rounding,
    ...result.figures,
    exact: result.exact,
    assumptions: Object.fromEntries(
      Object.entries(view.assumptions).map(([key, a]) => [
        key,
        { value: a.value, source: a.source, ...(a.detail ? { detail: a.detail } : {}) },
      ]),
    ),
    range: { ...view.range, ranges: view.ranges },
  };
}

/** The plan as a report: stages with formulas, best and worst case, assumptions with their source. */
export function buildPlanReport(view: PlanView): Report {
  const { result } = view;
  const keys = Object.keys(view.assumptions) as (keyof PlanParameters)[];
  const blocks: Report['blocks'] = [
    {
      kind: 'table',
      columns: [
        { key: 'stage', label: { en: 'Stage', fr: 'Étape' }, kind: 'text' },
        { key: 'value', label: { en: 'Plan', fr: 'Plan' }, kind: 'number', decimals: 2 },
        { key: 'formula', label: { en: 'Calculation', fr: 'Calcul' }, kind: 'text' },
        { key: 'best', label: { en: 'Best case', fr: 'Meilleur cas' }, kind: 'number', decimals: 2 },
        { key: 'worst', label: { en: 'Worst case', fr: 'Pire cas' }, kind: 'number', decimals: 2 },
      ],
      rows: result.steps.map((step) => ({
        stage: STAGE_LABEL[step.stage],
        value: step.value,
        formula: both((lang) => describeStep(step, lang)),
        best: view.range.best[step.stage],
        worst: view.range.worst[step.stage],
      })),
    },
    {
      kind: 'table',
      title: { en: 'Assumptions', fr: 'Hypothèses' },
      columns: [
        { key: 'parameter', label: { en: 'Parameter', fr: 'Paramètre' }, kind: 'text' },
        { key: 'value', label: { en: 'Value', fr: 'Valeur' }, kind: 'text' },
        { key: 'source', label: { en: 'Source', fr: 'Source' }, kind: 'text' },
      ],
      rows: keys.map((key) => {
        const a = view.assumptions[key];
        return {
          parameter: PARAMETER_LABEL[key],
          value: both((lang) =>
            key === 'accessibility' ? formatPercent(a.value, lang, 2) : formatNumber(a.value, lang, 2),
          ),
          source: a.detail ? { en: a.detail, fr: a.detail } : SOURCE_LABEL[a.source],
        };
      }),
    },
    {
      kind: 'text',
      lines: [
        both(
          (lang) =>
            (lang === 'fr' ? 'Fourchettes : accessibilité ' : 'Ranges: accessibility ') +
            `${formatPercent(view.ranges.accessibility.min, lang, 2)}-${formatPercent(view.ranges.accessibility.max, lang, 2)}, ` +
            (lang === 'fr' ? 'contacts par prospect ' : 'contacts per prospect ') +
            `${formatNumber(view.ranges.contactsPerProspect.min, lang, 2)}-${formatNumber(view.ranges.contactsPerProspect.max, lang, 2)}; ` +
            (lang === 'fr' ? `arrondi : ${result.rounding}.` : `rounding: ${result.rounding}.`),
        ),
      ],
    },
  ];
  if (result.spontaneousCoverNeed) {
    blocks.push({
      kind: 'text',
      lines: [
        {
          en: 'Spontaneous prospects cover the whole need: no prospect needs to be contacted.',
          fr: 'Les prospects spontanés couvrent tout le besoin : aucun prospect à contacter.',
        },
      ],
    });
  }
  return {
    title: { en: 'Prospecting plan', fr: 'Plan de prospection' },
    blocks,
    json: buildPlanJson(view),
    csv: {
      header: ['stage', 'value', 'exact', 'best', 'worst', 'formula'],
      rows: result.steps.map((s) => [
        s.stage,
        s.value,
        result.exact[s.stage],
        view.range.best[s.stage],
        view.range.worst[s.stage],
        describeStep(s, 'en'),
      ]),
    },
  };
}
