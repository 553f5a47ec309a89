import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

describe('the error boundary and shared flags', () => {
  it('no command prints the help on stderr and exits 64', async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: prospect');
    expect(stderr).toContain('prospect: no command given');
  });

  it('Ctrl-C at an interactive question exits 130 quietly, without a stack', async () => {
    const cancelled = Object.assign(new Error('User force closed the prompt with 0 null'), {
      name: 'ExitPromptError',
    });
    const { code, stdout, stderr } = await runCli(['plan', '--interactive'], {
      tty: true,
      prompt: () => Promise.reject(cancelled),
    });
    expect(code).toBe(130);
    expect(stdout).toBe('');
    expect(stderr).toBe('prospect: cancelled; nothing was written.\n');
  });

  it('--excel alone writes the French Excel CSV, not a table', async () => {
    const { code, stdout } = await runCli(['plan', '--objective', '60000', '--excel']);
    expect(code).toBe(0);
    // BOM, ";" separator, decimal comma: 466.67 prospects exactly -> 466,6666666667
    expect(stdout.startsWith('\ufeffstage;value;exact')).toBe(true);
    expect(stdout).toContain('prospectsToContact;467;466,6666666667');
  });
});

describe('--rejects and --output', () => {
  it('refuses the same file for both (64), before reading anything', async () => {
    const { code, stderr } = await runCli([
      'segment',
      'fixtures/clients-fr.csv',
      '--format',
      'csv',
      '--output',
      '/tmp/prospect-same.csv',
      '--rejects',
      '/tmp/prospect-same.csv',
    ]);
    expect(code).toBe(64);
    expect(stderr).toContain('--rejects and --output both name /tmp/prospect-same.csv');
  });
});
