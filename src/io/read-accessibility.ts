import { computeAccessibilityRate } from '../core/score/compute.js';
import type { Maturity } from '../core/score/grid.js';
import { DataError } from '../errors.js';
import type { Context } from './context.js';
import { openInput } from './open-input.js';
import type { ReadOptions } from './read-table.js';

export interface MeasuredAccessibility {
  /** Actives / all rows with a maturity (a fraction). */
  rate: number;
  active: number;
  total: number;
  /** The file as named in messages. */
  source: string;
}

/**
 * The accessibility rate measured from a graded file (the CSV that `prospect score --format csv`
 * writes, or any file with a maturity column: active / latent / arid, in English or French):
 * actives / all prospects with a maturity (seed 001); with a status column, prospects and leads
 * only, as `score` and `segment` count. For `plan --accessibility-from FILE`.
 *
 * Throws DataError (65) when the file has no maturity column or no row with a maturity, or when
 * no prospect is active (a rate of 0 cannot plan anything); InputFileError (66) when unreadable.
 */
export async function readAccessibilityFrom(
  path: string,
  options: ReadOptions,
  ctx: Context,
): Promise<MeasuredAccessibility> {
  const { table: reader } = await openInput(ctx, {
    kind: 'table',
    file: path,
    fields: {
      required: [{ field: 'maturity', type: 'maturity', required: true }],
      wanted: [{ field: 'status', type: 'status' }],
    },
    options,
  });
  const maturities: (Maturity | null)[] = [];
  const hasStatus = reader.fieldColumns.has('status');
  try {
    await reader.forEachRow((row) => {
      // With a status column, only prospects and leads count (a client is not a prospect).
      const status = row.values.status;
      if (hasStatus && status !== 'prospect' && status !== 'lead') return;
      const m = row.values.maturity;
      maturities.push(m === 'active' || m === 'latent' || m === 'arid' ? m : null);
    });
    reader.finish(ctx);
  } catch (error) {
    reader.discard();
    throw error;
  }
  const rate = computeAccessibilityRate(maturities);
  const total = maturities.filter((m) => m !== null).length;
  const active = maturities.filter((m) => m === 'active').length;
  if (rate === undefined || active === 0) {
    throw new DataError([
      {
        file: reader.name,
        message:
          rate === undefined
            ? 'no row has a maturity (active, latent or arid); score the file with a grid that maps grades to maturity.'
            : `no prospect is active among ${total}; an accessibility rate of 0 plans nothing. Check the grid's thresholds or give --accessibility.`,
      },
    ]);
  }
  return { rate, active, total, source: reader.name };
}
