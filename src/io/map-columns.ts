/**
 * Headers to canonical fields, whatever the case, accents, spacing and punctuation, in French and
 * English, including the headers of the usual CRM exports (HubSpot, Salesforce, Pipedrive, Odoo,
 * Zoho, Sellsy, Axonaut; see ../shared/data/crm-exports/HEADERS.md). `--map field=Header` and a
 * YAML file (`--columns`) override.
 */
import { distance } from 'fastest-levenshtein';

/**
 * Canonical fields and their header spellings, best first. Compared after `headerKey` (lower
 * case, no accents, letters and digits only), so `Chiffre d'affaires`, `chiffre_d_affaires` and
 * `CHIFFRE D'AFFAIRES` are one spelling.
 */
export const FIELD_SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  [
    'clientId',
    [
      'client id',
      'id client',
      'customer id',
      'customer number',
      'identifiant client',
      'numero client',
      'n client',
      'no client',
      'num client',
      'code client',
      'ref client',
      'reference client',
      'account id',
      'account number',
      'company id',
      'record id',
      'record id company',
      'record id contact',
      'contact id',
      'partner id',
      'kundennummer',
      'id',
      'identifiant',
    ],
  ],
  ['firstName', ['first name', 'firstname', 'prenom', 'given name', 'vorname', 'person first name']],
  [
    'lastName',
    [
      'last name',
      'lastname',
      'nom',
      'nom de famille',
      'surname',
      'family name',
      'nachname',
      'person last name',
    ],
  ],
  [
    'company',
    [
      'company',
      'company name',
      'societe',
      'nom de la societe',
      'entreprise',
      'nom de l entreprise',
      'raison sociale',
      'organisation',
      'organization',
      'organization name',
      'organisation name',
      'account',
      'account name',
      'compte',
      'nom du compte',
      'customer',
      'customer name',
      'client',
      'nom client',
      'nom du client',
      'partner name',
      'associated company',
      'firma',
      'unternehmen',
      'name',
    ],
  ],
  [
    'contact',
    [
      'contact',
      'contact name',
      'nom du contact',
      'nom contact',
      'contact principal',
      'primary contact',
      'contact person',
      'personne a contacter',
      'interlocuteur',
      'full name',
      'nom complet',
      'person name',
    ],
  ],
  [
    'email',
    [
      'email',
      'e mail',
      'mail',
      'email address',
      'adresse email',
      'adresse e mail',
      'courriel',
      'email work',
      'email from',
      'primary email',
      'person email',
      'person email work',
      'adresse courriel',
      'adresse electronique',
    ],
  ],
  [
    'phone',
    [
      'phone',
      'phone number',
      'telephone',
      'tel',
      'numero de telephone',
      'work phone',
      'mobile',
      'mobile phone',
      'portable',
      'telefon',
      'mobil',
      'person phone',
      'telephone portable',
      'telephone mobile',
      'business phone',
      'phone mobile',
    ],
  ],
  [
    'status',
    [
      'status',
      'statut',
      'client status',
      'statut client',
      'lifecycle stage',
      'customer type',
      'type de client',
      'type client',
      'account type',
      'type',
      'categorie client',
      'relation',
    ],
  ],
  [
    'sector',
    [
      'sector',
      'secteur',
      'secteur d activite',
      'secteur activite',
      'industry',
      'industrie',
      'activite',
      'branche',
      'branch',
      'libelle naf',
    ],
  ],
  [
    'zone',
    [
      'zone',
      'region',
      'state region',
      'territory',
      'sales territory',
      'territoire',
      'secteur geographique',
      'zone geographique',
      'departement',
      'state',
      'state province',
      'billing state',
      'mailing state',
      'bundesland',
      'state id',
    ],
  ],
  [
    'country',
    [
      'country',
      'pays',
      'country region',
      'billing country',
      'mailing country',
      'land',
      'office location',
      'country id',
    ],
  ],
  ['city', ['city', 'ville', 'commune', 'localite', 'billing city', 'mailing city', 'stadt', 'ort']],
  [
    'revenue',
    [
      'revenue',
      'ca',
      'ca ht',
      'ca annuel',
      'ca total',
      'chiffre d affaires',
      'chiffre d affaire',
      'chiffre d affaires ht',
      'chiffre d affaires annuel',
      'annual revenue',
      'annualrevenue',
      'revenu',
      'revenus',
      'turnover',
      'sales',
      'ventes',
      'umsatz',
      'ca n',
      'chiffre d affaires n',
      'revenue ytd',
      'total revenue',
      'sales revenue',
      'ca realise',
      'chiffre d affaires realise',
    ],
  ],
  ['margin', ['margin', 'marge', 'marge brute', 'gross margin', 'marge commerciale', 'marge ht', 'profit']],
  [
    'potential',
    [
      'potential',
      'potentiel',
      'potentiel ca',
      'potentiel en euros',
      'potential revenue',
      'expected revenue',
      'ca potentiel',
    ],
  ],
  [
    'probability',
    [
      'probability',
      'probabilite',
      'win probability',
      'probabilite de gain',
      'deal probability',
      'probabilite de signature',
      'chance',
    ],
  ],
  ['maturity', ['maturity', 'maturite', 'prospect maturity', 'maturite prospect', 'maturite du prospect']],
  [
    'leadSource',
    [
      'lead source',
      'source',
      'origine',
      'source du lead',
      'source du contact',
      'original source',
      'source de la piste',
      'canal',
      'channel',
      'source id',
      'origine du contact',
      'origine du lead',
      'origine de la piste',
      'origine du prospect',
      'provenance',
      'source de l opportunite',
      'opportunity source',
    ],
  ],
  [
    'interactions',
    [
      'interactions',
      'interactions count',
      'interaction count',
      'number of interactions',
      'nombre d interactions',
      'nb interactions',
      'nombre de contacts',
      'nb contacts',
      'touches',
      'number of sales activities',
      'nombre d activites',
      'nb activites',
      'number of activities',
      'number of times contacted',
      'nombre de rendez vous',
      'nombre d echanges',
    ],
  ],
  [
    'lastInteraction',
    [
      'last interaction',
      'last interaction date',
      'derniere interaction',
      'date derniere interaction',
      'date de la derniere interaction',
      'last activity date',
      'last activity',
      'derniere activite',
      'last contacted',
      'date du dernier contact',
      'dernier contact',
      'last contact date',
      'date du dernier echange',
      'last engagement date',
      'last activity date time',
    ],
  ],
  [
    'orderDate',
    [
      'order date',
      'date de commande',
      'date commande',
      'invoice date',
      'date facture',
      'date de facture',
      'purchase date',
      'date d achat',
      'date achat',
      'date',
      'close date',
      'closing date',
      'date de cloture',
      'deal close date',
      'won time',
      'date closed',
      'date de la facture',
      'date de vente',
      'sale date',
      'billing date',
    ],
  ],
  [
    'amount',
    [
      'amount',
      'montant',
      'montant ht',
      'montant ttc',
      'total',
      'total ht',
      'order amount',
      'order total',
      'montant commande',
      'invoice amount',
      'montant facture',
      'value',
      'deal value',
      'valeur',
      'close value',
      'deal amount',
      'betrag',
      'montant de la commande',
      'montant de l affaire',
      'montant du devis',
      'opportunity amount',
      'total amount',
      'prix total',
      'total price',
      'net amount',
      'chiffre d affaires de la commande',
    ],
  ],
  [
    'orderId',
    [
      'order id',
      'order number',
      'numero de commande',
      'n commande',
      'no commande',
      'commande',
      'invoice number',
      'numero de facture',
      'n facture',
      'deal id',
      'opportunity id',
      'opportunite',
      'opportunity',
      'numero de devis',
      'quote number',
    ],
  ],
  [
    'stage',
    [
      'stage',
      'deal stage',
      'etape',
      'phase',
      'pipeline stage',
      'stage id',
      'etape de vente',
      'deal stage pipeline',
      'stage name',
      'stagename',
      'pipeline stage name',
      'etape du pipeline',
      'etape de l affaire',
      'phase de vente',
      'sales stage',
      'deal phase',
    ],
  ],
  [
    'owner',
    [
      'owner',
      'owner id',
      'deal owner',
      'company owner',
      'contact owner',
      'account owner',
      'sales agent',
      'salesperson',
      'sales rep',
      'commercial',
      'vendeur',
      'responsable',
      'proprietaire',
      'user id',
      'opportunity owner',
      'proprietaire de l opportunite',
      'proprietaire de l affaire',
      'proprietaire du compte',
      'proprietaire du contact',
      'responsable du compte',
      'assigned to',
      'assigne a',
      'attribue a',
      'commercial en charge',
      'record owner',
      'sales person',
      'salesperson name',
    ],
  ],
  ['product', ['product', 'produit', 'article', 'item', 'gamme', 'product name', 'nom du produit']],
  [
    'employees',
    [
      'employees',
      'number of employees',
      'numberofemployees',
      'effectif',
      'effectifs',
      'nombre d employes',
      'nombre de salaries',
      'salaries',
      'headcount',
      'company size',
      'taille',
    ],
  ],
  [
    'firstPurchase',
    [
      'first purchase',
      'first purchase date',
      'date premier achat',
      'date du premier achat',
      'premier achat',
      'became a customer date',
      'first order date',
      'date premiere commande',
    ],
  ],
  [
    'lastPurchase',
    [
      'last purchase',
      'last purchase date',
      'date dernier achat',
      'date du dernier achat',
      'dernier achat',
      'last order date',
      'date derniere commande',
    ],
  ],
  [
    'createdDate',
    [
      'create date',
      'created date',
      'createddate',
      'created time',
      'creation date',
      'date de creation',
      'date creation',
      'engage date',
      'deal created',
      'deal creation date',
      'add time',
      'created on',
      'created at',
      'cree le',
      'creee le',
      'date d ouverture',
      'date d ajout',
      'date de creation de l affaire',
      'date d entree',
      'opportunity created date',
    ],
  ],
  [
    'orderCount',
    [
      'order count',
      'orders',
      'number of orders',
      'nombre de commandes',
      'nb commandes',
      'commandes',
      'nombre d achats',
      'purchase count',
      'frequency',
      'frequence',
      'nombre de factures',
    ],
  ],
  [
    'proposalDate',
    [
      'proposal date',
      'date de proposition',
      'date proposition',
      'date du devis',
      'date de devis',
      'date devis',
      'quote date',
      'date d envoi du devis',
      'date d envoi de la proposition',
      'proposal sent date',
      'date entered proposal',
    ],
  ],
  [
    'minutes',
    [
      'minutes',
      'duration',
      'duree',
      'duration minutes',
      'duree en minutes',
      'temps passe',
      'call duration',
      'duree de l appel',
      'duree du rendez vous',
      'meeting duration',
      'time spent',
    ],
  ],
  [
    'outcome',
    [
      'outcome',
      'deal status',
      'opportunity status',
      'statut de l affaire',
      'statut de l opportunite',
      'resultat',
      'won lost',
      'gagne perdu',
      'deal outcome',
    ],
  ],
  ['isWon', ['is won', 'iswon', 'won', 'est gagne']],
  ['isClosed', ['is closed', 'isclosed', 'closed', 'est ferme', 'est cloture']],
]);

/**
 * Spellings that name a field only when the command asks for it and no header spells it better:
 * `Total TTC` is an order's amount in a file of orders, but a client table's revenue when it has
 * no `CA` column. Never shown by `inspect` as the header's field.
 */
const FALLBACK_SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['revenue', ['total', 'montant', 'amount', 'total amount', 'value', 'valeur']],
  ['amount', ['revenue', 'ca', 'chiffre d affaires']],
  ['createdDate', ['date']],
]);

/** Entity prefixes of CRM exports: Pipedrive `Deal - Value`, Salesforce `Account.Name`. */
const ENTITY_PREFIX =
  /^\s*(person|persons|people|organization|organisation|organizations|deal|deals|lead|leads|contact|contacts|company|companies|account|accounts|activity|activities|opportunity|opportunities|affaire|affaires|personne|personnes|opportunite|societe|osoba)\s*(?:-|–|\.|:)\s*(.+)$/i;

/** Words that carry no meaning in a header: articles, prepositions, elisions (`d'`, `l'`). */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'de',
  'la',
  'le',
  'les',
  'du',
  'des',
  'd',
  'l',
  'of',
  'the',
  'en',
  'in',
]);

/** Units and currencies: `(€)`, `EUR`, `k€`, `(min)`, `%`. */
const UNIT_WORDS: ReadonlySet<string> = new Set([
  'eur',
  'euro',
  'euros',
  'keur',
  'meur',
  'usd',
  'gbp',
  'chf',
  'pct',
  'min',
  'mins',
  'mn',
]);

/** Abbreviations, written out: `Nb` -> nombre, `N°` -> numero, `Qté` -> quantite. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['nb', 'nombre'],
  ['nbr', 'nombre'],
  ['nbre', 'nombre'],
  ['no', 'numero'],
  ['num', 'numero'],
  ['qte', 'quantite'],
  ['qty', 'quantite'],
  ['tel', 'telephone'],
]);

/** Tax qualifiers, as word sequences: before tax (`HT`) or after tax (`TTC`). */
const TAX_WORDS: readonly { words: readonly string[]; tax: 'ht' | 'ttc' }[] = [
  { words: ['hors', 'taxes'], tax: 'ht' },
  { words: ['hors', 'taxe'], tax: 'ht' },
  { words: ['toutes', 'taxes', 'comprises'], tax: 'ttc' },
  { words: ['excl', 'tax'], tax: 'ht' },
  { words: ['excluding', 'tax'], tax: 'ht' },
  { words: ['tax', 'excl'], tax: 'ht' },
  { words: ['pre', 'tax'], tax: 'ht' },
  { words: ['incl', 'tax'], tax: 'ttc' },
  { words: ['including', 'tax'], tax: 'ttc' },
  { words: ['tax', 'incl'], tax: 'ttc' },
  { words: ['ht'], tax: 'ht' },
  { words: ['ht'], tax: 'ht' },
  { words: ['ttc'], tax: 'ttc' },
];

/** The current year as a header says it (`CA N`, or a header with no year): ranks above any year. */
const CURRENT_YEAR = 10_000;

/**
 * What a header says, once its qualifiers are set apart: the words that name the field (`key`),
 * the year (`2025`; `N` and no year are the current year, `N-1` the one before), the tax basis, and
 * the CRM entity prefix (`Deal - `, `Account.`).
 */
export interface HeaderReading {
  /** Lower-case letters and digits of the naming words: `Chiffre d'affaires 2024 (€)` -> `chiffreaffaires`. */
  key: string;
  /** The key with the entity prefix kept (`Deal - Status` -> `dealstatus`), or undefined without one. */
  fullKey: string | undefined;
  /** The entity prefix, lower case (`deal`), or undefined. */
  prefix: string | undefined;
  /** 2025, FY24 -> 2024; `N` -> 10000, `N-1` -> 9999; undefined when the header names no year. */
  year: number | undefined;
  tax: 'ht' | 'ttc' | undefined;
}

/** Lower case, accents off, symbols as words (`€` -> eur, `%` -> pct, `N°` -> numero). */
function plainText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\bn\s*[°º]/g, ' numero ')
    .replace(/k€/g, ' keur ')
    .replace(/€/g, ' eur ')
    .replace(/%/g, ' pct ')
    .replace(/\$/g, ' usd ')
    .replace(/['’`]/g, ' ');
}

/** The words of a header that name its field, with its year and tax basis set apart. */
function readWords(text: string): {
  words: string[];
  year: number | undefined;
  tax: 'ht' | 'ttc' | undefined;
} {
  let year: number | undefined;
  const plain = plainText(text);
  let t = plain;
  // Years: FY24, FY2024, N-1, 2025 (1990-2099).
  t = t.replace(/\bfy\s*(\d{4}|\d{2})\b/g, (_m, y: string) => {
    year = y.length === 2 ? 2000 + Number(y) : Number(y);
    return ' ';
  });
  t = t.replace(/\bn\s*-\s*(\d)\b/g, (_m, k: string) => {
    year = CURRENT_YEAR - Number(k);
    return ' ';
  });
  t = t.replace(/\b(?:19[9]\d|20\d\d)\b/g, (y) => {
    year = Number(y);
    return ' ';
  });
  const raw = t.split(/[^a-z0-9]+/).filter((w) => w !== '');
  let tax: 'ht' | 'ttc' | undefined;
  const words: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const found = TAX_WORDS.find((tw) => tw.words.every((w, k) => raw[i + k] === w));
    if (found) {
      tax = found.tax;
      i += found.words.length - 1;
      continue;
    }
    const w = raw[i] as string;
    if (w === 'n' && i === 0) {
      words.push('numero');
      continue;
    }
    if (w === 'n' && raw.length > 1) {
      year = CURRENT_YEAR;
      continue;
    }
    if (STOP_WORDS.has(w) || UNIT_WORDS.has(w)) continue;
    words.push(ABBREVIATIONS.get(w) ?? w);
  }
  // A header made only of qualifiers (`Total`, `%`, `2025`) keeps its words.
  if (words.length === 0) {
    return { words: plain.split(/[^a-z0-9]+/).filter((w) => w !== ''), year: undefined, tax: undefined };
  }
  return { words, year, tax };
}

/**
 * Reads a header: its naming words without years (`2025`, `N`, `N-1`, `FY24`), units and
 * currencies (`(€)`, `EUR`, `k€`, `(min)`, `%`), tax qualifiers (`HT`, `TTC`, `hors taxes`),
 * articles and prepositions (`de la`, `du`, `d'`), abbreviations written out (`Nb`, `N°`, `Nbre`,
 * `Qté`), and the entity prefix of CRM exports (`Deal - `, `Organization - `, `Account.`) set apart.
 *
 * @example readHeader('CA HT 2024 (€)') // { key: 'ca', year: 2024, tax: 'ht', ... }
 * @example readHeader("Nb d'interactions").key // 'nombreinteractions'
 */
export function readHeader(header: string): HeaderReading {
  // Zoho's `Account Name.id`: the id of a lookup, never the field itself.
  if (/\.id\s*$/i.test(header)) {
    return {
      key: headerKeyOf(header),
      fullKey: undefined,
      prefix: undefined,
      year: undefined,
      tax: undefined,
    };
  }
  const m = ENTITY_PREFIX.exec(header);
  const body = m ? (m[2] ?? '') : header;
  const read = readWords(body);
  const fullKey = m ? [plainText(m[1] ?? '').trim(), ...read.words].join('') : undefined;
  return {
    key: read.words.join(''),
    fullKey,
    prefix: m ? plainText(m[1] ?? '').trim() : undefined,
    year: read.year,
    tax: read.tax,
  };
}

/** Letters and digits only, nothing set apart (for ids such as `Account Name.id`). */
function headerKeyOf(header: string): string {
  return plainText(header).replace(/[^a-z0-9]+/g, '');
}

/** A header reduced to the words that name its field: `Chiffre d'affaires 2024 (€)` -> `chiffreaffaires`. */
export function headerKey(header: string): string {
  return readHeader(header).key;
}

interface Claim {
  field: string;
  /** The spelling's place in its field's list; +1000 through an entity prefix, +2000 as a fallback. */
  rank: number;
}

function buildIndex(table: ReadonlyMap<string, readonly string[]>, offset: number): Map<string, Claim[]> {
  const map = new Map<string, Claim[]>();
  for (const [field, spellings] of table) {
    const keys = [headerKey(field), ...spellings.map(headerKey)];
    keys.forEach((key, rank) => {
      const claims = map.get(key) ?? [];
      if (!claims.some((c) => c.field === field)) claims.push({ field, rank: rank + offset });
      map.set(key, claims);
    });
  }
  return map;
}

// Built on first use, not at start-up: reading a thousand spellings costs every run, `--version`
// included, tens of milliseconds (see docs/speed.md).
let synonymIndex: ReadonlyMap<string, Claim[]> | undefined;
let fallbackIndex: ReadonlyMap<string, Claim[]> | undefined;
const SYNONYM_INDEX = { get: (key: string) => (synonymIndex ??= buildIndex(FIELD_SYNONYMS, 0)).get(key) };
const FALLBACK_INDEX = {
  get: (key: string) => (fallbackIndex ??= buildIndex(FALLBACK_SYNONYMS, 2000)).get(key),
};

/** Person names are not company names: `Person - Name`, `Contact - Name` name the contact (through the full key), never the company. */
function isPersonName(reading: HeaderReading): boolean {
  return (
    reading.prefix !== undefined &&
    /^(person|persons|people|contact|contacts|personne|personnes|osoba)$/.test(reading.prefix) &&
    reading.key === 'name'
  );
}

/** Every field a header may stand for, best first (the first is the header's own field). */
function claimsOf(header: string): Claim[] {
  const reading = readHeader(header);
  if (/\.id\s*$/i.test(header)) return [];
  const out: Claim[] = [];
  const push = (claims: readonly Claim[] | undefined, offset: number): void => {
    for (const c of claims ?? []) {
      if (!out.some((o) => o.field === c.field)) out.push({ field: c.field, rank: c.rank + offset });
    }
  };
  if (reading.fullKey !== undefined) push(SYNONYM_INDEX.get(reading.fullKey), 0);
  if (!isPersonName(reading)) {
    push(SYNONYM_INDEX.get(reading.key), reading.prefix === undefined ? 0 : 1000);
    push(FALLBACK_INDEX.get(reading.key), 0);
  }
  return out;
}

/** The canonical field a header names, or `undefined`. */
export function fieldOfHeader(header: string): string | undefined {
  const best = claimsOf(header)[0];
  return best !== undefined && best.rank < 2000 ? best.field : undefined;
}

/** Whether a name is one of the canonical fields. */
export function isCanonicalField(field: string): boolean {
  return FIELD_SYNONYMS.has(field);
}

/** The canonical field named by a user's text (`revenue`, `Chiffre d'affaires`, `CA`), if any. */
export function canonicalField(text: string): string | undefined {
  if (FIELD_SYNONYMS.has(text)) return text;
  const best = SYNONYM_INDEX.get(headerKey(text))?.[0];
  return best?.field;
}

/** Why one header was taken for a field that several headers claim. */
export type ChoiceRule = 'year' | 'tax' | 'spelling' | 'position';

/** A field that two or more headers claimed, and the one taken. */
export interface ColumnChoice {
  field: string;
  chosen: string;
  others: string[];
  rule: ChoiceRule;
}

export interface ColumnMapping {
  /** field -> column index. */
  columns: Map<string, number>;
  /** The fields that several headers claimed, with the rule that chose. */
  choices: ColumnChoice[];
}

interface Candidate {
  index: number;
  tier: number;
  rank: number;
  year: number;
  tax: number;
}

/** Latest year first, then before tax (HT, then no tax said, then TTC), then the best spelling, then the leftmost. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return a.tier - b.tier || b.year - a.year || a.tax - b.tax || a.rank - b.rank || a.index - b.index;
}

function ruleBetween(a: Candidate, b: Candidate): ChoiceRule {
  if (a.year !== b.year) return 'year';
  if (a.tax !== b.tax) return 'tax';
  if (a.rank !== b.rank) return 'spelling';
  return 'position';
}

/**
 * The column of each wanted field, and the choices made. `overrides` (field -> header) first;
 * then, among the headers that claim a field, the rule: a direct spelling before one through an
 * entity prefix, before a fallback spelling; then the latest year (`CA 2025` over `CA 2024`; no
 * year and `N` are the current year); then before tax over after tax (`Montant HT` over
 * `Montant TTC`); then the best spelling; then the leftmost. A field that is not canonical takes
 * the header with the same key (`--by Pipeline` finds `Pipeline`). A header serves one field only.
 */
export function mapColumnsExplained(
  headers: readonly string[],
  fields: readonly string[],
  overrides: ReadonlyMap<string, string>,
  fallbacks = true,
): ColumnMapping {
  const columns = new Map<string, number>();
  const choices: ColumnChoice[] = [];
  const taken = new Set<number>();
  const keys = headers.map(headerKey);
  const rawKeys = headers.map(headerKeyOf);
  for (const field of fields) {
    const wanted = overrides.get(field);
    if (wanted === undefined) continue;
    let index = headers.indexOf(wanted);
    if (index < 0) index = rawKeys.indexOf(headerKeyOf(wanted));
    if (index >= 0) {
      columns.set(field, index);
      taken.add(index);
    }
  }
  const readings = headers.map(readHeader);
  const claims = headers.map(claimsOf);
  // A fallback spelling counts only for a header that no asked field claims by a real spelling
  // (`Total` is the amount of an orders file that asks both amount and revenue).
  const claimedForReal = claims.map((list) => list.some((c) => c.rank < 2000 && fields.includes(c.field)));
  for (const field of fields) {
    if (columns.has(field) || overrides.has(field)) continue;
    const candidates: Candidate[] = [];
    claims.forEach((list, index) => {
      if (taken.has(index)) return;
      const c = list.find((x) => x.field === field);
      if (!c || (c.rank >= 2000 && (!fallbacks || claimedForReal[index]))) return;
      const reading = readings[index] as HeaderReading;
      candidates.push({
        index,
        tier: Math.floor(c.rank / 1000),
        rank: c.rank % 1000,
        year: reading.year ?? CURRENT_YEAR,
        tax: reading.tax === 'ht' ? 0 : reading.tax === 'ttc' ? 2 : 1,
      });
    });
    candidates.sort(compareCandidates);
    let best = candidates[0]?.index ?? -1;
    if (best < 0 && !isCanonicalField(field)) {
      best = keys.findIndex((k, index) => k === headerKey(field) && !taken.has(index));
      if (best < 0) best = rawKeys.findIndex((k, index) => k === headerKeyOf(field) && !taken.has(index));
    }
    if (best >= 0) {
      columns.set(field, best);
      taken.add(best);
    }
    const first = candidates[0];
    const rivals = candidates.slice(1).filter((c) => c.tier === first?.tier);
    if (first && rivals.length > 0) {
      choices.push({
        field,
        chosen: headers[first.index] ?? '',
        others: rivals.map((c) => headers[c.index] ?? ''),
        rule: ruleBetween(first, rivals[0] as Candidate),
      });
    }
  }
  return { columns, choices };
}

/** The column of each wanted field (see {@link mapColumnsExplained} for the rules). */
export function mapColumns(
  headers: readonly string[],
  fields: readonly string[],
  overrides: ReadonlyMap<string, string>,
): Map<string, number> {
  return mapColumnsExplained(headers, fields, overrides).columns;
}

/**
 * A header that maps to no field but looks like one (a spelling of a field within a small edit
 * distance, or a field's spelling inside it): the field it likely names, or undefined.
 *
 * @example lookAlikeField('Chiffre d affaire réalisé sur 2025') // 'revenue'
 */
export function lookAlikeField(header: string): string | undefined {
  if (claimsOf(header).length > 0) return undefined;
  const key = headerKey(header);
  if (key.length < 3) return undefined;
  let best: { field: string; score: number } | undefined;
  for (const [field, spellings] of FIELD_SYNONYMS) {
    for (const s of [field, ...spellings]) {
      const k = headerKey(s);
      if (k.length < 4) continue;
      const d = distance(k, key) / Math.max(k.length, key.length);
      const score = key.includes(k) && k.length >= 8 ? 0.1 : d;
      if (score <= 0.25 && (best === undefined || score < best.score)) best = { field, score };
    }
  }
  return best?.field;
}

/** The headers closest to a field's spellings (Levenshtein on keys), best first. */
export function closestHeaders(field: string, headers: readonly string[], count = 3): string[] {
  const spellings = [field, ...(FIELD_SYNONYMS.get(field) ?? [])].map(headerKey);
  const scored = headers.map((header) => {
    const key = headerKey(header);
    const d = Math.min(...spellings.map((s) => distance(s, key) / Math.max(s.length, key.length, 1)));
    return { header, d };
  });
  return scored
    .sort((a, b) => a.d - b.d)
    .slice(0, count)
    .map((s) => s.header);
}

/** A few spellings of a field, for messages: `Revenue, CA, Chiffre d'affaires`. */
export function exampleHeaders(field: string): string[] {
  return (FIELD_SYNONYMS.get(field) ?? [field]).slice(0, 3);
}

/**
 * Whether a header named by `--map` is a near miss of one of the file's headers (a typo: at most a
 * third of its letters differ), rather than the header of another file of the run.
 */
export function isNearHeader(header: string, headers: readonly string[]): boolean {
  const key = headerKeyOf(header);
  return headers.some((h) => {
    const k = headerKeyOf(h);
    return distance(k, key) / Math.max(k.length, key.length, 1) <= 1 / 3;
  });
}
