import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/** Issue 13's leftovers of the input layer: values worked out by hand from the files below. */
const dir = mkdtempSync(join(tmpdir(), 'prospect-input-leftovers-'));
const write = (name: string, lines: string[]): void =>
  writeFileSync(join(dir, name), lines.join('\n') + '\n');

describe('Odoo: archived lost leads are lost', () => {
  // Shaped like Odoo's export of crm.lead (field labels: Opportunity, Customer, Salesperson, Sales
  // Team, Stage, Expected Revenue, Probability, Created on, Expected Closing, Closed Date, Active,
  // Lost Reason; booleans as True/False, datetimes as YYYY-MM-DD HH:MM:SS). A lead marked lost is
  // archived (Active = False) with a lost reason and keeps the stage it was at.
  it('calibrate: 2 won (stage Won), 3 lost (archived), 1 open', async () => {
    const r = await runCli(
      ['calibrate', 'test/fixtures/crm/odoo-leads.csv', '--from', '2025-01-01', '--to', '2025-12-31', '-f', 'json'],
    );
    expect(r.code).toBe(0);
    const counts = (JSON.parse(r.stdout) as { team: { counts: Record<string, number> } }).team.counts;
    // By hand: Refonte site and Licences are at Won; Audit and Formation are archived with a
    // reason, Maintenance archived without one; Migration is active at Proposition.
    expect(counts).toMatchObject({ deals: 6, won: 2, lost: 3, open: 1, revenueWon: 20000 });
  });
});
