import { Help, type Argument, type Command, type HelpConfiguration, type Option } from 'commander';
import { programPrefix, tr, type Lang, type Texts } from './i18n.js';

/**
 * commander's own words (help headings, "(choices ...)", "(default ...)", its error messages) in
 * the run's language. commander writes them in English; its Help can be configured
 * (`configureHelp`) and its errors pass through `configureOutput({ outputError })`, so both are
 * translated here, in one place, rather than patched where each command is declared.
 */

const TITLES: Record<string, Texts> = {
  'Usage:': { en: 'Usage:', fr: 'Utilisation :' },
  'Options:': { en: 'Options:', fr: 'Options :' },
  'Commands:': { en: 'Commands:', fr: 'Commandes :' },
  'Arguments:': { en: 'Arguments:', fr: 'Arguments :' },
  'Global Options:': { en: 'Global options:', fr: 'Options globales :' },
};

/**
 * The last line of `--help`: where the whole story is (every flag's rules, worked examples, the
 * JSON). `docs/commands/<command>.md` for a command, the README for the program.
 */
export function docsPointer(lang: Lang, command?: string): string {
  const page = command === undefined ? 'README.md, docs/' : `docs/commands/${command}.md`;
  return tr(lang, { en: `\nMore: ${page}`, fr: `\nPlus : ${page}` });
}

/** The French names of the value placeholders (`--file <file>`); the flags themselves stay. */
const PLACEHOLDER_FR: Record<string, string> = {
  amounts: 'montants',
  char: 'car',
  clients: 'clients',
  column: 'colonne',
  columns: 'colonnes',
  command: 'commande',
  deals: 'affaires',
  duration: 'durée',
  every: 'fréquence',
  'field=Header': 'champ=En-tête',
  field: 'champ',
  fields: 'champs',
  file: 'fichier',
  group: 'groupe',
  kind: 'type',
  list: 'liste',
  mark: 'signe',
  measure: 'mesure',
  method: 'méthode',
  months: 'mois',
  name: 'nom',
  options: 'options',
  order: 'ordre',
  orders: 'commandes',
  period: 'période',
  rate: 'taux',
  rule: 'règle',
  text: 'texte',
  unit: 'unité',
};

/** `<file>` and `[command]` as the language names them. */
function localizePlaceholders(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return text.replace(/([<[])([^>\]]+)([>\]])/g, (all, open: string, name: string, close: string) => {
    const fr = PLACEHOLDER_FR[name];
    return fr ? `${open}${fr}${close}` : all;
  });
}

/** A bare placeholder name (`file`) in the language. */
function placeholderName(name: string, lang: Lang): string {
  return lang === 'fr' ? (PLACEHOLDER_FR[name] ?? name) : name;
}

/** `-f, --format <format>` as a user types it: `--format`. */
function flagName(flags: string): string {
  return /--[\w-]+/.exec(flags)?.[0] ?? flags.split(/[ ,]/)[0] ?? flags;
}

function quoted(value: unknown): string {
  return JSON.stringify(value);
}

/** "(choices: a, b; default: a)" in the run's language, after an option's description. */
function describeExtras(
  description: string,
  lang: Lang,
  choices: readonly string[] | undefined,
  defaultValue: unknown,
  defaultDescription: string | undefined,
): string {
  const extras: string[] = [];
  // a choice that is punctuation (`,` `.`) is quoted, so that the list still reads
  const shown = choices?.map((c) => (/^[\w-]+$/.test(c) ? c : `"${c}"`));
  if (shown) extras.push(tr(lang, { en: 'one of: ', fr: 'au choix : ' }) + shown.join(', '));
  if (defaultValue !== undefined) {
    const value =
      defaultDescription ?? (typeof defaultValue === 'string' ? defaultValue : quoted(defaultValue));
    extras.push(tr(lang, { en: `default: ${value}`, fr: `par défaut : ${value}` }));
  }
  if (extras.length === 0) return description;
  const extra = `(${extras.join(' ; ')})`.replace(' ; ', lang === 'fr' ? ' ; ' : '; ');
  return description ? `${description} ${extra}` : extra;
}

/** The help configuration for `configureHelp`: commander's headings and extras translated. */
export function helpConfiguration(lang: Lang, width = 80): HelpConfiguration {
  return {
    // the terminal's width, as tables and sentences (COLUMNS, 80 when unknown); --wide does not apply
    helpWidth: Number.isFinite(width) ? width : 80,
    sortSubcommands: false,
    commandUsage(this: Help, cmd: Command) {
      return localizePlaceholders(Help.prototype.commandUsage.call(this, cmd), lang);
    },
    subcommandTerm(this: Help, cmd: Command) {
      return localizePlaceholders(Help.prototype.subcommandTerm.call(this, cmd), lang);
    },
    optionTerm: (option: Option) => localizePlaceholders(option.flags, lang),
    argumentTerm: (argument: Argument) => placeholderName(argument.name(), lang),
    styleTitle: (title: string) => {
      const text = TITLES[title];
      return text ? text[lang] : title;
    },
    optionDescription: (option: Option) => {
      const showDefault =
        option.defaultValue !== undefined &&
        (option.required ||
          option.optional ||
          (option.isBoolean() && typeof option.defaultValue === 'boolean'));
      return describeExtras(
        option.description,
        lang,
        option.argChoices,
        showDefault ? option.defaultValue : undefined,
        option.defaultValueDescription,
      );
    },
    argumentDescription: (argument: Argument) =>
      describeExtras(
        argument.description,
        lang,
        argument.argChoices,
        argument.defaultValue,
        argument.defaultValueDescription,
      ),
  };
}

/** What to do after a usage error: the command's help. */
function seeHelp(command: string, lang: Lang): string {
  return tr(lang, { en: `see ${command} --help`, fr: `voir ${command} --help` });
}

/**
 * One commander error message (as `outputError` receives it, `error: ...` and maybe a
 * "(Did you mean ...?)" line) in the run's language and the pattern of every other error: what was
 * found, what was expected, what to do. Unknown forms keep commander's text after `prospect:`.
 */
export function translateCommanderError(text: string, lang: Lang, commandPath: string): string {
  const body = text.replace(/^error: /, '').replace(/\n+$/, '');
  const [first = '', ...rest] = body.split('\n');
  const suggestion = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(rest.join(' ').trim())?.[1];
  const help = seeHelp(commandPath, lang);
  const didYouMean = suggestion
    ? tr(lang, { en: `did you mean ${suggestion}? `, fr: `vouliez-vous dire ${suggestion} ? ` })
    : '';
  let m: RegExpExecArray | null;
  let message: string | undefined;
  if ((m = /^unknown option '(.+)'$/.exec(first))) {
    message = tr(lang, {
      en: `unknown option ${m[1]}; expected one of the options of ${commandPath}; ${didYouMean}${help}.`,
      fr: `option inconnue ${m[1]} ; attendu : une des options de ${commandPath} ; ${didYouMean}${help}.`,
    });
  } else if ((m = /^unknown command '(.+)'$/.exec(first))) {
    message = tr(lang, {
      en: `unknown command "${m[1]}"; expected one of the commands of prospect; ${didYouMean}${help}.`,
      fr: `commande inconnue « ${m[1]} » ; attendu : une des commandes de prospect ; ${didYouMean}${help}.`,
    });
  } else if ((m = /^missing required argument '(.+)'$/.exec(first))) {
    const name = placeholderName(m[1] ?? '', lang).toUpperCase();
    message = tr(lang, {
      en: `${name} is missing; expected ${commandPath} ${name}; ${help}.`,
      fr: `${name} manque ; attendu : ${commandPath} ${name} ; ${help}.`,
    });
  } else if ((m = /^option '(.+)' argument missing$/.exec(first))) {
    m[1] = flagName(m[1] ?? '');
    message = tr(lang, {
      en: `option ${m[1]} has no value; expected a value after it; ${help}.`,
      fr: `l’option ${m[1]} n’a pas de valeur ; attendu : une valeur après elle ; ${help}.`,
    });
  } else if ((m = /^option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/.exec(first))) {
    m[1] = flagName(m[1] ?? '');
    message = tr(lang, {
      en: `option ${m[1]}: "${m[2]}" is not a choice; expected one of ${m[3]}; ${help}.`,
      fr: `option ${m[1]} : « ${m[2]} » n’est pas un choix possible ; attendu : ${m[3]} ; ${help}.`,
    });
  } else if (
    (m = /^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(first))
  ) {
    const expected = Number(m[2]);
    message = tr(lang, {
      en: `too many arguments (${m[3]}); expected ${expected === 0 ? 'none' : expected === 1 ? 'one' : expected}, options start with --; ${help}.`,
      fr: `trop d’arguments (${m[3]}) ; attendu : ${expected === 0 ? 'aucun' : expected === 1 ? 'un seul' : expected}, les options commencent par -- ; ${help}.`,
    });
  } else if ((m = /^required option '(.+)' not specified$/.exec(first))) {
    m[1] = flagName(m[1] ?? '');
    message = tr(lang, {
      en: `option ${m[1]} is missing; expected ${m[1]} and its value; ${help}.`,
      fr: `l’option ${m[1]} manque ; attendu : ${m[1]} et sa valeur ; ${help}.`,
    });
  } else if ((m = /^option '(.+)' cannot be used with option '(.+)'$/.exec(first))) {
    m[1] = flagName(m[1] ?? '');
    m[2] = flagName(m[2] ?? '');
    message = tr(lang, {
      en: `option ${m[1]} cannot be used with ${m[2]}; expected one or the other; ${help}.`,
      fr: `l’option ${m[1]} ne va pas avec ${m[2]} ; attendu : l’une ou l’autre ; ${help}.`,
    });
  } else if ((m = /^option '(.+)' argument '(.*)' is invalid\. (.+)$/.exec(first))) {
    // An argParser of ours threw: its message is already ours.
    message = m[3];
  }
  return `${programPrefix(lang)}${message ?? body}\n`;
}

/** The name a user types for a command: `prospect plan`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
