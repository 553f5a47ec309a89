import { describe, expect, it } from 'vitest';
import { computeRfm, DEFAULT_SEGMENTS, type RfmScoredClient } from '../core/rfm.js';
import { buildRfmReport, formatDayNumber, selectBest } from './rfm-report.js';

function client(clientId: string, rfmScore: number, amount: number): RfmScoredClient {
  return {
    clientId,
    recencyDays: 0,
    transactionCount: 1,
    amount,
    recencyScore: 1,
    frequencyScore: 1,
    monetaryScore: 1,
    rfmScore,
    segment: -1,
  };
}

describe('selectBest: RFM score, then amount, then id', () => {
  const four = [client('a', 555, 100), client('c', 444, 999), client('d', 555, 200), client('b', 555, 200)];

  it.each([
    [1, 'b'],
    [2, 'b d'],
    [3, 'b d a'],
    [4, 'b d a c'],
    [10, 'b d a c'],
  ])('limit %i -> %s', (limit, expected) => {
    expect(
      selectBest(four, limit)
        .map((c) => c.clientId)
        .join(' '),
    ).toBe(expected);
  });

  // 600 clients of equal score, amount i for C000..C599: the best are the largest amounts first.
  const many = Array.from({ length: 600 }, (_, i) => client(`C${String(i).padStart(3, '0')}`, 111, i));
  it.each([20, 256, 257, 300, 599])('limit %i of 600: amounts 599 down', (limit) => {
    const best = selectBest(many, limit);
    expect(best).toHaveLength(limit);
    expect(best.map((c) => c.amount)).toEqual(Array.from({ length: limit }, (_, k) => 599 - k));
  });
});

describe('the report reads the result as columns', () => {
  // Differential: the table and CSV are made from the result's columns and scores; the reference
  // is the scored client objects (result.clients) and selectBest over them, worked independently.
  it('lists the same clients, in the same order, as the objects give (property)', async () => {
    const fc = (await import('fast-check')).default;
    const clientArb = fc.record({
      clientId: fc.constantFrom('A', 'B', 'C', 'D', 'a', 'b', 'Z9'),
      recencyDays: fc.integer({ min: 0, max: 40 }),
      transactionCount: fc.integer({ min: 1, max: 6 }),
      amount: fc.integer({ min: -5, max: 20 }).map((c) => c * 2.5),
      lastOrderDay: fc.option(fc.integer({ min: 20000, max: 20400 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(clientArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 45 }),
        (raw, rows) => {
          const clients = raw.map((c) => {
            const { lastOrderDay, ...rest } = c;
            return lastOrderDay === undefined ? rest : { ...rest, lastOrderDay };
          });
          const q5 = { kind: 'quantile', bins: 5 } as const;
          const result = computeRfm(clients, {
            recency: q5,
            frequency: q5,
            monetary: q5,
            segments: DEFAULT_SEGMENTS,
          });
          const report = buildRfmReport({
            result,
            asOf: '2026-06-30',
            asOfSource: 'flag',
            source: { file: 'o.csv', shape: 'orders', orders: 1 },
            segments: DEFAULT_SEGMENTS,
            segmentsSource: 'default',
            chart: false,
            rows,
            lang: 'en',
          });
          const table = report.blocks.filter((b) => b.kind === 'table').at(-1);
          const limit = rows > 0 ? Math.min(rows, clients.length) : clients.length;
          const best = selectBest(result.clients, limit);
          expect(table?.kind === 'table' ? table.rows.map((r) => [r.clientId, r.amount, r.rfm]) : []).toEqual(
            best.map((c) => [c.clientId, c.amount, String(c.rfmScore)]),
          );
          const csv = [...report.csv.rows].map((r) => r.slice(0, 9));
          expect(csv).toEqual(
            result.clients.map((c) => [
              c.clientId,
              c.lastOrderDay === undefined ? null : formatDayNumber(c.lastOrderDay),
              c.recencyDays,
              c.transactionCount,
              c.amount,
              c.recencyScore,
              c.frequencyScore,
              c.monetaryScore,
              c.rfmScore,
            ]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
