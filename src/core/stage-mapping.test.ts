import { describe, expect, it } from 'vitest';
import { buildStageMapping, isSpontaneousSource, mapStageName, normalizeStageName } from './stage-mapping.js';

describe('normalizeStageName', () => {
  it.each([
    ['Gagnée', 'gagnee'],
    ['Closed Won', 'closed won'],
    ['closed_won', 'closed won'],
    ['  Decision Maker Bought-In ', 'decision maker bought in'],
    ['Proposal/Price Quote', 'proposal price quote'],
  ])('%j -> %j', (name, expected) => {
    expect(normalizeStageName(name)).toBe(expected);
  });
});

describe('mapStageName', () => {
  // The stage names of the sample exports in /work/shared/data/crm-exports (HubSpot's default
  // pipeline, Maven CRM, the French derived file) and the usual French names, mapped by hand.
  it.each([
    ['Appointment Scheduled', 'contacted'],
    ['Qualified to Buy', 'active'],
    ['Presentation Scheduled', 'active'],
    ['Decision Maker Bought-In', 'proposal'],
    ['Contract Sent', 'proposal'],
    ['Closed Won', 'won'],
    ['Closed Lost', 'lost'],
    ['Prospecting', 'contacted'],
    ['Engaging', 'active'],
    ['Won', 'won'],
    ['Lost', 'lost'],
    ['Gagnée', 'won'],
    ['Perdue', 'lost'],
    ['En cours', 'active'],
    ['Devis envoyé', 'proposal'],
    ['Proposition envoyée', 'proposal'],
    ['Proposal/Price Quote', 'proposal'],
    ['Negotiation/Review', 'proposal'],
    ['Needs Analysis', 'active'],
    ['CLOSED-WON', 'won'],
  ])('%j -> %s', (name, stage) => {
    expect(mapStageName(name)).toBe(stage);
  });

  it('returns undefined for a name nobody knows', () => {
    expect(mapStageName('Stage 7')).toBeUndefined();
  });

  it('the user mapping wins over the usual names, compared normalised', () => {
    expect(mapStageName('Signé chez nous', { 'signe chez nous': 'won' })).toBe('won');
    expect(mapStageName('Presentation Scheduled', { 'Presentation scheduled': 'proposal' })).toBe('proposal');
  });
});

describe('buildStageMapping', () => {
  it('maps the known names and counts the rows of each unknown one', () => {
    const { mapping, unknown } = buildStageMapping(['Won', 'Stage 7', 'Lost', 'Stage 7', 'Won', 'X']);
    expect(Object.fromEntries(mapping)).toEqual({ Won: 'won', Lost: 'lost' });
    expect(unknown).toEqual([
      { name: 'Stage 7', count: 2 },
      { name: 'X', count: 1 },
    ]);
  });
});

describe('isSpontaneousSource', () => {
  it.each([
    ['Inbound', true],
    ['Referral', true],
    ['Prescripteur', true],
    ['Recommandation', true],
    ['Bouche-à-oreille', true],
    ['Cold call', false],
    ['Outbound', false],
    ['Bought list', false],
    ['', false],
    [null, false],
  ])('%j -> %s', (source, expected) => {
    expect(isSpontaneousSource(source)).toBe(expected);
  });
  it('takes extra names from the user', () => {
    expect(isSpontaneousSource('Salon Pollutec', ['salon pollutec'])).toBe(true);
  });
});
