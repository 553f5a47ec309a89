import type { Lang, Texts } from '../i18n.js';
import { formatIsoDay } from '../core/calendar.js';
import type { ObjectivePlan, SmartCheck } from '../core/objective-plan.js';
import { sumFigures } from '../core/objective-plan.js';
import type { PlanFigures, PlanParameters, PlanStage, PlanStep } from '../core/plan.js';
import type { Checkpoint } from '../core/schedule.js';
import type { SettingSource } from '../core/settings.js';
import { formatDateInSentence, formatNumber, formatPercent } from './format.js';
import { typedText, type Block, type Cell, type Report } from './report.js';
import { countNoun } from './words.js';

export type ParameterSource = SettingSource;

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

/** How counts are rounded, as the reader says it (`up` is what `--rounding` takes). */
export const ROUNDING_LABEL: Record<'up' | 'down' | 'exact', Texts> = {
  up: { en: 'up to whole units', fr: 'à l’unité supérieure' },
  down: { en: 'down to whole units (as the method does)', fr: 'à l’unité inférieure (comme la méthode)' },
  exact: { en: 'none (exact figures)', fr: 'aucun (chiffres exacts)' },
};

const WORKING_DAYS = { en: ['working day', 'working days'], fr: ['jour ouvré', 'jours ouvrés'] } as const;

const PARAMETER_KEYS = Object.keys(PARAMETER_LABEL) as (keyof PlanParameters)[];

const SOURCE_LABEL: Record<ParameterSource, Texts> = {
  default: { en: 'default (the method’s example)', fr: 'défaut (exemple de la méthode)' },
  flag: { en: 'flag', fr: 'option' },
  file: { en: 'objective file', fr: 'fichier d’objectifs' },
  history: { en: 'history', fr: 'historique' },
  prompt: { en: 'answer', fr: 'réponse' },
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

function checkpointJson(c: Checkpoint): Record<string, unknown> {
  return { date: c.date, workingDays: c.workingDays, share: c.share, ...c.targets };
}

/** The JSON document of one objective (schemaVersion 1), documented in docs/commands/plan.md. */
export function buildPlanJson(plan: ObjectivePlan): Record<string, unknown> {
  const { result, settings } = plan;
  const label = Object.fromEntries(Object.entries(plan.label).filter(([, v]) => v !== undefined));
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    ...label,
    rounding: result.rounding,
    ...result.figures,
    exact: result.exact,
    assumptions: Object.fromEntries(
      PARAMETER_KEYS.map((key) => {
        const a = settings[key];
        return [key, { value: a.value, source: a.source, ...(a.detail ? { detail: a.detail } : {}) }];
      }),
    ),
    range: { ...plan.range, ranges: plan.ranges },
    ...(plan.period
      ? {
          period: {
            from: formatIsoDay(plan.period.from),
            to: formatIsoDay(plan.period.to),
            workingDays: plan.period.workingDays,
            country: settings.country.value,
            weights: [...settings.weights.value],
          },
          checkpoints: (plan.checkpoints ?? []).map(checkpointJson),
        }
      : {}),
    ...(plan.capacity ? { capacity: plan.capacity } : {}),
    smart: plan.smart,
  };
}

const BAR_WIDTH = 40;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar of `value / max` of the width, in eighths of a character (at least a sliver above 0). */
export function renderBar(value: number, max: number, width = BAR_WIDTH): string {
  if (!(max > 0) || !(value > 0)) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + (EIGHTHS[eighths % 8] ?? '');
}

/** The funnel as Unicode bars, from contacts down to deals, scaled on the largest count. */
export function renderFunnelChart(figures: PlanFigures, lang: Lang): string {
  const stages: PlanStage[] = [
    'contacts',
    'prospectsToContact',
    'activeProspectsNeeded',
    'activeProspectsToFind',
    'proposals',
    'deals',
  ];
  const max = Math.max(...stages.map((s) => figures[s]));
  const labelWidth = Math.max(...stages.map((s) => STAGE_LABEL[s][lang].length));
  const valueWidth = Math.max(...stages.map((s) => formatNumber(figures[s], lang, 1).length));
  return stages
    .map(
      (s) =>
        `${STAGE_LABEL[s][lang].padEnd(labelWidth)}  ${formatNumber(figures[s], lang, 1).padStart(valueWidth)} ${renderBar(figures[s], max)}`,
    )
    .join('\n');
}

const TARGET_COLUMNS: Block = {
  kind: 'table',
  columns: [
    { key: 'date', label: { en: 'Date', fr: 'Date' }, kind: 'date' },
    { key: 'workingDays', label: { en: 'Working days', fr: 'Jours ouvrés' }, kind: 'integer' },
    { key: 'contacts', label: { en: 'Contacts', fr: 'Contacts' }, kind: 'number' },
    {
      key: 'prospectsQualified',
      label: { en: 'Prospects qualified', fr: 'Prospects qualifiés' },
      kind: 'number',
    },
    { key: 'activeProspects', label: { en: 'Active prospects', fr: 'Prospects actifs' }, kind: 'number' },
    { key: 'proposals', label: { en: 'Proposals', fr: 'Propositions' }, kind: 'number' },
    { key: 'deals', label: { en: 'Deals', fr: 'Affaires' }, kind: 'number' },
    { key: 'revenue', label: { en: 'Revenue', fr: 'CA' }, kind: 'money' },
  ],
  rows: [],
};

function yesNo(value: boolean | null, lang: Lang): string {
  if (value === null) return lang === 'fr' ? 'inconnu' : 'unknown';
  return value ? (lang === 'fr' ? 'oui' : 'yes') : lang === 'fr' ? 'non' : 'no';
}

/** The SMART check in words, one line per criterion. */
export function describeSmart(smart: SmartCheck): Texts[] {
  const outside = (lang: Lang): string =>
    smart.outside
      .map((o) => {
        const pct = o.key === 'accessibility';
        const f = (x: number): string => (pct ? formatPercent(x, lang, 2) : formatNumber(x, lang, 2));
        return `${PARAMETER_LABEL[o.key][lang]} ${f(o.value)} ${lang === 'fr' ? 'hors de' : 'outside'} ${f(o.min)}-${f(o.max)}`;
      })
      .join('; ');
  return [
    both(
      (l) =>
        `${l === 'fr' ? 'Spécifique :' : 'Specific:'} ${yesNo(smart.specific, l)}` +
        (smart.specific ? '' : l === 'fr' ? ' (donnez un nom à l’objectif)' : ' (give the objective a name)'),
    ),
    both(
      (l) =>
        `${l === 'fr' ? 'Mesurable :' : 'Measurable:'} ${yesNo(smart.measurable, l)}` +
        (smart.measurable
          ? ''
          : l === 'fr'
            ? ' (donnez un montant : --objective)'
            : ' (give an amount: --objective)'),
    ),
    both(
      (l) =>
        `${l === 'fr' ? 'Atteignable :' : 'Achievable:'} ${yesNo(smart.achievable, l)}` +
        (smart.achievable === null
          ? l === 'fr'
            ? ' (donnez --reps et une période)'
            : ' (give --reps and a period)'
          : smart.achievable
            ? ''
            : l === 'fr'
              ? ' (la capacité ne suffit pas)'
              : ' (the capacity does not cover it)'),
    ),
    both(
      (l) =>
        `${l === 'fr' ? 'Réaliste :' : 'Realistic:'} ${yesNo(smart.realistic, l)}` +
        (smart.realistic ? '' : ` (${outside(l)})`),
    ),
    both(
      (l) =>
        `${l === 'fr' ? 'Temporel :' : 'Time-bound:'} ${yesNo(smart.timeBound, l)}` +
        (smart.timeBound
          ? ''
          : l === 'fr'
            ? ' (donnez --to, --weeks ou --months)'
            : ' (give --to, --weeks or --months)'),
    ),
  ];
}

function describeCapacity(plan: ObjectivePlan): Texts[] {
  const c = plan.capacity;
  if (!c) return [];
  const h = (x: number, l: Lang): string => formatNumber(x, l, 1);
  const lines: Texts[] = [
    both((l) =>
      l === 'fr'
        ? `${c.reps} commercial(aux) à ${h(c.hoursPerWeek, l)} h/semaine ; besoin : ${h(c.hoursNeeded, l)} h.`
        : `${c.reps} rep(s) at ${h(c.hoursPerWeek, l)} h/week; needed: ${h(c.hoursNeeded, l)} h.`,
    ),
  ];
  if (c.loadPerRepPerWeek === null || c.weeksAvailable === null) {
    lines.push(
      both((l) =>
        l === 'fr'
          ? `Sans période : il faut ${c.weeksNeeded} semaine(s) à ce rythme.`
          : `No period given: it takes ${c.weeksNeeded} week(s) at this pace.`,
      ),
    );
    return lines;
  }
  const load = c.loadPerRepPerWeek;
  const weeks = c.weeksAvailable;
  lines.push(
    both((l) =>
      l === 'fr'
        ? `Charge : ${h(load, l)} h par commercial et par semaine sur ${h(weeks, l)} semaines ouvrées.`
        : `Load: ${h(load, l)} h per rep per week over ${h(weeks, l)} working weeks.`,
    ),
  );
  lines.push(
    c.fits
      ? { en: 'The objective fits the period.', fr: 'L’objectif tient dans la période.' }
      : both((l) =>
          l === 'fr'
            ? `L’objectif ne tient pas : il faudrait ${c.weeksNeeded} semaines ouvrées, ou ${c.repsNeeded} commerciaux sur la période.`
            : `The objective does not fit: it would take ${c.weeksNeeded} working weeks, or ${c.repsNeeded} reps over the period.`,
        ),
  );
  return lines;
}

function prefixed(title: Texts, prefix: string | undefined): Texts {
  return prefix ? { en: `${prefix}: ${title.en}`, fr: `${prefix} : ${title.fr}` } : title;
}

/** The blocks of one objective: stages, funnel chart, assumptions, ranges, period, capacity, SMART. */
export function buildPlanBlocks(plan: ObjectivePlan, lang: Lang, prefix?: string): Block[] {
  const { result, settings } = plan;
  const blocks: Block[] = [
    {
      kind: 'table',
      ...(prefix ? { title: { en: prefix, fr: prefix } } : {}),
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
        formula: both((l) => describeStep(step, l)),
        best: plan.range.best[step.stage],
        worst: plan.range.worst[step.stage],
      })),
    },
    {
      kind: 'chart',
      title: prefixed({ en: 'Funnel', fr: 'Entonnoir' }, prefix),
      text: renderFunnelChart(result.figures, lang),
    },
    {
      kind: 'table',
      title: prefixed({ en: 'Assumptions', fr: 'Hypothèses' }, prefix),
      columns: [
        { key: 'parameter', label: { en: 'Parameter', fr: 'Paramètre' }, kind: 'text' },
        { key: 'value', label: { en: 'Value', fr: 'Valeur' }, kind: 'text' },
        { key: 'source', label: { en: 'Source', fr: 'Source' }, kind: 'text' },
      ],
      rows: PARAMETER_KEYS.map((key) => {
        const a = settings[key];
        return {
          parameter: PARAMETER_LABEL[key],
          value: typedText(
            both((l) => (key === 'accessibility' ? formatPercent(a.value, l, 2) : formatNumber(a.value, l, 2))),
            a.value,
            key === 'accessibility'
              ? 'percent'
              : key === 'objective' || key === 'avgDeal'
                ? 'money'
                : 'number',
            2,
          ),
          source: a.detail
            ? both((l) => `${SOURCE_LABEL[a.source][l]} (${a.detail})`)
            : SOURCE_LABEL[a.source],
        };
      }),
    },
    {
      kind: 'text',
      lines: [
        both(
          (l) =>
            (l === 'fr' ? 'Fourchettes : accessibilité ' : 'Ranges: accessibility ') +
            `${formatPercent(plan.ranges.accessibility.min, l, 2)}-${formatPercent(plan.ranges.accessibility.max, l, 2)}, ` +
            (l === 'fr' ? 'contacts par prospect ' : 'contacts per prospect ') +
            `${formatNumber(plan.ranges.contactsPerProspect.min, l, 2)}-${formatNumber(plan.ranges.contactsPerProspect.max, l, 2)}${l === 'fr' ? ' ;' : ';'} ` +
            (l === 'fr' ? 'arrondi : ' : 'rounding: ') +
            ROUNDING_LABEL[result.rounding][l] +
            '.',
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
  if (plan.period && plan.checkpoints) {
    const p = plan.period;
    const weights = settings.weights.value;
    const seasonal = weights.some((w) => w !== 1);
    blocks.push({
      kind: 'table',
      title: both(
        (l) =>
          prefixed({ en: 'Checkpoints', fr: 'Points à date' }, prefix)[l] +
          (l === 'fr'
            ? ` (du ${formatDateInSentence(formatIsoDay(p.from), l)} au ${formatDateInSentence(formatIsoDay(p.to), l)}, ${countNoun(p.workingDays, 'fr', WORKING_DAYS)}, ${settings.country.value}${seasonal ? ', pondéré' : ''})`
            : ` (${formatDateInSentence(formatIsoDay(p.from), l)} to ${formatDateInSentence(formatIsoDay(p.to), l)}, ${countNoun(p.workingDays, 'en', WORKING_DAYS)}, ${settings.country.value}${seasonal ? ', weighted' : ''})`),
      ),
      columns: (TARGET_COLUMNS as Extract<Block, { kind: 'table' }>).columns,
      rows: plan.checkpoints.map((c) => ({ date: c.date, workingDays: c.workingDays, ...c.targets })),
    });
  }
  if (plan.capacity) {
    blocks.push({
      kind: 'text',
      title: prefixed({ en: 'Capacity', fr: 'Capacité' }, prefix),
      lines: describeCapacity(plan),
    });
  }
  blocks.push({
    kind: 'text',
    title: prefixed({ en: 'SMART check', fr: 'Contrôle SMART' }, prefix),
    lines: describeSmart(plan.smart),
  });
  return blocks;
}

function csvRows(plan: ObjectivePlan, name?: string): Cell[][] {
  return plan.result.steps.map((s) => [
    ...(name !== undefined ? [name] : []),
    s.stage,
    s.value,
    plan.result.exact[s.stage],
    plan.range.best[s.stage],
    plan.range.worst[s.stage],
    describeStep(s, 'en'),
  ]);
}

/** The plan of one objective as a report: stages with formulas, best and worst case, assumptions with their source. */
export function buildPlanReport(plan: ObjectivePlan, lang: Lang = 'en'): Report {
  return {
    title: { en: 'Prospecting plan', fr: 'Plan de prospection' },
    blocks: buildPlanBlocks(plan, lang),
    json: buildPlanJson(plan),
    csv: { header: ['stage', 'value', 'exact', 'best', 'worst', 'formula'], rows: csvRows(plan) },
  };
}

function smartFlags(smart: SmartCheck): string {
  const mark = (v: boolean | null, letter: string): string => (v === null ? '?' : v ? letter : '-');
  return (
    mark(smart.specific, 'S') +
    mark(smart.measurable, 'M') +
    mark(smart.achievable, 'A') +
    mark(smart.realistic, 'R') +
    mark(smart.timeBound, 'T')
  );
}

/** Several objectives (an objective file): a summary with the total, then each objective's plan. */
export function buildObjectivesReport(plans: readonly ObjectivePlan[], lang: Lang = 'en'): Report {
  const total = sumFigures(plans.map((p) => p.result.figures));
  const totalObjective = plans.reduce((sum, p) => sum + p.result.parameters.objective, 0);
  const nameOf = (p: ObjectivePlan, i: number): string => p.label.name ?? `#${i + 1}`;
  const summary: Block = {
    kind: 'table',
    title: { en: 'Objectives', fr: 'Objectifs' },
    columns: [
      { key: 'name', label: { en: 'Objective', fr: 'Objectif' }, kind: 'text' },
      { key: 'amount', label: { en: 'Amount', fr: 'Montant' }, kind: 'money' },
      { key: 'deals', label: { en: 'Deals', fr: 'Affaires' }, kind: 'number' },
      { key: 'proposals', label: { en: 'Proposals', fr: 'Propositions' }, kind: 'number' },
      { key: 'prospectsToContact', label: { en: 'Prospects', fr: 'Prospects' }, kind: 'number' },
      { key: 'contacts', label: { en: 'Contacts', fr: 'Contacts' }, kind: 'number' },
      { key: 'hours', label: { en: 'Hours', fr: 'Heures' }, kind: 'number', decimals: 1 },
      { key: 'smart', label: { en: 'SMART', fr: 'SMART' }, kind: 'text' },
    ],
    rows: [
      ...plans.map((p, i) => ({
        name: nameOf(p, i),
        amount: p.result.parameters.objective,
        ...p.result.figures,
        smart: smartFlags(p.smart),
      })),
      { name: { en: 'Total', fr: 'Total' }, amount: totalObjective, ...total, smart: '' },
    ],
  };
  const blocks: Block[] = [summary];
  plans.forEach((p, i) => blocks.push(...buildPlanBlocks(p, lang, nameOf(p, i))));
  return {
    title: { en: 'Prospecting plan', fr: 'Plan de prospection' },
    blocks,
    json: {
      schemaVersion: PLAN_SCHEMA_VERSION,
      rounding: plans[0]?.result.rounding ?? 'up',
      objectives: plans.map((p) => {
        const { schemaVersion: _drop, ...rest } = buildPlanJson(p);
        return { objective: p.result.parameters.objective, ...rest };
      }),
      total: { objective: totalObjective, ...total },
    },
    csv: {
      header: ['objective', 'stage', 'value', 'exact', 'best', 'worst', 'formula'],
      rows: plans.flatMap((p, i) => csvRows(p, nameOf(p, i))),
    },
  };
}
