import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { tr } from '../i18n.js';
import { formatIsoDay } from '../core/calendar.js';
import { parseDayFlag } from '../io/parse-day-flag.js';
import type { ReadOptions } from '../io/read-table.js';
import { periodClause } from '../io/where-filter.js';

export { buildReadOptions, type ReadFlags } from '../io/read-flags.js';

/**
 * Adds the read flags, word for word the same on every command that reads a CSV file:
 * --encoding, --delimiter, --decimal, --date-format, --map (repeatable), --columns, --rejects,
 * --strict, --sheet, --where (repeatable).
 */
export function addReadOptions(command: Command, lang: Lang = 'en'): Command {
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  return command
    .option(
      '--encoding <name>',
      t(
        'input encoding: utf-8, utf-16le, utf-16be, windows-1252 (default: detected)',
        "encodage de l'entrée : utf-8, utf-16le, utf-16be, windows-1252 (par défaut : détecté)",
      ),
    )
    .option(
      '--delimiter <char>',
      t('field separator: , ; tab | (default: detected)', 'séparateur : , ; tab | (par défaut : détecté)'),
    )
    .addOption(
      new Option(
        '--decimal <mark>',
        t(
          'decimal mark for ambiguous numbers such as 1,234 (default: detected)',
          'séparateur décimal des nombres ambigus comme 1,234 (par défaut : détecté)',
        ),
      ).choices([',', '.']),
    )
    .option(
      '--date-format <order>',
      t(
        'dmy (22/11/2026), mdy (11/22/2026) or ymd (ISO only) (default: detected, else dmy)',
        'dmy (22/11/2026), mdy (11/22/2026) ou ymd (ISO seulement) (par défaut : détecté, sinon dmy)',
      ),
    )
    .option(
      '--map <field=Header>',
      t(
        'read FIELD from the column HEADER (repeatable)',
        'lire le champ FIELD dans la colonne HEADER (répétable)',
      ),
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      '--columns <file>',
      t('YAML file of field: Header pairs', 'fichier YAML de paires champ: En-tête'),
    )
    .option(
      '--crm <name>',
      t(
        'read the file as this CRM exports it: hubspot, salesforce, salesforce-report, pipedrive, odoo, zoho, sellsy, axonaut, dynamics, french-excel (default: detected from the headers)',
        "lire le fichier comme l'exporte ce CRM : hubspot, salesforce, salesforce-report, pipedrive, odoo, zoho, sellsy, axonaut, dynamics, french-excel (par défaut : reconnu d'après les en-têtes)",
      ),
    )
    .option(
      '--rejects <file>',
      t(
        'write the rejected rows, with line and reason, to FILE',
        'écrire les lignes rejetées, avec numéro et raison, dans FICHIER',
      ),
    )
    .option(
      '--strict',
      t(
        'stop at the first row that cannot be used (exit 65)',
        'arrêter à la première ligne inutilisable (code 65)',
      ),
    )
    .option(
      '--sheet <name>',
      t(
        'the sheet to read in an .xlsx workbook (default: the first)',
        'la feuille à lire dans un classeur .xlsx (par défaut : la première)',
      ),
    )
    .option(
      '--where <expr>',
      t(
        'keep only the rows of the file that match, e.g. "secteur in (Santé, Industrie) and ca >= 10000" (repeatable: all must match; docs/filters.md)',
        'ne garder que les lignes du fichier qui correspondent, ex. "secteur dans (Santé, Industrie) et ca >= 10000" (répétable : toutes doivent correspondre ; docs/filters.md)',
      ),
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    );
}

/** `--from DATE` / `--to DATE` of an order file, as `rfm`, `pareto` and `clv` have them. */
export interface OrderPeriodFlags {
  from?: string;
  to?: string;
}

/**
 * Adds `--from` and `--to`: the first and last order dates kept (both included), for the commands
 * that read order files (rfm, pareto, clv).
 */
export function addOrderPeriodOptions(command: Command, lang: Lang = 'en'): Command {
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  return command
    .option(
      '--from <date>',
      t(
        'keep the orders dated from this day on, YYYY-MM-DD (included)',
        'garder les commandes datées de ce jour ou après, AAAA-MM-JJ (inclus)',
      ),
    )
    .option(
      '--to <date>',
      t(
        'keep the orders dated up to this day, YYYY-MM-DD (included)',
        "garder les commandes datées jusqu'à ce jour, AAAA-MM-JJ (inclus)",
      ),
    );
}

/**
 * The read options with `--from`/`--to` added to the filter: rows of the order file dated outside
 * [from, to] (both included) are filtered, as `--where "date >= FROM and date <= TO"` would.
 */
export function withOrderPeriod(options: ReadOptions, flags: OrderPeriodFlags): ReadOptions {
  const clauses = [...(options.where ?? [])];
  const from = flags.from === undefined ? undefined : parseDayFlag('--from', flags.from);
  const to = flags.to === undefined ? undefined : parseDayFlag('--to', flags.to);
  if (from !== undefined && to !== undefined && from > to)
    throw new UsageError({
      en: `--from ${flags.from} is after --to ${flags.to}; expected a period whose first day comes first.`,
      fr: `--from ${flags.from} est après --to ${flags.to} ; attendu : une période dont le premier jour vient d'abord.`,
    });
  if (from !== undefined) clauses.push(periodClause('--from', formatIsoDay(from)));
  if (to !== undefined) clauses.push(periodClause('--to', formatIsoDay(to)));
  return clauses.length === 0 ? options : { ...options, where: clauses };
}
