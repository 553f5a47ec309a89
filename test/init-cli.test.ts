import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

function emptyDir(): string {
  return mkdtempSync(join(tmpdir(), 'prospect-init-'));
}

describe('prospect init', () => {
  it('writes objectives.yaml by default, which plan then reads', async () => {
    const cwd = emptyDir();
    const { code, stdout, stderr } = await runCli(['init'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('wrote objectives.yaml; edit it, then run: prospect plan --file objectives.yaml\n');
    const text = readFileSync(join(cwd, 'objectives.yaml'), 'utf8');
    expect(text).toMatch(/^# Objectives for: prospect plan --file objectives.yaml/);
    // Today is 2026-11-23 in tests: the example starts on 1 December; the second objective ends
    // 3 months later, the day before 1 March 2027.
    expect(text).toContain('from: 2026-12-01');
    expect(text).toContain('to: 2027-02-28');
    const plan = await runCli(['plan', '--file', 'objectives.yaml', '--format', 'json'], { cwd });
    expect(plan.code).toBe(0);
    const out = JSON.parse(plan.stdout);
    expect(out.objectives.map((o: { name: string }) => o.name)).toEqual([
      'New clients North',
      'Services South',
    ]);
    // Services South: 40 000 / 10 000 = 4 deals (its own average deal beats the defaults' 20 000).
    expect(out.objectives[1].deals).toBe(4);
    expect(out.objectives[1].assumptions.avgDeal.source).toBe('file');
  });

  it('never writes over an existing file: exit 73, file untouched', async () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'objectives.yaml'), 'mine\n');
    const { code, stderr } = await runCli(['init', 'objectives'], { cwd });
    expect(code).toBe(73);
    expect(stderr).toBe(
      'prospect: objectives.yaml: already exists; prospect init never writes over a file. Remove it, or give another name: prospect init objectives other.yaml\n',
    );
    expect(readFileSync(join(cwd, 'objectives.yaml'), 'utf8')).toBe('mine\n');
  });

  it('writes to another name, or to stdout with -', async () => {
    const cwd = emptyDir();
    expect((await runCli(['init', 'objectives', 'q1.yaml'], { cwd })).code).toBe(0);
    expect(existsSync(join(cwd, 'q1.yaml'))).toBe(true);
    const { code, stdout, stderr } = await runCli(['init', 'objectives', '-'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toContain('objectives:');
    expect(stderr).toBe('');
    expect(existsSync(join(cwd, '-'))).toBe(false);
  });

  it('comments in French with --lang fr', async () => {
    const { stdout } = await runCli(['init', 'objectives', '-', '--lang', 'fr']);
    expect(stdout).toMatch(/^# Objectifs pour : prospect plan --file objectives.yaml/);
    expect(stdout).toContain('# jours fériés : FR, BE, CH, DE, LU ou none');
  });

  it('an unknown kind is a usage error with a suggestion', async () => {
    const { code, stderr } = await runCli(['init', 'objectivs'], { cwd: emptyDir() });
    expect(code).toBe(64);
    expect(stderr).toBe(
      'prospect: init: "objectivs" is not a kind of file; expected one of objectives, segments, grid, project (did you mean "objectives"?).\n',
    );
  });

  it('a directory that does not exist: exit 73', async () => {
    const { code, stderr } = await runCli(['init', 'objectives', 'no/such/dir/o.yaml'], { cwd: emptyDir() });
    expect(code).toBe(73);
    expect(stderr).toContain('no/such/dir/o.yaml: cannot be created (ENOENT)');
  });
});
