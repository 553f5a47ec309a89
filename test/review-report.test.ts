import { describe, expect, it } from 'vitest';
import { computeReviewByOwner, computeYearPeriod } from '../src/core/review.js';
import { reviewClients, reviewLeads, reviewOrders } from './helpers/review-fixture.js';
import { buildReviewReport } from '../src/render/review-report.js';
import { renderTable } from '../src/render/table.js';
import { renderCsvBytes } from '../src/render/csv.js';

const period = computeYearPeriod(2026);
const view = computeReviewByOwner(
  { orders: reviewOrders, clients: reviewClients, leads: reviewLeads },
  { period, objectives: { conquest: 10000 } },
);
const report = buildReviewReport(view);

describe('buildReviewReport', () => {
  it('the English table shows the hand-worked split (8000 of 21500 = 37.2 %, objective 80 %)', () => {
    const text = renderTable(report, { lang: 'en', color: false });
    expect(text).toContain('Review of the commercial action, 2026-01-01 to 2026-12-31');
    expect(text).toMatch(
      /Conquest \(new clients\)\s*│\s*1 │\s*€8,000 │\s*37.2% │\s*€10,000 │\s*80% │\s*-€2,000/,
    );
    expect(text).toContain('previous period: €4,300 (+400%)'); // 21500 / 4300 - 1 = 4
    // Leads of the fixture: 6 in 2026, proposals L1 L2 L4 L6, won L1 L4 L6 -> 3 of 4 = 75 %.
    expect(text).toContain(
      'Conversion of proposals to deals (leads created in the period): 75% (3 of 4); previous period: no proposal.',
    );
    expect(text).toContain('Alice: Revenue by origin');
  });

  it('the French table speaks French with French numbers', () => {
    const text = renderTable(report, { lang: 'fr', color: false });
    expect(text).toContain("Analyse de l'action commerciale, du 01/01/2026 au 31/12/2026");
    expect(text).toMatch(/Conquête \(nouveaux clients\)\s*│\s*1 │\s*8 000 € │\s*37,2 %/);
    expect(text).toContain('Anciens clients à recibler (sans commande depuis 12 mois ou plus)');
    expect(text).toContain('05/10/2024'); // C4's last order
  });

  it('CSV: one line per owner and origin, team first', () => {
    const csv = renderCsvBytes(report.csv).toString('utf8').split('\r\n');
    expect(csv[0]).toBe('owner,origin,clients,revenue,share,objective,achievement,gap');
    expect(csv[1]).toBe(',conquest,1,8000,0.3720930233,10000,0.8,-2000');
    expect(csv).toContain('Alice,total,3,13500,1,,,');
    expect(csv.length).toBe(1 + 3 * 4 + 1); // header, 3 reviews x 4 lines (3 origins, total), final empty
  });

  it('JSON: schemaVersion, ISO dates, every former client', () => {
    const json = report.json as {
      schemaVersion: number;
      period: unknown;
      previousPeriod: unknown;
      team: { formerClients: { clientId: string; lastOrder: string }[] };
      owners: { owner: string }[];
    };
    expect(json.schemaVersion).toBe(1);
    expect(json.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(json.previousPeriod).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(json.team.formerClients.map((f) => [f.clientId, f.lastOrder])).toEqual([
      ['C4', '2024-10-05'],
      ['C9', '2025-11-20'],
    ]);
    expect(json.owners.map((o) => o.owner)).toEqual(['Alice', 'Bob']);
  });
});
