import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

// One file per CRM profile, shaped like its export (test/fixtures/crm-profiles/README.md). Every
// file holds the same five or six deals, so the expected counts are counted by hand from the rows:
// two won (Alpha, Beta), then lost and open as each file's own outcome column or stage says.
const DIR = join(__dirname, 'fixtures', 'crm-profiles');
const WINDOW = ['--from', '2025-01-01', '--to', '2025-12-31'];

async function calibrate(
  file: string,
  extra: string[] = [],
): Promise<{ counts: Record<string, number>; stderr: string }> {
  const r = await runCli(['calibrate', file, ...WINDOW, '-f', 'json', ...extra], { cwd: DIR });
  expect(r.code, r.stderr).toBe(0);
  const json = JSON.parse(r.stdout) as { team: { counts: Record<string, number> } };
  return { counts: json.team.counts, stderr: r.stderr };
}

async function inspect(
  file: string,
  extra: string[] = [],
): Promise<{
  crm: { id: string } | null;
  columns: { header: string; field: string | null }[];
  rows: Record<string, number>;
  choices: unknown[];
  lookAlikes: { header: string; field: string; map: string }[];
}> {
  const r = await runCli(['inspect', file, '-f', 'json', ...extra], { cwd: DIR });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('a CRM profile per export: detected, outcomes right, no footer rejected', () => {
  it.each([
    // [file, profile, won, lost, open]: counted from the file's outcome column or stage names.
    // Pipedrive: Deal - Status Won, Won, Lost, Lost, Open, Open (the stages are Pipedrive's defaults).
    ['pipedrive-deals.csv', 'pipedrive', 2, 2, 2],
    // Salesforce report (French): Fermée gagnée x2, Fermée perdue, Proposition/Devis, Qualification.
    ['salesforce-report-fr.csv', 'salesforce-report', 2, 1, 2],
    // Salesforce data export: IsClosed/IsWon true/true x2, true/false, false/false x2.
    ['salesforce-opportunities.csv', 'salesforce', 2, 1, 2],
    // HubSpot: Closed Won x2, Closed Lost, Contract Sent, Appointment Scheduled.
    ['hubspot-deals.csv', 'hubspot', 2, 1, 2],
    // Zoho: Closed Won x2, Closed-Lost to Competition, Identify Decision Makers, Qualification.
    ['zoho-deals.csv', 'zoho', 2, 1, 2],
    // Odoo (French labels): Gagné x2, Proposition, Qualifié, Nouveau (a lost lead is archived).
    ['odoo-crm-lead-fr.csv', 'odoo', 2, 0, 3],
    // Sellsy: Statut Gagnée x2, Perdue, Annulée, En cours.
    ['sellsy-opportunites.csv', 'sellsy', 2, 2, 1],
    // Dynamics 365: Status Won x2, Lost, Open x2.
    ['dynamics-opportunities.csv', 'dynamics', 2, 1, 2],
  ])('%s: %s, %i won, %i lost, %i open', async (file, profile, won, lost, open) => {
    expect((await inspect(file)).crm?.id).toBe(profile);
    const { counts, stderr } = await calibrate(file);
    expect({ won: counts.won, lost: counts.lost, open: counts.open }).toEqual({ won, lost, open });
    expect(stderr).toMatch(/, 0 rejected/);
  });

  it('Pipedrive: Deal - Status is the outcome, not a client status; Deal - Deal created the creation date', async () => {
    const { columns } = await inspect('pipedrive-deals.csv');
    const field = (h: string): string | null | undefined => columns.find((c) => c.header === h)?.field;
    expect(field('Deal - Status')).toBe('outcome');
    expect(field('Deal - Stage')).toBe('stage');
    expect(field('Deal - Deal created')).toBe('createdDate');
    expect(field('Deal - Value')).toBe('amount');
    expect(field('Deal - Owner')).toBe('owner');
  });

  it('Salesforce report: the footer block is skipped and counted, not rejected', async () => {
    // 5 deals; "Total", the `""` line (a row of one empty field), the confidentiality, copyright
    // and generated-by lines and the company name are 6 skipped rows (the empty line before
    // "Total" is no row).
    const { rows } = await inspect('salesforce-report-fr.csv');
    expect(rows).toEqual({ read: 11, used: 5, rejected: 0, skipped: 6 });
    const r = await runCli(['calibrate', 'salesforce-report-fr.csv', ...WINDOW, '-f', 'json'], { cwd: DIR });
    expect(r.stderr).toContain('11 rows read, 5 used, 0 rejected, 6 skipped');
    expect(JSON.parse(r.stdout).warnings).toEqual([
      { code: 'rows-skipped', message: 'salesforce-report-fr.csv: 6 skipped (report footer or blank lines)' },
    ]);
  });

  it('Axonaut: Type (prospect / client / fournisseur) is the client status', async () => {
    const { crm, columns } = await inspect('axonaut-entreprises.csv');
    expect(crm?.id).toBe('axonaut');
    expect(columns.find((c) => c.header === 'Type')?.field).toBe('status');
    expect(columns.find((c) => c.header === "Nom de l'entreprise")?.field).toBe('company');
  });

  it('French Excel: CA 2025 taken over CA 2024, the total row and blank rows skipped', async () => {
    const { crm, columns, rows, choices } = await inspect('french-excel-clients.csv');
    expect(crm?.id).toBe('french-excel');
    expect(columns.find((c) => c.header === 'CA 2025 (€)')?.field).toBe('revenue');
    expect(columns.find((c) => c.header === 'CA 2024 (€)')?.field).toBeNull();
    expect(choices).toEqual([
      { field: 'revenue', chosen: 'CA 2025 (€)', others: ['CA 2024 (€)'], rule: 'year' },
    ]);
    // 4 clients, then "Total" and two rows of separators only.
    expect(rows).toEqual({ read: 7, used: 4, rejected: 0, skipped: 3 });
  });

  it('--crm forces a profile; an unknown name is a usage error', async () => {
    expect((await inspect('hubspot-deals.csv', ['--crm', 'pipedrive'])).crm?.id).toBe('pipedrive');
    const r = await runCli(['inspect', 'hubspot-deals.csv', '--crm', 'nocrm'], { cwd: DIR });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(
      '--crm: "nocrm" is not a CRM prospect knows; expected one of pipedrive, salesforce',
    );
  });
});

describe('segment on a French Excel client list (the header rule, stated and overridable)', () => {
  it('takes the latest year, says so on stderr and in JSON; --map takes the other', async () => {
    const r = await runCli(['segment', 'french-excel-clients.csv', '--by', 'sector', '-f', 'json'], {
      cwd: DIR,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('revenue: "CA 2025 (€)" taken, not "CA 2024 (€)" (the latest year)');
    const json = JSON.parse(r.stdout);
    expect(json.warnings[0]).toEqual({
      code: 'column-choice',
      message:
        'revenue: "CA 2025 (€)" taken, not "CA 2024 (€)" (the latest year); --map revenue="CA 2024 (€)" to take the other',
    });
    const fr = await runCli(['segment', 'french-excel-clients.csv', '--by', 'sector', '-f', 'json'], {
      cwd: DIR,
      env: { LANG: 'fr_FR.UTF-8' },
    });
    expect(fr.stderr).toContain(
      "revenue : « CA 2025 (€) » retenu, pas « CA 2024 (€) » (l'année la plus récente)",
    );
    const mapped = await runCli(
      ['segment', 'french-excel-clients.csv', '--by', 'sector', '-f', 'json', '--map', 'revenue=CA 2024 (€)'],
      { cwd: DIR },
    );
    expect(mapped.stderr).not.toContain('taken, not');
  });
});
