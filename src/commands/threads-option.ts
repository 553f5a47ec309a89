import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { tr, type Lang } from '../i18n.js';
import type { Context } from '../io/context.js';
import { partSource, type TableReader } from '../io/read-table.js';
import type { TotalsTask } from '../io/parallel/part-totals.js';
import type { SummedPart, ThreadedRead } from '../io/parallel/read-parallel.js';

export type { SummedPart, TotalsTask };

/** `--threads N`: the worker threads that read a big file (docs/threads.md). */
export interface ThreadsFlags {
  threads?: string;
}

/** Up to this size a file is read by one thread unless --threads says otherwise (docs/threads.md);
 * the same as read-parallel.ts, which is loaded only above it. */
const PARALLEL_MIN_BYTES = 100 * 1024 * 1024;

/** Adds `--threads <n>` to a command that reads big order files (rfm, pareto). */
export function addThreadsOption(command: Command, lang: Lang): Command {
  return command.option(
    '--threads <n>',
    tr(lang, {
      en: 'threads that read a big CSV order file: a number (1: one), or auto (the default: the cores for a file over 100 MiB)',
      fr: 'fils d’exécution qui lisent un gros fichier CSV de commandes : un nombre (1 : un seul), ou auto (par défaut : les cœurs pour un fichier de plus de 100 Mio)',
    }),
  );
}

/**
 * The `--threads` flag as a number (1..64), or undefined for `auto` (the default). Throws
 * UsageError (64).
 */
export function parseThreads(flags: ThreadsFlags, lang: Lang): number | undefined {
  if (flags.threads === undefined) return undefined;
  if (flags.threads.trim().toLowerCase() === 'auto') return undefined;
  const n = Number(flags.threads);
  if (!/^\d+$/.test(flags.threads.trim()) || !Number.isInteger(n) || n < 1 || n > 64)
    throw new UsageError(
      tr(lang, {
        en: `--threads: "${flags.threads}" is not a number of threads; expected a whole number from 1 to 64 (1: one thread), or auto.`,
        fr: `--threads : « ${flags.threads} » n’est pas un nombre de fils ; attendu : un nombre entier de 1 à 64 (1 : un seul), ou auto.`,
      }),
    );
  return n;
}

const ONE: ThreadedRead = {
  threads: 1,
  async *parts() {},
};

/**
 * Reads `reader`'s column batches of `fields` with worker threads when `--threads` or the file's
 * size says so (src/io/parallel, loaded only then); returns the threads that will read it (1: the
 * usual read). Call it just before `reader.columnBatches(fields)`. With a `task`, each worker sums
 * its part's orders per client itself (part-totals.ts): `columnBatches` then gives the main
 * thread's part only, and `parts()`, after it, the other parts' totals in file order;
 * `lateReason` writes the reason of a row dated after the analysis date (rfm).
 */
export async function readWithThreads(
  reader: TableReader,
  fields: readonly string[],
  flags: ThreadsFlags,
  ctx: Context,
  task?: TotalsTask,
  lateReason?: (day: number) => string,
): Promise<ThreadedRead> {
  const flag = parseThreads(flags, ctx.lang);
  if (flag === 1) return ONE;
  // `auto` only where the workers sum their parts: the batches sent row by row cost more than
  // they save (docs/threads.md).
  if (flag === undefined && task === undefined) return ONE;
  const source = partSource(reader);
  if (source === undefined || !source.fits(fields)) {
    if (flag !== undefined && flag > 1)
      ctx.note(
        tr(ctx.lang, {
          en: `prospect: ${reader.name} is read by one thread: --threads applies to a CSV file on disk, in UTF-8, without --where, --from or --to.`,
          fr: `prospect : ${reader.name} est lu par un seul fil : --threads s’applique à un fichier CSV sur disque, en UTF-8, sans --where, --from ni --to.`,
        }),
      );
    return ONE;
  }
  const min = Number(ctx.io.env.PROSPECT_TEST_THREADS_MIN_BYTES ?? PARALLEL_MIN_BYTES);
  if (flag === undefined && (source.size ?? 0) <= min) return ONE;
  const { readInParts } = await import('../io/parallel/read-parallel.js');
  return readInParts(reader, fields, flag, ctx.io.env, task, lateReason);
}
