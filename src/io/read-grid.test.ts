import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRID_TEMPLATE, GRID_TEMPLATE_FR } from '../commands/init-templates/grid.js';
import { computeScoreBounds } from '../core/score/compute.js';
import { DataError, InputFileError } from '../errors.js';
import type { Io } from './context.js';
import { matchGridFields, parseGrid, readGrid, type GridFile } from './read-grid.js';

/** The problems of a grid that must fail, as `line:column: message`. */
function problemsOf(text: string): string[] {
  try {
    parseGrid(text, 'g.yaml');
  } catch (error) {
    if (error instanceof DataError) return error.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
    throw error;
  }
  throw new Error('the grid was accepted');
}

const FIXTURE = readFileSync(new URL('../../fixtures/grid.yaml', import.meta.url), 'utf8');

describe('the example grid', () => {
  it('is the text `prospect init grid` writes', () => {
    expect(GRID_TEMPLATE).toBe(FIXTURE);
  });

  it('the French template is the same grid with French comments', () => {
    expect(GRID_TEMPLATE_FR).not.toBe(GRID_TEMPLATE);
    expect(parseGrid(GRID_TEMPLATE_FR, 'fr.yaml').grid).toEqual(parseGrid(FIXTURE, 'en.yaml').grid);
  });

  it('parses into 6 criteria with their types, caps and grades', () => {
    const g = parseGrid(FIXTURE, 'grid.yaml');
    expect(g.idField).toBe('client_id');
    expect(g.grid.criteria.map((c) => [c.name, c.field, c.type, c.group ?? null, c.missing])).toEqual([
      ['sector', 'sector', 'text', 'fit', -5],
      ['company size', 'employees', 'number', 'fit', 0],
      ['region', 'region', 'text', 'fit', 0],
      ['last interaction', 'last_contact', 'date', 'behaviour', 0],
      ['e-mail', 'email', 'text', 'behaviour', -10],
      ['website', 'website', 'text', null, 0],
    ]);
    expect(g.grid.criteria[1]?.rules[1]).toEqual({
      kind: 'range',
      min: 50,
      minInclusive: true,
      max: 250,
      maxInclusive: false,
      points: 15,
    });
    expect(g.grid.criteria[3]?.decay).toEqual({ halfLifeDays: 90 });
    expect(g.grid.groups).toEqual({ fit: { cap: 60 }, behaviour: { cap: 40 } });
    expect(g.grid.totalCap).toBe(100);
    expect(g.grid.grades).toEqual([
      { name: 'A', min: 70 },
      { name: 'B', min: 40 },
    ]);
    expect(g.grid.maturity).toEqual({ A: 'active', B: 'latent', C: 'arid' });
    expect(g.warnings).toEqual([]);
    // by hand: fit -20..60 (sector -20..25, size 0..25, region 0..10; cap 60), behaviour -10..40
    // (recency 0..30, e-mail -10..10), website 0..5 -> -30..105, total cap 100 -> -30..100
    expect(computeScoreBounds(g.grid)).toEqual({ min: -30, max: 100 });
  });
});

describe('grid problems, all collected, with line and column', () => {
  it('unknown rule type, non-numeric points, thresholds out of order', () => {
    const text = [
      'criteria:', // 1
      '  - field: sector', // 2
      '    rules:', // 3
      '      - { equls: Industrie, points: 10 }', // 4
      '      - { equals: Santé, points: ten }', // 5
      'grades:', // 6
      '  A: 40', // 7
      '  B: 70', // 8
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      '4:11: criterion "sector": rule 1: unknown key "equls"; expected one of equals, one_of, min, max, above, below, within_days, present, matches, points (did you mean "equals"?).',
      '5:34: criterion "sector": rule 2: points: expected a number; found "ten".',
      '8:6: grades: B (70) is not below A (40); list thresholds from the highest down.',
    ]);
  });

  it('the summary line names the file and the count', () => {
    expect(() => parseGrid('criteria: 3\ngrades: 1\n', 'g.yaml')).toThrow(
      'g.yaml: 2 problems in the grid.\ng.yaml:1:11: criteria: expected a list of criteria; found 3.\ng.yaml:2:9: grades: expected thresholds such as { A: 70, B: 40, otherwise: C }; found 1.',
    );
  });

  it.each([
    [
      'unknown top-level key',
      'criterias: []\n',
      '1:1: grid: unknown key "criterias"; expected one of title, description, id, total_cap, groups, criteria, grades, maturity (did you mean "criteria"?).',
    ],
    [
      '__proto__ key',
      '__proto__: { polluted: true }\ncriteria: [{ field: a, rules: [{ present: true, points: 1 }] }]\n',
      '1:1: the key "__proto__" is not allowed; rename it', // src/io/read-yaml.ts
    ],
    [
      'undeclared group',
      'groups: { fit: { cap: 10 } }\ncriteria:\n  - { field: a, group: fti, rules: [{ present: true, points: 1 }] }\n',
      '3:24: criterion "a": group "fti" is not declared under groups (did you mean "fit"?); declare it with its cap.',
    ],
    [
      'rule without points',
      'criteria:\n  - { field: a, rules: [{ present: true }] }\n',
      '2:25: criterion "a": rule 1: no "points"; expected points: NUMBER.',
    ],
    [
      'two conditions',
      'criteria:\n  - { field: a, rules: [{ equals: x, present: true, points: 1 }] }\n',
      '2:25: criterion "a": rule 1: one condition per rule; found equals and present.',
    ],
    [
      'empty range',
      'criteria:\n  - { field: a, rules: [{ min: 10, below: 10, points: 1 }] }\n',
      '2:25: criterion "a": rule 1: the range is empty (10 to 10); expected the lower bound first.',
    ],
    [
      'bad decay',
      'criteria:\n  - { field: a, decay: halve often, rules: [{ within_days: 9, points: 1 }] }\n',
      '2:24: criterion "a": decay: expected "halve every N days" (N above 0); found "halve often".',
    ],
    [
      'mixed kinds',
      'criteria:\n  - field: a\n    rules: [{ min: 1, points: 1 }, { equals: x, points: 2 }]\n',
      '3:12: criterion "a": mixes numeric ranges and text values (equals, one_of, matches); a criterion reads one kind of value.',
    ],
    [
      'catastrophic pattern',
      "criteria:\n  - { field: a, rules: [{ matches: '(a+)+$', points: 1 }] }\n",
      '2:36: criterion "a": rule 1: matches: "(a+)+$" repeats a repeated group, which can take exponential time; write it without nested repetition.',
    ],
    [
      'long pattern',
      `criteria:\n  - { field: a, rules: [{ matches: ${'x'.repeat(201)}, points: 1 }] }\n`,
      '2:36: criterion "a": rule 1: matches: the pattern has 201 characters; expected at most 200.',
    ],
    [
      'invalid pattern',
      "criteria:\n  - { field: a, rules: [{ matches: '[a', points: 1 }] }\n",
      '2:36: criterion "a": rule 1: matches: "[a" is not a valid pattern (Invalid regular expression: /[a/iu: Unterminated character class).',
    ],
    [
      'unknown maturity',
      'criteria: [{ field: a, rules: [{ present: true, points: 1 }] }]\nmaturity: { A: actif }\n',
      '2:16: maturity: A: "actif" is not a maturity; expected active, latent or arid (did you mean "active"?).',
    ],
    [
      'maturity of no grade',
      'criteria: [{ field: a, rules: [{ present: true, points: 1 }] }]\nmaturity: { Z: active }\n',
      '2:13: maturity: "Z" is not a grade; expected one of A, B, C.',
    ],
    [
      'alias',
      'x: &v 1\ncriteria: *v\n',
      '1:1: grid: unknown key "x"; expected one of title, description, id, total_cap, groups, criteria, grades, maturity.',
    ],
    [
      'YAML syntax',
      'criteria: [a, b\n',
      '2:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ].',
    ],
  ])('%s', (_label, text, expected) => {
    expect(problemsOf(text)).toContain(expected);
  });

  it('an alias bomb is refused without expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'criteria: [{ field: *d, rules: [] }]',
    ].join('\n');
    const problems = problemsOf(bomb);
    expect(problems).toContain('5:21: criterion 1: field: expected a text; found an alias.');
  });

  it('deep nesting is an error, not a crash', () => {
    const deep = 'criteria: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
    expect(problemsOf(deep).length).toBeGreaterThan(0);
  });
});

describe('warnings: overlapping and gapped ranges', () => {
  it('names the rules, with their position', () => {
    const text = [
      'criteria:', // 1
      '  - field: employees', // 2
      '    rules:', // 3
      '      - { min: 0, max: 50, points: 5 }', // 4
      '      - { min: 50, max: 250, points: 10 }', // 5: 50 is in both
      '      - { above: 300, points: 20 }', // 6: 250..300 in none
    ].join('\n');
    const g = parseGrid(text, 'g.yaml');
    expect(g.warnings.map((w) => `${w.line}:${w.column}: ${w.message}`)).toEqual([
      '5:9: criterion "employees": rule 2 overlaps rule 1; the first rule in the file wins.',
      '6:9: criterion "employees": rule 3 leaves a gap after rule 2 (250 to 300); values there get 0 points.',
    ]);
  });

  it('min then above on the same bound is neither overlap nor gap', () => {
    const g = parseGrid(
      'criteria:\n  - field: n\n    rules: [{ below: 50, points: 1 }, { min: 50, points: 2 }]\n',
      'g.yaml',
    );
    expect(g.warnings).toEqual([]);
  });
});

describe('matchGridFields', () => {
  const grid: GridFile = parseGrid(
    'criteria:\n  - field: Sector\n    rules: [{ present: true, points: 1 }]\n  - field: employes\n    rules: [{ min: 1, points: 1 }]\n',
    'g.yaml',
  );
  it('matches case-insensitively and names the closest header of an unknown field', () => {
    expect(() => matchGridFields(grid, ['client_id', 'sector', 'employees'])).toThrow(
      'g.yaml: the grid names columns the client file does not have.\ng.yaml:4:12: criterion "employes": no column "employes" in the client file; the closest is "employees". Columns: client_id, sector, employees.',
    );
    expect(() => matchGridFields(grid, ['sector', 'employes'])).not.toThrow();
    // a field the data layer mapped through a synonym counts as found
    expect(() => matchGridFields(grid, ['sector', 'Employees count'], new Set(['employes']))).not.toThrow();
  });
});

describe('readGrid', () => {
  const io = (cwd: string): Io => ({
    stdout: () => {},
    stderr: () => {},
    stdin: process.stdin,
    env: {},
    cwd,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    now: () => new Date('2026-11-23T12:00:00'),
  });
  const dir = mkdtempSync(join(tmpdir(), 'grid-'));

  it('a missing file is an input error (66)', () => {
    expect(() => readGrid('nope.yaml', io(dir))).toThrow(InputFileError);
    expect(() => readGrid('nope.yaml', io(dir))).toThrow(
      'nope.yaml: cannot read the grid (no such file); check the path given to --grid.',
    );
  });

  it('a file over 1 MB is refused before parsing', () => {
    writeFileSync(join(dir, 'big.yaml'), '#'.repeat(1_000_001));
    expect(() => readGrid('big.yaml', io(dir))).toThrow(
      'big.yaml: the grid has 1000001 bytes; expected at most 1000000 (a grid is a few kilobytes).',
    );
  });

  it('reads a file with a byte-order mark', () => {
    writeFileSync(join(dir, 'bom.yaml'), '\ufeff' + FIXTURE);
    expect(readGrid('bom.yaml', io(dir)).grid.criteria).toHaveLength(6);
  });
});

describe('grid values are matched as text, as written', () => {
  // YAML 1.2 reads the plain scalar 06 as the integer 6, 0x1F as 31 and 1e3 as 1000: the grid
  // keeps what its author typed (French département codes 06, 2A, 75).
  it('keeps the source text of plain numbers in equals and one_of', () => {
    const g = parseGrid(
      [
        'criteria:',
        '  - name: département',
        '    field: dept',
        '    rules:',
        '      - { one_of: [06, 2A, 75], points: 10 }',
        '      - { equals: 0x1F, points: 3 }',
        '      - { equals: "09", points: 2 }',
        '      - { equals: 1e3, points: 1 }',
        '',
      ].join('\n'),
      'g.yaml',
    );
    expect(g.grid.criteria[0]?.rules.map((r) => (r.kind === 'equals' ? r.values : []))).toEqual([
      ['06', '2A', '75'],
      ['0x1F'],
      ['09'],
      ['1e3'],
    ]);
  });
});
