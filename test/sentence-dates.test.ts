import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSentenceDate } from '../src/i18n.js';
import { runCli } from './helpers/run-cli.js';

// The rule (decided for issue 18's leftovers): a date inside a message's sentence (stderr, the
// JSON `warnings`, the `reason` column of --rejects) is written 30/06/2026 in French and ISO in
// English; data cells stay ISO. Every expected text below is written by hand from that rule.

describe('formatSentenceDate', () => {
  it.each([
    ['2026-06-30', 'fr', '30/06/2026'],
    ['2026-01-05', 'fr', '05/01/2026'],
    ['1999-12-31', 'fr', '31/12/1999'],
    ['2026-06-30', 'en', '2026-06-30'],
    ['30/06/2026', 'fr', '30/06/2026'], // not ISO: as it is
    ['2026-6-30', 'fr', '2026-6-30'],
  ] as const)('%s in %s -> %s', (iso, lang, expected) => {
    expect(formatSentenceDate(iso, lang)).toBe(expected);
  });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-dates-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// B's order of 2 July is after the analysis date of 30 June: rejected (line 3, column 2).
const ORDERS =
  'client_id,order_date,amount\nA,2026-06-01,100\nB,2026-07-02,50\nA,2026-06-15,20\nC,2026-06-20,30\n';

describe('dates in French sentences', () => {
  it('rfm: the rejection reason on stderr and in --rejects, and the note', async () => {
    const dir = folder({ 'o.csv': ORDERS });
    const r = await runCli(
      ['rfm', 'o.csv', '--as-of', '2026-06-30', '--lang', 'fr', '--rejects', 'rej.csv'],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(0);
    const reason =
      'commande du 02/07/2026 postérieure à la date d’analyse du 30/06/2026 ; attendu : à cette date ou avant';
    expect(r.stderr).toContain(`  o.csv:3:2: ${reason}\n`);
    expect(r.stderr).toContain(
      'prospect : 1 commande postérieure à la date d’analyse (30/06/2026) rejetée (--as-of la déplace).',
    );
    // The reason column holds the same sentence; the data cells keep the file's ISO date.
    expect(readFileSync(join(dir, 'rej.csv'), 'utf8').split(/\r?\n/)[1]).toBe(`3,${reason},B,2026-07-02,50`);
  });

  it('rfm in English keeps ISO dates in the same sentence', async () => {
    const dir = folder({ 'o.csv': ORDERS });
    const r = await runCli(['rfm', 'o.csv', '--as-of', '2026-06-30', '--rejects', 'rej.csv'], { cwd: dir });
    expect(r.stderr).toContain(
      '  o.csv:3:2: order dated 2026-07-02 is after the analysis date 2026-06-30; expected on or before it\n',
    );
  });

  it('clv: the rejection reason in --rejects', async () => {
    const dir = folder({ 'o.csv': ORDERS });
    const r = await runCli(
      ['clv', 'o.csv', '--as-of', '2026-06-30', '--lang', 'fr', '--rejects', 'rej.csv'],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'rej.csv'), 'utf8').split(/\r?\n/)[1]).toBe(
      '3,"commande après --as-of, le 30/06/2026 : hors de la période de calibrage",B,2026-07-02,50',
    );
  });

  // Period 5-16 January 2026, as of the 9th: lines 2 (2 Jan) and 5 (20 Jan) are outside it, line 4
  // (12 Jan) after the as-of date.
  const ACTUALS =
    'date,contacts,deals,revenue\n2026-01-02,10,0,0\n2026-01-05,300,1,20000\n2026-01-12,5,0,0\n2026-01-20,10,0,0\n';
  const TRACK = [
    'track',
    '--objective',
    '60000',
    '--from',
    '2026-01-05',
    '--to',
    '2026-01-16',
    '--country',
    'none',
  ];

  it('track: the rows set aside, on stderr and in the JSON warnings', async () => {
    const dir = folder({ 'act.csv': ACTUALS });
    const r = await runCli(
      [...TRACK, '--as-of', '2026-01-09', '--actuals', 'act.csv', '--lang', 'fr', '--format', 'json'],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      '  2 lignes non utilisées, hors de la période du 05/01/2026 au 16/01/2026 (lignes 2, 5)',
    );
    expect(r.stderr).toContain('  1 ligne non utilisée, après la date du suivi, le 09/01/2026 (ligne 4)');
    const json = JSON.parse(r.stdout) as { warnings: { fr: string }[] };
    expect(json.warnings.map((w) => w.fr)).toEqual([
      'act.csv : 2 lignes datées hors de la période du 05/01/2026 au 16/01/2026 : non comptées.',
      'act.csv : 1 ligne datée après la date du suivi, le 09/01/2026 : pas encore comptée.',
    ]);
  });

  it('track before the period: the note', async () => {
    const dir = folder({ 'act.csv': ACTUALS });
    const r = await runCli([...TRACK, '--as-of', '2026-01-02', '--actuals', 'act.csv', '--lang', 'fr'], {
      cwd: dir,
    });
    expect(r.stderr).toContain(
      'prospect : la période commence le 05/01/2026 : elle n’a pas commencé au 02/01/2026 ; rien n’est encore dû.',
    );
  });

  it('plan: an error names its dates the French way', async () => {
    const r = await runCli([
      'plan',
      '--objective',
      '1000',
      '--from',
      '2026-05-01',
      '--to',
      '2026-04-30',
      '--lang',
      'fr',
    ]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'prospect : --to : l’échéance du 30/04/2026 est avant le début, le 01/05/2026 ; attendu : une échéance le jour du début ou après (début : --from).\n',
    );
  });
});
