import { readAccessibilityFrom } from '../io/read-accessibility.js';
import { computeCalibration, DEFAULT_CALIBRATE_OPTIONS } from '../core/calibrate.js';
import type { SettingLayer } from '../core/settings.js';
import { tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import { PARAMS_KEYS, readParamsFile } from '../io/params-file.js';
import { readDeals, readStageMapFile } from '../io/read-history.js';
import { buildReadOptions, type ReadFlags } from './read-options.js';
import { formatMoney, formatNumber } from '../render/format.js';

/**
 * The layers that `plan --params FILE` adds under the flags: one per parameter that the history
 * measured, with its source shown as `history (n = 412)`; a parameter written as not measured
 * (`source: default`) stays a default, shown as `default (not measured in FILE)`. Empty without
 * `--params`.
 */
export function buildParamsLayers(paramsPath: string | undefined, ctx: Context): SettingLayer[] {
  if (paramsPath === undefined) return [];
  const file = readParamsFile(paramsPath, ctx);
  const layers: SettingLayer[] = [];
  for (const key of PARAMS_KEYS) {
    const entry = file.parameters[key];
    if (entry === undefined) continue;
    layers.push(
      entry.source === 'default'
        ? { source: 'default', detail: `not measured in ${paramsPath}`, values: { [key]: entry.value } }
        : { source: 'history', detail: `n = ${entry.n}`, values: { [key]: entry.value } },
    );
  }
  return layers;
}

/**
 * `plan --pipeline deals.csv`: the open deals of a CRM export, weighted by the win rate of their
 * stage (measured on the deals closed in the same file), are subtracted from the objective. Returns
 * the layer that sets the net objective (source history), and prints the coverage ratio (pipeline
 * / objective) against the 1 / win rate that history requires. Empty without `--pipeline`.
 */
export async function buildPipelineLayers(
  pipelinePath: string | undefined,
  layers: readonly SettingLayer[],
  ctx: Context,
  flags: ReadFlags & { stages?: string } = {},
): Promise<SettingLayer[]> {
  if (pipelinePath === undefined) return [];
  const objective = layers.find((l) => l.values.objective !== undefined)?.values.objective;
  if (objective === undefined) return [];
  const stageMap = flags.stages !== undefined ? readStageMapFile(flags.stages, ctx) : {};
  const deals = await readDeals(pipelinePath, buildReadOptions(flags, ctx), stageMap, ctx);
  const days = deals.map((d) => d.createdDay);
  const result = computeCalibration(deals, null, {
    ...DEFAULT_CALIBRATE_OPTIONS,
    fromDay: Math.min(...days, 0),
    toDay: Math.max(...days, 0),
  });
  const p = result.pipeline;
  const net = Math.max(0, Math.round(objective - p.weighted));
  const euros = (x: number): string => formatMoney(Math.round(x), ctx.lang);
  const coverage = objective > 0 ? p.amount / objective : 0;
  ctx.note(
    tr(ctx.lang, {
      en: `prospect: open pipeline ${euros(p.amount)} (${p.openDeals} deals), weighted by stage ${euros(p.weighted)}; coverage ${formatNumber(coverage, 'en', 2)} x the objective${p.requiredCoverage === null ? '' : `, against ${formatNumber(p.requiredCoverage, 'en', 2)} (1 / win rate) that history requires`}; left to plan: ${euros(net)}.`,
      fr: `prospect : affaires en cours ${euros(p.amount)} (${p.openDeals} affaires), pondérées par étape ${euros(p.weighted)} ; couverture ${formatNumber(coverage, 'fr', 2)} fois l'objectif${p.requiredCoverage === null ? '' : `, pour ${formatNumber(p.requiredCoverage, 'fr', 2)} (1 / taux de transformation) requis par l'historique`} ; reste à planifier : ${euros(net)}.`,
    }),
  );
  return [
    {
      source: 'history',
      detail: `${formatNumber(objective, 'en', 0)} - weighted pipeline ${formatNumber(Math.round(p.weighted), 'en', 0)}`,
      values: { objective: net },
    },
  ];
}

/**
 * `plan --accessibility-from scored.csv`: the accessibility rate measured from a graded file
 * (actives / all prospects with a maturity), as a layer of source history that the objective
 * and the file's own settings still override. Empty without the flag.
 */
export async function buildAccessibilityLayers(
  path: string | undefined,
  ctx: Context,
  flags: ReadFlags = {},
): Promise<SettingLayer[]> {
  if (path === undefined) return [];
  const measured = await readAccessibilityFrom(path, buildReadOptions(flags, ctx), ctx);
  ctx.note(
    tr(ctx.lang, {
      en: `prospect: accessibility measured from ${measured.source}: ${measured.active} active of ${measured.total} prospects.`,
      fr: `prospect : accessibilité mesurée sur ${measured.source} : ${measured.active} actif${measured.active >= 2 ? 's' : ''} sur ${measured.total} prospect${measured.total >= 2 ? 's' : ''}.`,
    }),
  );
  return [
    {
      source: 'history',
      detail: `${measured.source} (n = ${measured.total})`,
      values: { accessibility: measured.rate },
    },
  ];
}
