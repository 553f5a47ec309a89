import { formatIsoDay } from '../core/calendar.js';
import type { PlanSettings, SettingLayer } from '../core/settings.js';
import { UsageError } from '../errors.js';
import type { Lang } from '../i18n.js';
import type { Context, PromptFn } from './context.js';
import { parseSettings, type RawSettingKey } from './parse-settings.js';

interface Question {
  key: RawSettingKey;
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
    key: 'from',
    message: { en: 'Start of the period (YYYY-MM-DD)', fr: 'Début de la période (AAAA-MM-JJ)' },
    show: (v) => (v.from === undefined ? '' : formatIsoDay(v.from)),
  },
  {
    key: 'to',
    message: { en: 'Deadline (YYYY-MM-DD, empty for none)', fr: 'Échéance (AAAA-MM-JJ, vide pour aucune)' },
    show: (v) => (v.end?.kind === 'to' ? formatIsoDay(v.end.day) : ''),
  },
];

/** The real prompt: @inquirer/prompts, drawn on stderr so that stdout keeps the data only. */
const inquirerPrompt: PromptFn = async (q) => {
  const { input } = await import('@inquirer/prompts');
  return input({ message: q.message, default: q.default }, { output: process.stderr });
};

/** How many times a bad answer is asked again before giving up. */
const MAX_TRIES = 3;

/**
 * Asks each plan value in turn, showing its default (the flag's value, else the built-in one); an
 * empty answer keeps it. Answers are parsed like flags; a bad one is asked again (up to 3 times).
 * Returns the answers that changed a value, as a layer of source `prompt` (put it before the
 * flags' layer).
 */
export async function askPlanQuestions(
  ctx: Context,
  flagLayer: SettingLayer,
  defaults: SettingLayer,
): Promise<SettingLayer> {
  const prompt = ctx.io.prompt ?? inquirerPrompt;
  const shown: Partial<PlanSettings> = { ...defaults.values, ...flagLayer.values };
  const values: Partial<PlanSettings> = {};
  for (const q of QUESTIONS) {
    const def = q.show(shown);
    for (let tries = 1; ; tries++) {
      const answer = (await prompt({ name: q.key, message: q.message[ctx.lang], default: def })).trim();
      if (answer === '' || answer === def) break;
      const { values: parsed, problems } = parseSettings({ [q.key]: answer }, (k) => k);
      if (problems.length === 0) {
        Object.assign(values, parsed);
        break;
      }
      const message = problems.map((p) => p.message).join('; ');
      if (tries >= MAX_TRIES) throw new UsageError(`${message} (after ${MAX_TRIES} tries)`);
      ctx.io.stderr(`${message}\n`);
    }
  }
  return { source: 'prompt', values };
}
