/**
 * JSON text: two-space indent, a final newline; non-finite numbers become null (as
 * `JSON.stringify` writes them by itself, so no replacer is needed: one would be called for every
 * key of 200,000 clients).
 */
export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
