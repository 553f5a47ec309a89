import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/**
 * PROSPECT_TODAY=YYYY-MM-DD fixes "today" (read in one place, src/main.ts), so that the docs'
 * examples and scripts can be replayed on any day. The machine's clock in these runs is
 * 2026-11-23 (runCli's default); expected dates worked by hand.
 */
describe('PROSPECT_TODAY', () => {
  it('is the analysis date of rfm when --as-of is not given', async () => {
    const { code, stdout } = await runCli(['rfm', 'fixtures/rfm-orders.csv', '--format', 'json'], {
      env: { PROSPECT_TODAY: '2026-07-31' },
    });
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { asOf: string; asOfSource: string };
    expect([json.asOf, json.asOfSource]).toEqual(['2026-07-31', 'today']);
  });

  it('dates the init template: the period starts on the first day of the next month', async () => {
    const { stdout } = await runCli(['init', 'objectives', '-'], { env: { PROSPECT_TODAY: '2025-02-03' } });
    expect(stdout).toMatch(/^ {2}from: 2025-03-01 /m);
  });

  it('without it, the clock gives today', async () => {
    const { stdout } = await runCli(['rfm', 'fixtures/rfm-orders.csv', '--format', 'json'], { env: {} });
    expect((JSON.parse(stdout) as { asOf: string }).asOf).toBe('2026-11-23');
  });

  it.each([['2026-02-30'], ['31/03/2026'], ['today']])(
    '%s is a usage error naming the variable',
    async (value) => {
      const { code, stdout, stderr } = await runCli(['plan', '--objective', '60000'], {
        env: { PROSPECT_TODAY: value },
      });
      expect(code).toBe(64);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `prospect: PROSPECT_TODAY: "${value}" is not a date; expected YYYY-MM-DD such as 2026-03-31; fix it or unset it.\n`,
      );
    },
  );

  it('says so in French with --lang fr', async () => {
    const { stderr } = await runCli(['plan', '--objective', '60000', '--lang', 'fr'], {
      env: { PROSPECT_TODAY: 'x' },
    });
    expect(stderr).toContain("PROSPECT_TODAY : « x » n'est pas une date ; attendu AAAA-MM-JJ");
  });
});
