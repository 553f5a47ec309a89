import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/**
 * The generated year of history (fixtures/history) recomputed here the way a spreadsheet would:
 * plain text split on commas, ISO dates compared as text, one column at a time, written apart
 * from src/ (no import of the code under test), then compared with `prospect calibrate --format json`.
 */
type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const headers = (head ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
  });
}

const deals = readCsv('fixtures/history/deals.csv');
const activities = readCsv('fixtures/history/activities.csv');
const FROM = '2025-01-01';
const TO = '2025-12-31';
const inWindow = (date: string): boolean => date >= FROM && date <= TO;
const days = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

// The sheet.
const cohort = deals.filter((d) => inWindow(d['Create Date'] ?? ''));
const isWon = (d: Row): boolean => d['Deal Stage'] === 'Closed Won';
const isLost = (d: Row): boolean => d['Deal Stage'] === 'Closed Lost';
const isProposal = (d: Row): boolean =>
  isWon(d) ||
  d['Deal Stage'] === 'Contract Sent' ||
  d['Deal Stage'] === 'Decision Maker Bought-In' ||
  d['Proposal Date'] !== '';
const SPONTANEOUS = ['Inbound', 'Referral', 'Prescriber', 'Website'];
const isSpontaneous = (d: Row): boolean => SPONTANEOUS.includes(d['Lead Source'] ?? '');

const won = cohort.filter(isWon);
const proposals = cohort.filter(isProposal);
const decided = proposals.filter((d) => isWon(d) || isLost(d));
const settled = cohort.filter((d) => isProposal(d) || isLost(d));
const amounts = won.map((d) => Number(d.Amount));

const firstContact = new Map<string, string>();
for (const a of activities) {
  const c = a.Company ?? '';
  const seen = firstContact.get(c);
  if (seen === undefined || (a.Date ?? '') < seen) firstContact.set(c, a.Date ?? '');
}
const firstDeal = new Map<string, Row>();
for (const d of deals) {
  const seen = firstDeal.get(d.Company ?? '');
  if (seen === undefined || (d['Create Date'] ?? '') < (seen['Create Date'] ?? ''))
    firstDeal.set(d.Company ?? '', d);
}
const contacted = [...firstContact]
  .filter(([c, date]) => inWindow(date) && !(firstDeal.has(c) && isSpontaneous(firstDeal.get(c)!)))
  .map(([c]) => c);
const contactedSet = new Set(contacted);
const becameActive = contacted.filter((c) => firstDeal.has(c)).length;
const perProspect = new Map<string, number>(contacted.map((c) => [c, 0]));
const minutes: number[] = [];
for (const a of activities) {
  const c = a.Company ?? '';
  if (!contactedSet.has(c)) continue;
  const until = firstDeal.get(c)?.['Create Date'] ?? TO;
  if ((a.Date ?? '') > until) continue;
  perProspect.set(c, (perProspect.get(c) ?? 0) + 1);
  if (a.Minutes !== '') minutes.push(Number(a.Minutes));
}
const cycles = won.map((d) => {
  const first = firstContact.get(d.Company ?? '');
  const start = first !== undefined && first < (d['Create Date'] ?? '') ? first : (d['Create Date'] ?? '');
  return days(start, d['Close Date'] ?? '');
});
const Z = 1.959964; // R: qnorm(0.975)
function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const centre = (p + (Z * Z) / (2 * n)) / (1 + (Z * Z) / n);
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / (1 + (Z * Z) / n);
  return [centre - half, centre + half];
}

describe('prospect calibrate on the generated year, against a spreadsheet recomputation', () => {
  it('agrees on every measured parameter', async () => {
    const { code, stdout } = await runCli([
      'calibrate',
      'fixtures/history/deals.csv',
      '--activities',
      'fixtures/history/activities.csv',
      '--from',
      FROM,
      '--to',
      TO,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const m = JSON.parse(stdout).team.measures;
    expect(m.avgDeal.n).toBe(amounts.length);
    expect(m.avgDeal.value).toBeCloseTo(mean(amounts), 6);
    expect(m.winRate.n).toBe(decided.length);
    expect(m.winRate.value).toBeCloseTo(won.length / decided.length, 9);
    const [low, high] = wilson(won.length, decided.length);
    expect(m.winRate.low).toBeCloseTo(low, 5);
    expect(m.winRate.high).toBeCloseTo(high, 5);
    expect(m.proposalsPerDeal.value).toBeCloseTo(decided.length / won.length, 9);
    expect(m.compensationFactor.value).toBeCloseTo(settled.length / proposals.length, 9);
    expect(m.spontaneous.value).toBe(cohort.filter(isSpontaneous).length);
    expect(m.accessibility.n).toBe(contacted.length);
    expect(m.accessibility.value).toBeCloseTo(becameActive / contacted.length, 9);
    expect(m.contactsPerProspect.value).toBeCloseTo(mean([...perProspect.values()]), 9);
    expect(m.minutesPerContact.n).toBe(minutes.length);
    expect(m.minutesPerContact.value).toBeCloseTo(mean(minutes), 9);
    expect(m.salesCycleDays.value).toBeCloseTo(mean(cycles), 9);
  });

  it('gives the t interval of the average deal with R’s quantile', async () => {
    const { stdout } = await runCli([
      'calibrate',
      'fixtures/history/deals.csv',
      '--from',
      FROM,
      '--to',
      TO,
      '--format',
      'json',
    ]);
    const m = JSON.parse(stdout).team.measures.avgDeal;
    // The generated year has 17 won deals: qt(0.975, 16) = 2.119905 (R).
    expect(amounts.length).toBe(17);
    const half = (2.119905 * sd(amounts)) / Math.sqrt(amounts.length);
    expect(m.low).toBeCloseTo(mean(amounts) - half, 2);
    expect(m.high).toBeCloseTo(mean(amounts) + half, 2);
  });
});

describe('prospect track on the generated history, against a spreadsheet recomputation', () => {
  it('counts the actuals of 2026-01-05 to 2026-03-31 as a spreadsheet would', async () => {
    const START = '2026-01-05';
    const AS_OF = '2026-03-31';
    const inPeriod = (date: string): boolean => date !== '' && date >= START && date <= AS_OF;
    const first = new Map<string, string>();
    for (const a of activities) {
      const seen = first.get(a.Company ?? '');
      if (seen === undefined || (a.Date ?? '') < seen) first.set(a.Company ?? '', a.Date ?? '');
    }
    const firstDealOf = new Map<string, Row>();
    for (const d of deals) {
      const seen = firstDealOf.get(d.Company ?? '');
      if (seen === undefined || (d['Create Date'] ?? '') < (seen['Create Date'] ?? ''))
        firstDealOf.set(d.Company ?? '', d);
    }
    const prospects = [...first].filter(
      ([c, date]) => inPeriod(date) && !(firstDealOf.has(c) && isSpontaneous(firstDealOf.get(c)!)),
    ).length;
    const wonInPeriod = deals.filter((d) => isWon(d) && inPeriod(d['Close Date'] ?? ''));
    const proposalDay = (d: Row): string =>
      d['Proposal Date'] !== '' ? (d['Proposal Date'] ?? '') : isProposal(d) ? (d['Create Date'] ?? '') : '';
    const expected = {
      contacts: activities.filter((a) => inPeriod(a.Date ?? '')).length,
      prospects,
      activeProspects: deals.filter((d) => inPeriod(d['Create Date'] ?? '')).length,
      proposals: deals.filter((d) => inPeriod(proposalDay(d))).length,
      deals: wonInPeriod.length,
      revenue: wonInPeriod.reduce((s, d) => s + Number(d.Amount), 0),
    };
    const { code, stdout } = await runCli([
      'track',
      '--file',
      'fixtures/history/objectives.yaml',
      '--deals',
      'fixtures/history/deals.csv',
      '--activities',
      'fixtures/history/activities.csv',
      '--as-of',
      AS_OF,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.start).toBe(START);
    expect(
      Object.fromEntries(json.stages.map((s: { stage: string; actual: number }) => [s.stage, s.actual])),
    ).toEqual(expected);
  });
});
