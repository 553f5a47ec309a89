import { Option, type Command } from 'commander';
import type { ContactDetails } from '../core/call-list.js';
import { addContactSpec, detailsFromValues } from './call-list.js';
import { computeCivilDate, computeDayNumber } from '../core/calendar.js';
import {
  classifyLeadStage,
  computePreviousPeriod,
  computeYearPeriod,
  type DayPeriod,
  type ReviewClient,
  type ReviewInput,
  type ReviewLead,
  type ReviewOrder,
} from '../core/review.js';
import { normaliseMaturity } from '../core/status.js';
import { UsageError } from '../errors.js';
import { tr, type Lang } from '../i18n.js';
import type { Context } from '../io/context.js';
import { parsePositive } from '../io/parse-flag.js';
import { openInput, type WantedField } from '../io/open-input.js';
import { readRowOutcome } from '../io/read-history.js';
import type { FieldSpec, ParsedRow, ReadOptions, TableReader } from '../io/read-table.js';
import { readReviewObjectives, type ReviewObjectives } from '../io/read-review-objectives.js';
import { createDealCounter, describeCreditNotes } from '../core/deal-outcome.js';
import type { Texts } from '../i18n.js';
import { createWarnings, describeDeals, outcomeText, type Warnings } from './order-rows.js';

/** The flags that `review` and `report` share. */
export interface ReviewFlags {
  clients?: string;
  leads?: string;
  objectives?: string;
  period?: string;
  from?: string;
  to?: string;
  dormant: string;
  by?: string;
}

/** Adds --clients, --leads, --objectives, --period, --from, --to, --dormant and --by. */
export function addReviewOptions(command: Command, lang: Lang): Command {
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  return command
    .option(
      '--clients <file>',
      t(
        'client file (name, owner, zone, target type)',
        'fichier clients (nom, commercial, zone, type de cible)',
      ),
    )
    .option(
      '--leads <file>',
      t(
        'leads/deals file (source, created date, stage, amount, owner)',
        'fichier leads/affaires (source, date de création, étape, montant, commercial)',
      ),
    )
    .option('--objectives <file>', t('objectives by origin (YAML)', 'objectifs par origine (YAML)'))
    .option(
      '--period <period>',
      t(
        '2026, 2026-Q3 or 2026-03 (default: the current year)',
        '2026, 2026-T3 ou 2026-03 (par défaut : l’année en cours)',
      ),
    )
    .option('--from <date>', t('start of the period (YYYY-MM-DD)', 'début de la période (AAAA-MM-JJ)'))
    .option(
      '--to <date>',
      t('end of the period, included (YYYY-MM-DD)', 'fin de la période, incluse (AAAA-MM-JJ)'),
    )
    .option(
      '--dormant <months>',
      t('months without an order that make a former client', 'mois sans commande qui font un ancien client'),
      '12',
    )
    .addOption(
      new Option(
        '--by <field>',
        t('one review per sales person, and the team', 'une analyse par commercial, et l’équipe'),
      ).choices(['owner']),
    );
}

function parseDateFlag(flag: string, text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = computeDayNumber(y, mo, d);
    const back = computeCivilDate(day);
    if (back.year === y && back.month === mo && back.day === d) return day;
  }
  throw new UsageError({
    en: `${flag}: "${text}" is not a date; expected YYYY-MM-DD such as 2026-01-31.`,
    fr: `${flag} : « ${text} » n’est pas une date ; attendu : AAAA-MM-JJ comme 2026-01-31.`,
  });
}

/** The period from --period, or --from/--to, or the current year (from ctx.today). */
export function resolvePeriod(flags: ReviewFlags, today: string): { period: DayPeriod; previous: DayPeriod } {
  if (flags.period !== undefined && (flags.from !== undefined || flags.to !== undefined)) {
    throw new UsageError({
      en: '--period and --from/--to say the same thing; give one of them.',
      fr: '--period et --from/--to disent la même chose ; donnez l’un des deux.',
    });
  }
  let period: DayPeriod;
  if (flags.from !== undefined || flags.to !== undefined) {
    if (flags.from === undefined || flags.to === undefined) {
      throw new UsageError({
        en: '--from and --to go together; give both (e.g. --from 2026-01-01 --to 2026-06-30).',
        fr: '--from et --to vont ensemble ; donnez les deux (par ex. --from 2026-01-01 --to 2026-06-30).',
      });
    }
    period = { fromDay: parseDateFlag('--from', flags.from), toDay: parseDateFlag('--to', flags.to) };
    if (period.toDay < period.fromDay) {
      throw new UsageError({
        en: `--to: ${flags.to} is before --from ${flags.from}; expected an end on or after the start.`,
        fr: `--to : ${flags.to} est avant --from ${flags.from} ; attendu : une fin le jour du début ou après.`,
      });
    }
  } else {
    const text = (flags.period ?? today.slice(0, 4)).trim();
    const year = /^(\d{4})$/.exec(text);
    const quarter = /^(\d{4})-[QqTt]([1-4])$/.exec(text);
    const month = /^(\d{4})-(\d{2})$/.exec(text);
    if (year) period = computeYearPeriod(Number(year[1]));
    else if (quarter) {
      const y = Number(quarter[1]);
      const q = Number(quarter[2]);
      const from = computeDayNumber(y, 3 * q - 2, 1);
      period = {
        fromDay: from,
        toDay: (q === 4 ? computeDayNumber(y + 1, 1, 1) : computeDayNumber(y, 3 * q + 1, 1)) - 1,
      };
    } else if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
      const y = Number(month[1]);
      const m = Number(month[2]);
      period = {
        fromDay: computeDayNumber(y, m, 1),
        toDay: (m === 12 ? computeDayNumber(y + 1, 1, 1) : computeDayNumber(y, m + 1, 1)) - 1,
      };
    } else {
      throw new UsageError({
        en: `--period: "${text}" is not a period; expected a year (2026), a quarter (2026-Q3) or a month (2026-03).`,
        fr: `--period : « ${text} » n’est pas une période ; attendu : une année (2026), un trimestre (2026-T3) ou un mois (2026-03).`,
      });
    }
  }
  return { period, previous: computePreviousPeriod(period) };
}

/** --dormant: a whole number of months, 1 or more. */
export function parseDormant(text: string): number {
  const months = parsePositive('--dormant', text, 'a whole number of months such as 12');
  if (!Number.isInteger(months)) {
    throw new UsageError({
      en: `--dormant: "${text}" is not a whole number of months; expected a number such as 12.`,
      fr: `--dormant : « ${text} » n’est pas un nombre entier de mois ; attendu : un nombre comme 12.`,
    });
  }
  return months;
}

const text = (row: ParsedRow, ...fields: string[]): string | null => {
  for (const f of fields) {
    const v = row.values[f];
    if (v !== null && v !== undefined && String(v).trim() !== '') return String(v).trim();
  }
  return null;
};

/** A maturity as the Pareto cross-tab shows it: active, latent, arid, or the file's word. */
function maturityOf(raw: string | null): string | null {
  if (raw === null) return null;
  return normaliseMaturity(raw) ?? raw;
}

const TARGET_FIELDS = ['targetType', 'typeDeCible', 'cible', 'sector'];
const NAME_FIELDS = ['company', 'lastName'];
const PROPOSAL_FIELDS = ['proposalDate', 'dateProposition', 'dateDeProposition', 'dateDevis'];
/** A deals export's own outcome columns (read-history.ts readRowOutcome). */
const OUTCOME_COLUMNS = ['outcome', 'isWon', 'isClosed', 'active', 'lostReason'];

/** Optional fields read as text unless `types` says otherwise. */
function wanted(optional: string[], types: Record<string, FieldSpec['type']> = {}): WantedField[] {
  return optional.map((field) => ({ field, type: types[field] ?? ('text' as const) }));
}

async function readAll(reader: TableReader, onRow: (row: ParsedRow) => void, ctx: Context): Promise<void> {
  try {
    await reader.forEachRow(onRow);
    reader.finish(ctx);
  } catch (error) {
    reader.discard();
    throw error;
  }
}

/**
 * Reads the orders file: client id, order date and amount (required), owner, zone, product, target
 * type. In a deals file (a stage or status column with won or lost deals) only won deals are
 * orders; the others and the credit notes are told in `warnings`.
 */
export async function readReviewOrders(
  path: string,
  options: ReadOptions,
  ctx: Context,
  warnings: Warnings = createWarnings(ctx),
): Promise<ReviewOrder[]> {
  const { table: reader, outcome } = await openInput(ctx, {
    kind: 'orders',
    file: path,
    fields: {
      // The columns must exist; an empty cell is rejected below, after the deal's outcome.
      required: [
        { field: 'clientId', type: 'text', required: 'column' },
        { field: 'orderDate', type: 'date', required: 'column' },
        { field: 'amount', type: 'number', required: 'column' },
      ],
      wanted: wanted(['owner', 'zone', 'product', ...TARGET_FIELDS]),
    },
    options,
    outcome: true,
  });
  const orders: ReviewOrder[] = [];
  const deals = outcome === null ? null : createDealCounter(outcome.header);
  let creditNotes = 0;
  await readAll(
    reader,
    (row) => {
      const { clientId, orderDate, amount } = row.values;
      // A lost or open deal is not an order, whatever it lacks (an open one has no close date).
      if (outcome !== null && !(deals as NonNullable<typeof deals>).add(outcomeText(row, outcome.field)))
        return;
      if (typeof orderDate !== 'number' || typeof amount !== 'number' || clientId === null) {
        reader.reject(row, 'a client id, an order date and an amount are needed');
        return;
      }
      if (amount < 0) creditNotes++;
      orders.push({
        clientId: String(clientId).trim(),
        day: orderDate,
        amount,
        owner: text(row, 'owner'),
        zone: text(row, 'zone'),
        product: text(row, 'product'),
        targetType: text(row, ...TARGET_FIELDS),
      });
    },
    ctx,
  );
  warnings.add(describeDeals(deals === null ? null : deals.tally()));
  warnings.add(describeCreditNotes(creditNotes, false));
  return orders;
}

/**
 * Reads the client file: client id (required), name, owner, zone, target type, and for the Pareto
 * cross-tabs the maturity (arid, latent, active in English or French; another word as written)
 * and the contact effort (interactions).
 */
export async function readReviewClients(
  path: string,
  options: ReadOptions,
  ctx: Context,
  /** Filled with each client's contact details (for `--list`) when given. */
  details?: Map<string, ContactDetails>,
): Promise<ReviewClient[]> {
  const { table: reader } = await openInput(ctx, {
    kind: 'clients',
    file: path,
    fields: {
      required: [{ field: 'clientId', type: 'text', required: true, unique: true }],
      wanted: [
        ...wanted(['owner', 'zone', ...NAME_FIELDS, ...TARGET_FIELDS, 'maturity', 'interactions'], {
          interactions: 'number',
        }),
        // The contact details of a call list (review --list win-back).
        ...(details !== undefined ? addContactSpec([]) : []),
      ],
    },
    options,
  });
  const clients: ReviewClient[] = [];
  await readAll(
    reader,
    (row) => {
      const id = text(row, 'clientId');
      if (id === null) {
        reader.reject(row, tr(ctx.lang, { en: 'no client id', fr: 'pas d’identifiant client' }));
        return;
      }
      details?.set(id, detailsFromValues(row.values));
      clients.push({
        clientId: id,
        name: text(row, ...NAME_FIELDS),
        owner: text(row, 'owner'),
        zone: text(row, 'zone'),
        targetType: text(row, ...TARGET_FIELDS),
        maturity: maturityOf(text(row, 'maturity')),
        effort: typeof row.values.interactions === 'number' ? row.values.interactions : null,
      });
    },
    ctx,
  );
  return clients;
}

/** Reads the leads/deals file: source and created date, stage or status, proposal date, amount, owner. */
export async function readReviewLeads(
  path: string,
  options: ReadOptions,
  ctx: Context,
): Promise<ReviewLead[]> {
  const { table: reader } = await openInput(ctx, {
    kind: 'leads',
    file: path,
    fields: {
      // The columns must exist; an empty source is "unknown" and an empty date "undated" (kept).
      required: [
        { field: 'leadSource', type: 'text', required: 'column' },
        { field: 'createdDate', type: 'date', required: 'column' },
      ],
      wanted: wanted(
        // The outcome columns of CRM exports (Pipedrive's `Deal - Status`, Salesforce's IsWon /
        // IsClosed, Odoo's Active / Lost Reason) say won or lost before the stage does.
        ['stage', 'status', 'amount', 'owner', ...PROPOSAL_FIELDS, ...OUTCOME_COLUMNS],
        Object.fromEntries([['amount', 'number'], ...PROPOSAL_FIELDS.map((f) => [f, 'date'])]) as Record<
          string,
          FieldSpec['type']
        >,
      ),
    },
    options,
  });
  const leads: ReviewLead[] = [];
  await readAll(
    reader,
    (row) => {
      const created = row.values.createdDate;
      const proposal = PROPOSAL_FIELDS.map((f) => row.values[f]).find((v) => typeof v === 'number');
      const amount = row.values.amount;
      leads.push({
        leadId: String(row.line),
        source: text(row, 'leadSource'),
        createdDay: typeof created === 'number' ? created : null,
        stage: readRowOutcome(row.values) ?? classifyLeadStage(text(row, 'stage', 'status')),
        proposalDay: typeof proposal === 'number' ? proposal : null,
        amount: typeof amount === 'number' ? amount : null,
        owner: text(row, 'owner'),
      });
    },
    ctx,
  );
  return leads;
}

export interface LoadedReview {
  input: ReviewInput;
  objectives: ReviewObjectives | null;
  /** Every file read, for `--output` never to overwrite one. */
  inputs: string[];
  /** The notes given on stderr while reading (deals left out, credit notes), in both languages. */
  warnings: Texts[];
  /** The clients' contact details from the client file, when asked (`--list`). */
  details?: Map<string, ContactDetails>;
}

/** Reads the orders and whatever of clients, leads and objectives the flags give. */
export async function loadReviewInput(
  ordersPath: string,
  flags: ReviewFlags,
  options: ReadOptions,
  ctx: Context,
  withDetails = false,
): Promise<LoadedReview> {
  const inputs = [ordersPath];
  const details = withDetails ? new Map<string, ContactDetails>() : undefined;
  const warnings = createWarnings(ctx);
  const orders = await readReviewOrders(ordersPath, options, ctx, warnings);
  const input: ReviewInput = { orders };
  if (flags.clients !== undefined) {
    input.clients = await readReviewClients(flags.clients, options, ctx, details);
    inputs.push(flags.clients);
  }
  if (flags.leads !== undefined) {
    input.leads = await readReviewLeads(flags.leads, options, ctx);
    inputs.push(flags.leads);
  }
  let objectives: ReviewObjectives | null = null;
  if (flags.objectives !== undefined) {
    objectives = readReviewObjectives(flags.objectives, ctx.io);
    inputs.push(flags.objectives);
  }
  return { input, objectives, inputs, warnings: warnings.list(), ...(details ? { details } : {}) };
}
