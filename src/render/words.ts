import type { Lang, Texts } from '../i18n.js';
import { formatNumber } from './format.js';

/**
 * Small grammar for sentences built from values: plurals, the French elision of "de", and the
 * names users read for the canonical fields (the keys `revenue`, `status`... never reach the
 * screen; a column the user named is shown as they named it).
 */

/**
 * A count and its noun: `1 day`, `2 days`; `0 jour`, `1 jour`, `2 jours` (French keeps the
 * singular below 2). `forms` gives the singular and the plural in each language.
 */
export function countNoun(
  count: number,
  lang: Lang,
  forms: { en: readonly [string, string]; fr: readonly [string, string] },
  decimals = 0,
): string {
  const plural = lang === 'fr' ? Math.abs(count) >= 2 : Math.abs(count) !== 1;
  return `${formatNumber(count, lang, decimals)} ${forms[lang][plural ? 1 : 0]}`;
}

/** French `de` before a word, elided before a vowel or a mute h: `de status`, `d’interactions`. */
export function frenchDe(word: string): string {
  return /^[aeiouyhàâäéèêëîïôöùûü]/i.test(word) ? `d’${word}` : `de ${word}`;
}

const FIELD_LABEL: Record<string, Texts> = {
  clientId: { en: 'client id', fr: 'identifiant client' },
  company: { en: 'company', fr: 'raison sociale' },
  status: { en: 'status', fr: 'statut' },
  sector: { en: 'sector', fr: 'secteur' },
  zone: { en: 'zone', fr: 'zone' },
  country: { en: 'country', fr: 'pays' },
  city: { en: 'city', fr: 'ville' },
  revenue: { en: 'revenue', fr: 'chiffre d’affaires' },
  margin: { en: 'margin', fr: 'marge' },
  potential: { en: 'potential', fr: 'potentiel' },
  probability: { en: 'probability', fr: 'probabilité' },
  maturity: { en: 'maturity', fr: 'maturité' },
  leadSource: { en: 'lead source', fr: 'origine' },
  interactions: { en: 'interactions', fr: 'interactions' },
  lastInteraction: { en: 'last interaction', fr: 'dernière interaction' },
  orderDate: { en: 'order date', fr: 'date de commande' },
  amount: { en: 'amount', fr: 'montant' },
  orderId: { en: 'order id', fr: 'numéro de commande' },
  stage: { en: 'stage', fr: 'étape' },
  owner: { en: 'sales person', fr: 'commercial' },
  employees: { en: 'employees', fr: 'effectif' },
  targetType: { en: 'target type', fr: 'type de cible' },
  activeProspects: { en: 'active prospects', fr: 'prospects actifs' },
  proposals: { en: 'proposals', fr: 'propositions' },
  deals: { en: 'deals', fr: 'affaires' },
  contacts: { en: 'contacts', fr: 'contacts' },
  prospects: { en: 'prospects', fr: 'prospects' },
};

/** The name users read for a field: a canonical field in their language, any other name as given. */
export function fieldLabel(field: string, lang: Lang): string {
  return FIELD_LABEL[field]?.[lang] ?? field;
}

/** The word for a count, singular or plural as the language says (`forms`: singular, plural). */
export function pluralWord(
  count: number,
  lang: Lang,
  forms: { en: readonly [string, string]; fr: readonly [string, string] },
): string {
  const plural = lang === 'fr' ? Math.abs(count) >= 2 : Math.abs(count) !== 1;
  return forms[lang][plural ? 1 : 0];
}

/** `302 rows read, 300 used, 2 rejected` / `302 lignes lues, 300 utilisées, 2 rejetées`, agreed in number. */
export function formatRowCounts(
  counts: { read: number; used: number; rejected: number; filtered?: number },
  lang: Lang,
  used: { en: readonly [string, string]; fr: readonly [string, string] } = {
    en: ['used', 'used'],
    fr: ['utilisée', 'utilisées'],
  },
): string {
  const { read, rejected, filtered } = counts;
  const n = (x: number): string => formatNumber(x, lang);
  // Rows left out by --where/--from/--to, when the file was filtered (docs/filters.md).
  const left =
    filtered === undefined
      ? ''
      : lang === 'fr'
        ? `, ${n(filtered)} ${pluralWord(filtered, lang, { en: ['', ''], fr: ['écartée', 'écartées'] })}`
        : `, ${n(filtered)} filtered out`;
  if (lang === 'fr')
    return `${n(read)} ${pluralWord(read, lang, { en: ['', ''], fr: ['ligne lue', 'lignes lues'] })}, ${n(counts.used)} ${pluralWord(counts.used, lang, used)}, ${n(rejected)} ${pluralWord(rejected, lang, { en: ['', ''], fr: ['rejetée', 'rejetées'] })}${left}`;
  return `${n(read)} ${pluralWord(read, lang, { en: ['row', 'rows'], fr: ['', ''] })} read, ${n(counts.used)} ${pluralWord(counts.used, lang, used)}, ${n(rejected)} rejected${left}`;
}
