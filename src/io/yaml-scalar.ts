/**
 * A YAML scalar as its author wrote it: a plain number keeps its source text, so that `06`,
 * `2A` and `75` (French département codes) are compared as written, whatever YAML 1.2 makes of
 * them (`06` is the integer 6, `0x1F` is 31, `1e3` is 1000). Quoted and other texts are their value.
 *
 * @example scalarText(parseDocument('06').contents) // '06', not '6'
 */
export function scalarText(node: { value: unknown; source?: string; type?: string }): string {
  if (typeof node.value === 'number' && node.type === 'PLAIN' && typeof node.source === 'string')
    return node.source;
  return String(node.value);
}
