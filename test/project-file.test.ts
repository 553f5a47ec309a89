import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_INIT_TEMPLATE } from '../src/commands/init-templates/project.js';
import { DataError } from '../src/errors.js';
import { readProjectFile } from '../src/io/project-file.js';
import { runCli } from './helpers/run-cli.js';
import { writeWorkbook } from './helpers/xlsx-fixtures.js';

/**
 * The project file, prospect.yaml: found here or in a parent, `--config`, `--no-config`; flags win
 * over it; every problem is listed with file:line:column; hostile YAML is refused.
 */
let dir = '';
let sub = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'prospect-project-'));
  sub = join(dir, 'exports', '2026');
  mkdirSync(sub, { recursive: true });
  // Two revenue columns: which one counts is the project's choice. Figures chosen by hand:
  // CA 2024 sums to 300, CA 2025 to 3000.
  writeFileSync(
    join(sub, 'clients.csv'),
    'Code;Société;CA 2024;CA 2025\r\nK1;Atelier;100;1000\r\nK2;Bureau;200;2000\r\n',
  );
  // "1.500" is ambiguous: 1.5 with a decimal point, 1500 with a decimal comma.
  writeFileSync(join(sub, 'amounts.csv'), 'id|revenue\nK1|1.500\nK2|2.500\n');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const project = (text: string, where = dir): string => {
  const path = join(where, 'prospect.yaml');
  writeFileSync(path, text);
  return path;
};

async function revenue(args: string[], cwd = sub): Promise<{ total: number; stderr: string; code: number }> {
  const r = await runCli([...args, '--format', 'json'], { cwd });
  const total = r.code === 0 ? (JSON.parse(r.stdout) as { totals: { revenue: number } }).totals.revenue : NaN;
  return { total, stderr: r.stderr, code: r.code };
}

describe('found, named, overridden', () => {
  it('a prospect.yaml in a parent folder maps the columns; --map wins; --no-config ignores it', async () => {
    project('clients:\n  columns:\n    revenue: CA 2024\n');
    const withProject = await revenue(['segment', 'clients.csv']);
    expect(withProject.total).toBe(300);
    const notes = withProject.stderr.split('\n').filter((l) => l.startsWith('using settings from'));
    expect(notes).toEqual([`using settings from ${join('..', '..', 'prospect.yaml')}`]); // once
    expect((await revenue(['segment', 'clients.csv', '--map', 'revenue=CA 2025'])).total).toBe(3000);
    const ignored = await revenue(['segment', 'clients.csv', '--no-config', '--map', 'revenue=CA 2025']);
    expect(ignored.stderr).not.toContain('using settings');
  });

  it('--config names a file; a missing one is an error (66)', async () => {
    const other = join(dir, 'team.yaml');
    writeFileSync(other, 'columns:\n  revenue: CA 2024\n');
    expect((await revenue(['segment', 'clients.csv', '--config', other])).total).toBe(300);
    const missing = await runCli(['segment', 'clients.csv', '--config', 'nope.yaml'], { cwd: sub });
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain('nope.yaml: no such file; check the --config path');
  });

  it('a header the file lacks is noted, and the usual matching decides', async () => {
    project('clients:\n  columns:\n    revenue: Chiffre 2023\n');
    const r = await revenue(['segment', 'clients.csv', '--map', 'revenue=CA 2024']);
    expect(r.total).toBe(300); // --map wins, no note then
    const noted = await runCli(['segment', 'clients.csv'], { cwd: sub });
    expect(noted.stderr).toContain(
      'clients.csv: no header "Chiffre 2023" for revenue (from the project file); the usual header names are used',
    );
  });

  it('conventions: the decimal mark, unless --decimal says otherwise', async () => {
    project('conventions:\n  decimal: ","\n');
    expect((await revenue(['segment', 'amounts.csv'])).total).toBe(4000);
    expect((await revenue(['segment', 'amounts.csv', '--decimal', '.'])).total).toBe(4);
    expect((await revenue(['segment', 'amounts.csv', '--no-config'])).total).toBe(4);
  });

  it('language: French unless --lang says otherwise', async () => {
    project('language: fr\n');
    const fr = await runCli(['segment', 'clients.csv', '--map', 'revenue=CA 2024'], { cwd: sub });
    expect(fr.stderr).toContain(`réglages lus dans ${join('..', '..', 'prospect.yaml')}`);
    expect(fr.stderr).toContain('clients.csv : 2 lignes lues, 2 utilisées, 0 rejetée');
    const en = await runCli(['segment', 'clients.csv', '--map', 'revenue=CA 2024', '--lang', 'en'], {
      cwd: sub,
    });
    expect(en.stderr).toContain('clients.csv: 2 rows read, 2 used, 0 rejected');
  });

  it('plan parameters sit below the flags', async () => {
    project('country: BE\nplan:\n  avgDeal: 15000\n  winRate: 0.25\n');
    const r = await runCli(['plan', '--objective', '60000', '--format', 'json'], { cwd: sub });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as {
      deals: number;
      proposals: number;
      assumptions: Record<string, { value: unknown; source: string; detail?: string }>;
    };
    // By hand: 60000 / 15000 = 4 deals; a win rate of 1/4 -> 4 proposals per deal -> 16.
    expect(plan.deals).toBe(4);
    expect(plan.proposals).toBe(16);
    expect(plan.assumptions.avgDeal).toMatchObject({ value: 15000, source: 'file' });
    const flag = await runCli(['plan', '--objective', '60000', '--avg-deal', '20000', '--format', 'json'], {
      cwd: sub,
    });
    expect((JSON.parse(flag.stdout) as { deals: number }).deals).toBe(3);
  });

  it('stages: the project maps a CRM stage for calibrate (shape of test/calibrate-cli.test.ts)', async () => {
    writeFileSync(
      join(sub, 'odd.csv'),
      'Company,Deal Stage,Amount,Create Date,Close Date\nA,Phase 3,1000,2025-01-10,2025-02-01\nB,Closed Lost,1000,2025-01-11,2025-02-01\nC,Phase 3,3000,2025-01-12,2025-02-01\n',
    );
    const args = ['calibrate', 'odd.csv', '--from', '2025-01-01', '--to', '2025-12-31', '--format', 'json'];
    expect((await runCli(args, { cwd: sub })).code).toBe(65); // "Phase 3" unknown without it
    project('stages:\n  Phase 3: won\n');
    const r = await runCli(args, { cwd: sub });
    expect(r.code, r.stderr).toBe(0);
    // By hand: 2 won (1000, 3000) of 3 deals.
    expect(
      (JSON.parse(r.stdout) as { team: { measures: { avgDeal: { value: number } } } }).team.measures.avgDeal
        .value,
    ).toBe(2000);
  });

  it('the sheet of a kind of file, unless --sheet says otherwise', async () => {
    await writeWorkbook(join(sub, 'clients.xlsx'), [
      {
        name: 'Notes',
        rows: [
          ['Code', 'CA 2024'],
          ['N1', 5],
        ],
      },
      {
        name: 'Clients',
        rows: [
          ['Code', 'CA 2024'],
          ['K1', 100],
          ['K2', 200],
        ],
      },
    ]);
    project('clients:\n  columns:\n    revenue: CA 2024\n  sheet: Clients\n');
    expect((await revenue(['segment', 'clients.xlsx'])).total).toBe(300);
    expect((await revenue(['segment', 'clients.xlsx', '--sheet', 'Notes'])).total).toBe(5);
  });

  it('inspect says which settings file was used', async () => {
    project('language: en\n');
    const r = await runCli(['inspect', 'clients.csv', '--format', 'json'], { cwd: sub });
    expect((JSON.parse(r.stdout) as { settingsFile: unknown }).settingsFile).toBe(
      join('..', '..', 'prospect.yaml'),
    );
    const none = await runCli(['inspect', 'clients.csv', '--no-config'], { cwd: sub });
    expect(none.stdout).toContain('Settings: none (no prospect.yaml here or above)');
  });
});

describe('problems', () => {
  /** The problems of a project file's text, as `line:column: message`. */
  function problemsOf(text: string): string[] {
    const path = project(text);
    try {
      readProjectFile(path, dir);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      return error.problems.map((p) => `${p.line ?? '-'}:${p.column ?? '-'}: ${p.message}`);
    }
    return [];
  }

  it('lists every problem with its line and column, and suggests the key meant', () => {
    const text = [
      'langage: fr', // 1
      'conventions:', // 2
      '  decimal: ";"', // 3
      'clients:', // 4
      '  columns:', // 5
      '    revenu: CA 2025', // 6
      'stages:', // 7
      '  Signé: gagné', // 8
      'plan:', // 9
      '  hoursPerWeek: 200', // 10
      '  avgDeals: 100', // 11
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^1:1: langage: unknown key \(did you mean "language"\?\)/),
      '3:12: conventions.decimal: ";" is not a decimal mark; expected "," or "."',
      expect.stringMatching(
        /^6:5: clients\.columns\.revenu: "revenu" is not a field \(did you mean "revenue"\?\)/,
      ),
      '8:10: stages."Signé": "gagné" is not a stage; expected contacted, active, proposal, won or lost',
      expect.stringMatching(/^11:3: plan\.avgDeals: unknown key \(did you mean "avgDeal"\?\)/),
      '10:17: plan.hoursPerWeek: "200" is more hours than a week has; expected at most 168',
    ]);
  });

  it.each([
    [
      'an alias',
      'columns: &c\n  revenue: CA\nclients:\n  columns: *c\n',
      '4:12: an alias (*name); write the value out instead',
    ],
    // __proto__ is refused by the shared YAML guard (src/io/read-yaml.ts), constructor here.
    ['a __proto__ key', 'columns:\n  __proto__: CA\n', '2:3: the key "__proto__" is not allowed; rename it'],
    ['a constructor key', 'columns:\n  constructor: CA\n', '2:3: "constructor" cannot be a key; remove it'],
    [
      'deep brackets',
      `plan: ${'['.repeat(50)}${']'.repeat(50)}\n`,
      '1:-: nested too deep; a project file is a page of flat settings',
    ],
    [
      'deep indentation',
      Array.from({ length: 60 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'),
      // Line n is indented n - 1 spaces: line 42 is the first beyond 40.
      '42:-: nested too deep; a project file is a page of flat settings',
    ],
    [
      'not a mapping',
      '- a\n- b\n',
      '1:1: expected settings as "key: value" lines (see `prospect init project`)',
    ],
  ])('%s is refused', (_, text, problem) => {
    expect(problemsOf(text)).toEqual([problem]);
  });

  it('a file of problems stops any command (65), with file:line:column', async () => {
    project('country: XX\n');
    const r = await runCli(['segment', 'clients.csv'], { cwd: sub });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(
      `${join('..', '..', 'prospect.yaml')}:1:10: country: "XX" is not a known country`,
    );
  });

  it('an empty file sets nothing', () => {
    expect(problemsOf('# nothing yet\n')).toEqual([]);
  });
});

describe('prospect init project', () => {
  it.each(['en', 'fr'] as const)(
    'writes a template (%s) that reads back, examples included',
    async (lang) => {
      const r = await runCli(['init', 'project', '--lang', lang], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const path = join(dir, 'prospect.yaml');
      const text = readFileSync(path, 'utf8');
      expect(text).toBe(PROJECT_INIT_TEMPLATE.render(lang, '2026-11-23'));
      expect(readProjectFile(path, dir)).toMatchObject({ language: lang, country: 'FR' });
      // Every example, uncommented, is valid too.
      const uncommented = text.replace(/^# ([a-z]+:.*| {2}.*)$/gm, '$1');
      writeFileSync(path, uncommented);
      const settings = readProjectFile(path, dir);
      expect(settings.conventions).toEqual({
        delimiter: ';',
        decimal: ',',
        dateFormat: 'dmy',
        encoding: 'windows-1252',
      });
      expect(settings.kinds.clients).toEqual({
        columns: { revenue: 'CA 2025', company: 'Raison sociale' },
        sheet: 'Clients',
      });
      expect(settings.stages).toEqual({ Signé: 'won', 'Sans suite': 'lost', 'Devis envoyé': 'proposal' });
      expect(settings.plan).toMatchObject({ avgDeal: 20000, reps: 2, hoursPerWeek: 10, accessibility: 0.07 });
    },
  );
});
