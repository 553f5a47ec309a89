import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'prospect-calibrate-'));
const write = (name: string, lines: string[]): void =>
  writeFileSync(join(dir, name), lines.join('\n') + '\n');

// A small history worked by hand (window 2025): see the comments of each test.
write('deals.csv', [
  'Deal ID,Company,Deal Stage,Amount,Deal owner,Create Date,Proposal Date,Close Date,Lead Source',
  'D1,Alpha,Closed Won,10000,Ann,2025-01-10,2025-01-20,2025-02-10,Cold call',
  'D2,Beta,Closed Won,20000,Ann,2025-02-01,2025-02-15,2025-03-01,Referral',
  'D3,Gamma,Closed Lost,5000,Bob,2025-02-10,2025-02-20,2025-03-10,Cold call',
  'D4,Delta,Closed Lost,8000,Bob,2025-03-01,,2025-03-15,Cold call',
  'D5,Epsilon,Contract Sent,12000,Bob,2025-03-10,2025-03-20,,Inbound',
  'D6,Zeta,Qualified to Buy,4000,Ann,2025-03-20,,,Cold call',
  'D7,Eta,Closed Won,30000,Bob,2026-01-05,2026-01-10,2026-02-01,Cold call',
]);
write('activities.csv', [
  'Date,Type,Minutes,Company,Owner',
  '2025-01-02,call,2,Alpha,Ann',
  '2025-01-06,call,4,Alpha,Ann',
  '2025-01-10,mail,3,Alpha,Ann',
  '2025-01-15,meeting,60,Alpha,Ann',
  '2025-02-01,call,5,Beta,Ann',
  '2025-02-03,call,2,Gamma,Bob',
  '2025-02-10,call,,Gamma,Bob',
  '2025-02-20,call,2,Delta,Bob',
  '2025-03-01,call,4,Delta,Bob',
  '2025-03-05,call,1,Omega,Ann',
  '2025-03-06,call,1,Omega,Ann',
  '2025-03-07,call,1,Psi,Bob',
  '2025-03-18,call,3,Zeta,Ann',
  '2024-12-20,call,2,Theta,Bob',
]);

const WINDOW = ['--from', '2025-01-01', '--to', '2025-12-31'];

// A parsed JSON document, checked key by key below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function calibrate(args: string[]): Promise<{ code: number; json: Json; stderr: string }> {
  const { code, stdout, stderr } = await runCli(['calibrate', ...args, '--format', 'json'], { cwd: dir });
  return { code, json: code === 0 ? JSON.parse(stdout) : null, stderr };
}

describe('prospect calibrate on a small history worked by hand', () => {
  it('measures the deal-based parameters (no activities file)', async () => {
    const { code, json } = await calibrate(['deals.csv', ...WINDOW]);
    expect(code).toBe(0);
    const m = json.team.measures;
    // Cohort = D1..D6 (created in 2025). Proposals D1 D2 D3 D5; won D1 D2; decided proposals
    // D1 D2 D3 -> win rate 2/3, 1.5 proposals per deal. Settled = 4 proposals + D4 (lost before
    // any proposal) = 5 -> factor 5/4. Average won (10000 + 20000)/2. Spontaneous: D2 referral,
    // D5 inbound. Cycle from creation: D1 31 days, D2 28 days.
    expect(json.team.counts).toMatchObject({
      deals: 6,
      proposals: 4,
      won: 2,
      lost: 2,
      open: 2,
      spontaneous: 2,
    });
    expect(m.winRate.value).toBeCloseTo(2 / 3, 9);
    expect(m.winRate.n).toBe(3);
    expect(m.proposalsPerDeal.value).toBeCloseTo(1.5, 9);
    expect(m.compensationFactor.value).toBeCloseTo(1.25, 9);
    expect(m.avgDeal.value).toBe(15000);
    expect(m.spontaneous.value).toBe(2);
    expect(m.spontaneousShare.value).toBeCloseTo(1 / 3, 9);
    expect(m.salesCycleDays.value).toBeCloseTo(29.5, 9);
    expect(m.accessibility).toMatchObject({ value: null, reason: 'no activities file' });
    expect(json.proposalEvidence).toBe('dates');
    // Open pipeline: D5 at proposal 12000 x 2/3 + D6 active 4000 x (2 won / 4 closed).
    expect(json.pipeline.amount).toBe(16000);
    expect(json.pipeline.weighted).toBeCloseTo(8000 + 2000, 6);
    expect(json.pipeline.requiredCoverage).toBeCloseTo(1.5, 9);
  });

  it('measures the contact-based parameters from the activities', async () => {
    const { json } = await calibrate(['deals.csv', '--activities', 'activities.csv', ...WINDOW]);
    const m = json.team.measures;
    // Prospects first contacted in 2025, not spontaneous: Alpha Gamma Delta Omega Psi Zeta (Theta
    // started in 2024, Beta came by referral); with a deal: Alpha Gamma Delta Zeta -> 4/6.
    // Contacts up to the deal's creation: Alpha 3 (the meeting of 01-15 is after), Gamma 2,
    // Delta 2, Omega 2, Psi 1, Zeta 1 = 11 over 6. Minutes of those with a duration:
    // 2+4+3, 2, 2+4, 1+1, 1, 3 = 23 over 10. Cycle from first contact: D1 01-02 -> 02-10 = 39,
    // D2 28 -> 33.5.
    expect(m.accessibility.value).toBeCloseTo(4 / 6, 9);
    expect(m.accessibility.n).toBe(6);
    expect(m.contactsPerProspect.value).toBeCloseTo(11 / 6, 9);
    expect(m.minutesPerContact.value).toBeCloseTo(2.3, 9);
    expect(m.minutesPerContact.n).toBe(10);
    expect(m.salesCycleDays.value).toBeCloseTo(33.5, 9);
    // Wilson 4/6 at 95 %, by hand: centre (0.666667 + 0.320122)/1.640243 = 0.601611,
    // half 1.959964 x sqrt(0.037037 + 0.026676)/1.640243 = 0.301648 -> [0.2999, 0.9033].
    expect(m.accessibility.low).toBeCloseTo(0.2999, 3);
    expect(m.accessibility.high).toBeCloseTo(0.9033, 3);
    expect(m.accessibility.smallSample).toBe(true);
    expect(m.accessibility.outsideSeedRange).toBe(true);
  });

  it('--by owner measures each owner', async () => {
    const { json } = await calibrate([
      'deals.csv',
      '--activities',
      'activities.csv',
      ...WINDOW,
      '--by',
      'owner',
    ]);
    const [ann, bob] = json.owners;
    expect(json.owners.map((o: { owner: string }) => o.owner)).toEqual(['Ann', 'Bob']);
    // Ann: D1 D2 D6 -> 2 won of 2 decided proposals; Bob: D3 D4 D5 -> 0 of 1: no deal won.
    expect(ann.measures.winRate.value).toBe(1);
    expect(bob.measures.winRate.value).toBe(0);
    expect(bob.measures.proposalsPerDeal).toMatchObject({ value: null, reason: 'no deal won in the window' });
    // Ann first contacted Alpha, Omega, Zeta (active: Alpha, Zeta); Bob Gamma, Delta, Psi.
    expect(ann.measures.accessibility.value).toBeCloseTo(2 / 3, 9);
    expect(bob.measures.accessibility.value).toBeCloseTo(2 / 3, 9);
  });

  it('--output params.yaml writes the parameters that plan --params reads', async () => {
    const { code, stdout, stderr } = await runCli(
      ['calibrate', 'deals.csv', '--activities', 'activities.csv', ...WINDOW, '--output', 'params.yaml'],
      { cwd: dir },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Calibration from history (January 1, 2025 to December 31, 2025)');
    expect(stderr).toContain('parameters written to params.yaml');
    const text = readFileSync(join(dir, 'params.yaml'), 'utf8');
    expect(text).toContain('avgDeal: { value: 15000, n: 2 }');
    expect(text).toContain('proposalsPerDeal: { value: 1.5, n: 3 }');
    expect(text).toContain('compensationFactor: { value: 1.25, n: 5 }');
    expect(text).toContain('accessibility: { value: 0.6667, n: 6 }');
    expect(text).toContain('minutesPerContact: { value: 2.3, n: 10 }');
    const plan = await runCli(
      ['plan', '--objective', '60000', '--params', 'params.yaml', '--format', 'json'],
      {
        cwd: dir,
      },
    );
    const json = JSON.parse(plan.stdout);
    // 60000 / 15000 = 4 deals; x 1.5 = 6 proposals; x 1.25 = 7.5 -> 8 active.
    expect(json).toMatchObject({ deals: 4, proposals: 6, activeProspectsNeeded: 8 });
    expect(json.assumptions.avgDeal).toEqual({ value: 15000, source: 'history', detail: 'n = 2' });
  });

  it('an unknown stage is a data error (65) naming it, its line and its count; --stages maps it', async () => {
    write('odd.csv', [
      'Company,Deal Stage,Amount,Create Date,Close Date',
      'A,Phase 3,1000,2025-01-10,2025-02-01',
      'B,Closed Lost,1000,2025-01-11,2025-02-01',
      'C,Phase 3,3000,2025-01-12,2025-02-01',
    ]);
    const bad = await runCli(['calibrate', 'odd.csv', ...WINDOW], { cwd: dir });
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain('odd.csv:2: stage "Phase 3" (2 rows) is not a stage prospect knows');
    write('stages.yaml', ['Phase 3: won']);
    const { code, json } = await calibrate(['odd.csv', ...WINDOW, '--stages', 'stages.yaml']);
    expect(code).toBe(0);
    // 2 won (1000, 3000) of 3 deals; no proposal dates: lost deals count as refused proposals.
    expect(json.team.measures.avgDeal.value).toBe(2000);
    expect(json.team.measures.winRate.value).toBeCloseTo(2 / 3, 9);
    expect(json.proposalEvidence).toBe('assumed');
  });

  it('a stage mapping with a bad stage is a data error with its line and column', async () => {
    write('bad-stages.yaml', ['Phase 3: won', 'Phase 4: signed']);
    const { code, stderr } = await runCli(['calibrate', 'deals.csv', '--stages', 'bad-stages.yaml'], {
      cwd: dir,
    });
    expect(code).toBe(65);
    expect(stderr).toContain(
      'bad-stages.yaml:2:10: "Phase 4: signed": "signed" is not a stage; expected contacted, active, proposal, won, lost or open.',
    );
  });

  it.each([
    [['deals.csv', '--from', '2025-13-01'], 64, '--from: "2025-13-01" is not a date'],
    [['deals.csv', '--from', '2025-06-01', '--to', '2025-01-01'], 64, 'is after --to'],
    [['deals.csv', '--by', 'team'], 64, '--by: "team" is not a grouping; expected owner.'],
    [['missing.csv'], 66, 'missing.csv'],
  ])('%j exits %i', async (args, exit, message) => {
    const { code, stderr } = await runCli(['calibrate', ...args], { cwd: dir });
    expect(code).toBe(exit);
    expect(stderr).toContain(message);
  });
});

describe('prospect calibrate on the sample CRM exports', () => {
  const crm = join(process.cwd(), 'test/fixtures/crm-exports');

  it('Maven CRM excerpt: Won/Lost/Engaging, no proposal dates', async () => {
    const { code, json } = await calibrate([
      join(crm, 'maven-crm-sales-pipeline-excerpt.csv'),
      '--from',
      '2016-01-01',
      '--to',
      '2017-12-31',
    ]);
    expect(code).toBe(0);
    // Counted from the file with a spreadsheet: 44 Won, 11 Lost, 5 Engaging; every closed deal
    // counts as a proposal (no proposal dates) -> win rate 44/55.
    expect(json.team.counts).toMatchObject({ deals: 60, won: 44, lost: 11, open: 5 });
    expect(json.team.measures.winRate.value).toBeCloseTo(0.8, 9);
    expect(json.proposalEvidence).toBe('assumed');
  });

  it('French Excel export (cp1252, ";", Gagnée/Perdue/En cours) with --map for the creation date', async () => {
    const { code, json } = await calibrate([
      join(crm, 'derived/pipeline-fr-excel-cp1252-semicolon.csv'),
      '--from',
      '2016-01-01',
      '--to',
      '2017-12-31',
      '--map',
      "createdDate=Date d'engagement",
    ]);
    expect(code).toBe(0);
    // The same 60 deals as the Maven excerpt, translated.
    expect(json.team.counts).toMatchObject({ deals: 60, won: 44, lost: 11, open: 5 });
  });
});
