/**
 * Per-client totals of one part of an order file, made where the part is read (a worker thread,
 * docs/threads.md): the part's orders summed per client with the command's own rules, so that
 * only the totals of its clients cross to the main thread (O(clients), not O(orders)), which adds
 * them to the totals of the parts before, in file order. The rules are those of `addOrderBatch`
 * in commands/rfm.ts and commands/pareto.ts for an order file without an outcome column, a call
 * list, --maturity or --effort (those are read by one thread or sent row by row); a row is
 * rejected with the same reason and column, in the same order.
 */
import { createValueTotals } from '../../core/pareto.js';
import { createRfmTotals } from '../../core/rfm.js';
import type { TableReader } from '../read-table.js';

/** What a part's reader sums, and how it rejects a row (the reasons as the command writes them). */
export type TotalsTask =
  | {
      kind: 'rfm';
      id: string;
      day: string;
      amount: string;
      asOfDay: number;
      creditNotes: 'as-credit' | 'as-orders';
      noId: string;
      noDate: string;
      noAmount: string;
      idColumn: number;
      dayColumn: number;
      amountColumn: number;
    }
  | {
      kind: 'pareto';
      id: string;
      value: string;
      creditNotes: 'as-credit' | 'as-orders';
      noId: string;
      noValue: string;
      idColumn: number;
      valueColumn: number;
    };

/**
 * A row dated after the analysis date: its reason is the command's (`lateReason(day)`), written
 * on the main thread; the worker's rejection carries this prefix and the day.
 */
export const LATE_REASON = '\u0000late ';

/** The totals of a part's clients, in the order of their first line there. */
export interface PartTotals {
  /** The clients' ids as UTF-8 bytes and the end of each. */
  ids: { bytes: Uint8Array; ends: Int32Array };
  cents: Float64Array;
  /** rfm: the last purchase day and the purchases of each client. */
  lastDays: Int32Array | undefined;
  purchases: Int32Array | undefined;
  /** pareto: the orders of each client. */
  orders: Int32Array | undefined;
  creditNotes: number;
  /** Rows summed (credit notes included) and rows dated after the analysis date (rfm). */
  used: number;
  afterAsOf: number;
}

/** Sums the part's orders read by `reader` (`fields`: the command's, in its order). */
export async function sumPart(
  reader: TableReader,
  fields: readonly string[],
  task: TotalsTask,
): Promise<{ totals: PartTotals; transfer: ArrayBuffer[] }> {
  let used = 0;
  let afterAsOf = 0;
  let exported: { clients: Int32Array; cents: Float64Array };
  let lastDays: Int32Array | undefined;
  let purchases: Int32Array | undefined;
  let orders: Int32Array | undefined;
  let creditNotes: number;
  if (task.kind === 'rfm') {
    const totals = createRfmTotals(task.creditNotes);
    const asOfDay = task.asOfDay;
    for await (const batch of reader.columnBatches(fields)) {
      const ids = batch.keys(task.id);
      const days = batch.numbers(task.day);
      const amounts = batch.numbers(task.amount);
      let usable = true;
      for (let i = 0; i < batch.length && usable; i++) {
        const day = days[i] as number;
        usable = (ids[i] as number) >= 0 && day <= asOfDay && amounts[i] === amounts[i];
      }
      if (usable) {
        totals.addMany(ids, days, amounts, batch.length);
        used += batch.length;
        continue;
      }
      for (let i = 0; i < batch.length; i++) {
        const id = ids[i] as number;
        const day = days[i] as number;
        const amount = amounts[i] as number;
        if (id < 0) reader.rejectRow(batch, i, task.noId, task.idColumn);
        else if (Number.isNaN(day)) reader.rejectRow(batch, i, task.noDate, task.dayColumn);
        else if (Number.isNaN(amount)) reader.rejectRow(batch, i, task.noAmount, task.amountColumn);
        else if (day > asOfDay) {
          afterAsOf++;
          reader.rejectRow(batch, i, `${LATE_REASON}${day}`, task.dayColumn);
        } else {
          totals.add(id, day, amount);
          used++;
        }
      }
    }
    const e = totals.exportTotals();
    exported = e;
    lastDays = e.lastDays;
    purchases = e.purchases;
    creditNotes = totals.creditNotes();
  } else {
    const totals = createValueTotals(task.creditNotes);
    for await (const batch of reader.columnBatches(fields)) {
      const ids = batch.keys(task.id);
      const values = batch.numbers(task.value);
      let usable = true;
      for (let i = 0; i < batch.length && usable; i++)
        usable = (ids[i] as number) >= 0 && values[i] === values[i];
      if (usable) {
        totals.addMany(ids, values, batch.length);
        used += batch.length;
        continue;
      }
      for (let i = 0; i < batch.length; i++) {
        const id = ids[i] as number;
        if (id < 0) reader.rejectRow(batch, i, task.noId, task.idColumn);
        else if (Number.isNaN(values[i] as number))
          reader.rejectRow(batch, i, task.noValue, task.valueColumn);
        else {
          totals.add(id, values[i] as number);
          used++;
        }
      }
    }
    const e = totals.exportTotals();
    exported = e;
    orders = e.orders;
    creditNotes = totals.creditNotes();
  }
  // The ids of the part's clients, in their order, as UTF-8.
  const texts = reader.keyTexts(task.id);
  const clients = exported.clients;
  const ends = new Int32Array(clients.length);
  let size = 0;
  for (let i = 0; i < clients.length; i++)
    ends[i] = size += Buffer.byteLength(texts[clients[i] as number] as string);
  const blob = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (let i = 0; i < clients.length; i++) at += blob.write(texts[clients[i] as number] as string, at);
  const arrays = [exported.cents, lastDays, purchases, orders].filter((a) => a !== undefined);
  return {
    totals: {
      ids: { bytes: new Uint8Array(blob.buffer, 0, size), ends },
      cents: exported.cents,
      lastDays,
      purchases,
      orders,
      creditNotes,
      used,
      afterAsOf,
    },
    transfer: [
      blob.buffer as ArrayBuffer,
      ends.buffer as ArrayBuffer,
      ...arrays.map((a) => a.buffer as ArrayBuffer),
    ],
  };
}
