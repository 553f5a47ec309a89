import { computeDayNumber } from '../../src/core/calendar.js';
import type { ReviewClient, ReviewLead, ReviewOrder } from '../../src/core/review.js';

/** A day number from an ISO date. */
export const day = (iso: string): number => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return computeDayNumber(y, m, d);
};

/**
 * The review fixture of src/core/review.test.ts (worked by hand there): over 2026, C1 new
 * (8000), C2 retained (7500), C3 reconquered after 13 months (4000), C5 back after 16 months
 * (2000), C4 and C9 dormant. Owners Alice and Bob. A hostile name tests HTML escaping.
 */
export const reviewOrders: ReviewOrder[] = [
  { clientId: 'C1', day: day('2026-03-10'), amount: 5000 },
  { clientId: 'C1', day: day('2026-09-01'), amount: 3000, product: 'Audit' },
  { clientId: 'C2', day: day('2025-06-15'), amount: 4000 },
  { clientId: 'C2', day: day('2026-02-01'), amount: 6000 },
  { clientId: 'C2', day: day('2026-11-30'), amount: 1500, owner: 'Alice' },
  { clientId: 'C3', day: day('2024-05-20'), amount: 2000 },
  { clientId: 'C3', day: day('2024-12-20'), amount: 9000 },
  { clientId: 'C3', day: day('2026-01-25'), amount: 4000 },
  { clientId: 'C4', day: day('2023-03-01'), amount: 12000 },
  { clientId: 'C4', day: day('2024-10-05'), amount: 8000 },
  { clientId: 'C5', day: day('2024-09-01'), amount: 1000 },
  { clientId: 'C5', day: day('2026-01-15'), amount: 2000 },
  { clientId: 'C9', day: day('2025-11-20'), amount: 300 },
];

export const reviewClients: ReviewClient[] = [
  { clientId: 'C1', name: 'Acme', owner: 'Alice', zone: 'Nord' },
  { clientId: 'C2', name: 'Bolt', owner: 'Bob', zone: 'Sud' },
  { clientId: 'C3', name: 'Cime', owner: 'Alice', zone: 'Nord' },
  { clientId: 'C4', name: '<script>alert("x")</script>', owner: 'Bob', zone: 'Sud' },
  { clientId: 'C5', name: 'Écrin', owner: 'Bob' },
  { clientId: 'C9', name: 'Flux', zone: 'Est' },
];

const lead = (
  leadId: string,
  source: string,
  created: string,
  stage: ReviewLead['stage'],
  amount?: number,
): ReviewLead => ({ leadId, source, createdDay: day(created), stage, amount: amount ?? null });

export const reviewLeads: ReviewLead[] = [
  lead('L1', 'Salon Industrie', '2026-02-01', 'won', 10000),
  lead('L2', 'Prospection terrain', '2026-03-01', 'proposal'),
  lead('L3', 'Phoning', '2026-04-01', 'lost'),
  lead('L4', 'SEO', '2026-05-01', 'won', 5000),
  lead('L6', 'Prescripteur', '2026-06-01', 'won', 8000),
  lead('L8', 'Annuaire', '2026-08-01', 'open'),
];
