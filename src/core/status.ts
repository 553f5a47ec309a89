/**
 * Client status and prospect maturity, normalised from the spellings found in client files and
 * CRM exports, in French and English (DOMAIN.md sections 1 and 2).
 */

/** The statuses the method knows: a client, a former client, a prospect, a lead. */
export type ClientStatus = 'client' | 'former' | 'prospect' | 'lead';

/** Prospect maturity (seed 001): arid, latent or active. */
export type Maturity = 'arid' | 'latent' | 'active';

/** Lower case, no accents, punctuation as single spaces: `Ancien-Client ` -> `ancien client`. */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Every known spelling (normalised by normaliseLabel) and the status it means. */
export const STATUS_SPELLINGS: ReadonlyMap<string, ClientStatus> = new Map<string, ClientStatus>([
  ...[
    'client',
    'clients',
    'cliente',
    'customer',
    'customers',
    'client actif',
    'active client',
    'active customer',
    'kunde',
    'evangelist',
    'customer direct',
    'customer channel',
  ].map((s): [string, ClientStatus] => [s, 'client']),
  ...[
    'ancien client',
    'ancienne cliente',
    'anciens clients',
    'ex client',
    'client perdu',
    'client inactif',
    'former client',
    'former customer',
    'past customer',
    'lost customer',
    'churned',
    'churned customer',
    'inactive client',
    'inactive customer',
  ].map((s): [string, ClientStatus] => [s, 'former']),
  ...[
    'prospect',
    'prospects',
    'prospect chaud',
    'prospect froid',
    'prospect qualifie',
    'opportunite',
    'opportunity',
    'opportunities',
    'sales qualified lead',
    'salesqualifiedlead',
    'sql',
    'qualified',
  ].map((s): [string, ClientStatus] => [s, 'prospect']),
  ...[
    'lead',
    'leads',
    'piste',
    'pistes',
    'suspect',
    'suspects',
    'new lead',
    'nouveau lead',
    'marketing qualified lead',
    'marketingqualifiedlead',
    'mql',
    'subscriber',
    'abonne',
  ].map((s): [string, ClientStatus] => [s, 'lead']),
]);

/**
 * The status that a spelling means, or `undefined` when it is not a known one.
 * `Client`, `Customer` -> client; `Ancien client`, `Former customer` -> former; `Prospect`,
 * `Opportunité`, HubSpot's `salesqualifiedlead` -> prospect; `Lead`, `Piste`, `Suspect`, `MQL` ->
 * lead. Case, accents, spaces and punctuation do not matter.
 *
 * @example normaliseStatus('Ancien client') // 'former'
 */
export function normaliseStatus(text: string): ClientStatus | undefined {
  return STATUS_SPELLINGS.get(normaliseLabel(text));
}

/** Every known spelling (normalised by normaliseLabel) and the maturity it means. */
export const MATURITY_SPELLINGS: ReadonlyMap<string, Maturity> = new Map<string, Maturity>([
  ...['arid', 'arids', 'aride', 'arides', 'dry'].map((s): [string, Maturity] => [s, 'arid']),
  ...['latent', 'latents', 'latente', 'latentes', 'dormant'].map((s): [string, Maturity] => [s, 'latent']),
  ...['active', 'actives', 'actif', 'actifs', 'ready'].map((s): [string, Maturity] => [s, 'active']),
]);

/**
 * The maturity that a spelling means (`arides`, `Latent`, `actif`, `Active`...), or `undefined`.
 *
 * @example normaliseMaturity('Actifs') // 'active'
 */
export function normaliseMaturity(text: string): Maturity | undefined {
  return MATURITY_SPELLINGS.get(normaliseLabel(text));
}
