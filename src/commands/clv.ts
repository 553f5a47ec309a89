import { Option, type Command } from 'commander';
import { computeClvAnalysis, type ClvOptions } from '../core/clv/analyse.js';
import { ModelFitError } from '../core/clv/bgnbd.js';
import { DAYS_PER_PERIOD, type Order, type PeriodUnit } from '../core/clv/summary.js';
import { DataError, inBoth, UsageError } from '../errors.js';
import { formatSentenceDate, tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import { parseFlagNumber, parsePositive, parseRate } from '../io/parse-flag.js';
import { openInput } from '../io/open-input.js';
import type { ParsedRow } from '../io/read-table.js';
import { buildClvReport } from '../render/clv-report.js';
import {
  addOrderPeriodOptions,
  addReadOptions,
  buildReadOptions,
  withOrderPeriod,
  type OrderPeriodFlags,
  type ReadFlags,
} from './read-options.js';
import { createWarnings, describeDeals, outcomeText } from './order-rows.js';
import { createDealCounter, describeCreditNotes } from '../core/deal-outcome.js';
import { addOutputOptions, emitReport, wantsXlsx, type OutputOptions } from './shared-options.js';
import { parseDayFlag } from '../io/parse-day-flag.js';
import { formatIsoDay } from '../core/calendar.js';

interface ClvFlags extends OutputOptions, ReadFlags, OrderPeriodFlags {
  period: PeriodUnit;
  asOf?: string;
  horizon?: string;
  margin?: string;
  discountRate: string;
  retention?: string;
  top: string;
  lostBelow: string;
}

/**
 * `--horizon`: a number of periods (`52`), or a duration with its unit (`365d`, `52w`, `12m`,
 * `1y`), returned in periods of `unit`.
 */
export function parseHorizon(text: string, unit: PeriodUnit): number {
  const m = /^\s*([0-9]+(?:[.,][0-9]+)?)\s*([dwmy]?)\s*$/i.exec(text);
  if (!m) {
    throw new UsageError({
      en: `--horizon: "${text}" is not a duration; expected periods (52) or 365d, 52w, 12m, 1y.`,
      fr: `--horizon : « ${text} » n’est pas une durée ; attendu : des périodes (52) ou 365d, 52w, 12m, 1y.`,
    });
  }
  const value = parseFlagNumber('--horizon', m[1] as string, 'a duration such as 52 or 12m');
  const suffix = (m[2] ?? '').toLowerCase();
  const days: Record<string, number> = { d: 1, w: 7, m: 365.25 / 12, y: 365.25 };
  const periods = suffix === '' ? value : (value * (days[suffix] as number)) / DAYS_PER_PERIOD[unit];
  if (!(periods > 0) || periods * DAYS_PER_PERIOD[unit] > 10 * 365.25 + 1e-9) {
    throw new UsageError({
      en: `--horizon: "${text}" must be above zero and at most 10 years (10y).`,
      fr: `--horizon : « ${text} » doit être au-dessus de zéro et d’au plus 10 ans (10y).`,
    });
  }
  return periods;
}

/** A rate flag that may be 0 (`--discount-rate 0`). */
function parseRateOrZero(flag: string, text: string): number {
  return /^\s*0+([.,]0*)?\s*%?\s*$/.test(text) ? 0 : parseRate(flag, text);
}

/** The default horizon: one year in the period unit. */
const ONE_YEAR: Record<PeriodUnit, number> = { day: 365, week: 52, month: 12 };

/** The French of the model-fit errors of core/clv (written in English there). */
function fitErrorInFrench(message: string): string {
  let m: RegExpExecArray | null;
  if (message === 'no client has an order on or before the as-of date')
    return 'aucun client n’a de commande à la date d’analyse ou avant';
  if (message.startsWith('BG/NBD: no client made a repeat purchase'))
    return 'BG/NBD : aucun client n’a racheté, le rythme d’achat ne peut pas être estimé';
  if ((m = /^Gamma-Gamma: (\d+) repeat buyer\(s\)/.exec(message)))
    return `Gamma-Gamma : ${m[1]} client(s) ayant racheté ; il en faut au moins 2 pour ajuster la dépense`;
  if (
    (m = /^(.+?): the fit ran to a boundary \((.*)\): the data hold no information on (.+?);/.exec(message))
  )
    return `${m[1]} : l’ajustement a atteint une borne (${m[2]}) : les données ne disent rien de ${m[3]} ; il faut plus de clients ou un historique plus long`;
  if (
    (m = /^(.+?): the maximum-likelihood fit did not converge after (\d+) evaluations \((.*)\)$/.exec(
      message,
    ))
  )
    return `${m[1]} : l’ajustement du maximum de vraisemblance n’a pas convergé après ${m[2]} évaluations (${m[3]})`;
  if ((m = /^(.+?): the likelihood could not be evaluated at any starting point \((.*)\)$/.exec(message)))
    return `${m[1]} : la vraisemblance n’a pu être évaluée en aucun point de départ (${m[2]})`;
  return message;
}

/** `prospect clv FILE`: history, BG/NBD and Gamma-Gamma fits, per-client CLV, portfolio and rankings. */
export async function runClv(path: string, flags: ClvFlags, ctx: Context): Promise<void> {
  if (!['day', 'week', 'month'].includes(flags.period)) {
    throw new UsageError({
      en: `--period: "${flags.period}" is not a period; expected day, week or month.`,
      fr: `--period : « ${flags.period} » n’est pas une période ; attendu : day (jour), week (semaine) ou month (mois).`,
    });
  }
  const asOfFlag = flags.asOf === undefined ? null : parseDayFlag('--as-of', flags.asOf);
  const horizonPeriods =
    flags.horizon === undefined ? ONE_YEAR[flags.period] : parseHorizon(flags.horizon, flags.period);
  const marginRate = flags.margin === undefined ? null : parseRate('--margin', flags.margin);
  const annualDiscountRate = parseRateOrZero('--discount-rate', flags.discountRate);
  const retention = flags.retention === undefined ? null : parseRateOrZero('--retention', flags.retention);
  const top = parsePositive('--top', flags.top, 'a number of clients such as 10');
  if (!Number.isInteger(top))
    throw new UsageError({
      en: `--top: "${flags.top}" must be a whole number such as 10.`,
      fr: `--top : « ${flags.top} » doit être un nombre entier comme 10.`,
    });
  const lostBelow = parseRate('--lost-below', flags.lostBelow);

  const { table: reader, outcome } = await openInput(ctx, {
    kind: 'orders',
    file: path,
    fields: {
      // The columns must exist; an empty cell is rejected below, after the deal's outcome (an
      // open deal often has no close date yet: it is counted as open, not rejected).
      required: [
        { field: 'clientId', type: 'text', required: 'column' },
        { field: 'orderDate', type: 'date', required: 'column' },
        { field: 'amount', type: 'number', required: 'column' },
      ],
      wanted: [{ field: 'margin', type: 'number' }],
    },
    // --from/--to filter the orders as --where would (read-options.ts withOrderPeriod).
    options: withOrderPeriod(buildReadOptions(flags, ctx), flags),
    // A deals file: only won deals are orders (DOMAIN.md section 8).
    outcome: true,
  });
  const warnings = createWarnings(ctx);
  try {
    const orders: Order[] = [];
    const rows = new Map<number, ParsedRow>();
    const deals = outcome === null ? null : createDealCounter(outcome.header);
    await reader.forEachRow((row) => {
      const v = row.values;
      if (outcome !== null && !(deals as NonNullable<typeof deals>).add(outcomeText(row, outcome.field)))
        return;
      rows.set(row.line, row);
      orders.push({
        clientId: String(v.clientId),
        day: v.orderDate as number,
        amount: v.amount as number,
        margin: typeof v.margin === 'number' ? v.margin : null,
        line: row.line,
      });
    });
    const dealTally = deals === null ? null : deals.tally();
    warnings.add(describeDeals(dealTally));
    if (orders.length === 0) {
      throw new DataError([
        {
          file: reader.name,
          ...inBoth({
            en: 'no usable order; expected rows with a client id, an order date and an amount',
            fr: 'aucune commande utilisable ; attendu : des lignes avec un identifiant client, une date de commande et un montant',
          }),
        },
      ]);
    }
    const asOfDay = asOfFlag ?? orders.reduce((m, o) => Math.max(m, o.day), -Infinity);
    const options: ClvOptions = {
      asOfDay,
      unit: flags.period,
      horizonPeriods,
      marginRate,
      annualDiscountRate,
      retention,
      top,
      lostBelow,
    };
    let result;
    try {
      result = computeClvAnalysis(orders, options);
    } catch (error) {
      if (error instanceof ModelFitError) {
        const en = `${error.message}; expected orders from which the models can be fitted. Check the orders (client id, date, amount), try another --period or --as-of, or use more history`;
        throw new DataError([
          {
            file: reader.name,
            message: en,
            texts: {
              en,
              fr: `${fitErrorInFrench(error.message)} ; attendu : des commandes sur lesquelles ajuster les modèles. Vérifiez les commandes (client, date, montant), essayez une autre --period ou --as-of, ou prenez plus d’historique`,
            },
          },
        ]);
      }
      throw error;
    }
    for (const r of result.rejected) {
      const row = r.order.line === undefined ? undefined : rows.get(r.order.line);
      if (!row) continue;
      const index = reader.fieldColumns.get(r.reason === 'afterAsOf' ? 'orderDate' : 'amount');
      reader.reject(
        row,
        tr(ctx.lang, {
          en: `order date after --as-of ${formatSentenceDate(formatIsoDay(asOfDay), 'en')}: left out of the calibration period`,
          fr: `commande après --as-of, le ${formatSentenceDate(formatIsoDay(asOfDay), 'fr')} : hors de la période de calibrage`,
        }),
        index === undefined ? undefined : index + 1,
      );
    }
    reader.finish(ctx);
    warnings.add(describeCreditNotes(result.creditNotes.count, false));
    warnings.add(result.fits.bgnbd.note);
    warnings.add(result.fits.gammaGamma.note);
    const only = result.creditNotes.clientsWithoutPurchase;
    if (only.length > 0)
      warnings.add({
        en: `prospect: ${only.length === 1 ? '1 client has' : `${only.length} clients have`} only credit notes and no purchase: left out of the models (${only.slice(0, 5).join(', ')}${only.length > 5 ? ', ...' : ''}).`,
        fr: `prospect : ${only.length === 1 ? '1 client n’a' : `${only.length} clients n’ont`} que des avoirs et aucun achat : hors des modèles (${only.slice(0, 5).join(', ')}${only.length > 5 ? ', ...' : ''}).`,
      });
    await emitReport(
      buildClvReport({
        path: reader.name,
        result,
        asOfSource: asOfFlag === null ? 'last order' : 'flag',
        ...(dealTally === null ? {} : { deals: dealTally }),
        warnings: warnings.list(),
        allClients: wantsXlsx(flags),
      }),
      flags,
      ctx,
      [path],
    );
  } catch (error) {
    reader.discard();
    throw error;
  }
}

export function registerClv(program: Command, ctx: Context): void {
  const { lang } = ctx;
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  const command = program
    .command('clv')
    .argument(
      '<orders>',
      t(
        'order file: client id, order date, amount (- for stdin)',
        'fichier de commandes : client, date, montant (- pour stdin)',
      ),
    )
    .addOption(
      new Option(
        '--period <unit>',
        t(
          'time unit of the models (the papers use week)',
          'unité de temps des modèles (les articles : week)',
        ),
      )
        .choices(['day', 'week', 'month'])
        .default('week'),
    )
    .option(
      '--as-of <date>',
      t(
        'end of the calibration period, YYYY-MM-DD; later orders are left out (default: last order)',
        'fin de la période de calibrage, AAAA-MM-JJ ; les commandes postérieures sont écartées (défaut : dernière commande)',
      ),
    )
    .option(
      '--horizon <duration>',
      t(
        'prediction horizon: periods (52) or 365d, 52w, 12m, 1y (default: one year)',
        'horizon de prédiction : périodes (52) ou 365d, 52w, 12m, 1y (défaut : un an)',
      ),
    )
    .option(
      '--margin <rate>',
      t(
        'gross margin rate, 35% or 0.35 (default: the margin column, else revenue)',
        'taux de marge brute, 35% ou 0,35 (défaut : la colonne marge, sinon le CA)',
      ),
    )
    .option(
      '--discount-rate <rate>',
      t('annual discount rate, applied monthly', 'taux d’actualisation annuel, appliqué par mois'),
      '10%',
    )
    .option(
      '--retention <rate>',
      t(
        'monthly retention for the simple CLV (default: measured from the orders)',
        'rétention mensuelle de la CLV simple (défaut : mesurée sur les commandes)',
      ),
    )
    .option('--top <n>', t('clients in each ranking', 'clients par classement'), '10')
    .option(
      '--lost-below <rate>',
      t(
        'P(alive) under which a client is likely lost',
        'P(actif) sous laquelle un client est probablement perdu',
      ),
      '50%',
    );
  addReadOptions(command, lang);
  addOrderPeriodOptions(command, lang);
  addOutputOptions(command).action(async (path: string, flags: ClvFlags) => {
    await runClv(path, flags, ctx);
  });
}
