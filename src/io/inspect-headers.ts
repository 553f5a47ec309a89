import { FIELD_SYNONYMS, lookAlikeField, mapColumnsExplained, type ColumnChoice } from './map-columns.js';
import { profileColumns as crmColumns, type CrmProfile } from './crm-profiles.js';

/** What `inspect` says of a file's headers as a whole. */
export interface HeaderFindings {
  /** column index -> the field it is read as (every canonical field asked at once). */
  fieldOfColumn: Map<number, string>;
  /** Fields that two headers claimed, and the one taken. */
  choices: ColumnChoice[];
  /** Headers that map to nothing but look like a field, with the `--map` to give. */
  lookAlikes: { header: string; field: string; map: string }[];
}

/**
 * How every header of a file is read when a command asks for every canonical field: `--map`,
 * then the CRM profile's columns, then the spellings (map-columns.ts), with the choices made
 * between headers that claim one field, and the headers that look like a field but are not read.
 */
export function inspectHeaders(
  headers: readonly string[],
  profile: CrmProfile | undefined,
  map: Readonly<Record<string, string>>,
): HeaderFindings {
  const fields = [...FIELD_SYNONYMS.keys()];
  const overrides = new Map(Object.entries(map));
  if (profile !== undefined) {
    for (const [field, header] of crmColumns(profile, headers, fields)) {
      if (!overrides.has(field)) overrides.set(field, header);
    }
  }
  const { columns, choices } = mapColumnsExplained(headers, fields, overrides, false);
  const fieldOfColumn = new Map<number, string>();
  for (const [field, index] of columns) fieldOfColumn.set(index, field);
  const lookAlikes: HeaderFindings['lookAlikes'] = [];
  headers.forEach((header, index) => {
    if (fieldOfColumn.has(index)) return;
    const field = lookAlikeField(header);
    if (field !== undefined && !columns.has(field)) {
      lookAlikes.push({ header, field, map: `--map ${field}="${header}"` });
    }
  });
  return { fieldOfColumn, choices, lookAlikes };
}
