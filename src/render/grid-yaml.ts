import type { Grid, Rule } from '../core/score/grid.js';

/** A YAML scalar: JSON's double-quoted string is valid YAML and escapes everything. */
function quote(text: string): string {
  return JSON.stringify(text);
}

function ruleYaml(rule: Rule): string {
  switch (rule.kind) {
    case 'equals':
      return rule.values.length === 1
        ? `{ equals: ${quote(rule.values[0] ?? '')}, points: ${rule.points} }`
        : `{ one_of: [${rule.values.map(quote).join(', ')}], points: ${rule.points} }`;
    case 'range': {
      const parts: string[] = [];
      if (rule.min !== undefined) parts.push(`${rule.minInclusive ? 'min' : 'above'}: ${rule.min}`);
      if (rule.max !== undefined) parts.push(`${rule.maxInclusive ? 'max' : 'below'}: ${rule.max}`);
      return `{ ${parts.join(', ')}, points: ${rule.points} }`;
    }
    case 'within':
      return `{ within_days: ${rule.days}, points: ${rule.points} }`;
    case 'present':
      return `{ present: true, points: ${rule.points} }`;
    case 'pattern':
      return `{ matches: ${quote(rule.pattern)}, points: ${rule.points} }`;
  }
}

/**
 * A grid as the YAML text that `--grid` reads (src/io/read-grid.ts), with `header` as comment
 * lines on top and `notes` (criterion name -> comment) beside each criterion. Parsing the text
 * gives the same grid back.
 */
export function renderGridYaml(
  grid: Grid,
  header: string[] = [],
  notes: Record<string, string> = {},
): string {
  const out: string[] = header.map((h) => `# ${h}`.trimEnd());
  if (out.length) out.push('');
  const groups = Object.entries(grid.groups);
  if (groups.length) {
    out.push('groups:');
    for (const [name, g] of groups)
      out.push(`  ${quote(name)}: {${g.cap !== undefined ? ` cap: ${g.cap} ` : ''}}`);
  }
  if (grid.totalCap !== undefined) out.push(`total_cap: ${grid.totalCap}`);
  out.push('criteria:');
  for (const c of grid.criteria) {
    const note = notes[c.name];
    out.push(`  - name: ${quote(c.name)}${note ? ` # ${note}` : ''}`);
    out.push(`    field: ${quote(c.field)}`);
    if (c.group !== undefined) out.push(`    group: ${quote(c.group)}`);
    if (c.missing !== 0) out.push(`    missing: ${c.missing}`);
    if (c.decay) out.push(`    decay: halve every ${c.decay.halfLifeDays} days`);
    out.push('    rules:');
    for (const r of c.rules) out.push(`      - ${ruleYaml(r)}`);
  }
  out.push('grades:');
  for (const g of grid.grades) out.push(`  ${quote(g.name)}: ${g.min}`);
  out.push(`  otherwise: ${quote(grid.otherwise)}`);
  if (grid.maturity) {
    out.push('maturity:');
    for (const [grade, m] of Object.entries(grid.maturity)) out.push(`  ${quote(grade)}: ${m}`);
  }
  return out.join('\n') + '\n';
}
