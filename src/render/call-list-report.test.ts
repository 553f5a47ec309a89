import { describe, expect, it } from 'vitest';
import { NO_DETAILS, type CallFigures, type CallList } from '../core/call-list.js';
import { buildCallListReport, describeReason } from './call-list-report.js';

// Expected sentences written by hand, with the plurals each language wants ("1 mois", "2 mois";
// "0 commande" in French, "0 orders" in English) and French number spacing.
describe('describeReason', () => {
  const rfm = (recencyDays: number, frequency: number): CallFigures => ({
    kind: 'rfm',
    segment: { en: 'At Risk', fr: 'À risque' },
    recencyDays,
    frequency,
    monetary: 12345.5,
    rfmScore: 155,
    lastOrderDay: null,
  });
  it.each([
    [rfm(1, 1), 'en', 'At Risk: last order 1 day ago, 1 order, €12,345.50 in all'],
    [rfm(1, 1), 'fr', 'À risque : dernière commande il y a 1 jour, 1 commande, 12 345,50 € au total'],
    [rfm(40, 0), 'fr', 'À risque : dernière commande il y a 40 jours, 0 commande, 12 345,50 € au total'],
    [
      { kind: 'win-back', pastRevenue: 3000, orders: 2, lastOrderDay: 0, monthsSinceLastOrder: 1 },
      'fr',
      'ancien client : aucune commande depuis 1 mois, 3 000 € en 2 commandes',
    ],
    [
      { kind: 'win-back', pastRevenue: 3000, orders: 1, lastOrderDay: 0, monthsSinceLastOrder: 14 },
      'en',
      'former client: no order for 14 months, €3,000 over 1 order',
    ],
    [
      { kind: 'portfolio', potential: 20000, probability: 0.5, expectedValue: 10000 },
      'fr',
      'affaire en cours : 20 000 € à 50 %, soit 10 000 € espérés',
    ],
    [{ kind: 'score', grade: 'A', score: 82.63 }, 'fr', 'note A, score 82,6'],
    [
      { kind: 'pareto', className: 'B', value: 5000, share: 0.125, cumulativeShare: 0.9, valueRank: 7 },
      'fr',
      'client de classe B : 12,5 % du chiffre d’affaires, rang 7',
    ],
    [
      { kind: 'segment', cell: { status: 'prospect', sector: null }, revenue: null, margin: null },
      'fr',
      'segment statut : prospect, secteur : (vide)',
    ],
  ] as [CallFigures, 'en' | 'fr', string][])('%j (%s)', (figures, lang, sentence) => {
    expect(describeReason(figures, lang)).toBe(sentence);
  });

  it('names the Pareto value field: margin', () => {
    const f: CallFigures = {
      kind: 'pareto',
      className: 'A',
      value: 1,
      share: 0.5,
      cumulativeShare: 0.5,
      valueRank: 1,
    };
    expect(describeReason(f, 'en', { valueField: 'margin' })).toBe('A-class client: 50% of margin, rank 1');
    expect(describeReason(f, 'fr', { valueField: 'margin' })).toBe(
      'client de classe A : 50 % de la marge, rang 1',
    );
  });
});

describe('buildCallListReport', () => {
  const list: CallList = {
    command: 'score',
    name: 'A',
    label: { en: 'grade A', fr: 'note A' },
    order: { en: 'by score, highest first', fr: 'par score, du plus haut au plus bas' },
    entries: [
      {
        rank: 1,
        clientId: 'S1',
        details: { ...NO_DETAILS, company: 'Un', phone: '01 02' },
        figures: { kind: 'score', grade: 'A', score: 90 },
      },
    ],
  };
  it('shows only the contact columns the file has, the company before the id', () => {
    const report = buildCallListReport(list, 'en');
    const table = report.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' ? table.columns.map((c) => c.key) : []).toEqual([
      'rank',
      'company',
      'phone',
      'reason',
      'client_id',
      'grade',
      'score',
    ]);
    expect(report.csv.header).toEqual(['rank', 'client_id', 'company', 'phone', 'grade', 'score', 'reason']);
  });
  it('an empty list says so instead of an empty table', () => {
    const report = buildCallListReport({ ...list, entries: [] }, 'fr');
    expect(report.blocks.some((b) => b.kind === 'table')).toBe(false);
    expect(JSON.stringify(report.blocks)).toContain('Aucun client dans cette liste.');
  });
});
