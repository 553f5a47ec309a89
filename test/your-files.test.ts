import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutcome } from '../src/commands/score.js';
import { classifyLeadStage } from '../src/core/review.js';
import { mapStageName } from '../src/core/stage-mapping.js';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'prospect-your-files-'));
const write = (name: string, lines: string[]): void =>
  writeFileSync(join(dir, name), lines.join('\n') + '\n');
const WINDOW = ['--from', '2025-01-01', '--to', '2025-12-31'];

write('deals.csv', [
  'Deal,Étape,Créée le,Montant',
  'D1,Gagnée,2025-01-10,100',
  'D2,Perdue,2025-01-10,100',
  'D3,Signé chez nous,2025-01-11,50',
  'D4,Perdu - prix,2025-01-11,50',
  'D5,Rappel prévu,2025-01-12,70',
]);
write('activities.csv', [
  'Date,Société,Commercial,Type,Durée (min)',
  '2025-01-02,Alpha,Ann,appel,5',
  '2025-01-06,Alpha,Ann,appel,3',
  '2025-02-03,Gamma,Bob,appel,4',
]);

describe('one outcome vocabulary in every command (issue 13)', () => {
  // The words that differed: calibrate and plan --pipeline (mapStageName), score --learn
  // (parseOutcome), review (classifyLeadStage) now say the same.
  it.each([
    ['Annulé', 'lost'],
    ['Annulée', 'lost'],
    ['Conclue', 'won'],
    ['Sans suite', 'lost'],
    ['Refusée', 'lost'],
    ['Vendu', 'won'],
    ['Fermée gagnée', 'won'],
    ['Fermée perdue', 'lost'],
    ['Gewonnen', 'won'],
    ['Perdido', 'lost'],
  ] as const)('%j is %s everywhere', (word, outcome) => {
    expect(mapStageName(word)).toBe(outcome);
    expect(parseOutcome(word)).toBe(outcome);
    expect(classifyLeadStage(word)).toBe(outcome);
  });
});

describe('unknown stages propose a stages file that says open unless the word says won or lost', () => {
  it('plan --pipeline: exit 65 with the lines; the lines given back with --stages work', async () => {
    const r = await runCli(['plan', '--objective', '60000', '--pipeline', 'deals.csv'], { cwd: dir });
    expect(r.code).toBe(65);
    // By hand: "Signé chez nous" holds "signé" (won), "Perdu - prix" holds "perdu" (lost),
    // "Rappel prévu" says neither: open, never won.
    expect(r.stderr).toContain('  Signé chez nous: won\n  Perdu - prix: lost\n  Rappel prévu: open\n');
    write('stages.yaml', ['Signé chez nous: won', 'Perdu - prix: lost', 'Rappel prévu: open']);
    const ok = await runCli(
      ['plan', '--objective', '60000', '--pipeline', 'deals.csv', '--stages', 'stages.yaml', '-f', 'json'],
      { cwd: dir },
    );
    expect(ok.code, ok.stderr).toBe(0);
    // One open deal (D5, 70 €).
    expect(ok.stderr).toMatch(/open pipeline €70 \(1 deals\)/);
  });
});

describe('--map applies to every file of a run', () => {
  it('calibrate --map "minutes=Durée (min)": the deals file has no such column and does without', async () => {
    write('stages.yaml', ['Signé chez nous: won', 'Perdu - prix: lost', 'Rappel prévu: open']);
    const r = await runCli(
      [
        'calibrate',
        'deals.csv',
        '--activities',
        'activities.csv',
        '--stages',
        'stages.yaml',
        '--map',
        'minutes=Durée (min)',
        ...WINDOW,
        '-f',
        'json',
      ],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    const team = JSON.parse(r.stdout).team;
    // 3 contacts of 5, 3 and 4 minutes.
    expect(team.counts.contacts).toBe(3);
    expect(team.measures.minutesPerContact.value).toBeCloseTo(4, 10);
  });

  it('a --map header that is a near miss of one of the file is still an error', async () => {
    const r = await runCli(['calibrate', 'deals.csv', '--map', 'amount=Montnat', ...WINDOW], { cwd: dir });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('no header "Montnat" for amount');
  });
});

describe('no silent drop: a missing main column is said on stderr and in JSON, in both languages', () => {
  write('clients.csv', ['Client;Secteur;Chiffre réalisé', 'A;Industrie;100', 'B;Services;200']);
  it('segment without revenue', async () => {
    const en = await runCli(['segment', 'clients.csv', '--by', 'sector', '-f', 'json'], { cwd: dir });
    expect(en.code).toBe(0);
    const line =
      'clients.csv: no column for revenue: the table has no revenue figures; headers seen: "Client", "Secteur", "Chiffre réalisé"; if one of them is it, give --map revenue="Chiffre réalisé".';
    expect(en.stderr).toContain(`prospect: warning: ${line}`);
    expect(JSON.parse(en.stdout).warnings).toEqual([{ code: 'missing-column', message: line }]);
    const fr = await runCli(['segment', 'clients.csv', '--by', 'sector', '-f', 'json'], {
      cwd: dir,
      env: { LANG: 'fr_FR.UTF-8' },
    });
    expect(fr.stderr).toContain(
      "prospect : attention : clients.csv : aucune colonne pour revenue : le tableau n'a pas de chiffres d'affaires",
    );
  });

  it('calibrate: activities without a duration, deals without won or lost', async () => {
    write('open-deals.csv', [
      'Deal,Stage,Create Date',
      'D1,Qualification,2025-01-10',
      'D2,Proposal,2025-01-11',
    ]);
    write('calls.csv', ['Date,Company', '2025-01-02,Alpha']);
    const r = await runCli(
      ['calibrate', 'open-deals.csv', '--activities', 'calls.csv', ...WINDOW, '-f', 'json'],
      {
        cwd: dir,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const codes = (JSON.parse(r.stdout).warnings as { code: string; message: string }[]).map(
      (w) => w.message,
    );
    expect(codes).toEqual([
      'open-deals.csv: no column for outcome: no deal of 2 reads as won or lost (stage column "Stage"), so win rates cannot be measured; headers seen: "Deal", "Stage", "Create Date"; if one of them is it, give --map outcome="Header".',
      'calls.csv: no column for minutes: no duration, so minutes per contact are not measured; headers seen: "Date", "Company"; if one of them is it, give --map minutes="Header".',
    ]);
  });
});

describe('inspect: look-alike headers and the --map to read them', () => {
  it('names a header that maps to nothing but looks like a field, with the --map line', async () => {
    write('lookalike.csv', ['Client,Montnt,Ville', 'A,10,Paris']);
    const r = await runCli(['inspect', 'lookalike.csv', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    // "montnt" is one letter from "montant" (amount): 1/7 of its letters.
    expect(JSON.parse(r.stdout).lookAlikes).toEqual([
      { header: 'Montnt', field: 'amount', map: '--map amount="Montnt"' },
    ]);
    const table = await runCli(['inspect', 'lookalike.csv'], { cwd: dir });
    expect(table.stdout).toContain('Not read: "Montnt" looks like amount; to read it: --map amount="Montnt"');
  });
});

describe('score --learn: a value of the outcome column that says neither won nor lost', () => {
  it('counts as open and is named on stderr and in JSON', async () => {
    write('learn.csv', [
      'id,sector,stage',
      '1,Industrie,Gagnée',
      '2,Industrie,Perdue',
      '3,Services,Annulée',
      '4,Services,Conclue',
      '5,Services,Bizarre',
    ]);
    const r = await runCli(['score', '--learn', 'learn.csv', '--fields', 'sector', '-f', 'json'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    // "Bizarre" is neither an outcome word nor a stage: the only one named.
    expect(r.stderr).toContain(
      'learn.csv: 1 stage value says neither won nor lost and counts as open: "Bizarre"; rename it',
    );
  });
});
