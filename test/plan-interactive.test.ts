import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      'name',
      'from',
      'to',
      'reps',
      'hoursPerWeek',
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
      name: '',
      from: '2026-11-23',
      to: '',
      reps: '1',
      hoursPerWeek: '10',
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
    // named as the question is: the setting's key is internal
    expect(stderr).toBe(
      'Revenue objective (euros): "abc" is not a number; expected an amount in euros, such as 60000.\n',
    );
    expect(JSON.parse(stdout).deals).toBe(3);
  });

  it('gives up after three bad answers: exit 64', async () => {
    const { prompt } = scripted({ accessibility: ['0', '200', 'x'] });
    const { code, stderr } = await runCli(['plan', '-i'], { prompt });
    expect(code).toBe(64);
    expect(stderr).toContain('prospect: Accessibility rate (%): "x" is not a number');
    expect(stderr).toContain('(after 3 tries)');
  });

  it('plan with no objective on a terminal asks', async () => {
    const { prompt, asked } = scripted({ objective: ['40000'] });
    const { code, stdout } = await runCli(['plan', '--format', 'json'], { prompt, tty: true });
    expect(code).toBe(0);
    expect(asked.length).toBe(13);
    expect(JSON.parse(stdout).deals).toBe(2);
  });

  it('--interactive without a terminal: exit 64', async () => {
    const { code, stderr } = await runCli(['plan', '--interactive']);
    expect(code).toBe(64);
    expect(stderr).toBe(
      'prospect: --interactive needs a terminal to ask on; expected a terminal, or give --objective (and the other flags) instead.\n',
    );
  });

  it('--interactive with --file: exit 64', async () => {
    const { prompt } = scripted({});
    const { code } = await runCli(['plan', '-i', '--file', 'fixtures/objectives.yaml'], { prompt });
    expect(code).toBe(64);
  });
});

describe('prospect plan --interactive: a SMART plan', () => {
  // Name "Q1 Nord", 12 weeks from Monday 2027-01-04: the period ends 2027-01-04 + 84 - 1 =
  // 2027-03-28. 2 reps at 5 h a week. The effort: 90 000 / 20 000 = 4.5 -> 5 deals, 15 proposals,
  // 60 active, 52 to find, / 6 % = 866.67 -> 867 prospects, x 4 = 3 468 contacts, x 2 = 6 936
  // minutes = 115.6 h. Capacity: 2 x 5 h x 12 weeks = 120 h >= 115.6 h: it fits. Every SMART
  // criterion holds: named, amount confirmed, fits, seed parameters, a deadline.
  const answers = {
    objective: ['90000'],
    name: ['Q1 Nord'],
    from: ['2027-01-04'],
    to: ['12'],
    reps: ['2'],
    hoursPerWeek: ['5'],
  };
  it('asks a name, the period in weeks, reps and hours: SMART all yes', async () => {
    const { prompt } = scripted(structuredClone(answers));
    const { code, stdout, stderr } = await runCli(['plan', '-i', '--format', 'json'], { prompt });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ name: 'Q1 Nord', deals: 5, prospectsToContact: 867, hours: 115.6 });
    expect(out.period).toMatchObject({ from: '2027-01-04', to: '2027-03-28' });
    expect(out.capacity).toMatchObject({ reps: 2, hoursPerWeek: 5, fits: true });
    expect(out.smart).toMatchObject({
      specific: true,
      measurable: true,
      achievable: true,
      realistic: true,
      timeBound: true,
    });
  });

  // "6m" is six months: 2027-01-04 + 6 months ends the day before 2027-07-04.
  it('takes months as 6m and a deadline as a date', async () => {
    const months = scripted({ to: ['6m'], from: ['2027-01-04'] });
    const a = await runCli(['plan', '-i', '--format', 'json'], { prompt: months.prompt });
    expect(JSON.parse(a.stdout).period).toMatchObject({ from: '2027-01-04', to: '2027-07-03' });
    const date = scripted({ to: ['2027-02-26'], from: ['2027-01-04'] });
    const b = await runCli(['plan', '-i', '--format', 'json'], { prompt: date.prompt });
    expect(JSON.parse(b.stdout).period).toMatchObject({ to: '2027-02-26' });
  });

  it('shows the flags as defaults for the name, the period and the capacity', async () => {
    const { prompt, asked } = scripted({});
    const { code, stdout } = await runCli(
      [
        'plan',
        '-i',
        '--name',
        'Est',
        '--weeks',
        '8',
        '--reps',
        '3',
        '--hours-per-week',
        '4',
        '--format',
        'json',
      ],
      { prompt },
    );
    expect(code).toBe(0);
    const defaults = Object.fromEntries(asked.map((q) => [q.name, q.default]));
    expect(defaults).toMatchObject({ name: 'Est', to: '8', reps: '3', hoursPerWeek: '4' });
    expect(JSON.parse(stdout).name).toBe('Est');
  });

  it('--save writes an objectives file that plan --file reads back to the same plan', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'prospect-save-'));
    const { prompt } = scripted(structuredClone(answers));
    const asked = await runCli(['plan', '-i', '--save', 'q1.yaml', '--format', 'json'], { prompt, cwd });
    expect(asked.code).toBe(0);
    expect(asked.stderr).toBe('prospect: objective saved to q1.yaml.\n');
    const text = readFileSync(join(cwd, 'q1.yaml'), 'utf8');
    expect(text).toContain('  - name: "Q1 Nord"\n    amount: 90000\n');
    expect(text).toContain('    from: "2027-01-04"\n    weeks: 12\n');
    expect(text).toContain('    reps: 2\n    hoursPerWeek: 5\n');
    // Read back on another day: the same figures, period and capacity.
    const again = await runCli(['plan', '--file', 'q1.yaml', '--format', 'json'], {
      cwd,
      today: '2027-05-01',
    });
    expect(again.code).toBe(0);
    const [o] = JSON.parse(again.stdout).objectives;
    const first = JSON.parse(asked.stdout);
    expect(o.objective).toBe(90000);
    for (const k of ['deals', 'proposals', 'prospectsToContact', 'contacts', 'minutes', 'hours'])
      expect(o[k]).toBe(first[k]);
    expect(o.period).toMatchObject({ from: '2027-01-04', to: '2027-03-28' });
    expect(o.capacity).toMatchObject({ reps: 2, hoursPerWeek: 5 });
    expect(o.checkpoints).toEqual(first.checkpoints);
  });

  it('--save never writes over an input: exit 73, the input kept', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'prospect-save-'));
    writeFileSync(join(cwd, 'params.yaml'), 'parameters: {}\n');
    const before = readFileSync(join(cwd, 'params.yaml'), 'utf8');
    const r = await runCli(
      ['plan', '--objective', '60000', '--params', 'params.yaml', '--save', 'params.yaml'],
      {
        cwd,
      },
    );
    expect(r.code).toBe(73);
    expect(r.stderr).toContain('params.yaml: is an input of this run');
    expect(readFileSync(join(cwd, 'params.yaml'), 'utf8')).toBe(before);
  });
});
