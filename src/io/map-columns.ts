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
    ],
  ],
]);

/** A header reduced to lower-case letters and digits: `Chiffre d'affaires (€)` -> `chiffredaffaires`. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\bn[°º]/g, 'n ')
    .replace(/[^a-z0-9]+/g, '');
}

/** Pipedrive's `Person - Name`, Zoho's `Account Name.id` and such: the entity prefix removed. */
function withoutEntityPrefix(header: string): string | undefined {
  const m =
    /^\s*(person|organization|organisation|deal|lead|contact|company|account|activity|personne|organisation|affaire|osoba)\s+-\s+(.+)$/i.exec(
      header,
    );
  if (!m) return undefined;
  // A person's name is not a company's: `Person - Name` maps to nothing.
  if (/^(person|contact|personne|osoba)$/i.test(m[1] ?? '') && headerKey(m[2] ?? '') === 'name')
    return undefined;
  return m[2];
}

const SYNONYM_RANK: ReadonlyMap<string, { field: string; rank: number }> = (() => {
  const map = new Map<string, { field: string; rank: number }>();
  for (const [field, spellings] of FIELD_SYNONYMS) {
    const keys = [headerKey(field), ...spellings.map(headerKey)];
    keys.forEach((key, rank) => {
      if (!map.has(key)) map.set(key, { field, rank });
    });
  }
  return map;
})();

/** The canonical field a header names, or `undefined`. */
export function fieldOfHeader(header: string): string | undefined {
  const direct = SYNONYM_RANK.get(headerKey(header));
  if (direct) return direct.field;
  const stripped = withoutEntityPrefix(header);
  return stripped === undefined ? undefined : SYNONYM_RANK.get(headerKey(stripped))?.field;
}

/** Whether a name is one of the canonical fields. */
export function isCanonicalField(field: string): boolean {
  return FIELD_SYNONYMS.has(field);
}

/** The canonical field named by a user's text (`revenue`, `Chiffre d'affaires`, `CA`), if any. */
export function canonicalField(text: string): string | undefined {
  if (FIELD_SYNONYMS.has(text)) return text;
  return SYNONYM_RANK.get(headerKey(text))?.field;
}

/**
 * The column of each wanted field: `overrides` (field -> header) first, then the header with the
 * best spelling of a canonical field, then, for a field that is not canonical, the header with the
 * same key (so `--by Pipeline` finds `Pipeline`). A header serves one field only; among headers
 * of equal rank, the leftmost. An override naming a missing header throws via `onMissingHeader`.
 */
export function mapColumns(
  headers: readonly string[],
  fields: readonly string[],
  overrides: ReadonlyMap<string, string>,
): Map<string, number> {
  const result = new Map<string, number>();
  const taken = new Set<number>();
  const keys = headers.map(headerKey);
  for (const field of fields) {
    const wanted = overrides.get(field);
    if (wanted === undefined) continue;
    let index = headers.indexOf(wanted);
    if (index < 0) index = keys.indexOf(headerKey(wanted));
    if (index >= 0) {
      result.set(field, index);
      taken.add(index);
    }
  }
  const candidates = headers.map((header, index) => {
    const direct = SYNONYM_RANK.get(keys[index] ?? '');
    if (direct) return direct;
    const stripped = withoutEntityPrefix(header);
    const viaPrefix = stripped === undefined ? undefined : SYNONYM_RANK.get(headerKey(stripped));
    return viaPrefix ? { field: viaPrefix.field, rank: viaPrefix.rank + 1000 } : undefined;
  });
  for (const field of fields) {
    if (result.has(field) || overrides.has(field)) continue;
    let best = -1;
    let bestRank = Infinity;
    candidates.forEach((c, index) => {
      if (c && c.field === field && !taken.has(index) && c.rank < bestRank) {
        best = index;
        bestRank = c.rank;
      }
    });
    if (best < 0 && !isCanonicalField(field)) {
      best = keys.findIndex((k, index) => k === headerKey(field) && !taken.has(index));
    }
    if (best >= 0) {
      result.set(field, best);
      taken.add(best);
    }
  }
  return result;
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
