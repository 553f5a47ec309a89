import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CRM = join(ROOT, 'test/fixtures/crm-exports');

describe('prospect inspect', () => {
  it('the French Excel fixture: cp1252, ";", decimal comma, day first, 302 rows, fields and types', async () => {
    const { code, stdout } = await runCli([
      'inspect',
      join(ROOT, 'fixtures/clients-fr.csv'),
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ encoding: 'windows-1252', delimiter: ';', decimal: ',', dateOrder: 'dmy' });
    expect(json.rows).toEqual({ read: 302, used: 302, rejected: 0, skipped: 0 });
    const byHeader = Object.fromEntries(json.columns.map((c: { header: string }) => [c.header, c]));
    expect(byHeader['N° client']).toMatchObject({ field: 'clientId', type: 'text' });
    expect(byHeader["Chiffre d'affaires"]).toMatchObject({ field: 'revenue', type: 'number', unreadable: 1 }); // "n.c."
    expect(byHeader['Dernière interaction']).toMatchObject({ field: 'lastInteraction', type: 'date' });
    expect(byHeader["Nombre d'interactions"]).toMatchObject({ field: 'interactions', type: 'integer' });
    expect(byHeader['Maturité']?.samples).toEqual(['Aride', 'Actif', 'Latent']);
  });

  it.each([
    ['derived/pipeline-fr-texte-unicode-utf16le-tab.txt', 'utf-16le', '\t', ','],
    ['derived/pipeline-fr-utf8bom-semicolon-nnbsp.csv', 'utf-8-bom', ';', ','],
    ['hubspot-style-deals.csv', 'utf-8', ',', '.'],
  ])('%s: %s, %j, decimal %s', async (file, encoding, delimiter, decimal) => {
    const { stdout } = await runCli(['inspect', join(CRM, file), '-f', 'json']);
    expect(JSON.parse(stdout)).toMatchObject({ encoding, delimiter, decimal });
  });

  it('the table in French', async () => {
    const { stdout } = await runCli(['inspect', join(ROOT, 'fixtures/clients-fr.csv'), '--lang', 'fr']);
    expect(stdout).toContain('Encodage : windows-1252 (détecté)');
    expect(stdout).toContain('Séparateur : ; (point-virgule) (détecté)');
    expect(stdout).toContain('Dates : jour en premier (22/11/2026) (détecté)');
    expect(stdout).toContain('nombre (1 illisible)');
  });

  it('the table in English, and CSV and Markdown', async () => {
    const en = await runCli(['inspect', join(ROOT, 'fixtures/clients-en.csv')]);
    expect(en.stdout).toContain('Encoding: utf-8 (detected)');
    expect(en.stdout).toContain('Rows: 240 read, 240 usable, 0 rejected; 16 columns');
    const csv = await runCli(['inspect', join(ROOT, 'fixtures/clients-en.csv'), '-f', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe('index,header,field,type,samples');
    expect(csv.stdout.split('\r\n')[1]).toMatch(/^1,Record ID,clientId,integer,/);
    const md = await runCli(['inspect', join(ROOT, 'fixtures/clients-en.csv'), '-f', 'markdown']);
    expect(md.stdout).toContain('| # | Header | Field | Type | Sample values |');
  });

  it('--delimiter forces the separator (and says so)', async () => {
    const { stdout } = await runCli(['inspect', '-', '--delimiter', ';', '-f', 'json'], {
      stdin: 'a,b;c\n1,2;3\n',
    });
    const json = JSON.parse(stdout);
    expect(json.columns.map((c: { header: string }) => c.header)).toEqual(['a,b', 'c']);
    expect(json.sources.delimiter).toBe('flag');
  });
});
