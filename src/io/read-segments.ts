import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import type { SegmentRule } from '../core/rfm.js';
import { DataError, inBoth, InputFileError, type InputProblem } from '../errors.js';
import type { Texts } from '../i18n.js';

import type { Io } from './context.js';
import { loadYaml, loadZod } from './lazy-require.js';
import { parseYamlGuarded } from './read-yaml.js';

/** A segments file is a few kilobytes; larger ones are refused before parsing. */
export const MAX_SEGMENTS_BYTES = 1_000_000;

const RANGE_TEXT = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/;

/** The schemas of a segments file, built on first use (zod is loaded then, not at start-up). */
function buildSchemas() {
  const { z } = loadZod();
  const rangeSchema = z.union(
    [
      z.number().int(),
      z.string().regex(RANGE_TEXT, 'expected a score range such as 3-5, a single score such as 5, or [3, 5]'),
      z.tuple([z.number().int(), z.number().int()]),
    ],
    { error: 'expected a score range such as 3-5, a single score such as 5, or [3, 5]' },
  );

  const segmentSchema = z.strictObject({
    name: z.string({ error: 'expected a segment name' }).trim().min(1, 'expected a segment name'),
    name_fr: z.string().trim().min(1).optional(),
    recency: rangeSchema,
    frequency: rangeSchema,
    monetary: rangeSchema,
    advice: z.string().optional(),
    advice_fr: z.string().optional(),
  });

  const fileSchema = z.strictObject({
    segments: z
      .array(segmentSchema, { error: 'expected a list of segments under "segments:"' })
      .min(1, 'expected at least one segment'),
  });
  return { rangeSchema, segmentSchema, fileSchema };
}

let builtSchemas: ReturnType<typeof buildSchemas> | undefined;

function schemas(): ReturnType<typeof buildSchemas> {
  return (builtSchemas ??= buildSchemas());
}

function toRange(value: z.infer<ReturnType<typeof buildSchemas>['rangeSchema']>): [number, number] {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value)) return [value[0], value[1]];
  const m = RANGE_TEXT.exec(value) as RegExpExecArray;
  const lo = Number(m[1]);
  return [lo, m[2] === undefined ? lo : Number(m[2])];
}

function positionOf(
  doc: Document,
  lines: LineCounter,
  path: readonly PropertyKey[],
): { line: number; column: number } {
  const { isNode } = loadYaml();
  // The deepest node that exists on the path (a missing key points at its parent).
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as (string | number)[], true);
    if (isNode(node) && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

/**
 * Parses and validates a segments file (YAML): every problem with its line and column, collected
 * before failing; score ranges must lie within 1..`bins` with min <= max. Names in French fall back
 * to the English name. Throws DataError (65).
 */
export function parseSegmentsYaml(
  text: string,
  file: string,
  bins: { recency: number; frequency: number; monetary: number },
): SegmentRule[] {
  const { doc, lineCounter: lines } = parseYamlGuarded(text, file, { uniqueKeys: true });
  const problems: InputProblem[] = [];
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    const detail = error.message.split('\n')[0];
    problems.push({
      file,
      line,
      column: col,
      ...inBoth({ en: `not valid YAML: ${detail}`, fr: `YAML invalide : ${detail}` }),
    });
  }
  if (problems.length > 0)
    throw new DataError(problems, {
      en: `${file}: the segments file cannot be read.`,
      fr: `${file} : le fichier de segments ne peut pas être lu.`,
    });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    const detail = (error as Error).message;
    throw new DataError([
      { file, ...inBoth({ en: `not usable YAML: ${detail}`, fr: `YAML inutilisable : ${detail}` }) },
    ]);
  }
  const { fileSchema, segmentSchema } = schemas();
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const known = issue.path.length === 0 ? ['segments'] : Object.keys(segmentSchema.shape);
        for (const key of issue.keys) {
          const at = [...issue.path, key];
          problems.push({
            file,
            ...positionOf(doc, lines, at),
            ...inBoth({
              en: `${at.join('.')}: unknown key "${key}"; expected ${known.join(', ')}.`,
              fr: `${at.join('.')} : clé « ${key} » inconnue ; attendu : ${known.join(', ')}.`,
            }),
          });
        }
        continue;
      }
      const where = issue.path.length > 0 ? issue.path.join('.') + ': ' : '';
      problems.push({ file, ...positionOf(doc, lines, issue.path), message: `${where}${issue.message}` });
    }
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new DataError(problems, notValid(file));
  }
  const rules: SegmentRule[] = parsed.data.segments.map((s, i) => {
    const rule: SegmentRule = {
      name: { en: s.name, fr: s.name_fr ?? s.name },
      recency: toRange(s.recency),
      frequency: toRange(s.frequency),
      monetary: toRange(s.monetary),
    };
    if (s.advice !== undefined || s.advice_fr !== undefined) {
      const en = s.advice ?? s.advice_fr ?? '';
      rule.advice = { en, fr: s.advice_fr ?? en };
    }
    for (const metric of ['recency', 'frequency', 'monetary'] as const) {
      const [lo, hi] = rule[metric];
      const n = bins[metric];
      if (lo < 1 || hi > n || lo > hi) {
        problems.push({
          file,
          ...positionOf(doc, lines, ['segments', i, metric]),
          ...inBoth({
            en: `segments.${i}.${metric}: ${lo}-${hi} is not a range of scores; expected min-max with 1 <= min <= max <= ${n}.`,
            fr: `segments.${i}.${metric} : ${lo}-${hi} n’est pas une plage de scores ; attendu : min-max avec 1 <= min <= max <= ${n}.`,
          }),
        });
      }
    }
    return rule;
  });
  if (problems.length > 0) throw new DataError(problems, notValid(file));
  return rules;
}

/** Reads a segments file (InputFileError 66 when missing or too large) and parses it. */
export function readSegmentsFile(
  path: string,
  io: Io,
  bins: { recency: number; frequency: number; monetary: number },
): SegmentRule[] {
  let text: string;
  try {
    const buffer = readFileSync(resolve(io.cwd, path));
    if (buffer.length > MAX_SEGMENTS_BYTES)
      throw new InputFileError({
        en: `${path}: ${buffer.length} bytes is too large for a segments file; expected under 1 MB.`,
        fr: `${path} : ${buffer.length} octets, c’est trop pour un fichier de segments ; attendu : moins de 1 Mo.`,
      });
    text = buffer.toString('utf8').replace(/^\ufeff/, '');
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputFileError({
      en: `${path}: cannot read the segments file (${reason}); check the path.`,
      fr: `${path} : lecture du fichier de segments impossible (${reason}) ; vérifiez le chemin.`,
    });
  }
  return parseSegmentsYaml(text, path, bins);
}

/** The lead line of a segments file's problems. */
function notValid(file: string): Texts {
  return {
    en: `${file}: the segments file is not valid.`,
    fr: `${file} : le fichier de segments n’est pas valide.`,
  };
}
