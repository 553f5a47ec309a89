import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import type { PromptFn } from '../src/io/context.js';

/** A prompt that answers from a table by question name ('' = keep the default) and records what was asked. */
function scripted(answers: Record<string, string[]>) {
  const asked: { name: string; message: string; default: string }[] = [];
  const prompt: PromptFn = async (q) => {
    asked.push(q);
    const queue = answers[q.name];
    return queue && queue.length > 0 ? queue.shift()! : '';
  };
  return { prompt, asked };
}

describe('prospect plan --interactive', () => {
  // 90 000 / 20 000 = 4.5 -> 5 deals, x 3 = 15 proposals, x 4 = 60 active, - 8 = 52 to find,
  // / 5 % = 1 040 prospects, x 4 = 4 160 contacts, x 2 = 8 320 minutes = 138.67 -> 138.7 h.
  it('asks each value; answers override, empty answers keep the default', async () => {
    const { prompt, asked } = scripted({ objective: ['90000'], accessibility: ['5%'], to: ['2026-12-31'] });
    const { code, stdout, stderr } = await runCli(['plan', '--interactive', '--format', 'json'], { prompt });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      deals: 5,
      proposals: 15,
      prospectsToContact: 1040,
      contacts: 4160,
      minutes: 8320,
      hours: 138.7,
    });
    expect(out.assumptions.objective).toEqual({ value: 90000, source: 'prompt' });
    expect(out.assumptions.accessibility).toEqual({ value: 0.05, source: 'prompt' });
    expect(out.assumptions.avgDeal).toEqual({ value: 20000, source: 'default' });
    expect(out.period).toMatchObject({ from: '2026-11-23', to: '2026-12-31' });
    expect(asked.map((q) => q.name)).toEqual([
      'objective',
      'avgDeal',
      'proposalsPerDeal',
      'compensationFactor',
      'spontaneous',
      'accessibility',
      'contactsPerProspect',
      'minutesPerContact',
      'from',
      'to',
    ]);
  });

  it('shows each default: the flag if given, else the seed', async () => {
    const { prompt, asked } = scripted({});
    const { code } = await runCli(['plan', '-i', '--avg-deal', '25000', '--format', 'json'], { prompt });
    expect(code).toBe(0);
    const defaults = Object.fromEntries(asked.map((q) => [q.name, q.default]));
    expect(defaults).toMatchObject({
      objective: '60000',
      avgDeal: '25000',
      accessibility: '6%',
      from: '2026-11-23',
      to: '',
    });
    expect(asked[0]!.message).toBe('Revenue objective (euros)');
  });

  it('asks in French with --lang fr', async () => {
    const { prompt, asked } = scripted({});
    await runCli(['plan', '-i', '--lang', 'fr', '--format', 'json'], { prompt });
    expect(asked[0]!.message).toBe("Objectif de chiffre d'affaires (euros)");
  });

  it('asks again after a bad answer, saying why on stderr', async () => {
    const { prompt } = scripted({ objective: ['abc', '60000'] });
    const { code, stdout, stderr } = await runCli(['plan', '-i', '--format', 'json'], { prompt });
    expect(code).toBe(0);
    expect(stderr).toBe('objective: "abc" is not a number; expected an amount in euros, such as 60000.\n');
    expect(JSON.parse(stdout).deals).toBe(3);
  });

  it('gives up after three bad answers: exit 64', async () => {
    const { prompt } = scripted({ accessibility: ['0', '200', 'x'] });
    const { code, stderr } = await runCli(['plan', '-i'], { prompt });
    expect(code).toBe(64);
    expect(stderr).toContain('prospect: accessibility: "x" is not a number');
    expect(stderr).toContain('(after 3 tries)');
  });

  it('plan with no objective on a terminal asks', async () => {
    const { prompt, asked } = scripted({ objective: ['40000'] });
    const { code, stdout } = await runCli(['plan', '--format', 'json'], { prompt, tty: true });
    expect(code).toBe(0);
    expect(asked.length).toBe(10);
    expect(JSON.parse(stdout).deals).toBe(2);
  });

  it('--interactive without a terminal: exit 64', async () => {
    const { code, stderr } = await runCli(['plan', '--interactive']);
    expect(code).toBe(64);
    expect(stderr).toBe(
      'prospect: --interactive needs a terminal to ask on; give --objective (and the other flags) instead.\n',
    );
  });

  it('--interactive with --file: exit 64', async () => {
    const { prompt } = scripted({});
    const { code } = await runCli(['plan', '-i', '--file', 'fixtures/objectives.yaml'], { prompt });
    expect(code).toBe(64);
  });
});
