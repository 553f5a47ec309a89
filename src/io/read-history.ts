import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ActivityRecord, DealRecord } from '../core/calibrate.js';
import { classifyOutcome, parseFlagCell, suggestOutcome } from '../core/outcome.js';
import { buildStageMapping, FUNNEL_STAGES, type FunnelStage } from '../core/stage-mapping.js';
import { crmStages } from './crm-profiles.js';
import { warnMissingColumn } from './missing-column.js';
import { DataError, inBoth, InputFileError, type InputProblem } from '../errors.js';
import type { Context } from './context.js';
import { parseYamlGuarded } from './read-yaml.js';
import { openInput } from './open-input.js';
import type { FieldSpec, ReadOptions } from './read-table.js';

/**
 * The columns of a deals (opportunities) export: stage and creation date are required; amount,
 * close date, proposal date, lead source, owner and company are used when present. Canonical
 * fields come with their usual spellings (data layer); `proposalDate` matches a header such as
 * `Proposal Date`; `--map field=Header` maps any other spelling.
 */
export const DEAL_FIELDS: readonly FieldSpec[] = [
  { field: 'stage', type: 'text', required: true },
  { field: 'createdDate', type: 'date', required: true },
  { field: 'orderDate', type: 'date' },
  { field: 'proposalDate', type: 'date' },
  { field: 'amount', type: 'number' },
  { field: 'leadSource', type: 'text' },
  { field: 'owner', type: 'text' },
  { field: 'company', type: 'text' },
  { field: 'orderId', type: 'text' },
  { field: 'outcome', type: 'text' },
  { field: 'isWon', type: 'text' },
  { field: 'isClosed', type: 'text' },
  // Odoo: a lost lead is archived (`Active` = False) with a `Lost Reason` (crm-profiles.ts).
  { field: 'active', type: 'text' },
  { field: 'lostReason', type: 'text' },
];

/** The columns of an activities export: date and company (the prospect) are required. */
export const ACTIVITY_FIELDS: readonly FieldSpec[] = [
  { field: 'date', type: 'date', required: true },
  { field: 'company', type: 'text', required: true },
  { field: 'owner', type: 'text' },
  { field: 'type', type: 'text' },
  { field: 'minutes', type: 'number' },
];

/** `open` (still in the pipeline: the stage a proposed stages file gives an unknown name) is `active`. */
const STAGE_ALIASES: Record<string, FunnelStage> = { qualified: 'active', open: 'active' };

/**
 * Reads a stage mapping file: YAML lines `CRM stage name: plan stage`, the plan stage being one
 * of contacted, active (or qualified, or open), proposal, won, lost. DataError (65) with line numbers for
 * anything else.
 */
export function readStageMapFile(path: string, ctx: Context): Record<string, FunnelStage> {
  let text: string;
  try {
    text = readFileSync(resolve(ctx.io.cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError({
      en: `${path}: cannot read the stage mapping (${code ?? 'error'}); check the path.`,
      fr: `${path} : lecture de la correspondance des étapes impossible (${code ?? 'erreur'}) ; vérifiez le chemin.`,
    });
  }
  const { doc, lineCounter } = parseYamlGuarded(text, path);
  const problems: InputProblem[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { file: path, line: pos.line, column: pos.col, message: e.message.split('\n')[0] ?? 'bad YAML' };
  });
  const out: Record<string, FunnelStage> = {};
  const contents = doc.contents as { items?: { key: unknown; value: unknown }[] } | null;
  if (problems.length === 0 && (!contents || !Array.isArray(contents.items))) {
    problems.push({
      file: path,
      line: 1,
      ...inBoth({
        en: 'expected lines such as `Signé: won`.',
        fr: 'attendu : des lignes comme `Signé: won`.',
      }),
    });
  }
  for (const item of contents?.items ?? []) {
    const key = item.key as { value?: unknown; range?: [number, number] } | null;
    const value = item.value as { value?: unknown; range?: [number, number] } | null;
    const name = String(key?.value ?? '');
    const stageText = String(value?.value ?? '')
      .trim()
      .toLowerCase();
    const stage =
      STAGE_ALIASES[stageText] ?? (FUNNEL_STAGES as readonly string[]).find((s) => s === stageText);
    if (stage === undefined) {
      const pos = lineCounter.linePos(value?.range?.[0] ?? key?.range?.[0] ?? 0);
      problems.push({
        file: path,
        line: pos.line,
        column: pos.col,
        ...inBoth({
          en: `"${name}: ${stageText}": "${stageText}" is not a stage; expected contacted, active, proposal, won, lost or open.`,
          fr: `"${name}: ${stageText}" : « ${stageText} » n’est pas une étape ; attendu : contacted, active, proposal, won, lost ou open.`,
        }),
      });
    } else out[name] = stage as FunnelStage;
  }
  if (problems.length > 0)
    throw new DataError(problems, {
      en: `${path}: not a stage mapping.`,
      fr: `${path} : ce n’est pas une correspondance d’étapes.`,
    });
  return out;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

function day(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/**
 * The outcome a row's own columns say, before its stage: Pipedrive's `Deal - Status` and
 * Dynamics' `Status` (Won / Lost / Open), Salesforce's `IsClosed` + `IsWon`, Odoo's archived
 * lost leads (`Active` = False, or a `Lost Reason`). `undefined` when the
 * row says nothing of it (or says open): its stage decides.
 */
export function readRowOutcome(values: Record<string, unknown>): 'won' | 'lost' | undefined {
  const outcome = text(values.outcome);
  if (outcome !== null) {
    const o = classifyOutcome(outcome);
    if (o === 'won' || o === 'lost') return o;
  }
  const closed = text(values.isClosed);
  const won = text(values.isWon);
  if (won !== null && parseFlagCell(won) === true) return 'won';
  if (closed !== null && parseFlagCell(closed) === true && won !== null && parseFlagCell(won) === false)
    return 'lost';
  // Odoo marks a lost lead by archiving it (Active = False) with a lost reason, at whatever stage
  // it was; a won lead is at a won stage and stays active.
  const stage = text(values.stage);
  const wonStage = stage !== null && classifyOutcome(stage) === 'won';
  const active = text(values.active);
  if (!wonStage && (text(values.lostReason) !== null || (active !== null && parseFlagCell(active) === false)))
    return 'lost';
  return undefined;
}

/**
 * Reads a deals export into typed records. A row's outcome comes from its outcome columns when
 * it has them (readRowOutcome), else from its stage name: `stageMap` (--stages) first, then the
 * outcome vocabulary (core/outcome.ts), then the CRM profile's default stages (the detected or
 * `--crm` one first, then every known CRM's), then the usual names. Every unknown name is
 * reported at once (DataError, 65) with a stages file to give with `--stages`, whose lines say
 * `open` unless the name itself says won or lost.
 */
export async function readDeals(
  path: string,
  options: ReadOptions,
  stageMap: Record<string, FunnelStage>,
  ctx: Context,
): Promise<DealRecord[]> {
  const { table } = await openInput(ctx, {
    kind: 'deals',
    file: path,
    fields: {
      required: DEAL_FIELDS.filter((f) => f.required),
      wanted: DEAL_FIELDS.filter((f) => !f.required),
    },
    options,
  });
  // Each row becomes its record as it is read (not its values object, kept to the end): the
  // stage of a row whose own columns give no outcome is known once every stage name is seen, so
  // it is set afterwards, from the row's stage name (one string per distinct name).
  const records: DealRecord[] = [];
  const stageNames: (string | undefined)[] = [];
  // Each stage name of the rows to map, with how many rows; the first line of each name (any row).
  const seen = new Map<string, { count: number; name: string }>();
  const firstLine = new Map<string, number>();
  for await (const row of table.rows()) {
    const v = row.values;
    const created = day(v.createdDate);
    if (created === null) {
      table.reject(row, 'no creation date; expected a date such as 2025-01-31.');
      continue;
    }
    const outcome = readRowOutcome(v);
    const stageName = String(v.stage ?? '');
    if (!firstLine.has(stageName)) firstLine.set(stageName, row.line);
    let name: string | undefined;
    if (outcome === undefined) {
      const known = seen.get(stageName);
      if (known === undefined) seen.set(stageName, { count: 1, name: stageName });
      else known.count++;
      name = known?.name ?? stageName; // the first string of that name, shared by its rows
    }
    stageNames.push(name);
    records.push({
      id: text(v.orderId) ?? `line ${row.line}`,
      owner: text(v.owner),
      prospect: text(v.company),
      amount: typeof v.amount === 'number' ? v.amount : null,
      stage: outcome ?? 'active',
      createdDay: created,
      closedDay: day(v.orderDate),
      proposalDay: day(v.proposalDate),
      leadSource: text(v.leadSource),
    });
  }
  table.finish(ctx);
  const stages: Record<string, FunnelStage> = { ...stageMap };
  for (const [name, stage] of Object.entries(crmStages(table.profile))) {
    if (!Object.hasOwn(stages, name)) stages[name] = stage;
  }
  // Each distinct name once (in the order first seen); the unknown ones counted by their rows.
  const { mapping, unknown: unknownNames } = buildStageMapping([...seen.keys()], stages);
  const unknown = unknownNames.map((u) => ({ name: u.name, count: seen.get(u.name)?.count ?? u.count }));
  if (unknown.length > 0) {
    const proposal = unknown.map((u) => `${yamlKey(u.name)}: ${suggestOutcome(u.name)}`);
    const problems = unknown.map((u) => {
      const first = firstLine.get(u.name);
      return {
        file: path,
        ...(first !== undefined ? { line: first } : {}),
        ...inBoth({
          en: `stage "${u.name}" (${u.count} row${u.count > 1 ? 's' : ''}) is not a stage prospect knows; expected a name such as Won, Lost, Proposal, Qualified, Gagnée, Perdue, or a line for it in a --stages file`,
          fr: `l’étape « ${u.name} » (${u.count} ligne${u.count >= 2 ? 's' : ''}) n’est pas une étape connue de prospect ; attendu : un nom comme Gagnée, Perdue, Proposition, Qualifiée, Won, Lost, ou une ligne pour elle dans un fichier --stages`,
        }),
      };
    });
    throw new DataError(problems, {
      en: `${path}: unknown deal stages. Save these lines as stages.yaml, change "open" to contacted, active, proposal, won or lost where it is known, and run again with --stages stages.yaml:\n${proposal.map((l) => `  ${l}`).join('\n')}`,
      fr: `${path} : étapes d’affaires inconnues. Enregistrez ces lignes dans stages.yaml, remplacez "open" par contacted, active, proposal, won ou lost quand l’étape est connue, et relancez avec --stages stages.yaml :\n${proposal.map((l) => `  ${l}`).join('\n')}`,
    });
  }
  records.forEach((r, i) => {
    const name = stageNames[i];
    if (name !== undefined) r.stage = mapping.get(name) ?? 'active';
  });
  if (records.length > 0 && !records.some((d) => d.stage === 'won' || d.stage === 'lost')) {
    warnMissingColumn(ctx, table, 'outcome', {
      en: `no deal of ${records.length} reads as won or lost (stage column "${table.headers[table.fieldColumns.get('stage') ?? -1] ?? ''}"), so win rates cannot be measured`,
      fr: `aucune des ${records.length} affaires n'est gagnée ni perdue (colonne d'étape « ${table.headers[table.fieldColumns.get('stage') ?? -1] ?? ''} »), donc les taux de transformation ne peuvent pas être mesurés`,
    });
  }
  return records;
}

/** A stage name as a YAML key: quoted when YAML would read it otherwise. */
function yamlKey(name: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ._/()'-]*$/u.test(name) &&
    !/[:#]/.test(name) &&
    !/^(yes|no|true|false|on|off|null|~)$/i.test(name)
    ? name
    : JSON.stringify(name);
}

/** Reads an activities export (one row per contact) into typed records. */
export async function readActivities(
  path: string,
  options: ReadOptions,
  ctx: Context,
): Promise<ActivityRecord[]> {
  const { table } = await openInput(ctx, {
    kind: 'activities',
    file: path,
    fields: {
      required: ACTIVITY_FIELDS.filter((f) => f.required),
      wanted: ACTIVITY_FIELDS.filter((f) => !f.required),
      main: [
        {
          field: 'minutes',
          what: {
            en: 'no duration, so minutes per contact are not measured',
            fr: 'pas de durée, donc les minutes par contact ne sont pas mesurées',
          },
        },
      ],
    },
    options,
  });
  const out: ActivityRecord[] = [];
  for await (const row of table.rows()) {
    const v = row.values;
    const date = day(v.date);
    const prospect = text(v.company);
    if (date === null || prospect === null) continue;
    out.push({
      day: date,
      owner: text(v.owner),
      prospect,
      type: text(v.type),
      minutes: typeof v.minutes === 'number' ? v.minutes : null,
    });
  }
  table.finish(ctx);
  return out;
}
