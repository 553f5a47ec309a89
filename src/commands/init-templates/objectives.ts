import {
  addMonths,
  computeCivilDate,
  computeDayNumber,
  formatIsoDay,
  parseIsoDay,
} from '../../core/calendar.js';
import type { Lang } from '../../i18n.js';
import type { InitTemplate } from '../init.js';

/** The first day of the month after `today` (ISO), where an example plan starts. */
function nextMonthStart(today: string): string {
  const day = parseIsoDay(today) ?? 0;
  const { year, month } = computeCivilDate(addMonths(day, 1));
  return formatIsoDay(computeDayNumber(year, month, 1));
}

const COMMENTS: Record<Lang, string[]> = {
  en: [
    '# Objectives for: prospect plan --file objectives.yaml',
    '# Each objective has a name and an amount (euros). What an objective does not set comes from',
    '# "defaults" below, then from the flags, then from the built-in defaults (the method’s example).',
    '# Rates: 6, 6% or 0.06. Dates: YYYY-MM-DD. Period: from + (to | weeks | months).',
    '# Weights: seasonality per month, 1 = normal (aug=0.5 halves August).',
  ],
  fr: [
    '# Objectifs pour : prospect plan --file objectives.yaml',
    '# Chaque objectif a un nom (name) et un montant (amount, en euros). Ce qu’un objectif ne fixe pas',
    '# vient de "defaults" ci-dessous, puis des options, puis des valeurs par défaut (l’exemple de la méthode).',
    '# Taux : 6, 6% ou 0.06. Dates : AAAA-MM-JJ. Période : from + (to | weeks | months).',
    '# Poids (weights) : saisonnalité par mois, 1 = normal (aug=0.5 divise août par deux).',
  ],
};

const NOTES: Record<Lang, Record<string, string>> = {
  en: {
    avgDeal: 'average won deal, euros',
    proposalsPerDeal: 'proposals per deal won (or winRate: 33%)',
    compensationFactor: 'active prospects per proposal',
    spontaneous: 'active prospects who come by themselves',
    accessibility: 'share of the market that is active (seen 3-17 %)',
    contactsPerProspect: 'contacts to qualify a prospect (seen 1-13)',
    minutesPerContact: 'minutes per contact',
    from: 'start of the period',
    months: 'length of the period (or weeks: 12, or to: YYYY-MM-DD)',
    country: 'public holidays: FR, BE, CH, DE, LU or none',
    weights: 'seasonality: a quiet August',
    reps: 'sales reps sharing each objective',
    hoursPerWeek: 'prospecting hours per rep per week',
    objectives: 'one entry per product, zone or rep',
    override: 'this objective sets its own average deal and deadline',
  },
  fr: {
    avgDeal: 'montant moyen d’une affaire, euros',
    proposalsPerDeal: 'propositions par affaire gagnée (ou winRate: 33%)',
    compensationFactor: 'prospects actifs par proposition',
    spontaneous: 'prospects actifs spontanés',
    accessibility: 'part active du marché (de 3 à 17 %)',
    contactsPerProspect: 'contacts pour qualifier un prospect (de 1 à 13)',
    minutesPerContact: 'minutes par contact',
    from: 'début de la période',
    months: 'durée de la période (ou weeks: 12, ou to: AAAA-MM-JJ)',
    country: 'jours fériés : FR, BE, CH, DE, LU ou none',
    weights: 'saisonnalité : un mois d’août calme',
    reps: 'commerciaux par objectif',
    hoursPerWeek: 'heures de prospection par commercial et par semaine',
    objectives: 'une entrée par produit, zone ou commercial',
    override: 'cet objectif fixe son propre montant moyen et son échéance',
  },
};

/** The two example objectives: names and values are the user's data, so in the user's language. */
const EXAMPLE_OBJECTIVES: Record<Lang, string[]> = {
  en: [
    '  - name: New clients North',
    '    product: widgets',
    '    zone: North',
    '    amount: 60000',
    '  - name: Services South',
    '    zone: South',
    '    rep: Camille',
    '    amount: 40000',
  ],
  fr: [
    '  - name: Nouveaux clients Nord',
    '    product: machines',
    '    zone: Nord',
    '    amount: 60000',
    '  - name: Services Sud',
    '    zone: Sud',
    '    rep: Camille',
    '    amount: 40000',
  ],
};

/** The commented example objectives file, in the user's language, starting next month. */
export function renderObjectivesTemplate(lang: Lang, today: string): string {
  const n = NOTES[lang];
  const from = nextMonthStart(today);
  const to = formatIsoDay(addMonths(parseIsoDay(from) ?? 0, 3) - 1);
  const line = (text: string, note: string): string => `${text.padEnd(28)}# ${note}`;
  return [
    ...COMMENTS[lang],
    'version: 1',
    'defaults:',
    line('  avgDeal: 20000', n.avgDeal!),
    line('  proposalsPerDeal: 3', n.proposalsPerDeal!),
    line('  compensationFactor: 4', n.compensationFactor!),
    line('  spontaneous: 8', n.spontaneous!),
    line('  accessibility: 6%', n.accessibility!),
    line('  contactsPerProspect: 4', n.contactsPerProspect!),
    line('  minutesPerContact: 2', n.minutesPerContact!),
    line(`  from: ${from}`, n.from!),
    line('  months: 6', n.months!),
    line('  country: FR', n.country!),
    line('  weights: aug=0.5', n.weights!),
    line('  reps: 1', n.reps!),
    line('  hoursPerWeek: 10', n.hoursPerWeek!),
    line('objectives:', n.objectives!),
    ...EXAMPLE_OBJECTIVES[lang],
    line('    avgDeal: 10000', n.override!),
    `    to: ${to}`,
    '',
  ].join('\n');
}

export const OBJECTIVES_TEMPLATE: InitTemplate = {
  fileName: 'objectives.yaml',
  description: { en: 'objectives for prospect plan --file', fr: 'objectifs pour prospect plan --file' },
  render: renderObjectivesTemplate,
  next: (file) => `prospect plan --file ${file}`,
};
