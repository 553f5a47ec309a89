import { describe, expect, it } from 'vitest';
import { flagName, parseSettings, parseWeights } from './parse-settings.js';

const ONES = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const with_ = (changes: Record<number, number>): number[] => ONES.map((w, i) => changes[i + 1] ?? w);

describe('parseWeights', () => {
  it.each([
    ['aug=0.5', with_({ 8: 0.5 })],
    ['aug=0.5,dec=0.8', with_({ 8: 0.5, 12: 0.8 })],
    ['Août=0.5', with_({ 8: 0.5 })],
    ['août=0,5;déc=0,8', with_({ 8: 0.5, 12: 0.8 })],
    ['aout=0,5', with_({ 8: 0.5 })],
    ['8=0 12=2', with_({ 8: 0, 12: 2 })],
    ['1,1,1,1,1,1,1,0.5,1,1,1,0.8', with_({ 8: 0.5, 12: 0.8 })],
    ['1;1;1;1;1;1;1;0,5;1;1;1;0,8', with_({ 8: 0.5, 12: 0.8 })],
  ])('%j', (text, expected) => expect(parseWeights('--weights', text)).toEqual(expected));

  it('YAML shapes: a mapping and a list', () => {
    expect(parseWeights('weights', { aug: 0.5, dec: '0.8' })).toEqual(with_({ 8: 0.5, 12: 0.8 }));
    expect(parseWeights('weights', [1, 1, 1, 1, 1, 1, 1, 0.5, 1, 1, 1, 1])).toEqual(with_({ 8: 0.5 }));
  });

  it.each([
    ['foo=1', '--weights: "foo" is not a month;'],
    ['13=1', '--weights: "13" is not a month;'],
    ['aug=x', '--weights: "x" is not a number;'],
    ['aug=101', '--weights: weight "101" is out of range; expected 0 to 100 (1 = a normal month).'],
    ['1,2,3', '--weights: "1,2,3" is not a list of weights;'],
    ['', '--weights: "" is not a list of weights;'],
  ])('%j is refused', (text, message) => {
    expect(() => parseWeights('--weights', text)).toThrow(message);
  });

  it('a list of 11 in YAML is refused', () => {
    expect(() => parseWeights('weights', ONES.slice(1))).toThrow('weights: 11 weights given');
  });
});

describe('parseSettings', () => {
  it('collects every problem, each named as the caller names the key', () => {
    const { problems } = parseSettings({ objective: '0', accessibility: '200', reps: 'x' }, flagName);
    expect(problems.map((p) => p.message)).toEqual([
      '--objective: "0" must be above zero; expected an amount in euros, such as 60000.',
      '--accessibility: "200" is out of range; expected a rate above 0 and at most 100% (6, 6% or 0.06).',
      '--reps: "x" is not a number; expected a number of sales reps, such as 2.',
    ]);
  });

  // --win-rate 25 % = 1 / 0.25 = 4 proposals per deal; "20 000" in French notation.
  it('turns a win rate into proposals per deal, and reads French numbers', () => {
    const { values, problems } = parseSettings(
      { winRate: '25%', avgDeal: '20 000', accessibility: 0.06 },
      flagName,
    );
    expect(problems).toEqual([]);
    expect(values).toEqual({ proposalsPerDeal: 4, avgDeal: 20000, accessibility: 0.06 });
  });

  it('names flags in kebab-case', () => {
    expect(flagName('hoursPerWeek')).toBe('--hours-per-week');
    expect(flagName('objective')).toBe('--objective');
  });
});
