/**
 * The output-safety matrix (issue 17; docs/guarantees.md lists which test holds which promise):
 * every flag that reads a file x every flag that writes one, on the same file by every path
 * (direct, `./`, symlink, hard link, stdin); FIFOs and device nodes made in a temporary folder
 * (never the machine's /dev/null or /dev/full); a read-only folder; a full disk on stdout and
 * stderr; SIGINT and SIGTERM during a run. Expected codes come from the promises (73 output, 64
 * usage, 130/143 interrupted); "input unchanged" is a SHA-256 of its bytes before and after.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli.js';
import {
  ARGUMENTS_NOT_READ,
  INPUT_OPTIONS,
  NOT_FILE_OPTIONS,
  OUTPUT_OPTIONS,
} from '../src/commands/file-flags.js';
import { buildContext } from '../src/main.js';
import type { Io } from '../src/io/context.js';
import { runCli } from './helpers/run-cli.js';

const BIN = fileURLToPath(new URL('../bin/prospect.js', import.meta.url));
const ENV = { PATH: process.env.PATH, LANG: 'en_GB.UTF-8' };

function hash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'prospect-safety-'));
}

/** Every command of the real program, with its options, as commander built them. */
const ALL_COMMANDS: Command[] = [
  ...(
    await buildProgram(
      buildContext([], {
        env: { LANG: 'en_GB.UTF-8' },
        now: () => new Date(),
        cwd: '/',
      } as unknown as Io),
    )
  ).commands,
];
function commands(): Command[] {
  return ALL_COMMANDS;
}

const CSV = 'client_id,revenue,date,amount\nA,100,2026-01-05,100\nB,abc,2026-02-01,5\n';

describe('every option is classified as read, written or not a file', () => {
  it('so a new file flag cannot escape the input/output check', () => {
    const unclassified: string[] = [];
    for (const command of commands()) {
      for (const option of command.options) {
        if (!option.required && !option.optional) continue; // a switch takes no file
        const name = option.attributeName();
        const kinds = [INPUT_OPTIONS, OUTPUT_OPTIONS, NOT_FILE_OPTIONS].filter((s) => s.has(name));
        if (kinds.length !== 1) unclassified.push(`${command.name()} ${option.flags}`);
      }
    }
    expect(unclassified).toEqual([]);
  });
});

/** One case of the matrix: a command whose input (argument or flag) is the file an output names. */
interface Case {
  label: string;
  /** The arguments, with IN where the input file goes and the other inputs as plain names. */
  args: string[];
  outputs: string[];
}

/** The cases, built from the commands themselves: each input slot x each output flag. */
function matrix(): Case[] {
  const cases: Case[] = [];
  for (const command of commands()) {
    const name = command.name();
    const outputs = command.options
      .filter((o) => OUTPUT_OPTIONS.has(o.attributeName()))
      .map((o) => o.long as string);
    if (outputs.length === 0) continue;
    const positional = ARGUMENTS_NOT_READ.has(name) ? [] : command.registeredArguments.map(() => 'other.csv');
    const slots: { label: string; args: string[] }[] = [];
    positional.forEach((_, i) => {
      const args = [...positional];
      args[i] = 'IN';
      slots.push({ label: `${name} <${command.registeredArguments[i]?.name()}>`, args: [name, ...args] });
    });
    for (const option of command.options) {
      if (!INPUT_OPTIONS.has(option.attributeName()) || !(option.required || option.optional)) continue;
      slots.push({
        label: `${name} ${option.long}`,
        args: [name, ...positional, option.long as string, 'IN'],
      });
    }
    for (const slot of slots) cases.push({ label: slot.label, args: slot.args, outputs });
  }
  return cases;
}

const PATHS = ['direct', './', 'symlink', 'hard link'] as const;

describe('an output flag naming a file the run reads: exit 73, the input unchanged, nothing written', () => {
  const cases = matrix();

  it('covers every command with an output and every input flag the issue names', () => {
    const labels = cases.map((c) => c.label);
    for (const expected of [
      'rfm --segments',
      'segment --columns',
      'plan --params',
      'plan --pipeline',
      'track --file',
      'score --grid',
      'calibrate --activities',
      'review --clients',
      'segment <file>',
    ]) {
      expect(labels).toContain(expected);
    }
  });

  for (const c of cases) {
    for (const flag of c.outputs) {
      it.each(PATHS)(`${c.label} ${flag} (%s)`, async (form) => {
        const dir = tempDir();
        writeFileSync(join(dir, 'in.csv'), CSV);
        writeFileSync(join(dir, 'other.csv'), CSV);
        let target = 'in.csv';
        if (form === './') target = './in.csv';
        if (form === 'symlink') {
          symlinkSync('in.csv', join(dir, 'link.csv'));
          target = 'link.csv';
        }
        if (form === 'hard link') {
          linkSync(join(dir, 'in.csv'), join(dir, 'hard.csv'));
          target = 'hard.csv';
        }
        const before = hash(join(dir, 'in.csv'));
        const listing = readdirSync(dir).sort();
        const args = c.args.map((a) => (a === 'IN' ? 'in.csv' : a));
        const { code, stdout, stderr } = await runCli([...args, flag, target], { cwd: dir });
        expect(code).toBe(73);
        expect(stderr).toContain(`prospect: ${target}: is an input of this run`);
        expect(stderr).toContain(`Choose another ${flag} file.`);
        expect(stdout).toBe('');
        expect(hash(join(dir, 'in.csv'))).toBe(before);
        expect(readdirSync(dir).sort()).toEqual(listing); // no temporary file, no other output
      });
    }
  }

  it('an input named through a symlink is refused by its own name too', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    symlinkSync('in.csv', join(dir, 'link.csv'));
    const before = hash(join(dir, 'in.csv'));
    const { code } = await runCli(['segment', 'link.csv', '--output', 'in.csv'], { cwd: dir });
    expect(code).toBe(73);
    expect(hash(join(dir, 'in.csv'))).toBe(before);
  });

  it('speaks French', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    const { code, stderr } = await runCli(['segment', 'in.csv', '--rejects', 'in.csv'], {
      cwd: dir,
      env: { LANG: 'fr_FR.UTF-8' },
    });
    expect(code).toBe(73);
    expect(stderr).toBe(
      "prospect : in.csv : est une entrée de cette exécution ; elle reste intacte et rien n'a été écrit. Choisissez un autre fichier pour --rejects.\n",
    );
  });

  it('an output in a folder that does not exist is refused before reading (73, not the 66 of the input)', async () => {
    const dir = tempDir();
    const { code, stderr } = await runCli(['segment', 'nope.csv', '--rejects', 'missing/r.csv'], {
      cwd: dir,
    });
    expect(code).toBe(73);
    expect(stderr).toBe(
      `prospect: missing/r.csv: the folder ${join(dir, 'missing')} does not exist; create it or choose another --rejects.\n`,
    );
  });

  it('--output and --rejects on one file through two paths is a usage error (64)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    writeFileSync(join(dir, 'out.csv'), 'old');
    symlinkSync('out.csv', join(dir, 'link.csv'));
    const { code, stderr } = await runCli(
      ['segment', 'in.csv', '--output', 'out.csv', '--rejects', 'link.csv'],
      { cwd: dir },
    );
    expect(code).toBe(64);
    expect(stderr).toContain('--rejects and --output both name link.csv');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('old');
  });
});

function spawnProspect(
  args: string[],
  cwd: string,
  stdio: { stdin?: number; stdout?: number; stderr?: number } = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: ENV,
    encoding: 'utf8',
    stdio: [stdio.stdin ?? 'ignore', stdio.stdout ?? 'pipe', stdio.stderr ?? 'pipe'],
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('stdin is an input too (matched by device and inode)', () => {
  it.each(['--output', '--rejects'])('segment - %s in.csv < in.csv: 73, in.csv unchanged', (flag) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    const before = hash(join(dir, 'in.csv'));
    const fd = openSync(join(dir, 'in.csv'), 'r');
    const r = spawnProspect(['segment', '-', flag, 'in.csv'], dir, { stdin: fd });
    closeSync(fd);
    expect(r.status).toBe(73);
    expect(r.stderr).toBe(
      `prospect: in.csv: is an input of this run (<stdin>); it is kept unchanged and nothing was written. Choose another ${flag} file.\n`,
    );
    expect(hash(join(dir, 'in.csv'))).toBe(before);
    expect(readdirSync(dir)).toEqual(['in.csv']);
  });
});

describe('stdout redirected into an input', () => {
  it('segment in.csv >> in.csv: 73 before anything is read, in.csv unchanged', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    const before = hash(join(dir, 'in.csv'));
    const append = openSync(join(dir, 'in.csv'), 'a');
    const r = spawnProspect(['segment', 'in.csv'], dir, { stdout: append });
    closeSync(append);
    expect(r.status).toBe(73);
    expect(r.stderr).toBe(
      'prospect: stdout: is in.csv, an input of this run; nothing was written. Redirect the output to another file, or use --output.\n',
    );
    expect(hash(join(dir, 'in.csv'))).toBe(before);
  });
});

/** mknod in the test's own folder: the machine's /dev/null and /dev/full are never touched. */
function makeDevice(dir: string, name: string, minor: 3 | 7): string | undefined {
  const r = spawnSync('mknod', [join(dir, name), 'c', '1', String(minor)]);
  return r.status === 0 ? join(dir, name) : undefined;
}

const canMknod = (() => {
  const dir = tempDir();
  return makeDevice(dir, 'probe', 3) !== undefined;
})();

describe('outputs that are not regular files', () => {
  it('a FIFO is written into, and stays a FIFO', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    spawnSync('mkfifo', [join(dir, 'pipe')]);
    const child = spawn(
      process.execPath,
      [BIN, 'segment', 'in.csv', '--format', 'json', '--output', 'pipe'],
      {
        cwd: dir,
        env: ENV,
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const received = readFileSync(join(dir, 'pipe'), 'utf8'); // opens the reader end, reads to EOF
    expect(await exited).toBe(0);
    // The same run on stdout, for the expected bytes.
    const direct = spawnProspect(['segment', 'in.csv', '--format', 'json'], dir);
    expect(received).toBe(direct.stdout);
    expect(received).toContain('"clients"');
    expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
  });

  it.skipIf(!canMknod)('a device node (1,3 as /dev/null) is written to and stays a device', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    const device = makeDevice(dir, 'null', 3) as string;
    for (const flag of ['--output', '--rejects']) {
      const r = spawnProspect(['segment', 'in.csv', '--format', 'csv', flag, 'null'], dir);
      expect(r.status).toBe(0);
      expect(lstatSync(device).isCharacterDevice()).toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(['in.csv', 'null']);
  });

  it.skipIf(!canMknod)(
    'a full device (1,7 as /dev/full) as --output or --rejects: 73, one line, nothing left',
    () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'in.csv'), CSV);
      makeDevice(dir, 'full', 7);
      for (const flag of ['--output', '--rejects']) {
        const r = spawnProspect(['segment', 'in.csv', '--format', 'csv', flag, 'full', '--quiet'], dir);
        expect(r.status).toBe(73);
        expect(r.stderr).toMatch(/^prospect: full: cannot (be written|write the rejects) \(ENOSPC[^\n]*\n$/);
      }
      expect(readdirSync(dir).sort()).toEqual(['full', 'in.csv']);
    },
  );

  it('a symlink is written through: the link stays, its target is replaced whole, mode kept', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', 'real.csv'), 'old\n');
    chmodSync(join(dir, 'reports', 'real.csv'), 0o640);
    symlinkSync('reports/real.csv', join(dir, 'out.csv'));
    symlinkSync('reports/new.csv', join(dir, 'dangling.csv'));
    const r = spawnProspect(['segment', 'in.csv', '--format', 'json', '--output', 'out.csv'], dir);
    expect(r.status).toBe(0);
    expect(lstatSync(join(dir, 'out.csv')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'real.csv'), 'utf8'))).toHaveProperty('segments');
    expect(statSync(join(dir, 'reports', 'real.csv')).mode & 0o777).toBe(0o640);
    const d = spawnProspect(['segment', 'in.csv', '--format', 'json', '--output', 'dangling.csv'], dir);
    expect(d.status).toBe(0);
    expect(lstatSync(join(dir, 'dangling.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'reports', 'new.csv'), 'utf8')).toBe(
      readFileSync(join(dir, 'reports', 'real.csv'), 'utf8'),
    );
    expect(readdirSync(join(dir, 'reports')).sort()).toEqual(['new.csv', 'real.csv']);
  });
});

/** chattr +i makes a folder read-only even for root (which ignores permission bits). */
function immutable(dir: string, on: boolean): boolean {
  return spawnSync('chattr', [on ? '+i' : '-i', dir]).status === 0;
}

describe('a read-only folder', () => {
  const probe = tempDir();
  const canChattr = immutable(probe, true) && immutable(probe, false);

  it.skipIf(!canChattr)('an output in it: 73 with one line, the old file kept', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    mkdirSync(join(dir, 'ro'));
    writeFileSync(join(dir, 'ro', 'out.csv'), 'old\n');
    immutable(join(dir, 'ro'), true);
    try {
      for (const flag of ['--output', '--rejects']) {
        const r = spawnProspect(['segment', 'in.csv', '--format', 'csv', '--quiet', flag, 'ro/out.csv'], dir);
        expect(r.status).toBe(73);
        expect(r.stderr).toMatch(
          /^prospect: ro\/out\.csv: cannot (be written|write the rejects) \(EPERM[^\n]*\n$/,
        );
      }
      expect(readFileSync(join(dir, 'ro', 'out.csv'), 'utf8')).toBe('old\n');
      expect(readdirSync(join(dir, 'ro'))).toEqual(['out.csv']);
    } finally {
      immutable(join(dir, 'ro'), false);
    }
  });
});

describe('a full disk on stdout or stderr: 73 and one line, never a stack, never 0', () => {
  const runs: [string, string[]][] = [
    ['segment', ['segment', 'in.csv', '--format', 'json', '--quiet']],
    ['plan', ['plan', '--objective', '60000', '--format', 'json', '--quiet']],
    ['pareto', ['pareto', 'in.csv', '--format', 'json', '--quiet']],
  ];

  it.skipIf(!canMknod).each(runs)('%s > full', (_name, args) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    const full = openSync(makeDevice(dir, 'full', 7) as string, 'w');
    const r = spawnProspect(args, dir, { stdout: full });
    closeSync(full);
    expect(r.status).toBe(73);
    expect(r.stderr).toMatch(
      /^(in\.csv: [^\n]*\n)?prospect: stdout: cannot be written \(ENOSPC\); the output is incomplete\.\n$/,
    );
  });

  it.skipIf(!canMknod).each(runs)('%s 2> full', (_name, args) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    const full = openSync(makeDevice(dir, 'full', 7) as string, 'w');
    // Without --quiet, segment and pareto write their counts on stderr; plan writes nothing
    // there, so its exit 0 is right.
    const r = spawnProspect(
      args.filter((a) => a !== '--quiet'),
      dir,
      { stderr: full },
    );
    closeSync(full);
    expect(r.status).toBe(args[0] === 'plan' ? 0 : 73);
    expect(r.stdout.length).toBeGreaterThan(0);
  });
});

/** Waits until `test` holds, looking every 20 ms (a wait, not a timed assertion). */
async function until(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((resolveWait) => setTimeout(resolveWait, 20));
}

describe('SIGINT and SIGTERM during a run remove every temporary file', () => {
  it.each([
    ['SIGINT', 130, 'en_GB.UTF-8', 'prospect: interrupted; nothing was written.\n'],
    ['SIGTERM', 143, 'fr_FR.UTF-8', "prospect : interrompu ; rien n'a été écrit.\n"],
  ] as const)(
    '%s: exit %i, "interrupted; nothing was written", no .tmp left, no output',
    async (signal, code, lang, message) => {
      const dir = tempDir();
      const child = spawn(
        process.execPath,
        [BIN, 'segment', '-', '--format', 'csv', '--output', 'out.csv', '--rejects', 'rej.csv'],
        { cwd: dir, env: { ...ENV, LANG: lang }, stdio: ['pipe', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
      // Rejected rows (revenue "abc"), more than the rejects buffer: a .rej.csv.*.tmp file appears;
      // stdin stays open, so the run is surely still going when the signal comes.
      const rows: string[] = ['client_id,revenue'];
      for (let i = 0; i < 60000; i++) rows.push(`C${i},abc`);
      child.stdin.write(rows.join('\n') + '\n');
      await until(() => readdirSync(dir).some((f) => f.endsWith('.tmp')));
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(stderr).toContain(message);
      expect(readdirSync(dir)).toEqual([]);
    },
  );
});

describe('--rejects with several CSV inputs keeps every rejected row, with its file', () => {
  it('review: the rows of both files, each section with its header (worked by hand)', async () => {
    const dir = tempDir();
    // orders: line 3 amount "abc", line 4 date "not a date" -> 2 rejected.
    writeFileSync(
      join(dir, 'o.csv'),
      'client_id,date,amount\nA,2026-01-05,100\nB,2026-02-10,abc\nC,not a date,50\nA,2026-03-01,200\n',
    );
    // clients: line 3 repeats client A -> 1 rejected (client ids are unique in a client file).
    writeFileSync(join(dir, 'c.csv'), 'client_id,origin\nA,salon\nA,web\nB,web\n');
    const { code, stderr } = await runCli(
      ['review', 'o.csv', '--clients', 'c.csv', '--rejects', 'r.csv', '--period', '2026', '--format', 'json'],
      { cwd: dir },
    );
    expect(code).toBe(0);
    expect(stderr).toContain('o.csv: 4 rows read, 2 used, 2 rejected');
    expect(stderr).toContain('c.csv: 3 rows read, 2 used, 1 rejected');
    const lines = readFileSync(join(dir, 'r.csv'), 'utf8').split('\r\n');
    expect(lines.filter((l) => l.startsWith('file,line,reason,'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('o.csv,'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('c.csv,'))).toHaveLength(1);
    expect(lines[0]).toBe('file,line,reason,client_id,date,amount');
    expect(lines[1]?.startsWith('o.csv,3,')).toBe(true);
    expect(lines[1]?.endsWith(',B,2026-02-10,abc')).toBe(true);
    expect(lines[3]).toBe('file,line,reason,client_id,origin');
    expect(lines[4]?.startsWith('c.csv,3,')).toBe(true);
    expect(lines[4]?.endsWith(',A,web')).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['c.csv', 'o.csv', 'r.csv']);
  });

  it('calibrate: a bad deal and a bad activity, both kept (worked by hand)', async () => {
    const dir = tempDir();
    // deals: line 3 has one field instead of 4 -> rejected; activities: line 2 minutes "x".
    writeFileSync(
      join(dir, 'd.csv'),
      'Deal ID,Deal Stage,Amount,Create Date\nD1,Closed Won,1000,2025-01-10\nbroken\n',
    );
    writeFileSync(
      join(dir, 'a.csv'),
      'Date,Type,Minutes,Company\n2025-01-02,call,x,Acme\n2025-01-03,call,5,Acme\n',
    );
    const { code, stderr } = await runCli(
      ['calibrate', 'd.csv', '--activities', 'a.csv', '--rejects', 'r.csv', '--format', 'json'],
      { cwd: dir },
    );
    expect(stderr).toContain('d.csv: 2 rows read, 1 used, 1 rejected');
    expect(stderr).toContain('a.csv: 2 rows read, 1 used, 1 rejected');
    expect(code).toBe(0);
    const lines = readFileSync(join(dir, 'r.csv'), 'utf8').split('\r\n');
    expect(lines[0]).toBe('file,line,reason,Deal ID,Deal Stage,Amount,Create Date');
    expect(lines[1]?.startsWith('d.csv,3,')).toBe(true);
    expect(lines[1]?.endsWith(',broken')).toBe(true);
    expect(lines[2]).toBe('file,line,reason,Date,Type,Minutes,Company');
    expect(lines[3]?.startsWith('a.csv,2,')).toBe(true);
    expect(lines[3]?.endsWith(',2025-01-02,call,x,Acme')).toBe(true);
    expect(lines).toHaveLength(5); // the final CRLF leaves an empty last piece
  });

  it('one input keeps the one-file format (line, reason, its columns)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    const { code } = await runCli(['segment', 'in.csv', '--rejects', 'r.csv', '--format', 'json'], {
      cwd: dir,
    });
    expect(code).toBe(0);
    const lines = readFileSync(join(dir, 'r.csv'), 'utf8').split('\r\n');
    expect(lines[0]).toBe('line,reason,client_id,revenue,date,amount');
    expect(lines[1]?.startsWith('3,')).toBe(true);
    expect(lines).toHaveLength(3);
  });

  it('a failed run writes no rejects file at all', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.csv'), CSV);
    const { code } = await runCli(
      ['segment', 'in.csv', '--rejects', 'r.csv', '--output', 'missing/out.csv'],
      { cwd: dir },
    );
    expect(code).toBe(73);
    expect(readdirSync(dir)).toEqual(['in.csv']);
  });
});
