/**
 * `--list NAME` and `--for-crm CRM`, shared by pareto, rfm, score, portfolio, review and segment:
 * the flags, the contact fields read with the analysis, and the output of a call list.
 */
import type { Command } from 'commander';
import {
  buildParetoCallList,
  buildPipelineCallList,
  buildRfmCallList,
  buildScoreCallList,
  buildSegmentCallList,
  buildWinBackCallList,
  findListChoice,
  NO_DETAILS,
  parseCellName,
  slugListName,
  type CallList,
  type ContactDetails,
  type ContactKey,
  type FormerListClient,
  type ListChoice,
  type ParetoListClient,
  type PipelineListRow,
  type RfmListClient,
  type ScoredListRow,
  type SegmentListRow,
} from '../core/call-list.js';
import type { SegmentRule } from '../core/rfm.js';
import { fieldLabel } from '../render/words.js';
import { UsageError } from '../errors.js';
import { tr, type Lang, type Texts } from '../i18n.js';
import type { Context } from '../io/context.js';
import type { ColumnBatch, FieldSpec, TableReader, Value } from '../io/read-table.js';
import { warn } from '../io/warnings.js';
import { writeOutput } from '../io/write-output.js';
import { buildCallListReport, presentContactKeys, type CallListContext } from '../render/call-list-report.js';
import { buildCrmImport, CRM_NAMES, renderCrmImportBytes, type CrmName } from '../render/crm-import.js';
import { emitReportAsync, wantsXlsx, type OutputOptions } from './shared-options.js';

export interface CallListFlags {
  list?: string;
  forCrm?: string;
}

/** The canonical fields a call list reads beside the analysis' own. */
export const CONTACT_FIELDS: readonly ContactKey[] = [
  'company',
  'contact',
  'firstName',
  'lastName',
  'email',
  'phone',
  'owner',
];

/**
 * Adds `--list` and `--for-crm` to a command; `names` says which lists it offers (for `--help`).
 */
export function addCallListOptions(command: Command, lang: Lang, names: Texts): Command {
  return command
    .option(
      '--list <name>',
      tr(lang, {
        en: `a call list instead of the analysis: the clients of one cell, in the order to call them (${names.en})`,
        fr: `une liste d'appels au lieu de l'analyse : les clients d'une cellule, dans l'ordre où les appeler (${names.fr})`,
      }),
    )
    .option(
      '--for-crm <crm>',
      tr(lang, {
        en: `with --list: write the list as the CRM imports it, one CSV file (${CRM_NAMES.join(', ')})`,
        fr: `avec --list : écrire la liste comme le CRM l'importe, un fichier CSV (${CRM_NAMES.join(', ')})`,
      }),
    );
}

/**
 * Checks `--list` and `--for-crm` before any file is read: `--for-crm` needs `--list`, names a
 * CRM prospect knows, and writes CSV only. Returns the CRM, if any.
 */
export function checkCallListFlags(flags: CallListFlags & OutputOptions, lang: Lang): CrmName | undefined {
  if (flags.list !== undefined && flags.list.trim() === '')
    throw new UsageError(
      tr(lang, {
        en: '--list: no name given; expected a list name such as A or at-risk.',
        fr: '--list : aucun nom donné ; attendu un nom de liste tel que A ou a-risque.',
      }),
    );
  if (flags.forCrm === undefined) return undefined;
  if (flags.list === undefined)
    throw new UsageError(
      tr(lang, {
        en: '--for-crm writes a call list; give --list NAME too.',
        fr: "--for-crm écrit une liste d'appels ; donnez aussi --list NOM.",
      }),
    );
  const crm = CRM_NAMES.find((c) => c === flags.forCrm?.trim().toLowerCase());
  if (crm === undefined)
    throw new UsageError(
      tr(lang, {
        en: `--for-crm: "${flags.forCrm}" is not a CRM prospect writes for; expected one of ${CRM_NAMES.join(', ')}.`,
        fr: `--for-crm : « ${flags.forCrm} » n'est pas un CRM pour lequel prospect écrit ; attendu l'un de ${CRM_NAMES.join(', ')}.`,
      }),
    );
  if (wantsXlsx(flags) || (flags.format !== 'table' && flags.format !== 'csv') || flags.excel === true)
    throw new UsageError(
      tr(lang, {
        en: `--for-crm writes the CSV file ${crm} imports; leave out --format ${flags.excel === true ? 'and --excel' : flags.format}.`,
        fr: `--for-crm écrit le fichier CSV qu'importe ${crm} ; retirez --format ${flags.excel === true ? 'et --excel' : flags.format}.`,
      }),
    );
  return crm;
}

/** The usage error for a list name the command does not offer, naming the valid ones. */
export function unknownListError(
  command: string,
  text: string,
  choices: readonly ListChoice[],
  lang: Lang,
): UsageError {
  const keys = choices.map((c) => c.key).join(', ');
  const names = choices
    // the names a key does not already spell (the French ones, mostly)
    .filter((c) => slugListName(c.names[lang]) !== slugListName(c.key))
    .map((c) => (lang === 'fr' ? `« ${c.names.fr} »` : `"${c.names.en}"`))
    .join(', ');
  return new UsageError(
    tr(lang, {
      en: `${command} --list: "${text}" is not a list of this command; expected one of ${keys}${names === '' ? '' : ` (or their names: ${names})`}.`,
      fr: `${command} --list : « ${text} » n'est pas une liste de cette commande ; attendu l'une de ${keys}${names === '' ? '' : ` (ou leurs noms : ${names})`}.`,
    }),
  );
}

/** The contact fields added to a command's spec (as text, never required). */
export function addContactSpec(spec: FieldSpec[]): FieldSpec[] {
  for (const field of CONTACT_FIELDS)
    if (!spec.some((s) => s.field === field)) spec.push({ field, type: 'text' });
  return spec;
}

const textOf = (v: Value | undefined): string | null => {
  if (v === null || v === undefined) return null;
  const t = String(v).trim();
  return t === '' ? null : t;
};

/** A row's contact details, from the values of the contact fields. */
export function detailsFromValues(values: Record<string, Value>): ContactDetails {
  const firstName = textOf(values.firstName);
  const lastName = textOf(values.lastName);
  const joined = [firstName, lastName].filter((p): p is string => p !== null).join(' ');
  return {
    company: textOf(values.company),
    contact: textOf(values.contact) ?? (joined === '' ? null : joined),
    firstName,
    lastName,
    email: textOf(values.email),
    phone: textOf(values.phone),
    owner: textOf(values.owner),
  };
}

/**
 * Contact details gathered from an order file read in column batches: per client (its key in the
 * id column), the last non-empty value of each contact field the file has.
 */
export class ContactCollector {
  /** The contact fields the file has, and not used by the analysis itself. */
  readonly fields: string[];
  private readonly last = new Map<string, number[]>();

  constructor(reader: TableReader, taken: readonly string[] = []) {
    this.fields = CONTACT_FIELDS.filter((f) => reader.fieldColumns.has(f) && !taken.includes(f));
    for (const f of this.fields) this.last.set(f, []);
  }

  /** Notes row `i` of a batch for the client whose id key is `client`. */
  add(batch: ColumnBatch, i: number, client: number): void {
    for (const f of this.fields) {
      const key = batch.keys(f)[i] as number;
      if (key >= 0) (this.last.get(f) as number[])[client] = key;
    }
  }

  /** Each client's details, by client id text. */
  build(reader: TableReader, idTexts: readonly string[]): Map<string, ContactDetails> {
    const out = new Map<string, ContactDetails>();
    if (this.fields.length === 0) return out;
    const texts = new Map(this.fields.map((f) => [f, reader.keyTexts(f)]));
    for (let client = 0; client < idTexts.length; client++) {
      const values: Record<string, Value> = {};
      for (const f of this.fields) {
        const key = (this.last.get(f) as number[])[client];
        values[f] = key === undefined ? null : ((texts.get(f) as readonly string[])[key] ?? null);
      }
      out.set(idTexts[client] as string, detailsFromValues(values));
    }
    return out;
  }
}

/** A lookup of details by client id, NO_DETAILS for a client the map does not have. */
export function detailsLookup(map: ReadonlyMap<string, ContactDetails>): (id: string) => ContactDetails {
  return (id) => map.get(id) ?? NO_DETAILS;
}

const CONTACT_WORDS: Record<'company' | 'contact' | 'email' | 'phone' | 'owner', Texts> = {
  company: { en: 'company', fr: 'société' },
  contact: { en: 'contact name', fr: 'nom du contact' },
  email: { en: 'e-mail', fr: 'e-mail' },
  phone: { en: 'phone', fr: 'téléphone' },
  owner: { en: 'owner', fr: 'commercial' },
};

/**
 * Writes a call list: as the CRM imports it with `--for-crm`, else as a report in the chosen
 * format. Says which contact columns the file lacks, and an empty list, on stderr and in the JSON.
 */
export async function emitCallList(
  list: CallList,
  flags: CallListFlags & OutputOptions,
  ctx: Context,
  inputs: readonly string[],
  context: CallListContext = {},
): Promise<void> {
  const present = presentContactKeys(list.entries);
  if (list.entries.length > 0) {
    const missing = (['company', 'contact', 'email', 'phone', 'owner'] as const).filter(
      (k) => !present.includes(k),
    );
    if (missing.length > 0)
      warn(ctx, 'missing-column', {
        en: `the call list has no ${missing.map((k) => CONTACT_WORDS[k].en).join(', ')}: the file gives none for its clients; --map FIELD=HEADER names a column (fields company, contact, email, phone, owner).`,
        fr: `la liste d’appels n’a pas de colonne ${missing.map((k) => CONTACT_WORDS[k].fr).join(', ')} : le fichier n’en donne pas pour ses clients ; --map CHAMP=EN-TÊTE désigne une colonne (champs company, contact, email, phone, owner).`,
      });
  } else {
    warn(ctx, 'empty-list', {
      en: `no client is in the list ${list.label.en}.`,
      fr: `aucun client dans la liste ${list.label.fr}.`,
    });
  }
  const crm = flags.forCrm === undefined ? undefined : checkCallListFlags(flags, ctx.lang);
  if (crm !== undefined) {
    const data = buildCrmImport(list, crm, ctx.lang, context);
    for (const note of data.notes) warn(ctx, 'crm-import', note);
    writeOutput(flags.output, renderCrmImportBytes(data), ctx.io, inputs);
    return;
  }
  await emitReportAsync(buildCallListReport(list, ctx.lang, context), flags, ctx, inputs);
}

/** The key of the list `--list` names among `choices`, or the usage error that lists them. */
export function resolveListName(
  command: string,
  text: string,
  choices: readonly ListChoice[],
  lang: Lang,
): string {
  const key = findListChoice(text, choices);
  if (key === undefined) throw unknownListError(command, text, choices, lang);
  return key;
}

/** Pareto's lists: one per class (A, B, C...). */
export function paretoListChoices(classNames: readonly string[]): ListChoice[] {
  return classNames.map((name) => ({ key: name, names: { en: name, fr: name } }));
}

/** The call list of one Pareto class, by value descending. */
export function makeParetoList(
  clients: readonly ParetoListClient[],
  className: string,
  valueField: string,
  detailsOf: (id: string) => ContactDetails,
): CallList {
  return {
    command: 'pareto',
    name: className,
    label: { en: `${className}-class clients`, fr: `clients de classe ${className}` },
    order: {
      en: `by ${fieldLabel(valueField, 'en')}, largest first`,
      fr: `par ${fieldLabel(valueField, 'fr')}, du plus grand au plus petit`,
    },
    entries: buildParetoCallList(clients, className, detailsOf),
  };
}

/** RFM's lists: one per segment, by the slug of its English name, plus `others`. */
export function rfmListChoices(segments: readonly SegmentRule[]): ListChoice[] {
  return [
    ...segments.map((s) => ({ key: slugListName(s.name.en), names: s.name })),
    { key: 'others', names: { en: 'Others', fr: 'Autres' } },
  ];
}

/** The call list of one RFM segment, by monetary value descending. */
export function makeRfmList(
  clients: readonly RfmListClient[],
  key: string,
  segments: readonly SegmentRule[],
  detailsOf: (id: string) => ContactDetails,
): CallList {
  const index = segments.findIndex((s) => slugListName(s.name.en) === key);
  const name: Texts = index < 0 ? { en: 'Others', fr: 'Autres' } : (segments[index] as SegmentRule).name;
  return {
    command: 'rfm',
    name: key,
    label: { en: `RFM segment ${name.en}`, fr: `segment RFM ${name.fr}` },
    order: {
      en: 'by amount spent, largest first, then the most recent',
      fr: 'par montant dépensé, du plus grand au plus petit, puis le plus récent',
    },
    entries: buildRfmCallList(clients, index, name, detailsOf),
  };
}

/** The call list of one grade of a grid, by score descending. */
export function makeScoreList(rows: readonly ScoredListRow[], grade: string): CallList {
  return {
    command: 'score',
    name: grade,
    label: { en: `grade ${grade}`, fr: `note ${grade}` },
    order: { en: 'by score, highest first', fr: 'par score, du plus haut au plus bas' },
    entries: buildScoreCallList(rows, grade),
  };
}

/** The top `count` of the open pipeline by expected value. */
export function makePipelineList(rows: readonly PipelineListRow[], count: number): CallList {
  return {
    command: 'portfolio',
    name: 'top',
    label: { en: `top ${count} of the open pipeline`, fr: `${count} premières affaires en cours` },
    order: {
      en: 'by expected value (potential x probability), largest first',
      fr: 'par valeur espérée (potentiel x probabilité), de la plus grande à la plus petite',
    },
    entries: buildPipelineCallList(rows, count),
  };
}

/** Former clients to win back, by past revenue descending. */
export function makeWinBackList(
  clients: readonly FormerListClient[],
  dormantMonths: number,
  detailsOf: (id: string) => ContactDetails,
): CallList {
  return {
    command: 'review',
    name: 'win-back',
    label: {
      en: `former clients to win back (no order for ${dormantMonths} months or more)`,
      fr: `anciens clients à reconquérir (sans commande depuis ${dormantMonths} mois ou plus)`,
    },
    order: {
      en: 'by past revenue, largest first',
      fr: 'par chiffre d’affaires passé, du plus grand au plus petit',
    },
    entries: buildWinBackCallList(clients, detailsOf),
  };
}

/** The clients of a segment cell, by revenue descending. */
export function makeSegmentList(rows: readonly SegmentListRow[], name: string): CallList {
  return {
    command: 'segment',
    name,
    label: { en: `segment ${name}`, fr: `segment ${name}` },
    order: {
      en: 'by revenue, largest first',
      fr: 'par chiffre d’affaires, du plus grand au plus petit',
    },
    entries: buildSegmentCallList(rows, parseCellName(name)),
  };
}
