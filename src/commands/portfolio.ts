import type { Command } from 'commander';
import { SEED_PARAMETERS, type PlanParameters, type RoundingMode } from '../core/plan.js';
import { computeObjectiveGap, createPortfolioTally } from '../core/portfolio.js';
import { UsageError } from '../errors.js';
import { tr, type Texts } from '../i18n.js';
import type { Context } from '../io/context.js';
import { parsePositive, parseRate } from '../io/parse-flag.js';
import { openInput } from '../io/open-input.js';
import type { FieldSpec } from '../io/read-table.js';
import { buildPortfolioReport } from '../render/portfolio-report.js';
import { addReadOptions, type ReadFlags } from './read-options.js';
import { createWarnings, outcomeText } from './order-rows.js';
import { outcomeOfDeal, type DealOutcome } from '../core/deal-outcome.js';
import { addOutputOptions, emitReport, type OutputOptions } from './shared-options.js';
import {
  addCallListOptions,
  addContactSpec,
  checkCallListFlags,
  detailsFromValues,
  emitCallList,
  makePipelineList,
  resolveListName,
  type CallListFlags,
} from './call-list.js';
import type { PipelineListRow } from '../core/call-list.js';
import { parseWhole } from './client-input.js';

interface PortfolioFlags extends OutputOptions, ReadFlags, CallListFlags {
  top?: string;
  by?: string;
  objective?: string;
  potential?: string;
  probability?: string;
  avgDeal?: string;
  proposalsPerDeal?: string;
  compensationFactor?: string;
  spontaneous?: string;
  accessibility?: string;
  contactsPerProspect?: string;
  minutesPerContact?: string;
  rounding: RoundingMode;
  include?: string;
}

/** `--include won,lost`: the closed deals to sum into the expected value with the open ones. */
export function parseInclude(text: string | undefined): DealOutcome[] {
  if (text === undefined) return [];
  const out: DealOutcome[] = [];
  for (const part of text.split(',').map((p) => p.trim().toLowerCase())) {
    if (part === '') continue;
    if (part !== 'won' && part !== 'lost')
      throw new UsageError({
        en: `--include: "${part}" is not an outcome; expected won, lost or won,lost.`,
        fr: `--include : « ${part} » n’est pas une issue ; attendu : won (gagnées), lost (perdues) ou won,lost.`,
      });
    if (!out.includes(part)) out.push(part);
  }
  return out;
}

function planParameters(flags: PortfolioFlags): Omit<PlanParameters, 'objective'> {
  const pick = (
    text: string | undefined,
    flag: string,
    fallback: number,
    expected: string,
    zero = false,
  ): number => (text === undefined ? fallback : parsePositive(flag, text, expected, zero));
  return {
    avgDeal: pick(flags.avgDeal, '--avg-deal', SEED_PARAMETERS.avgDeal, 'an amount in euros, such as 20000'),
    proposalsPerDeal: pick(
      flags.proposalsPerDeal,
      '--proposals-per-deal',
      SEED_PARAMETERS.proposalsPerDeal,
      'proposals per deal won, such as 3',
    ),
    compensationFactor: pick(
      flags.compensationFactor,
      '--compensation-factor',
      SEED_PARAMETERS.compensationFactor,
      'active prospects per proposal, such as 4',
    ),
    spontaneous: pick(
      flags.spontaneous,
      '--spontaneous',
      SEED_PARAMETERS.spontaneous,
      'a count of prospects, such as 8',
      true,
    ),
    accessibility:
      flags.accessibility === undefined
        ? SEED_PARAMETERS.accessibility
        : parseRate('--accessibility', flags.accessibility),
    contactsPerProspect: pick(
      flags.contactsPerProspect,
      '--contacts-per-prospect',
      SEED_PARAMETERS.contactsPerProspect,
      'contacts to qualify a prospect, such as 4',
    ),
    minutesPerContact: pick(
      flags.minutesPerContact,
      '--minutes-per-contact',
      SEED_PARAMETERS.minutesPerContact,
      'minutes, such as 2',
    ),
  };
}

/** `prospect portfolio`: count, potential, probability and expected value, per group. */
export async function runPortfolio(path: string, flags: PortfolioFlags, ctx: Context): Promise<void> {
  if (!['up', 'down', 'exact'].includes(flags.rounding)) {
    throw new UsageError({
      en: `--rounding: "${flags.rounding}" is not a mode; expected up, down or exact.`,
      fr: `--rounding : « ${flags.rounding} » n’est pas un mode d’arrondi ; attendu : up, down ou exact.`,
    });
  }
  const by = flags.by
    ? flags.by
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean)
    : [];
  const potentialField = flags.potential ?? 'potential';
  const probabilityField = flags.probability ?? 'probability';
  const objective =
    flags.objective === undefined
      ? undefined
      : parsePositive('--objective', flags.objective, 'an amount in euros, such as 60000');
  const parameters = planParameters(flags);
  const include = parseInclude(flags.include);
  checkCallListFlags(flags, ctx.lang);
  if (flags.top !== undefined && flags.list === undefined)
    throw new UsageError(
      tr(ctx.lang, {
        en: '--top sizes the call list; give --list top too.',
        fr: "--top donne la taille de la liste d'appels ; donnez aussi --list top.",
      }),
    );
  const listTop =
    flags.list === undefined
      ? undefined
      : (resolveListName(
          'portfolio',
          flags.list,
          [{ key: 'top', names: { en: 'top', fr: 'top' } }],
          ctx.lang,
        ),
        parseWhole('--top', flags.top ?? '10', 1, 1e9, 'a number of deals such as 10'));
  const listRows: PipelineListRow[] = [];
  const warnings = createWarnings(ctx);
  const { table: reader, outcome: outcomeColumn } = await openInput(ctx, {
    kind: 'projects',
    file: path,
    fields: {
      required: [
        { field: potentialField, type: 'number', required: true, money: true },
        { field: probabilityField, type: 'rate', required: true },
        // The column must exist; an empty cell is a group of its own, "(empty)".
        ...by.map((field): FieldSpec => ({ field, type: 'text', required: 'column' })),
      ],
      // A deal of a call list is named by its client id, else its deal id, else its first cell.
      wanted: listTop === undefined ? [] : ['clientId', 'orderId', ...addContactSpec([])],
    },
    flags,
    // A deals file: each row's outcome (won, lost, open) from its stage or status column.
    outcome: true,
  });
  // Summed as the rows come: memory for the groups, not the rows.
  const tally = createPortfolioTally(include);
  try {
    const potentialColumn = reader.fieldColumns.get(potentialField);
    await reader.forEachRow((row) => {
      const potential = row.values[potentialField];
      const probability = row.values[probabilityField];
      if (typeof potential !== 'number' || typeof probability !== 'number') return;
      if (potential < 0) {
        reader.reject(
          row,
          `potential ${potential} is negative; expected an amount of 0 or more`,
          potentialColumn === undefined ? undefined : potentialColumn + 1,
        );
        return;
      }
      if (probability < 0 || probability > 1) {
        reader.reject(row, `probability ${probability * 100} % is outside 0-100 %`);
        return;
      }
      const word = outcomeColumn === null ? null : outcomeText(row, outcomeColumn.field);
      if (listTop !== undefined && (word === null || word.trim() === '' || outcomeOfDeal(word) === 'open')) {
        const id = [row.values.clientId, row.values.orderId, row.cells[0]].find(
          (v) => v !== null && v !== undefined && String(v).trim() !== '',
        );
        listRows.push({
          clientId: id === undefined || id === null ? `#${row.line}` : String(id).trim(),
          line: row.line,
          potential,
          probability,
          details: detailsFromValues(row.values),
        });
      }
      tally.add({
        potential,
        probability,
        key: by.map((f) => {
          const v = row.values[f];
          return v === null || v === undefined ? '' : String(v);
        }),
        outcome: word === null || word.trim() === '' ? 'open' : outcomeOfDeal(word),
      });
    });
    reader.finish(ctx);
  } catch (error) {
    reader.discard();
    throw error;
  }
  if (listTop !== undefined) {
    await emitCallList(makePipelineList(listRows, listTop), flags, ctx, [path]);
    return;
  }
  const result = tally.result();
  const won = result.included.includes('won') ? { count: 0 } : result.closed.won;
  const lost = result.included.includes('lost') ? { count: 0 } : result.closed.lost;
  if (outcomeColumn !== null && won.count + lost.count > 0) {
    const n = (k: number, en: string, fr: string): Texts => ({
      en: `${k} ${en}${k === 1 ? '' : 's'}`,
      fr: `${k} ${fr}${k === 1 ? '' : 's'}`,
    });
    const w = n(won.count, 'won deal', 'affaire gagnée');
    const l = n(lost.count, 'lost deal', 'affaire perdue');
    warnings.add({
      en: `prospect: column "${outcomeColumn.header}" gives each deal's outcome; the expected value is the open pipeline's: ${[won.count > 0 ? `${w.en} (already revenue)` : '', lost.count > 0 ? `${l.en} (worth 0)` : ''].filter(Boolean).join(' and ')} shown apart (--include won,lost sums them in).`,
      fr: `prospect : la colonne « ${outcomeColumn.header} » donne l'issue de chaque affaire ; la valeur espérée est celle des affaires en cours : ${[won.count > 0 ? `${w.fr} (déjà du chiffre d'affaires)` : '', lost.count > 0 ? `${l.fr} (valeur 0)` : ''].filter(Boolean).join(' et ')} ${won.count + lost.count === 1 ? 'présentée' : 'présentées'} à part (--include won,lost les réintègre).`,
    });
  }
  const gap =
    objective === undefined
      ? undefined
      : computeObjectiveGap(objective, result.total.expectedValue, parameters, flags.rounding);
  await emitReport(
    buildPortfolioReport({
      path: reader.name,
      by,
      result,
      ...(gap ? { gap } : {}),
      dealsFile: outcomeColumn !== null,
      warnings: warnings.list(),
    }),
    flags,
    ctx,
    [path],
  );
}

export function registerPortfolio(program: Command, ctx: Context): void {
  const { lang } = ctx;
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  const command = program
    .command('portfolio')
    .argument(
      '<file>',
      t(
        'clients or projects (CSV) with potential and probability; - for stdin',
        'clients ou projets (CSV) avec potentiel et probabilité ; - pour stdin',
      ),
    )
    .option(
      '--by <fields>',
      t(
        'group by these columns, comma-separated (status,zone,rep)',
        'grouper par ces colonnes, séparées par des virgules (statut,zone,commercial)',
      ),
    )
    .option(
      '--objective <euros>',
      t(
        'objective: the gap to the expected value, in plan terms',
        'objectif : l’écart à la valeur espérée, en termes de plan',
      ),
    )
    .option(
      '--potential <column>',
      t(
        'column of the potential in euros (default: potential)',
        'colonne du potentiel en euros (par défaut : potential)',
      ),
    )
    .option(
      '--probability <column>',
      t(
        'column of the probability or relationship quality (default: probability)',
        'colonne de la probabilité ou qualité de relation (par défaut : probability)',
      ),
    )
    .option(
      '--avg-deal <euros>',
      t('with --objective: average won deal (20000)', 'avec --objective : affaire moyenne (20000)'),
    )
    .option(
      '--proposals-per-deal <n>',
      t('with --objective: proposals per deal won (3)', 'avec --objective : propositions par affaire (3)'),
    )
    .option(
      '--compensation-factor <n>',
      t(
        'with --objective: active prospects per proposal (4)',
        'avec --objective : prospects actifs par proposition (4)',
      ),
    )
    .option(
      '--spontaneous <n>',
      t(
        'with --objective: spontaneous active prospects (8)',
        'avec --objective : prospects actifs spontanés (8)',
      ),
    )
    .option(
      '--accessibility <rate>',
      t('with --objective: accessibility rate (6 %)', 'avec --objective : taux d’accessibilité (6 %)'),
    )
    .option(
      '--contacts-per-prospect <n>',
      t('with --objective: contacts per prospect (4)', 'avec --objective : contacts par prospect (4)'),
    )
    .option(
      '--minutes-per-contact <n>',
      t('with --objective: minutes per contact (2)', 'avec --objective : minutes par contact (2)'),
    )
    .option(
      '--rounding <mode>',
      t('with --objective: up, down or exact', 'avec --objective : up, down ou exact'),
      'up',
    )
    .option(
      '--include <outcomes>',
      t(
        'sum won and/or lost deals into the expected value too (won,lost); by default only open deals count',
        'inclure aussi les affaires gagnées et/ou perdues dans la valeur espérée (won,lost) ; par défaut seules les affaires en cours comptent',
      ),
    );
  command.option(
    '--top <n>',
    t('with --list top: how many deals (10)', 'avec --list top : combien d’affaires (10)'),
  );
  addCallListOptions(command, lang, {
    en: 'top: the open deals of largest expected value, --top N of them',
    fr: 'top : les affaires en cours de plus grande valeur espérée, --top N d’entre elles',
  });
  addReadOptions(command, lang);
  addOutputOptions(command).action((file: string, flags: PortfolioFlags) => runPortfolio(file, flags, ctx));
}
