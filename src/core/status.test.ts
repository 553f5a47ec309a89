import { describe, expect, it } from 'vitest';
import { normaliseMaturity, normaliseStatus } from './status.js';

describe('normaliseStatus', () => {
  it.each([
    ['Client', 'client'],
    ['client', 'client'],
    ['CLIENTS', 'client'],
    ['Customer', 'client'],
    ['customer', 'client'], // HubSpot lifecycle stage
    ['Customer - Direct', 'client'], // Salesforce account type
    ['Ancien client', 'former'],
    ['ancien-client', 'former'],
    ['Ex-client', 'former'],
    ['Former customer', 'former'],
    ['Prospect', 'prospect'],
    ['Opportunité', 'prospect'],
    ['opportunite', 'prospect'],
    ['opportunity', 'prospect'],
    ['salesqualifiedlead', 'prospect'],
    ['Lead', 'lead'],
    ['Piste', 'lead'],
    ['Suspect', 'lead'],
    ['marketingqualifiedlead', 'lead'],
    ['  lead  ', 'lead'],
  ])('%j -> %s', (text, status) => {
    expect(normaliseStatus(text)).toBe(status);
  });

  it.each([['Fournisseur'], ['Partner'], [''], ['__proto__'], ['toString']])('%j is not a status', (text) => {
    expect(normaliseStatus(text)).toBeUndefined();
  });
});

describe('normaliseMaturity', () => {
  it.each([
    ['arides', 'arid'],
    ['Aride', 'arid'],
    ['arid', 'arid'],
    ['Latent', 'latent'],
    ['latentes', 'latent'],
    ['actifs', 'active'],
    ['Active', 'active'],
    ['ACTIF', 'active'],
  ])('%j -> %s', (text, maturity) => {
    expect(normaliseMaturity(text)).toBe(maturity);
  });

  it('refuses what is not a maturity', () => {
    expect(normaliseMaturity('chaud')).toBeUndefined();
  });
});
