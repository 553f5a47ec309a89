import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/prospect.js');

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
  if (b && b[1] !== 'chunk') appendFileSync(process.env.PROSPECT_TRACE, 'command:' + b[1] + '\\n');
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
    const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file);
    if (m) appendFileSync(process.env.PROSPECT_TRACE, m[1] + '\\n');
  }
});`;

/** The packages of node_modules that a run of the built binary loads, imported or required. */
function packagesLoaded(args: string[]): { status: number | null; packages: Set<string> } {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-startup-'));
  const trace = join(dir, 'trace');
  try {
    const r = spawnSync(
      process.execPath,
      ['--import', 'data:text/javascript,' + encodeURIComponent(PRELOAD), BIN, ...args],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, LANG: 'en_GB.UTF-8', PROSPECT_TRACE: trace },
      },
    );
    // No trace file: no package of node_modules was loaded at all.
    const text = existsSync(trace) ? readFileSync(trace, 'utf8') : '';
    const packages = new Set(text.split('\n').filter(Boolean));
    return { status: r.status, packages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('start-up', () => {
  it('--version loads none of the libraries that only some runs use', () => {
    const r = packagesLoaded(['--version']);
    expect(r.status).toBe(0);
    // commander, chalk and the rest of what start-up needs are in the bundle (scripts/bundle.js);
    // the last test shows that the trace does see the packages a run loads.
    expect([...r.packages]).toEqual([]);
  });

  it('a run loads its own command and no other (src/command-index.ts)', () => {
    expect([...packagesLoaded(['--help']).packages]).toEqual([]);
    const plan = packagesLoaded(['plan', '--objective', '60000', '--format', 'json']);
    expect(plan.status).toBe(0);
    expect([...plan.packages]).toEqual(['command:plan']);
    const segment = packagesLoaded(['--quiet', 'segment', 'fixtures/clients.csv', '--format', 'csv']);
    expect(segment.status).toBe(0);
    expect([...segment.packages].filter((p) => p.startsWith('command:'))).toEqual(['command:segment']);
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
    const score = packagesLoaded(['score', 'fixtures/clients.csv', '--grid', 'fixtures/grid.yaml']);
    expect(score.status).toBe(0);
    expect(LAZY.filter((name) => score.packages.has(name))).toEqual(['yaml', 'cli-table3']);
  });
});
