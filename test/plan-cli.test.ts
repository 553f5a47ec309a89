import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

describe('prospect plan', () => {
  it('--objective 60000 --format json gives the seed plan rounded up', async () => {
    const { code, stdout } = await runCli(['plan', '--objective', '60000', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      schemaVersion: 1,
      deals: 3,
      proposals: 9,
      activeProspectsNeeded: 36,
      activeProspectsToFind: 28,
      prospectsToContact: 467,
      contacts: 1868,
      minutes: 3736,
    });
    expect(json.assumptions.objective).toEqual({ value: 60000, source: 'flag' });
    expect(json.assumptions.avgDeal).toEqual({ value: 20000, source: 'default' });
  });

  it('--rounding down reproduces the seed: 466, 1864, 3728', async () => {
    const { stdout } = await runCli([
      'plan',
      '--objective',
      '60000',
      '--rounding',
      'down',
      '--format',
      'json',
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ prospectsToContact: 466, contacts: 1864, minutes: 3728 });
  });

  it.each(['6', '6%', '0.06', '6 %'])('--accessibility %s means 6 %%', async (rate) => {
    const { stdout } = await runCli([
      'plan',
      '--objective',
      '60000',
      '--accessibility',
      rate,
      '--format',
      'json',
    ]);
    expect(JSON.parse(stdout).assumptions.accessibility.value).toBeCloseTo(0.06, 10);
  });

  it.each([
    [['--objective', '0'], '--objective: "0" must be above zero'],
    [['--objective', '-5'], '--objective: "-5" must be above zero'],
    [['--objective', 'abc'], '--objective: "abc" is not a number'],
    [['--objective', 'NaN'], '--objective: "NaN" is not a number'],
    [['--objective', 'Infinity'], '--objective: "Infinity" is not a number'],
    [['--objective', '60000', '--accessibility', '0'], '--accessibility: "0" is out of range'],
    [['--objective', '60000', '--accessibility', '101'], '--accessibility: "101" is out of range'],
  ])('bad input %j is a usage error', async (args, message) => {
    const { code, stderr, stdout } = await runCli(['plan', ...args]);
    expect(code).toBe(64);
    expect(stderr).toContain(`prospect: ${message}`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  it('the French table shows the formula with French numbers', async () => {
    const { stdout } = await runCli(['plan', '--objective', '60000', '--lang', 'fr']);
    expect(stdout).toContain('28 / 6 % = 466,7 -> 467');
    expect(stdout).toContain('1 868');
  });

  it('the English table shows the formula with English numbers', async () => {
    const { stdout } = await runCli(['plan', '--objective', '60000'], { env: { LANG: 'C' } });
    expect(stdout).toContain('28 / 6% = 466.7 -> 467');
    expect(stdout).toContain('1,868');
  });
});
