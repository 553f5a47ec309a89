import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

describe('prospect plan: values that look odd but are fine', () => {
  // An average deal above the objective: 10 000 / 20 000 = 0.5 -> 1 deal, 3 proposals, 12 active,
  // 12 - 8 = 4 to find, 4 / 6 % = 66.7 -> 67 prospects, 268 contacts, 536 minutes = 8.93 -> 9 h.
  it('an average deal above the objective plans one deal', async () => {
    const { code, stdout } = await runCli([
      'plan',
      '--objective',
      '10000',
      '--avg-deal',
      '20000',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      deals: 1,
      proposals: 3,
      prospectsToContact: 67,
      contacts: 268,
      minutes: 536,
      hours: 9,
    });
  });

  // 36 active prospects needed, 40 spontaneous: nobody to contact, said in words.
  it('spontaneous prospects that cover the need: zero to contact, in words', async () => {
    const { code, stdout } = await runCli(['plan', '--objective', '60000', '--spontaneous', '40']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Spontaneous prospects cover the whole need: no prospect needs to be contacted.',
    );
    const fr = await runCli(['plan', '--objective', '60000', '--spontaneous', '40', '--lang', 'fr']);
    expect(fr.stdout).toContain(
      'Les prospects spontanés couvrent tout le besoin : aucun prospect à contacter.',
    );
  });

  // --win-rate 25 % = 4 proposals per deal: 3 x 4 = 12 proposals.
  it('--win-rate 25% means 4 proposals per deal', async () => {
    const { stdout } = await runCli([
      'plan',
      '--objective',
      '60000',
      '--win-rate',
      '25%',
      '--format',
      'json',
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ proposals: 12 });
  });
});

describe('prospect plan: bad flags are usage errors (64) with a clear message', () => {
  it.each([
    [['--objective', ''], '--objective: "" is not a number'],
    [['--objective', '1e999'], '--objective: "1e999" is not a number'],
    [['--objective', '-Infinity'], '--objective: "-Infinity" is not a number'],
    [['--objective', '60000', '--avg-deal', '0'], '--avg-deal: "0" must be above zero'],
    [['--objective', '60000', '--minutes-per-contact', '0'], '--minutes-per-contact: "0" must be above zero'],
    [
      ['--objective', '60000', '--contacts-per-prospect', '-1'],
      '--contacts-per-prospect: "-1" must be above zero',
    ],
    [['--objective', '60000', '--spontaneous', '-1'], '--spontaneous: "-1" must be zero or more'],
    [['--objective', '60000', '--win-rate', '0'], '--win-rate: "0" is out of range'],
    [['--objective', '60000', '--win-rate', '150'], '--win-rate: "150" is out of range'],
    [
      ['--objective', '60000', '--proposals-per-deal', '0.5'],
      '--proposals-per-deal: a deal takes at least one proposal',
    ],
    [
      ['--objective', '60000', '--proposals-per-deal', '3', '--win-rate', '33'],
      'say the same thing; give one of them.',
    ],
    [['--objective', '60000', '--accessibility', '-6'], '--accessibility: "-6" is out of range'],
    [
      ['--objective', '60000', '--accessibility-range', '10-4'],
      '--accessibility-range: "10-4" has its minimum above its maximum',
    ],
    [['--objective', '60000', '--rounding', 'nearest'], '--rounding: "nearest" is not a mode'],
    [
      ['--objective', '60000', '--bogus'],
      'unknown option --bogus; expected one of the options of prospect plan',
    ],
  ])('%j', async (args, message) => {
    const { code, stderr, stdout } = await runCli(['plan', ...args]);
    expect(stderr).toContain(message);
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the built binary: exit codes', () => {
  const bin = resolve(import.meta.dirname, '../bin/prospect.js');
  const run = (args: string[], cwd = process.cwd()) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C' },
    });

  it.each([
    [['plan', '--objective', '60000', '--format', 'json'], 0],
    [['plan'], 64],
    [['plan', '--objective', 'x'], 64],
    [['plan', '--file', 'missing.yaml'], 66],
  ])('%j exits %i', (args, code) => {
    const r = run(args, mkdtempSync(join(tmpdir(), 'prospect-bin-')));
    expect(r.status).toBe(code);
    if (code !== 0) expect(r.stderr).toMatch(/^prospect: /);
  });

  it('a bad objectives file exits 65, init over a file 73', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-bin-'));
    writeFileSync(join(dir, 'objectives.yaml'), 'objectives:\n  - amount: 0\n');
    const bad = run(['plan', '--file', 'objectives.yaml'], dir);
    expect(bad.status).toBe(65);
    expect(bad.stderr).toContain('objectives.yaml:2:13: amount: "0" must be above zero');
    expect(run(['init'], dir).status).toBe(73);
  });
});
