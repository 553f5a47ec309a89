import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/**
 * The YAML files a user writes (the score grid, prospect.yaml, the review objectives, the plan's
 * objectives file) and the guards every YAML input goes through: their problems in French, with
 * `--lang fr`, in the one pattern `file:line:column: what was found, what was expected, what to do`,
 * and the program's name written `prospect :` as French typography wants.
 *
 * Expected texts are written by hand from the files below: the line and column count from 1 in
 * each file as written here (the column of the value or key at fault).
 */
const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'prospect-yaml-fr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};

describe('YAML readers in French (--lang fr)', () => {
  it('a bad score grid: every problem in French, with its place', async () => {
    const grid = write(
      'grid.yaml',
      [
        'criteria:',
        '  - field: sector',
        '    rules:',
        '      - { equals: Industrie }', // 4:9 no points
        '      - { min: 10, max: 5, points: 3 }', // 5:9 empty range
        '  - name: size',
        '    field: employees',
        '    group: fitt', // 8:12 no such group
        '    rules: []',
        'grades: { A: 40, B: 70 }', // 10:21 thresholds not going down
        'maturity: { A: actif }', // 11:16 not a maturity, "active" is close
        '',
      ].join('\n'),
    );
    const r = await runCli(
      ['score', join(ROOT, 'fixtures/clients.csv'), '--grid', grid, '--as-of', '2026-11-23', '--lang', 'fr'],
      { cwd: dir },
    );
    expect(r.code).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'prospect : grid.yaml : 5 problèmes dans la grille.',
        'grid.yaml:4:9: critère « sector » : règle 1 : pas de « points » ; attendu : points: NOMBRE.',
        'grid.yaml:5:9: critère « sector » : règle 2 : la plage est vide (de 10 à 5) ; attendu : la borne basse en premier.',
        "grid.yaml:8:12: critère « size » : le groupe « fitt » n'est pas déclaré sous groups ; déclarez-le avec son plafond (cap).",
        "grid.yaml:10:21: grades : B (70) n'est pas sous A (40) ; donnez les seuils du plus haut au plus bas.",
        "grid.yaml:11:16: maturity : A : « actif » n'est pas une maturité ; attendu : active, latent ou arid (vouliez-vous dire « active » ?).",
        '',
      ].join('\n'),
    );
  });

  it('the same grid in English keeps its English words', async () => {
    const r = await runCli(
      ['score', join(ROOT, 'fixtures/clients.csv'), '--grid', 'grid.yaml', '--as-of', '2026-11-23'],
      { cwd: dir },
    );
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      'prospect: grid.yaml: 5 problems in the grid.',
      'grid.yaml:4:9: criterion "sector": rule 1: no "points"; expected points: NUMBER.',
    ]);
  });

  it('a grid of the wrong shape: what was found, in French words', async () => {
    const grid = write(
      'shape.yaml',
      ['criteria:', '  - field: employees', '    rules: oui', 'grades: [A, B]', ''].join('\n'),
    );
    const r = await runCli(['score', join(ROOT, 'fixtures/clients.csv'), '--grid', grid, '--lang', 'fr'], {
      cwd: dir,
    });
    expect(r.code).toBe(65);
    expect(r.stderr).toBe(
      [
        'prospect : shape.yaml : 2 problèmes dans la grille.',
        'shape.yaml:3:12: critère « employees » : rules : attendu : une liste de règles ; trouvé : « oui ».',
        'shape.yaml:4:9: grades : attendu : des seuils comme { A: 70, B: 40, otherwise: C } ; trouvé : une liste.',
        '',
      ].join('\n'),
    );
  });

  it('a bad prospect.yaml: one line per problem, in French', async () => {
    const project = join(dir, 'project');
    rmSync(project, { recursive: true, force: true });
    mkdirSync(project);
    writeFileSync(
      join(project, 'prospect.yaml'),
      ['language: de', 'conventions:', '  decimal: ";"', 'clients:', '  sheet: [1, 2]', ''].join('\n'),
    );
    const r = await runCli(['segment', join(ROOT, 'fixtures/clients.csv'), '--lang', 'fr'], { cwd: project });
    expect(r.code).toBe(65);
    expect(r.stderr).toBe(
      [
        'prospect : ./prospect.yaml : 3 problèmes dans le fichier de projet.',
        './prospect.yaml:1:11: language : « de » n’est pas une langue ; attendu : en ou fr',
        './prospect.yaml:3:12: conventions.decimal : « ; » n’est pas un séparateur décimal ; attendu : "," ou "."',
        './prospect.yaml:5:10: clients.sheet : [1,2] n’est pas un nom de feuille (texte)',
        '',
      ].join('\n'),
    );
  });

  it('bad review objectives: what was found, what is expected, with the French keys', async () => {
    const objectives = write('objectives.yaml', 'conquête: beaucoup\nventes: 3\ncommerciaux:\n  Alice: 5\n');
    const r = await runCli(
      [
        'review',
        join(ROOT, 'fixtures/review/orders.csv'),
        '--clients',
        join(ROOT, 'fixtures/review/clients.csv'),
        '--objectives',
        objectives,
        '--period',
        '2025',
        '--lang',
        'fr',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(65);
    expect(r.stderr.slice(r.stderr.indexOf('prospect :'))).toBe(
      [
        'prospect : objectives.yaml : les objectifs ne peuvent pas être utilisés.',
        'objectives.yaml:1:11: « conquête » : attendu : un montant en euros (0 ou plus), comme 60000.',
        'objectives.yaml:2:1: « ventes » n’est pas une origine ; attendu : conquête, fidélisation, reconquête, total ou commerciaux.',
        'objectives.yaml:4:10: « Alice » : attendu : des montants par origine, comme { conquête: 30000 }.',
        '',
      ].join('\n'),
    );
  });

  it('a bad plan objectives file: an unknown key and a value of the wrong kind', async () => {
    const file = write(
      'plan.yaml',
      'objectives:\n  - name: A\n    amount: 1000\n    colour: red\n    avgDeal: {}\n',
    );
    const r = await runCli(['plan', '--file', file, '--lang', 'fr'], { cwd: dir });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(
      [
        'prospect : plan.yaml : ce n’est pas un fichier d’objectifs valide.',
        'plan.yaml:5:14: objectives[0].avgDeal : trouvé : des lignes clé: valeur ; attendu : un nombre ou un texte comme 6 %.',
        'plan.yaml:4:5: clé « colour » inconnue dans objectives[0] ; attendu : l’une de name, amount, product, zone, rep,',
      ].join('\n'),
    );
  });

  it('the guards of every YAML input (a __proto__ key), in French', async () => {
    const grid = write(
      'proto.yaml',
      'criteria:\n  - field: sector\n    __proto__: 1\n    rules: [{ equals: x, points: 1 }]\n',
    );
    const r = await runCli(['score', join(ROOT, 'fixtures/clients.csv'), '--grid', grid, '--lang', 'fr'], {
      cwd: dir,
    });
    expect(r.code).toBe(65);
    expect(r.stderr).toBe('prospect : proto.yaml:3:5: la clé « __proto__ » n’est pas admise ; renommez-la\n');
  });
});
