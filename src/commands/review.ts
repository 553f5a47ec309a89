import { Option, type Command } from 'commander';
import {
  computeMonthlyReview,
  computeReview,
  computeReviewByOwner,
  computeYearBefore,
} from '../core/review.js';
import { tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import { buildReviewReport, describePeriod, type ReviewView } from '../render/review-report.js';
import { addReadOptions, buildReadOptions, type ReadFlags } from './read-options.js';
import {
  addReviewOptions,
  loadReviewInput,
  parseDormant,
  resolvePeriod,
  type LoadedReview,
  type ReviewFlags,
} from './review-input.js';
import { addOutputOptions, emitReport, type OutputOptions } from './shared-options.js';
import {
  addCallListOptions,
  checkCallListFlags,
  detailsLookup,
  emitCallList,
  makeWinBackList,
  resolveListName,
  type CallListFlags,
} from './call-list.js';

interface ReviewCommandFlags extends OutputOptions, ReadFlags, ReviewFlags, CallListFlags {
  compare?: string;
}

/**
 * The review (the team's, and each owner's with `--by owner`) from loaded inputs; with `--by owner`
 * or `--compare previous`, month by month too. `--compare previous` compares with the same months
 * a year before, in the whole review (revenue, splits, conversion) as in the monthly tables.
 */
export function buildReviewView(
  loaded: LoadedReview,
  flags: ReviewFlags & { compare?: string },
  ctx: Context,
): ReviewView {
  const resolved = resolvePeriod(flags, ctx.today);
  const { period } = resolved;
  const compare = flags.compare === 'previous';
  const previous = compare ? computeYearBefore(period) : resolved.previous;
  const dormantMonths = parseDormant(flags.dormant);
  const objectives = loaded.objectives;
  const options = { period, previous, dormantMonths, objectives: objectives?.team ?? {} };
  const byOwner = flags.by === 'owner';
  const view: ReviewView = byOwner
    ? computeReviewByOwner(loaded.input, options, objectives?.byOwner ?? {})
    : { team: computeReview(loaded.input, options), owners: [] };
  if (byOwner || compare) {
    const monthly = computeMonthlyReview(loaded.input, { period, compare });
    view.monthly = { compare, byOwner, team: monthly.team, owners: byOwner ? monthly.owners : [] };
  }
  return view;
}

/** `prospect review ORDERS`: the analysis of a sales person's (or a team's) period, seed 003. */
export async function runReview(ordersPath: string, flags: ReviewCommandFlags, ctx: Context): Promise<void> {
  // Flags first, so that a usage error comes before any file is read.
  const { period } = resolvePeriod(flags, ctx.today);
  parseDormant(flags.dormant);
  checkCallListFlags(flags, ctx.lang);
  if (flags.list !== undefined)
    resolveListName(
      'review',
      flags.list,
      [{ key: 'win-back', names: { en: 'former clients to win back', fr: 'anciens clients à reconquérir' } }],
      ctx.lang,
    );
  if (flags.period === undefined && flags.from === undefined) {
    ctx.note(
      tr(ctx.lang, {
        en: `prospect: period ${describePeriod(period).en} (give --period or --from/--to for another).`,
        fr: `prospect : période ${describePeriod(period).fr} (--period ou --from/--to pour une autre).`,
      }),
    );
  }
  const loaded = await loadReviewInput(
    ordersPath,
    flags,
    buildReadOptions(flags, ctx),
    ctx,
    flags.list !== undefined,
  );
  const view = buildReviewView(loaded, flags, ctx);
  if (flags.list !== undefined) {
    const team = view.team;
    const list = makeWinBackList(
      team.formerClients,
      team.dormantMonths,
      detailsLookup(loaded.details ?? new Map()),
    );
    await emitCallList(list, flags, ctx, loaded.inputs);
    return;
  }
  await emitReport(buildReviewReport({ ...view, warnings: loaded.warnings }), flags, ctx, loaded.inputs);
}

export function registerReview(program: Command, ctx: Context): void {
  const { lang } = ctx;
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  const command = program
    .command('review')
    .argument(
      '<orders>',
      t(
        'order file (client id, order date, amount); - for stdin',
        'fichier des commandes (client, date, montant) ; - pour stdin',
      ),
    );
  addReviewOptions(command, lang);
  command.addOption(
    new Option(
      '--compare <period>',
      t(
        'compare with the same months a year before, month by month',
        'comparer aux mêmes mois un an avant, mois par mois',
      ),
    ).choices(['previous']),
  );
  addCallListOptions(command, lang, {
    en: 'win-back: former clients to win back',
    fr: 'win-back : anciens clients à reconquérir',
  });
  addReadOptions(command, lang);
  addOutputOptions(command).action((orders: string, flags: ReviewCommandFlags) =>
    runReview(orders, flags, ctx),
  );
}
