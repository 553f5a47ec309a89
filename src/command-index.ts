import type { Command } from 'commander';
import type { Texts } from './i18n.js';
import type { Context } from './io/context.js';

/** Adds one command, its flags and its action to the program (src/commands/<name>.ts). */
export type Register = (program: Command, ctx: Context) => void;

/**
 * One line per command: what `prospect --help` lists, and where the command's code is. A run loads
 * the module of the command it runs and no other (start-up time: see docs/speed.md); the help
 * listing is built from this index alone. The description is given here and nowhere else; the
 * arguments are repeated from the command's module, and test/command-index.test.ts checks that
 * they agree.
 */
export interface CommandEntry {
  name: string;
  /** The command's arguments as its module declares them, `[file]` optional, `<file>` required. */
  args: readonly string[];
  /** Whether the command has flags of its own (the listing then shows `[options]`). */
  options: boolean;
  description: Texts;
  load: () => Promise<Register>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'plan',
    args: [],
    options: true,
    description: {
      en: 'the prospecting effort worked back from a revenue objective (as the method does it)',
      fr: "l'effort de prospection calculé à rebours depuis un objectif de chiffre d'affaires",
    },
    load: async () => (await import('./commands/plan.js')).registerPlan,
  },
  {
    name: 'init',
    args: ['[kind]', '[file]'],
    options: false,
    description: {
      en: 'write a commented example file (never over an existing file)',
      fr: 'écrire un fichier d’exemple commenté (jamais par-dessus un fichier existant)',
    },
    load: async () => (await import('./commands/init.js')).registerInit,
  },
  {
    name: 'segment',
    args: ['[file]'],
    options: true,
    description: {
      en: 'clients, revenue and margin per segment, value tiers and prospect maturity of a client file',
      fr: "clients, CA et marge par segment, groupes de valeur et maturité des prospects d'un fichier clients",
    },
    load: async () => (await import('./commands/segment.js')).registerSegment,
  },
  {
    name: 'inspect',
    args: ['<file>'],
    options: true,
    description: {
      en: 'what the reader sees in a CSV or .xlsx file: encoding, separator (or sheet), conventions, rows, columns and their fields',
      fr: 'ce que le lecteur voit dans un fichier CSV ou .xlsx : encodage, séparateur (ou feuille), conventions, lignes, colonnes et leurs champs',
    },
    load: async () => (await import('./commands/inspect.js')).registerInspect,
  },
  {
    name: 'clv',
    args: ['<orders>'],
    options: true,
    description: {
      en: 'client lifetime value from an order file (BG/NBD and Gamma-Gamma)',
      fr: 'valeur vie client depuis un fichier de commandes (BG/NBD et Gamma-Gamma)',
    },
    load: async () => (await import('./commands/clv.js')).registerClv,
  },
  {
    name: 'pareto',
    args: ['[file]'],
    options: true,
    description: {
      en: 'Pareto / ABC analysis: which clients make the business (20/80), with concentration and cross-tabs',
      fr: 'analyse de Pareto / ABC : quels clients font le chiffre (20/80), concentration et tableaux croisés',
    },
    load: async () => (await import('./commands/pareto.js')).registerPareto,
  },
  {
    name: 'rfm',
    args: ['[file]'],
    options: true,
    description: {
      en: 'RFM analysis: recency, frequency, monetary scores (as R rfm 0.3.0), segments and actions',
      fr: 'analyse RFM : scores de récence, fréquence, montant (comme R rfm 0.3.0), segments et actions',
    },
    load: async () => (await import('./commands/rfm.js')).registerRfm,
  },
  {
    name: 'calibrate',
    args: ['<deals>'],
    options: true,
    description: {
      en: "the plan's parameters measured from the CRM's history (deals, activities)",
      fr: "les paramètres du plan mesurés sur l'historique du CRM (affaires, activités)",
    },
    load: async () => (await import('./commands/calibrate.js')).registerCalibrate,
  },
  {
    name: 'track',
    args: [],
    options: true,
    description: {
      en: "the plan's targets to date against what was done, and what remains per week",
      fr: 'les objectifs à date du plan face au réalisé, et ce qui reste à faire par semaine',
    },
    load: async () => (await import('./commands/track.js')).registerTrack,
  },
  {
    name: 'review',
    args: ['<orders>'],
    options: true,
    description: {
      en: "the analysis of a sales person's year, as the method does it: revenue by origin, leads by source, conversion, former clients",
      fr: "l'analyse de l'action commerciale, selon la méthode : CA par origine, leads par source, transformation, anciens clients",
    },
    load: async () => (await import('./commands/review.js')).registerReview,
  },
  {
    name: 'score',
    args: ['[clients]'],
    options: true,
    description: {
      en: 'score clients with a grid (points per criterion, grades, maturity), or learn win probabilities from won and lost deals',
      fr: 'noter les clients avec une grille (points par critère, notes, maturité), ou apprendre la probabilité de gain des affaires gagnées et perdues',
    },
    load: async () => (await import('./commands/score.js')).registerScore,
  },
  {
    name: 'portfolio',
    args: ['<file>'],
    options: true,
    description: {
      en: 'the portfolio in three dimensions: count, potential, probability; expected value = potential x probability',
      fr: 'le portefeuille en trois dimensions : nombre, potentiel, probabilité ; valeur espérée = potentiel x probabilité',
    },
    load: async () => (await import('./commands/portfolio.js')).registerPortfolio,
  },
  {
    name: 'report',
    args: [],
    options: true,
    description: {
      en: 'a self-contained HTML dashboard (plan, Pareto, RFM, segments, scores, review) to open in a browser or send by mail',
      fr: 'un tableau de bord HTML autonome (plan, Pareto, RFM, segments, scores, analyse) à ouvrir dans un navigateur ou à envoyer',
    },
    load: async () => (await import('./commands/report.js')).registerReport,
  },
];

/** Global flags that take a value: their value is not the command's name. */
const GLOBAL_WITH_VALUE = new Set(['--lang', '--config']);

/**
 * The command a run names, if any: the first word of the arguments that is neither a flag nor a
 * global flag's value (`help NAME` names NAME). Undefined when the arguments name no known
 * command (help, a typo): the whole index is then listed.
 */
export function commandNamed(argv: readonly string[]): CommandEntry | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (GLOBAL_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((entry) => entry.name === name);
}
