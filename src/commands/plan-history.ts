import type { SettingLayer } from '../core/settings.js';
import type { Context } from '../io/context.js';
import { PARAMS_KEYS, readParamsFile } from '../io/params-file.js';

/**
 * The layers that `plan --params FILE` adds under the flags: one per parameter that the history
 * measured, with its source shown as `history (n = 412)`. Empty without `--params`.
 */
export function buildParamsLayers(paramsPath: string | undefined, ctx: Context): SettingLayer[] {
  if (paramsPath === undefined) return [];
  const file = readParamsFile(paramsPath, ctx);
  const layers: SettingLayer[] = [];
  for (const key of PARAMS_KEYS) {
    const entry = file.parameters[key];
    if (entry === undefined) continue;
    layers.push({ source: 'history', detail: `n = ${entry.n}`, values: { [key]: entry.value } });
  }
  return layers;
}
