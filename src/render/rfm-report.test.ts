import { describe, expect, it } from 'vitest';
import type { RfmScoredClient } from '../core/rfm.js';
import { selectBest } from './rfm-report.js';

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
