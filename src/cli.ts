import { Command, Option } from 'commander';
import { tr, type Lang } from './i18n.js';
import { docsPointer, helpConfiguration } from './commander-texts.js';
import type { Context } from './io/context.js';
import { setHelpLang } from './commands/help-lang.js';
import { COMMANDS, commandNamed, type CommandEntry } from './command-index.js';
import { VERSION } from './version.js';

export { VERSION } from './version.js';

/** The exit codes, as `--help` shows them (documented in the README too). */
export function exitCodesHelp(lang: Lang): string {
  return tr(lang, {
    en: `
Exit codes:
  0   success
  1   a finding you asked to fail on (e.g. track --fail-if-behind)
  64  usage error (unknown flag, bad option value)
  65  bad input data (CSV or YAML content)
  66  input file missing or unreadable
  70  internal error (please report it)
  73  output cannot be written
  130 interrupted (Ctrl-C; Ctrl-D at a question): nothing is written
  143 stopped by SIGTERM: nothing is written`,
    fr: `
Codes de sortie :
  0   succès
  1   un constat sur lequel vous avez demandé d'échouer (ex. track --fail-if-behind)
  64  erreur d'utilisation (option inconnue, valeur invalide)
  65  données d'entrée invalides (contenu CSV ou YAML)
  66  fichier d'entrée absent ou illisible
  70  erreur interne (merci de la signaler)
  73  la sortie ne peut pas être écrite
  130 interrompu (Ctrl-C ; Ctrl-D à une question) : rien n'est écrit
  143 arrêté par SIGTERM : rien n'est écrit`,
  });
}

/**
 * Builds the commander program: global options and one line per command. No logic here: each
 * command lives in src/commands/<name>.ts and receives the run's context. With the run's
 * arguments, only the command they name is loaded (the others are listed from the index, enough
 * for help and for "did you mean"); without them, every command is (tests that walk every flag).
 */
export async function buildProgram(ctx: Context, argv?: readonly string[]): Promise<Command> {
  const { lang } = ctx;
  setHelpLang(lang);
  const program = new Command('prospect')
    .description(
      tr(lang, {
        en: 'Prospecting plans and client-portfolio analysis for B2B sales teams.',
        fr: 'Plans de prospection et analyse de portefeuille clients pour les équipes commerciales B2B.',
      }),
    )
    .version(
      VERSION,
      '-V, --version',
      tr(lang, { en: 'show the version number', fr: 'afficher le numéro de version' }),
    )
    .addOption(
      new Option('--lang <lang>', tr(lang, { en: 'output language', fr: 'langue de sortie' })).choices([
        'en',
        'fr',
      ]),
    )
    .option(
      '--no-color',
      tr(lang, { en: 'no colour, even on a terminal', fr: 'pas de couleur, même sur un terminal' }),
    )
    .option(
      '--config <file>',
      tr(lang, {
        en: 'project settings file (default: prospect.yaml here or in a parent folder)',
        fr: 'fichier de réglages du projet (par défaut : prospect.yaml ici ou dans un dossier parent)',
      }),
    )
    .option('--no-config', tr(lang, { en: 'ignore any prospect.yaml', fr: 'ignorer tout prospect.yaml' }))
    .option(
      '-q, --quiet',
      tr(lang, { en: 'no notes or warnings on stderr', fr: 'ni notes ni avertissements sur stderr' }),
    )
    .addHelpText('after', exitCodesHelp(lang))
    .showSuggestionAfterError(true)
    .helpOption(
      '-h, --help',
      tr(lang, { en: 'display help for command', fr: "afficher l'aide de la commande" }),
    )
    .helpCommand(
      tr(lang, { en: 'help [command]', fr: 'help [commande]' }),
      tr(lang, { en: 'display help for command', fr: "afficher l'aide d'une commande" }),
    )
    .configureHelp(helpConfiguration(lang, ctx.width));

  const named = argv === undefined ? undefined : commandNamed(argv);
  for (const entry of COMMANDS) {
    if (argv === undefined || entry === named) (await entry.load())(program, ctx);
    else listOnly(program, entry);
    const command = program.commands.at(-1) as Command;
    command.description(tr(lang, entry.description));
    // Help stays short: the rules, the JSON and worked examples are on each command's page.
    command.addHelpText('after', docsPointer(lang, entry.name));
  }
  program.addHelpText('after', docsPointer(lang));
  return program;
}

/** A command as the help listing shows it, from the index alone: its module is not loaded. */
function listOnly(program: Command, entry: CommandEntry): void {
  const command = program.command(entry.name);
  for (const arg of entry.args) command.argument(arg);
  // Only counted by the listing, which then shows "[options]": the command is never run as such.
  if (entry.options) command.addOption(new Option('--options').hideHelp());
}
