import { Help } from 'commander';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli.js';
import { COMMANDS, commandNamed } from '../src/command-index.js';
import { buildContext } from '../src/main.js';
import type { Io } from '../src/io/context.js';

function context(lang: 'en' | 'fr') {
  const io: Io = {
    stdout: () => {},
    stderr: () => {},
    stdin: Readable.from([]),
    env: {},
    cwd: '/',
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    now: () => new Date(),
  };
  return buildContext(['--lang', lang], io);
}

describe('the command index', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`lists every command as its module declares it (${lang})`, async () => {
      const loaded = await buildProgram(context(lang));
      const listed = await buildProgram(context(lang), ['--help']);
      const help = new Help();
      const terms = (names: typeof loaded) =>
        names.commands.map((c) => `${help.subcommandTerm(c)} | ${c.description()}`);
      expect(terms(listed)).toEqual(terms(loaded));
      expect(listed.commands.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name));
    });
  }

  it('loads the named command and lists the others', async () => {
    const program = await buildProgram(context('en'), ['--lang', 'en', 'segment', 'x.csv', '--by', 'status']);
    const segment = program.commands.find((c) => c.name() === 'segment');
    const plan = program.commands.find((c) => c.name() === 'plan');
    // The real segment has its read flags; the listed plan has only the placeholder.
    expect(segment?.options.some((o) => o.long === '--by')).toBe(true);
    expect(plan?.options.map((o) => o.long)).toEqual(['--options']);
  });

  it('finds the command a run names, past global flags and their values', () => {
    expect(commandNamed(['plan', '--objective', '60000'])?.name).toBe('plan');
    expect(commandNamed(['--lang', 'fr', '--config', 'p.yaml', 'rfm', 'o.csv'])?.name).toBe('rfm');
    expect(commandNamed(['-q', '--no-color', 'track'])?.name).toBe('track');
    expect(commandNamed(['help', 'score'])?.name).toBe('score');
    expect(commandNamed(['--help'])).toBeUndefined();
    expect(commandNamed(['help'])).toBeUndefined();
    expect(commandNamed(['plann'])).toBeUndefined();
    // `segment` after `--` is a file name, not a command.
    expect(commandNamed(['--', 'segment'])).toBeUndefined();
    // `--lang segment` would be refused by commander; its value is never the command.
    expect(commandNamed(['--lang', 'segment'])).toBeUndefined();
  });
});
