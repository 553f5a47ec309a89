import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/command-index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/prospect.js');
const COMMAND_NAMES = new Set(COMMANDS.map((c) => c.name));

/** Node's own modules that none of the start-up runs below needs (scripts/bundle.js, temp-files.ts). */
const HEAVY_BUILTINS = ['crypto', 'child_process', 'dgram', 'os', 'tty'];

/** Loaded only by the runs that use them (src/io/lazy-require.ts, src/render/table.ts). */
const LAZY = ['yaml', 'zod', 'cli-progress', 'cli-table3', 'exceljs'];

/** Records, in the file named by PROSPECT_TRACE, the package of every URL that `import` resolves. */
const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(result.url);
  if (m) appendFileSync(process.env.PROSPECT_TRACE, m[1] + '\\n');
  const b = /dist\\/bundle\\/([a-z-]+)-[A-Z0-9]+\\.js$/.exec(result.url);
  if (b && b[1] !== 'chunk') appendFileSync(process.env.PROSPECT_TRACE, 'entry:' + b[1] + '\\n');
  const f = /dist\\/bundle\\/([^/]+\\.js)$/.exec(result.url);
  if (f) appendFileSync(process.env.PROSPECT_TRACE, 'file:' + f[1] + '\\n');
  return result;
}`;

/** Registers the hooks, and at exit adds the packages that `require` loaded. */
const PRELOAD = `
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));
const cache = createRequire(process.cwd() + '/').cache;
process.on('exit', () => {
  for (const file of Object.keys(cache)) {
    // a package from node_modules, or bundled into one file (scripts/bundle.js: cli-table3.cjs)
    const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)|dist\\/bundle\\/([a-z0-9-]+)\\.cjs$/.exec(file);
    if (m) appendFileSync(process.env.PROSPECT_TRACE, (m[1] ?? m[2]) + '\\n');
  }
  for (const name of process.moduleLoadList) {
    const n = /^NativeModule ([a-z_]+)$/.exec(name);
    if (n) appendFileSync(process.env.PROSPECT_TRACE, 'builtin:' + n[1] + '\\n');
  }
});`;

interface Loaded {
  status: number | null;
  stdout: string;
  /** Packages of node_modules, and `entry:NAME` for the bundle's entries (a command, the program). */
  packages: Set<string>;
  /** Node's own modules (`crypto`, `os`...). */
  builtins: Set<string>;
  /** The files of src (as dist/...js) in the bundle's files that the run loaded (dist/bundle.meta.json). */
  sources: Set<string>;
}

/** What a run of the built binary loads: packages imported or required, Node's modules, sources. */
function packagesLoaded(args: string[], cwd = ROOT): Loaded {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-startup-'));
  const trace = join(dir, 'trace');
  try {
    const r = spawnSync(
      process.execPath,
      ['--import', 'data:text/javascript,' + encodeURIComponent(PRELOAD), BIN, ...args],
      {
        cwd,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, LANG: 'en_GB.UTF-8', PROSPECT_TRACE: trace },
      },
    );
    // No trace file: nothing was loaded at all.
    const lines = (existsSync(trace) ? readFileSync(trace, 'utf8') : '').split('\n').filter(Boolean);
    const packages = new Set(lines.filter((l) => !/^(builtin|file):/.test(l)));
    const builtins = new Set(lines.filter((l) => l.startsWith('builtin:')).map((l) => l.slice(8)));
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist/bundle.meta.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown> }>;
    };
    const sources = new Set(
      lines
        .filter((l) => l.startsWith('file:'))
        .flatMap((l) => Object.keys(meta.outputs[`dist/bundle/${l.slice(5)}`]?.inputs ?? {})),
    );
    return { status: r.status, stdout: r.stdout, packages, builtins, sources };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The commands whose module a run loaded. */
function commandsOf(loaded: Loaded): string[] {
  return [...loaded.packages]
    .filter((p) => p.startsWith('entry:') && COMMAND_NAMES.has(p.slice(6)))
    .map((p) => p.slice(6));
}

describe('start-up', () => {
  it('--version loads none of the libraries that only some runs use', () => {
    const r = packagesLoaded(['--version']);
    expect(r.status).toBe(0);
    // commander, chalk and the rest of what start-up needs are in the bundle (scripts/bundle.js);
    // the last test shows that the trace does see the packages a run loads.
    expect([...r.packages]).toEqual([]);
  });

  it('--version alone answers before commander and the program are loaded, as commander does', () => {
    // The expected version is package.json's, the reference the program must agree with.
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = packagesLoaded([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
      expect([...r.sources].filter((s) => /commander|dist\/cli\.js/.test(s))).toEqual([]);
      expect(HEAVY_BUILTINS.filter((name) => r.builtins.has(name))).toEqual([]);
    }
    // with another flag, commander answers: the same line
    const slow = packagesLoaded(['--lang', 'fr', '--version']);
    expect(slow.status).toBe(0);
    expect(slow.stdout).toBe(`${version}\n`);
    expect(slow.sources.has('node_modules/commander/lib/command.js')).toBe(true);
  });

  it('a run loads its own command and no other (src/command-index.ts)', () => {
    const help = packagesLoaded(['--help']);
    expect(help.status).toBe(0);
    expect([...help.packages].filter((p) => !p.startsWith('entry:'))).toEqual([]);
    expect(commandsOf(help)).toEqual([]);
    const plan = packagesLoaded(['plan', '--objective', '60000', '--format', 'json']);
    expect(plan.status).toBe(0);
    expect([...plan.packages].filter((p) => !p.startsWith('entry:'))).toEqual([]);
    expect(commandsOf(plan)).toEqual(['plan']);
    const segment = packagesLoaded(['--quiet', 'segment', 'fixtures/clients.csv', '--format', 'csv']);
    expect(segment.status).toBe(0);
    expect(commandsOf(segment)).toEqual(['segment']);
  });

  it('--help and plan to stdout load neither node:crypto, child_process, os, tty nor the project-file reader', () => {
    for (const args of [
      ['--help'],
      ['plan', '--objective', '60000', '--format', 'json'],
      ['plan', '--objective', '60000'],
    ]) {
      const r = packagesLoaded(args);
      expect(r.status).toBe(0);
      expect(HEAVY_BUILTINS.filter((name) => r.builtins.has(name))).toEqual([]);
      expect(r.sources.has('dist/io/project-file.js')).toBe(false);
    }
  });

  it('node:crypto is loaded by a run that writes a file, the reader by a run with a prospect.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-startup-'));
    try {
      const written = packagesLoaded(
        ['plan', '--objective', '60000', '--format', 'json', '--output', 'plan.json'],
        dir,
      );
      expect(written.status).toBe(0);
      expect(written.builtins.has('crypto')).toBe(true);
      expect(written.sources.has('dist/io/project-file.js')).toBe(false);
      writeFileSync(join(dir, 'prospect.yaml'), 'language: fr\n');
      const project = packagesLoaded(['plan', '--objective', '60000', '--format', 'json'], dir);
      expect(project.status).toBe(0);
      expect(project.sources.has('dist/io/project-file.js')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a CSV report with no YAML, bar or table loads none of them either', () => {
    const r = packagesLoaded([
      '--quiet',
      'rfm',
      'fixtures/rfm-orders.csv',
      '--as-of',
      '2026-06-30',
      '--format',
      'csv',
    ]);
    expect(r.status).toBe(0);
    expect(LAZY.filter((name) => r.packages.has(name))).toEqual([]);
  });

  it('a run that reads YAML and draws a table loads what it uses', () => {
    const objectives = packagesLoaded(['plan', '--file', 'fixtures/objectives.yaml', '--format', 'csv']);
    expect(objectives.status).toBe(0);
    expect(LAZY.filter((name) => objectives.packages.has(name))).toEqual(['yaml', 'zod']);
    // a table of plain text is drawn by src/render/grid.ts, without cli-table3
    const score = packagesLoaded(['score', 'fixtures/clients.csv', '--grid', 'fixtures/grid.yaml']);
    expect(score.status).toBe(0);
    expect(LAZY.filter((name) => score.packages.has(name))).toEqual(['yaml']);
  });

  it('the plan table is drawn without cli-table3; a table holding an emoji or a wide character loads it', () => {
    const plan = packagesLoaded(['plan', '--objective', '60000']);
    expect(plan.status).toBe(0);
    expect(plan.stdout).toContain('│ Deals to win');
    expect(plan.packages.has('cli-table3')).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'prospect-startup-'));
    try {
      writeFileSync(
        join(dir, 'clients.csv'),
        'client_id,company,sector\nC1,Café ☕,Cafés\nC2,東京商事,Négoce\nC3,Alpha,Cafés\n',
      );
      const wide = packagesLoaded(['--quiet', 'segment', 'clients.csv', '--by', 'company'], dir);
      expect(wide.status).toBe(0);
      expect(wide.stdout).toContain('Café ☕');
      expect(wide.packages.has('cli-table3')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
