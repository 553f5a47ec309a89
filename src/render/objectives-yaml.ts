import { formatIsoDay } from '../core/calendar.js';
import type { ObjectiveLabel } from '../core/objective-plan.js';
import type { ResolvedSettings } from '../core/settings.js';

/** A YAML scalar: JSON's double-quoted string is valid YAML and escapes everything. */
function quote(text: string): string {
  return JSON.stringify(text);
}

/** A number as a user would type it (six decimals at most, no exponent for plan-sized values). */
function num(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

/**
 * One planned objective as the objectives file that `plan --file` reads (src/io/read-objectives.ts):
 * its name and label, its amount, every funnel value, the period (start and deadline, weeks or
 * months), the country, the seasonality when it is not flat, the reps and their hours a week. Every
 * value is written, defaults included, so that the file plans the same objective on any later day.
 * `header` lines become comments on top.
 *
 * @example renderObjectivesYaml({ name: 'Q1' }, settings, ['saved by prospect plan'])
 *   // '# saved by prospect plan\nobjectives:\n  - name: "Q1"\n    amount: 60000\n ...'
 */
export function renderObjectivesYaml(
  label: ObjectiveLabel,
  settings: ResolvedSettings,
  header: readonly string[] = [],
): string {
  const lines = header.map((h) => `# ${h}`.trimEnd());
  lines.push('objectives:');
  const entry: string[] = [];
  for (const key of ['name', 'product', 'zone', 'rep'] as const) {
    const value = label[key];
    if (value !== undefined) entry.push(`${key}: ${quote(value)}`);
  }
  const s = settings;
  entry.push(
    `amount: ${num(s.objective.value)}`,
    `avgDeal: ${num(s.avgDeal.value)}`,
    `proposalsPerDeal: ${num(s.proposalsPerDeal.value)}`,
    `compensationFactor: ${num(s.compensationFactor.value)}`,
    `spontaneous: ${num(s.spontaneous.value)}`,
    `accessibility: ${quote(`${num(s.accessibility.value * 100)}%`)}`,
    `contactsPerProspect: ${num(s.contactsPerProspect.value)}`,
    `minutesPerContact: ${num(s.minutesPerContact.value)}`,
    `from: ${quote(formatIsoDay(s.from.value))}`,
  );
  const end = s.end?.value;
  if (end?.kind === 'to') entry.push(`to: ${quote(formatIsoDay(end.day))}`);
  else if (end?.kind === 'weeks') entry.push(`weeks: ${end.count}`);
  else if (end?.kind === 'months') entry.push(`months: ${end.count}`);
  entry.push(`country: ${quote(s.country.value)}`);
  if (s.weights.value.some((w) => w !== 1)) entry.push(`weights: [${s.weights.value.map(num).join(', ')}]`);
  entry.push(`reps: ${num(s.reps.value)}`, `hoursPerWeek: ${num(s.hoursPerWeek.value)}`);
  entry.forEach((line, i) => lines.push(`${i === 0 ? '  - ' : '    '}${line}`));
  return `${lines.join('\n')}\n`;
}
