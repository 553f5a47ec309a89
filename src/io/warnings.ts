import { tr, type Texts } from '../i18n.js';
import type { Context } from './context.js';

/** A warning of a run, as the JSON output carries it. */
export interface RunWarning {
  /** Stable, for scripts: `missing-column`, `column-choice`, `footer-skipped`... */
  code: string;
  /** The sentence in the run's language (the same as on stderr, without the `prospect:` prefix). */
  message: string;
}

const WARNINGS = new WeakMap<Context, RunWarning[]>();

/**
 * Says a warning once: one line on stderr (through `ctx.note`, so `--quiet` silences it) and an
 * entry in the run's warnings, which `emitReport` adds to the JSON output as `warnings`.
 */
export function warn(ctx: Context, code: string, texts: Texts): void {
  const message = tr(ctx.lang, texts);
  const list = WARNINGS.get(ctx) ?? [];
  if (list.some((w) => w.code === code && w.message === message)) return;
  list.push({ code, message });
  WARNINGS.set(ctx, list);
  ctx.note(`${tr(ctx.lang, { en: 'prospect: warning: ', fr: 'prospect : attention : ' })}${message}`);
}

/** The warnings said so far in this run, in order. */
export function runWarnings(ctx: Context): readonly RunWarning[] {
  return WARNINGS.get(ctx) ?? [];
}

/** A report's JSON with the run's warnings added as `warnings` (unchanged when there are none). */
export function withWarnings(json: unknown, ctx: Context): unknown {
  const list = runWarnings(ctx);
  if (list.length === 0 || json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const existing = (json as { warnings?: unknown }).warnings;
  const merged = Array.isArray(existing) ? [...(existing as unknown[]), ...list] : list;
  return { ...(json as Record<string, unknown>), warnings: merged };
}

/** Adds a warning to the JSON output only (its line on stderr was written another way). */
export function recordWarning(ctx: Context, code: string, texts: Texts): void {
  const message = tr(ctx.lang, texts);
  const list = WARNINGS.get(ctx) ?? [];
  if (list.some((w) => w.code === code && w.message === message)) return;
  list.push({ code, message });
  WARNINGS.set(ctx, list);
}
