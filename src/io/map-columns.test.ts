import { describe, expect, it } from 'vitest';
import { closestHeaders, FIELD_SYNONYMS, fieldOfHeader, headerKey, mapColumns } from './map-columns.js';

describe('fieldOfHeader', () => {
  // Headers as the CRMs write them (HEADERS.md, the samples in test/fixtures/crm-exports).
  it.each([
    ['Record ID', 'clientId'],
    ['Company ID', 'clientId'],
    ['N° client', 'clientId'],
    ['Code client', 'clientId'],
    ['Id', 'clientId'],
    ['First Name', 'firstName'],
    ['Prénom', 'firstName'],
    ['PRENOM', 'firstName'],
    ['Last Name', 'lastName'],
    ['Nom', 'lastName'],
    ['Company name', 'company'],
    ['Raison sociale', 'company'],
    ['Société', 'company'],
    ['Entreprise', 'company'],
    ['Account Name', 'company'],
    ['account', 'company'],
    ['Organization - Name', 'company'], // Pipedrive
    ['Person - First name', 'firstName'],
    ['Person - Phone', 'phone'],
    ['Name', 'company'], // Salesforce Account, Odoo
    ['E-mail', 'email'],
    ['Email', 'email'],
    ['Person - Email (Work)', 'email'],
    ['Courriel', 'email'],
    ['Phone Number', 'phone'],
    ['Téléphone', 'phone'],
    ['Telefon', 'phone'],
    ['Statut', 'status'],
    ['Lifecycle Stage', 'status'],
    ['Type', 'status'],
    ['Industry', 'sector'],
    ["Secteur d'activité", 'sector'],
    ['sector', 'sector'],
    ['Région', 'zone'],
    ['State/Region', 'zone'],
    ['Ville', 'city'],
    ['BillingCity', 'city'],
    ['Stadt', 'city'],
    ['Country', 'country'],
    ['Pays', 'country'],
    ["Chiffre d'affaires", 'revenue'],
    ['CHIFFRE D’AFFAIRES', 'revenue'],
    ['CA HT', 'revenue'],
    ['Annual Revenue', 'revenue'],
    ['AnnualRevenue', 'revenue'],
    ['Marge', 'margin'],
    ['Potentiel', 'potential'],
    ['Probability (%)', 'probability'],
    ['Probabilité', 'probability'],
    ['Maturité', 'maturity'],
    ['Lead Source', 'leadSource'],
    ['Origine', 'leadSource'],
    ["Nombre d'interactions", 'interactions'],
    ['Last Activity Date', 'lastInteraction'],
    ['Date de commande', 'orderDate'],
    ['Close Date', 'orderDate'],
    ['close_date', 'orderDate'],
    ['Date de clôture', 'orderDate'],
    ['Closing Date', 'orderDate'],
    ['Montant', 'amount'],
    ['Amount', 'amount'],
    ['close_value', 'amount'],
    ['Deal - Value', 'amount'],
    ['Opportunité', 'orderId'],
    ['opportunity_id', 'orderId'],
    ['Deal Stage', 'stage'],
    ['Étape', 'stage'],
    ['Deal Owner', 'owner'],
    ['sales_agent', 'owner'],
    ['Commercial', 'owner'],
    ['Produit', 'product'],
    ['Number of Employees', 'employees'],
    ['Effectifs', 'employees'],
    ['Create Date', 'createdDate'],
    ['OwnerId', 'owner'], // Salesforce API names
    ['BillingState', 'zone'],
    ['NumberOfEmployees', 'employees'],
    ['partner_name', 'company'], // Odoo technical names
    ['email_from', 'email'],
    ['country_id', 'country'],
    ['state_id', 'zone'],
    ['user_id', 'owner'],
    ['expected_revenue', 'potential'],
    ['date_closed', 'orderDate'],
  ])('%j -> %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it.each([
    ['Person - Name'],
    ['Deal Name'],
    ['Website'],
    ['Account Name.id'],
    ['Contact Owner.id'],
    ['Notes'],
    ['__proto__'],
  ])('%j maps to nothing', (header) => {
    expect(fieldOfHeader(header)).toBeUndefined();
  });

  it('no spelling belongs to two fields', () => {
    const owner = new Map<string, string>();
    for (const [field, spellings] of FIELD_SYNONYMS) {
      for (const s of spellings) {
        const key = headerKey(s);
        expect(owner.get(key) ?? field, `"${s}" is under ${owner.get(key)} and ${field}`).toBe(field);
        owner.set(key, field);
      }
    }
  });
});

describe('mapColumns', () => {
  it('takes the best spelling, one header per field, overrides first', () => {
    const headers = ['Record ID', 'Name', 'Company name', 'Mobile', 'Phone Number', 'CA'];
    const got = mapColumns(headers, ['clientId', 'company', 'phone', 'revenue'], new Map());
    // company: "company name" ranks before "name"; phone: "phone number" before "mobile".
    expect(Object.fromEntries(got)).toEqual({ clientId: 0, company: 2, phone: 4, revenue: 5 });
    const overridden = mapColumns(headers, ['company', 'revenue'], new Map([['company', 'Name']]));
    expect(Object.fromEntries(overridden)).toEqual({ company: 1, revenue: 5 });
  });
});

describe('closestHeaders', () => {
  it('orders headers by closeness to the field spellings', () => {
    expect(closestHeaders('revenue', ['Ville', 'Revenus 2025', 'Revnue'])).toEqual([
      'Revnue',
      'Revenus 2025',
      'Ville',
    ]);
  });
});
