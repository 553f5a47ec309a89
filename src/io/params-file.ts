import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CalibrationResult, MeasureKey } from '../core/calibrate.js';
import { SEED_PARAMETERS, type PlanParameters } from '../core/plan.js';
import { DataError, inBoth, InputFileError } from '../errors.js';
import type { Context } from './context.js';
import { loadZod } from './lazy-require.js';
import { parseYamlGuarded, yamlToJs } from './read-yaml.js';

/**
 * The parameters file that `prospect calibrate --output params.yaml` writes and `prospect plan
 * --params params.yaml` reads:
 *
 * ```yaml
 * history: { file: deals.csv, from: 2025-01-01, to: 2025-12-31 }
 * parameters:
 *   avgDeal: { value: 21350, n: 17 }
 *   proposalsPerDeal: { value: 2.76, n: 47 }
 * ```
 *
 * A parameter the history cannot measure (spontaneous prospects without a lead source, contacts
 * without activities) is written with the plan's default and `source: default`, with the reason
 * in a comment; it is never written as 0. Rates are fractions (accessibility 0.07).
 *
 * ```yaml
 *   spontaneous: { value: 8, n: 0, source: default } # not measured (no lead source in the deals file): the plan's default
 * ```
 */
export type ParamsKey = Exclude<keyof PlanParameters, 'objective'>;

export const PARAMS_KEYS: readonly ParamsKey[] = [
  'avgDeal',
  'proposalsPerDeal',
  'compensationFactor',
  'spontaneous',
  'accessibility',
  'contactsPerProspect',
  'minutesPerContact',
];

export interface ParamsEntry {
  value: number;
  n: number;
  /** `default`: not measured, the plan's default kept; absent or `history`: measured. */
  source?: 'history' | 'default';
}

export interface ParamsFile {
  history: { file: string; from: string; to: string };
  parameters: Partial<Record<ParamsKey, ParamsEntry>>;
  salesCycleDays?: ParamsEntry;
}

/** Rounds for a file a person reads: money to the euro, others to 4 significant decimals. */
function roundForFile(key: string, value: number): number {
  if (key === 'avgDeal') return Math.round(value);
  return Math.round(value * 10000) / 10000;
}

/** The parameters file of a calibration, as YAML text. */
export function buildParamsYaml(result: CalibrationResult, history: ParamsFile['history']): string {
  const lines = [
    '# Plan parameters measured from history by `prospect calibrate`; read by `prospect plan --params`.',
    "# source: default = not measured, the plan's default is kept (edit the value to set your own).",
    'history:',
    `  file: ${JSON.stringify(history.file)}`,
    `  from: ${JSON.stringify(history.from)}`,
    `  to: ${JSON.stringify(history.to)}`,
    'parameters:',
  ];
  for (const key of PARAMS_KEYS) {
    const measure = result.team.measures[key as MeasureKey];
    if (measure.value !== null && Number.isFinite(measure.value)) {
      lines.push(`  ${key}: { value: ${roundForFile(key, measure.value)}, n: ${measure.n} }`);
    } else {
      const why = measure.reason ?? 'the history cannot give it';
      lines.push(
        `  ${key}: { value: ${SEED_PARAMETERS[key]}, n: 0, source: default } # not measured (${why.replace(/[\r\n#]/g, ' ')}): the plan's default`,
      );
    }
  }
  const cycle = result.team.measures.salesCycleDays;
  if (cycle.value !== null)
    lines.push(`salesCycleDays: { value: ${Math.round(cycle.value)}, n: ${cycle.n} }`);
  return lines.join('\n') + '\n';
}

/** The schema of a parameters file, built on first use (zod is loaded then, not at start-up). */
function buildSchema() {
  const { z } = loadZod();
  const source = z.enum(['history', 'default']).optional();
  const entry = z.strictObject({
    value: z.number().positive(),
    n: z.number().int().nonnegative(),
    source,
  });
  return z.strictObject({
    history: z.strictObject({ file: z.string(), from: z.string(), to: z.string() }),
    parameters: z.strictObject({
      avgDeal: entry.optional(),
      proposalsPerDeal: entry.optional(),
      compensationFactor: entry.optional(),
      spontaneous: z
        .strictObject({ value: z.number().nonnegative(), n: z.number().int().nonnegative(), source })
        .optional(),
      accessibility: entry.refine((e) => e.value <= 1, 'a rate is a fraction from 0 to 1').optional(),
      contactsPerProspect: entry.optional(),
      minutesPerContact: entry.optional(),
    }),
    salesCycleDays: z
      .strictObject({ value: z.number().nonnegative(), n: z.number().int().nonnegative() })
      .optional(),
  });
}

let builtSchema: ReturnType<typeof buildSchema> | undefined;

function schema(): ReturnType<typeof buildSchema> {
  return (builtSchema ??= buildSchema());
}

/**
 * Reads a parameters file. Throws InputFileError (66) when it cannot be read, DataError (65)
 * with `file:line:column` for bad YAML or a bad key or value.
 */
export function readParamsFile(path: string, ctx: Context): ParamsFile {
  let text: string;
  try {
    text = readFileSync(resolve(ctx.io.cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError({
      en: `${path}: cannot read the parameters file (${code ?? 'error'}); expected the file written by \`prospect calibrate --output params.yaml\`.`,
      fr: `${path} : lecture du fichier de paramètres impossible (${code ?? 'erreur'}) ; attendu : le fichier écrit par \`prospect calibrate --output params.yaml\`.`,
    });
  }
  const { doc, lineCounter } = parseYamlGuarded(text, path);
  if (doc.errors.length > 0) {
    throw new DataError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { file: path, line: pos.line, column: pos.col, message: `${e.message.split('\n')[0]}` };
      }),
      { en: `${path}: not valid YAML.`, fr: `${path} : YAML invalide.` },
    );
  }
  const parsed = schema().safeParse(yamlToJs(doc, path));
  if (!parsed.success) {
    throw new DataError(
      parsed.error.issues.map((issue) => {
        const node = doc.getIn(issue.path as (string | number)[], true) as
          { range?: [number, number] } | undefined;
        const pos = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
        return {
          file: path,
          ...(pos ? { line: pos.line, column: pos.col } : {}),
          ...inBoth({
            en: `${issue.path.join('.') || '(top)'}: ${issue.message}; expected the format written by prospect calibrate.`,
            fr: `${issue.path.join('.') || '(début)'} : ${issue.message} ; attendu : le format écrit par prospect calibrate.`,
          }),
        };
      }),
      { en: `${path}: not a parameters file.`, fr: `${path} : ce n’est pas un fichier de paramètres.` },
    );
  }
  return parsed.data as ParamsFile;
}
