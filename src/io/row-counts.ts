/**
 * Row accounting in the JSON of every command that reads CSV files (docs/numbers.md): each
 * reader's `finish` records its counts in the run's context, and the JSON output carries them:
 *
 * - `rows`: `{ read, used, rejected, skipped }` of the command's main file (the first one read),
 *   as `segment` and `inspect` had it already;
 * - `inputs`: one `{ file, kind, read, used, rejected, skipped }` per file read, in the order read,
 *   with `warnings` (the reader's notes: an encoding guess, a header written twice) when it has some;
 * - `warnings`: those of every input together, when there are some.
 *
 * `read = used + rejected + skipped + filtered` always (skipped: report footers and blank rows, see
 * report-footers.ts; filtered: rows left out by `--where`/`--from`/`--to` (where-filter.ts) or set
 * aside by the command, present in `rows` and `inputs` when the file is filtered).
 */
import type { Context } from './context.js';

/** What kind of file an input is, for people and scripts reading `inputs`. */
export type InputKind =
  'clients' | 'orders' | 'deals' | 'activities' | 'actuals' | 'leads' | 'projects' | 'table';

export interface RowCounts {
  read: number;
  used: number;
  rejected: number;
  /** Report footers and blank rows (report-footers.ts): read = used + rejected + skipped. */
  skipped: number;
}

export interface InputRows extends RowCounts {
  /** The file as named in messages (`<stdin>` for `-`). */
  file: string;
  kind: InputKind;
  /**
   * Valid rows left out on purpose: by `--where`/`--from`/`--to` (present whenever the file is
   * filtered, 0 included) and by the command (`TableReader.setAside`: dated outside the period of
   * `track`; present when some were). Then `read = used + rejected + skipped + filtered`.
   */
  filtered?: number;
  /** What the reader guessed or noticed (an encoding guess, a header written twice), in the
   * run's language, as stderr says it; absent when none. */
  warnings?: string[];
}

/** Records the counts of one input read to the end (called by the reader's `finish`). */
export function recordInputRows(ctx: Context, input: InputRows): void {
  (ctx.inputs ??= []).push({ ...input });
}

/**
 * The JSON document with `rows` (when it has none of its own) and `inputs` added, when the run
 * read CSV files; otherwise the document as it is.
 */
export function addRowCounts(json: unknown, ctx: Context): unknown {
  const inputs = ctx.inputs;
  if (inputs === undefined || inputs.length === 0) return json;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const main = inputs[0] as InputRows;
  const out: Record<string, unknown> = { ...(json as Record<string, unknown>) };
  if (!('rows' in out))
    out.rows = {
      read: main.read,
      used: main.used,
      rejected: main.rejected,
      skipped: main.skipped,
      ...(main.filtered === undefined ? {} : { filtered: main.filtered }),
    };
  out.inputs = inputs.map((i) => ({ ...i }));
  // The readers' warnings, all inputs together (each input's are in its `warnings` too).
  // As the run's other warnings are: `{ code, message }`, after those already in the document.
  const warnings = inputs.flatMap((i) => (i.warnings ?? []).map((message) => ({ code: 'input', message })));
  if (warnings.length > 0) {
    const existing = Array.isArray(out.warnings) ? (out.warnings as unknown[]) : [];
    out.warnings = [...existing, ...warnings];
  }
  return out;
}
