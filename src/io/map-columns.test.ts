import { describe, expect, it } from 'vitest';
import {
  closestHeaders,
  FIELD_SYNONYMS,
  fieldOfHeader,
  headerKey,
  lookAlikeField,
  mapColumns,
  mapColumnsExplained,
  readHeader,
} from './map-columns.js';

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
    // contact details for call lists (--list): French and English, CRM exports
    ['E-mail', 'email'],
    ['Courriel', 'email'],
    ['Téléphone', 'phone'],
    ['Tél.', 'phone'],
    ['Mobile', 'phone'],
    ['Phone Number', 'phone'],
    ['Contact', 'contact'],
    ['Nom du contact', 'contact'],
    ['Person - Name', 'contact'], // Pipedrive: the person's full name
    ['contact_name', 'contact'], // Odoo crm.lead
    ['First Name', 'firstName'],
    ['Last Name', 'lastName'],
  ])('%j -> %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it.each([
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
    // "Revenus 2025" is "revenus" once its year is set apart: a spelling of revenue, distance 0;
    // "Revnue" is one edit from "revenue".
    expect(closestHeaders('revenue', ['Ville', 'Revenus 2025', 'Revnue'])).toEqual([
      'Revenus 2025',
      'Revnue',
      'Ville',
    ]);
  });
});

// The header families of issue 13: each example is a header seen in real files (the list,
// HEADERS.md), its field worked out by reading it.
describe('header families (issue 13)', () => {
  it.each([
    // years: 2025, N, N-1, FY24
    ['CA 2025', 'revenue'],
    ['CA N', 'revenue'],
    ['CA N-1', 'revenue'],
    ['Revenue FY24', 'revenue'],
    ["Chiffre d'affaires 2024", 'revenue'],
    // units and currencies: (€), EUR, k€, (min), %
    ['CA 2025 (€)', 'revenue'],
    ["Chiffre d'affaires (k€)", 'revenue'],
    ['Montant EUR', 'amount'],
    ['Durée (min)', 'minutes'],
    ['Probabilité %', 'probability'],
    // tax qualifiers: HT, TTC, hors taxes
    ['CA HT 2024', 'revenue'],
    ['Montant TTC', 'amount'],
    ['Montant hors taxes', 'amount'],
    ['Total TTC', 'amount'],
    // articles and prepositions: de la, du, d'
    ['Date de la commande', 'orderDate'],
    ['Date de dernière commande', 'lastPurchase'],
    ['Date du devis', 'proposalDate'],
    ['Date de proposition', 'proposalDate'],
    ['Origine du lead', 'leadSource'],
    ['Origine de la piste', 'leadSource'],
    ["Propriétaire de l'opportunité", 'owner'],
    ['Date dernier contact', 'lastInteraction'],
    // abbreviations: Nb, N°, Nbre, Qté
    ["Nb d'interactions", 'interactions'],
    ['Nbre interactions', 'interactions'],
    ['Nb de commandes', 'orderCount'],
    ['N° de commande', 'orderId'],
    ['N° client', 'clientId'],
    // entity prefixes: Deal - , Organization - , Account.
    ['Deal - Deal created', 'createdDate'],
    ['Deal - Value', 'amount'],
    ['Deal - Status', 'outcome'],
    ['Organization - Name', 'company'],
    ['Account.Name', 'company'],
    ['Account.Industry', 'sector'],
    // durations and owners
    ['Durée', 'minutes'],
    ['Duration', 'minutes'],
    ['Opportunity Owner', 'owner'],
  ])('%j -> %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it('sets the year and the tax basis apart', () => {
    expect(readHeader('CA HT 2024 (€)')).toMatchObject({ key: 'ca', year: 2024, tax: 'ht' });
    expect(readHeader('CA N-1')).toMatchObject({ key: 'ca', year: 9999 });
    expect(readHeader('Revenue FY24')).toMatchObject({ key: 'revenue', year: 2024 });
    expect(readHeader('Total TTC')).toMatchObject({ key: 'total', tax: 'ttc' });
    expect(readHeader('Deal - Status')).toMatchObject({
      key: 'status',
      fullKey: 'dealstatus',
      prefix: 'deal',
    });
    // A header made of qualifiers only keeps its words.
    expect(headerKey('2025')).toBe('2025');
  });

  it('"Total TTC" is revenue in a client table that has no CA column', () => {
    expect(
      Object.fromEntries(mapColumns(['Client', 'Total TTC'], ['company', 'revenue'], new Map())),
    ).toEqual({
      company: 0,
      revenue: 1,
    });
  });

  it.each([
    // [headers, field, chosen index, rule]: the rule of mapColumnsExplained, by hand.
    [['CA 2024', 'CA 2025'], 'revenue', 1, 'year'],
    [['CA N-1', 'CA N'], 'revenue', 1, 'year'],
    [['CA N-1', 'CA'], 'revenue', 1, 'year'],
    [['Montant TTC', 'Montant HT'], 'amount', 1, 'tax'],
    [['Total TTC', 'Montant'], 'amount', 1, 'tax'],
    [["Chiffre d'affaires 2024", 'CA 2025 (€)'], 'revenue', 1, 'year'],
    [['Mobile', 'Phone Number'], 'phone', 1, 'spelling'],
  ] as const)('%j: %s takes column %i (%s)', (headers, field, index, rule) => {
    const got = mapColumnsExplained(headers, [field], new Map());
    expect(got.columns.get(field)).toBe(index);
    expect(got.choices).toEqual([{ field, chosen: headers[index], others: [headers[1 - index]], rule }]);
  });

  it('--map overrides the rule and makes no choice', () => {
    const got = mapColumnsExplained(['CA 2024', 'CA 2025'], ['revenue'], new Map([['revenue', 'CA 2024']]));
    expect(got.columns.get('revenue')).toBe(0);
    expect(got.choices).toEqual([]);
  });

  it.each([
    ['Chiffre d affaire realise sur 2025', 'revenue'],
    ['Montnt', 'amount'],
    ['Secteur activité principal', 'sector'],
  ])('%j looks like %s', (header, field) => {
    expect(fieldOfHeader(header)).toBeUndefined();
    expect(lookAlikeField(header)).toBe(field);
  });

  it.each([['Notes'], ['Website'], ['Deal Name'], ['Closed Lost Reason']])(
    '%j looks like nothing',
    (header) => {
      expect(lookAlikeField(header)).toBeUndefined();
    },
  );
});
