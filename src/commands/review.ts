import type { Command } from 'commander';
import { computeReview, computeReviewByOwner } from '../core/review.js';
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

interface ReviewCommandFlags extends OutputOptions, ReadFlags, ReviewFlags, CallListFlags {}

/** The review (the team's, and each owner's with `--by owner`) from loaded inputs. */
export function buildReviewView(loaded: LoadedReview, flags: ReviewFlags, ctx: Context): ReviewView {
  const { period, previous } = resolvePeriod(flags, ctx.today);
  const dormantMonths = parseDormant(flags.dormant);
  const objectives = loaded.objectives;
  const options = { period, previous, dormantMonths, objectives: objectives?.team ?? {} };
  if (flags.by === 'owner') return computeReviewByOwner(loaded.input, options, objectives?.byOwner ?? {});
  return { team: computeReview(loaded.input, options), owners: [] };
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
  emitReport(buildReviewReport({ ...view, warnings: loaded.warnings }), flags, ctx, loaded.inputs);
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
  addCallListOptions(command, lang, {
    en: 'win-back: former clients to win back',
    fr: 'win-back : anciens clients à reconquérir',
  });
  addReadOptions(command, lang);
  addOutputOptions(command).action((orders: string, flags: ReviewCommandFlags) =>
    runReview(orders, flags, ctx),
  );
}
