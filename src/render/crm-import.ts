/**
 * A call list as a CRM imports it (`--for-crm`): the CRM's documented import column names, one
 * CSV file, UTF-8, comma-separated (the separator all four importers take by default), CRLF.
 * Sources, as docs/call-lists.md says: HubSpot "Set up your import files"
 * (knowledge.hubspot.com); Salesforce "Field Mapping for Other Data Sources and Organization
 * Import" (help.salesforce.com, Data Import Wizard, accounts and contacts); Pipedrive's sample
 * import spreadsheet and "Importing: mandatory fields" (support.pipedrive.com); Odoo's crm.lead
 * field names (addons/crm/models/crm_lead.py), which Odoo's importer matches as column names.
 */
import type { Lang, Texts } from '../i18n.js';
import type { CallList, CallListEntry } from '../core/call-list.js';
import { neutraliseCell } from './csv.js';
import { describeReason, type CallListContext } from './call-list-report.js';

export const CRM_NAMES = ['hubspot', 'salesforce', 'pipedrive', 'odoo'] as const;

export type CrmName = (typeof CRM_NAMES)[number];

/** A client's name as the CRMs want it: first and last name, and the full name. */
interface PersonName {
  first: string | null;
  last: string | null;
  full: string | null;
  /** Whether first and last were guessed by splitting a full name at its first space. */
  split: boolean;
}

function personName(e: CallListEntry): PersonName {
  const { firstName, lastName, contact } = e.details;
  if (firstName !== null || lastName !== null) {
    const full = [firstName, lastName].filter((p): p is string => p !== null).join(' ');
    return { first: firstName, last: lastName, full: contact ?? full, split: false };
  }
  if (contact === null) return { first: null, last: null, full: null, split: false };
  const trimmed = contact.trim();
  const space = trimmed.indexOf(' ');
  if (space < 0) return { first: null, last: trimmed, full: trimmed, split: false };
  return {
    first: trimmed.slice(0, space),
    last: trimmed.slice(space + 1).trim(),
    full: trimmed,
    split: true,
  };
}

interface CrmColumn {
  header: string;
  value: (e: CallListEntry, name: PersonName, note: string) => string | null;
  /** A phone column: a number in phone form (`+33 1 23 45 67 89`) is written as it is. */
  phone?: boolean;
}

function columnsOf(crm: CrmName, list: CallList, lang: Lang): CrmColumn[] {
  const subject = lang === 'fr' ? `Appeler : ${list.label.fr}` : `Call: ${list.label.en}`;
  switch (crm) {
    case 'hubspot':
      // Contacts import: First name, Last name, Email identify a contact; the owner column holds
      // the user's e-mail. No list or task column: the import wizard creates the list.
      return [
        { header: 'First Name', value: (_e, n) => n.first },
        { header: 'Last Name', value: (_e, n) => n.last },
        { header: 'Email', value: (e) => e.details.email },
        { header: 'Phone Number', value: (e) => e.details.phone, phone: true },
        { header: 'Company Name', value: (e) => e.details.company },
        { header: 'Contact owner', value: (e) => e.details.owner },
      ];
    case 'salesforce':
      // Data Import Wizard, accounts and contacts: Contact Note creates a note on the contact.
      return [
        { header: 'First Name', value: (_e, n) => n.first },
        { header: 'Last Name', value: (_e, n) => n.last },
        { header: 'Email', value: (e) => e.details.email },
        { header: 'Business Phone', value: (e) => e.details.phone, phone: true },
        { header: 'Account Name', value: (e) => e.details.company },
        { header: 'Record Owner', value: (e) => e.details.owner },
        { header: 'Contact Note', value: (_e, _n, note) => note },
      ];
    case 'pipedrive':
      // People and organizations, with a call activity and a note per person.
      return [
        { header: 'Person - Name', value: (_e, n) => n.full },
        { header: 'Person - Email', value: (e) => e.details.email },
        { header: 'Person - Phone', value: (e) => e.details.phone, phone: true },
        { header: 'Organization - Name', value: (e) => e.details.company },
        { header: 'Person - Owner', value: (e) => e.details.owner },
        { header: 'Activity - Subject', value: () => subject },
        { header: 'Note - Content', value: (_e, _n, note) => note },
      ];
    case 'odoo':
      // crm.lead, by field name: one lead per client, titled by the list.
      return [
        { header: 'name', value: (e) => `${subject} - ${e.details.company ?? e.clientId}` },
        { header: 'partner_name', value: (e) => e.details.company },
        { header: 'contact_name', value: (_e, n) => n.full },
        { header: 'email_from', value: (e) => e.details.email },
        { header: 'phone', value: (e) => e.details.phone, phone: true },
        { header: 'user_id', value: (e) => e.details.owner },
        { header: 'description', value: (_e, _n, note) => note },
      ];
  }
}

/** The rows of a CRM import file, and what the user should check before importing it. */
export interface CrmImport {
  header: string[];
  rows: (string | null)[][];
  /** Notes in both languages: names split, owners that are not e-mails (HubSpot)... */
  notes: Texts[];
  /** Which column is a phone column (written as it is when it is a phone number). */
  phoneColumns: boolean[];
}

/** The call list as `crm` imports it (see the file's comment for each CRM's source). */
export function buildCrmImport(
  list: CallList,
  crm: CrmName,
  lang: Lang,
  context: CallListContext = {},
): CrmImport {
  const columns = columnsOf(crm, list, lang);
  const names = list.entries.map(personName);
  const rows = list.entries.map((e, i) => {
    const reason = describeReason(e.figures, lang, context);
    const note =
      lang === 'fr'
        ? `Liste d’appels ${list.label.fr} (n° ${e.rank}, client ${e.clientId}) : ${reason}`
        : `Call list ${list.label.en} (no. ${e.rank}, client ${e.clientId}): ${reason}`;
    return columns.map((c) => c.value(e, names[i] as PersonName, note));
  });
  const notes: Texts[] = [];
  const split = names.filter((n) => n.split).length;
  const wantsParts = crm === 'hubspot' || crm === 'salesforce';
  if (wantsParts && split > 0)
    notes.push({
      en: `${split === 1 ? '1 contact name was' : `${split} contact names were`} split at the first space into first and last name for ${crm}; check compound first names before importing.`,
      fr: `${split === 1 ? '1 nom de contact a été coupé' : `${split} noms de contact ont été coupés`} au premier espace en prénom et nom pour ${crm} ; vérifiez les prénoms composés avant l’import.`,
    });
  const owners = list.entries.filter(
    (e) => e.details.owner !== null && !e.details.owner.includes('@'),
  ).length;
  if (crm === 'hubspot' && owners > 0)
    notes.push({
      en: `HubSpot assigns an owner by the user's e-mail; ${owners === 1 ? '1 owner is' : `${owners} owners are`} a name: map or replace the "Contact owner" column before importing.`,
      fr: `HubSpot attribue un propriétaire par l’e-mail de l’utilisateur ; ${owners === 1 ? '1 propriétaire est' : `${owners} propriétaires sont`} un nom : associez ou remplacez la colonne « Contact owner » avant l’import.`,
    });
  const nameless = list.entries.filter(
    (e, i) => e.details.email === null && (names[i] as PersonName).full === null,
  ).length;
  if (nameless > 0 && crm !== 'odoo')
    notes.push({
      en: `${nameless === 1 ? '1 client has' : `${nameless} clients have`} no contact name nor e-mail in the file: ${crm} may skip ${nameless === 1 ? 'its row' : 'their rows'} (give the contact columns, or --map contact=HEADER).`,
      fr: `${nameless === 1 ? '1 client n’a' : `${nameless} clients n’ont`} ni nom de contact ni e-mail dans le fichier : ${crm} peut ignorer ${nameless === 1 ? 'sa ligne' : 'leurs lignes'} (donnez les colonnes de contact, ou --map contact=EN-TÊTE).`,
    });
  return {
    header: columns.map((c) => c.header),
    rows,
    notes,
    phoneColumns: columns.map((c) => c.phone === true),
  };
}

/** A phone number as people write it: digits, spaces, `+ - . ( ) /`, nothing a formula could call. */
const PHONE_NUMBER = /^\+?[\d\s().\-/]{3,30}$/;

function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The import file's bytes: UTF-8 without BOM, `,`, CRLF, RFC 4180 quoting. Every text cell that
 * could be a spreadsheet formula is neutralised (OWASP, as every CSV of prospect), except a phone
 * number in phone form in a phone column (`+33 1 23 45 67 89`): it holds no letter, so it can call
 * no function nor reach a cell or a host, and a CRM would keep an added `'` in the number.
 */
export function renderCrmImportBytes(data: CrmImport): Buffer {
  const lines = [data.header.map((h) => quoted(neutraliseCell(h))).join(',')];
  for (const row of data.rows)
    lines.push(
      row
        .map((cell, i) => {
          if (cell === null) return '';
          const safe = data.phoneColumns[i] === true && PHONE_NUMBER.test(cell) ? cell : neutraliseCell(cell);
          return quoted(safe);
        })
        .join(','),
    );
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}
