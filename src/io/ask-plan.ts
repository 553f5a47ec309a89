import { formatIsoDay } from '../core/calendar.js';
import type { PlanSettings, SettingLayer } from '../core/settings.js';
import { UsageError } from '../errors.js';
import type { Lang } from '../i18n.js';
import type { Context, PromptFn } from './context.js';
import { parseSettings, type RawSettingKey } from './parse-settings.js';

interface Question {
  /** A setting, or `name` (the objective's name, a label, not a setting). */
  key: RawSettingKey | 'name';
  message: Record<Lang, string>;
  /** The default as the user would type it. */
  show: (values: Partial<PlanSettings>) => string;
}

const num = (x: number | undefined): string => (x === undefined ? '' : String(Math.round(x * 1e6) / 1e6));

const QUESTIONS: Question[] = [
  {
    key: 'objective',
    message: { en: 'Revenue objective (euros)', fr: "Objectif de chiffre d'affaires (euros)" },
    show: (v) => num(v.objective),
  },
  {
    key: 'avgDeal',
    message: { en: 'Average deal (euros)', fr: "Montant moyen d'une affaire (euros)" },
    show: (v) => num(v.avgDeal),
  },
  {
    key: 'proposalsPerDeal',
    message: { en: 'Proposals per deal won', fr: 'Propositions par affaire gagnée' },
    show: (v) => num(v.proposalsPerDeal),
  },
  {
    key: 'compensationFactor',
    message: {
      en: 'Compensation factor (active prospects per proposal)',
      fr: 'Facteur de compensation (prospects actifs par proposition)',
    },
    show: (v) => num(v.compensationFactor),
  },
  {
    key: 'spontaneous',
    message: { en: 'Spontaneous active prospects', fr: 'Prospects actifs spontanés' },
    show: (v) => num(v.spontaneous),
  },
  {
    key: 'accessibility',
    message: { en: 'Accessibility rate (%)', fr: "Taux d'accessibilité (%)" },
    show: (v) => (v.accessibility === undefined ? '' : `${num(v.accessibility * 100)}%`),
  },
  {
    key: 'contactsPerProspect',
    message: { en: 'Contacts per prospect', fr: 'Contacts par prospect' },
    show: (v) => num(v.contactsPerProspect),
  },
  {
    key: 'minutesPerContact',
    message: { en: 'Minutes per contact', fr: 'Minutes par contact' },
    show: (v) => num(v.minutesPerContact),
  },
  {
    key: 'name',
    message: {
      en: 'Name of the objective (SMART: specific)',
      fr: "Nom de l'objectif (SMART : spécifique)",
    },
    show: () => '',
  },
  {
    key: 'from',
    message: { en: 'Start of the period (YYYY-MM-DD)', fr: 'Début de la période (AAAA-MM-JJ)' },
    show: (v) => (v.from === undefined ? '' : formatIsoDay(v.from)),
  },
  {
    key: 'to',
    message: {
      en: 'End of the period: a deadline (YYYY-MM-DD), a number of weeks (12) or of months (6m); empty for none',
      fr: 'Fin de la période : une échéance (AAAA-MM-JJ), un nombre de semaines (12) ou de mois (6m) ; vide pour aucune',
    },
    show: (v) => {
      if (v.end === undefined) return '';
      if (v.end.kind === 'to') return formatIsoDay(v.end.day);
      return v.end.kind === 'weeks' ? String(v.end.count) : `${v.end.count}m`;
    },
  },
  {
    key: 'reps',
    message: { en: 'Sales reps sharing the objective', fr: "Commerciaux qui se partagent l'objectif" },
    show: (v) => num(v.reps),
  },
  {
    key: 'hoursPerWeek',
    message: {
      en: 'Prospecting hours per rep per week',
      fr: 'Heures de prospection par commercial et par semaine',
    },
    show: (v) => num(v.hoursPerWeek),
  },
];

/**
 * The end of the period as typed: `12`, `12w`, `12 weeks`, `12 semaines` are weeks; `6m`,
 * `6 months`, `6 mois` are months; anything else is a deadline.
 */
function endKey(answer: string): { key: 'to' | 'weeks' | 'months'; text: string } {
  const weeks = /^(\d+)\s*(?:w|weeks?|s|sem|semaines?)?$/i.exec(answer);
  if (weeks) return { key: 'weeks', text: weeks[1] ?? answer };
  const months = /^(\d+)\s*(?:m|months?|mois)$/i.exec(answer);
  if (months) return { key: 'months', text: months[1] ?? answer };
  return { key: 'to', text: answer };
}

/** What the questions gave: the settings that the answers changed, and the objective's name. */
export interface PlanAnswers {
  layer: SettingLayer;
  name?: string;
}

/** The real prompt: @inquirer/prompts, drawn on stderr so that stdout keeps the data only. */
const inquirerPrompt: PromptFn = async (q) => {
  const { input } = await import('@inquirer/prompts');
  return input({ message: q.message, default: q.default }, { output: process.stderr });
};

/** How many times a bad answer is asked again before giving up. */
const MAX_TRIES = 3;

/**
 * Asks each plan value in turn, showing its default (the flag's value, else the built-in one); an
 * empty answer keeps it. The funnel values first, then what makes the plan SMART: a name, the
 * period (start, then a deadline or a number of weeks or months), the reps and their hours a week.
 * Answers are parsed like flags; a bad one is asked again (up to 3 times). Returns the answers
 * that changed a value, as a layer of source `prompt` (put it before the flags' layer), and the name.
 */
export async function askPlanQuestions(
  ctx: Context,
  flagLayer: SettingLayer,
  defaults: SettingLayer,
  defaultName?: string,
): Promise<PlanAnswers> {
  const prompt = ctx.io.prompt ?? inquirerPrompt;
  const shown: Partial<PlanSettings> = { ...defaults.values, ...flagLayer.values };
  const values: Partial<PlanSettings> = {};
  let name = defaultName;
  for (const q of QUESTIONS) {
    const def = q.key === 'name' ? (defaultName ?? '') : q.show(shown);
    for (let tries = 1; ; tries++) {
      const answer = (await prompt({ name: q.key, message: q.message[ctx.lang], default: def })).trim();
      if (answer === '' || answer === def) break;
      if (q.key === 'name') {
        name = answer;
        break;
      }
      // Named as the question is (the setting's key is internal).
      const raw = q.key === 'to' ? endKey(answer) : { key: q.key, text: answer };
      const { values: parsed, problems } = parseSettings({ [raw.key]: raw.text }, () => q.message[ctx.lang]);
      if (problems.length === 0) {
        Object.assign(values, parsed);
        break;
      }
      const message = problems.map((p) => p.texts?.[ctx.lang] ?? p.message).join('; ');
      if (tries >= MAX_TRIES)
        throw new UsageError({
          en: `${message} (after ${MAX_TRIES} tries)`,
          fr: `${message} (après ${MAX_TRIES} essais)`,
        });
      ctx.io.stderr(`${message}\n`);
    }
  }
  return { layer: { source: 'prompt', values }, ...(name !== undefined ? { name } : {}) };
}
