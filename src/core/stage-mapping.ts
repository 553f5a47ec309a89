/**
 * From a CRM's stage names to the plan's funnel stages (DOMAIN.md section 1): contacted, active
 * (qualified), proposal, won, lost. Usual names in English and French are recognised; a mapping
 * given by the user (YAML) overrides them.
 */

import { classifyOutcome } from './outcome.js';

export type FunnelStage = 'contacted' | 'active' | 'proposal' | 'won' | 'lost';

export const FUNNEL_STAGES: readonly FunnelStage[] = ['contacted', 'active', 'proposal', 'won', 'lost'];

/**
 * A stage name reduced to compare names: lower case, accents and punctuation removed, spaces
 * collapsed (`Gagnée` -> `gagnee`, `Closed Won` -> `closed won`, `closed_won` -> `closed won`).
 */
export function normalizeStageName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The usual names, normalised. HubSpot's default pipeline: Appointment Scheduled (contacted),
 * Qualified to Buy and Presentation Scheduled (active), Decision Maker Bought-In and Contract
 * Sent (proposal), Closed Won, Closed Lost. Salesforce: Prospecting, Qualification, Needs
 * Analysis, Value Proposition, Id. Decision Makers, Perception Analysis, Proposal/Price Quote,
 * Negotiation/Review, Closed Won/Lost. Pipedrive status Open/Won/Lost. Maven CRM data:
 * Prospecting, Engaging, Won, Lost. French: Gagnée, Perdue, En cours, Devis envoyé...
 */
const USUAL_NAMES: Record<FunnelStage, readonly string[]> = {
  contacted: [
    'appointment scheduled',
    'prospecting',
    'prospect',
    'prospection',
    'contacted',
    'contact',
    'contact made',
    'new',
    'lead',
    'new lead',
    'attempted to contact',
    'a contacter',
    'contacte',
    'premier contact',
    'prise de contact',
    'nouveau',
    'rendez vous pris',
    'rdv pris',
  ],
  active: [
    'qualified to buy',
    'qualified',
    'qualification',
    'sales qualified lead',
    'sql',
    'presentation scheduled',
    'needs analysis',
    'value proposition',
    'id decision makers',
    'perception analysis',
    'discovery',
    'demo',
    'engaging',
    'open',
    'in progress',
    'active',
    'opportunity',
    'en cours',
    'qualifie',
    'qualifiee',
    'actif',
    'active prospect',
    'prospect actif',
    'decouverte',
    'analyse des besoins',
    'rendez vous',
    'opportunite',
  ],
  proposal: [
    'decision maker bought in',
    'contract sent',
    'proposal',
    'proposal sent',
    'proposal price quote',
    'quote',
    'quote sent',
    'quotation',
    'negotiation',
    'negotiation review',
    'proposition',
    'proposition envoyee',
    'proposition commerciale',
    'propal',
    'propal envoyee',
    'devis',
    'devis envoye',
    'negociation',
    'contrat envoye',
  ],
  // won and lost: the outcome vocabulary (outcome.ts), shared by every command.
  won: [],
  lost: [],
};

const USUAL_INDEX: ReadonlyMap<string, FunnelStage> = new Map(
  FUNNEL_STAGES.flatMap((stage) => USUAL_NAMES[stage].map((name) => [name, stage] as const)),
);

/** A stage name that neither the user's mapping nor the usual names know. */
export interface UnknownStage {
  name: string;
  count: number;
}

/**
 * Maps one stage name to a funnel stage: first the user's mapping (keys compared normalised),
 * then the outcome vocabulary (won, lost; an open word is `active`), then the usual English and
 * French stage names; `undefined` when none knows it.
 *
 * @example mapStageName('Gagnée') // 'won'
 * @example mapStageName('Contract Sent') // 'proposal'
 * @example mapStageName('Signé chez nous', { 'Signé chez nous': 'won' }) // 'won'
 */
export function mapStageName(
  name: string,
  overrides: Readonly<Record<string, FunnelStage>> = {},
): FunnelStage | undefined {
  const key = normalizeStageName(name);
  for (const [from, to] of Object.entries(overrides)) {
    if (normalizeStageName(from) === key) return to;
  }
  const outcome = classifyOutcome(name);
  if (outcome === 'won' || outcome === 'lost') return outcome;
  return USUAL_INDEX.get(key) ?? (outcome === 'open' ? 'active' : undefined);
}

/**
 * Maps every distinct stage name of a file; returns the mapping found and the names that are
 * unknown (with how many rows carry each), so that a command can report them all at once.
 */
export function buildStageMapping(
  names: readonly string[],
  overrides: Readonly<Record<string, FunnelStage>> = {},
): { mapping: Map<string, FunnelStage>; unknown: UnknownStage[] } {
  const mapping = new Map<string, FunnelStage>();
  const unknownCounts = new Map<string, number>();
  for (const name of names) {
    if (mapping.has(name)) continue;
    const stage = mapStageName(name, overrides);
    if (stage === undefined) unknownCounts.set(name, (unknownCounts.get(name) ?? 0) + 1);
    else mapping.set(name, stage);
  }
  return {
    mapping,
    unknown: [...unknownCounts].map(([name, count]) => ({ name, count })),
  };
}

/** Lead sources that bring spontaneous prospects (inbound, referrals, prescribers), normalised. */
const SPONTANEOUS_SOURCES = [
  'inbound',
  'referral',
  'referrals',
  'recommendation',
  'prescriber',
  'prescription',
  'prescripteur',
  'partner',
  'partenaire',
  'word of mouth',
  'bouche a oreille',
  'website',
  'web',
  'site web',
  'site internet',
  'organic',
  'organic search',
  'direct traffic',
  'recommandation',
  'parrainage',
  'entrant',
  'demande entrante',
  'contact entrant',
  'former client',
  'ancien client',
  'existing customer',
  'customer referral',
  'employee referral',
  'spontane',
  'spontaneous',
];

const SPONTANEOUS_INDEX = new Set(SPONTANEOUS_SOURCES);

/**
 * Whether a lead source brings spontaneous prospects (seed 001: prospects who contact you by
 * themselves through reputation, a recommendation, former clients, prescribers). Outbound
 * sources (cold call, prospecting, bought list, outbound, emailing) are not spontaneous; an empty
 * source is not spontaneous. `extra` adds the user's own names.
 *
 * @example isSpontaneousSource('Referral') // true
 * @example isSpontaneousSource('Cold call') // false
 */
export function isSpontaneousSource(source: string | null, extra: readonly string[] = []): boolean {
  if (source === null) return false;
  const key = normalizeStageName(source);
  if (key === '') return false;
  return SPONTANEOUS_INDEX.has(key) || extra.some((name) => normalizeStageName(name) === key);
}
