import { Chalk } from 'chalk';
import { formatIsoDay } from '../core/calendar.js';
import type { OwnerTrack, TrackPhase } from '../core/track.js';
import type { Lang, Texts } from '../i18n.js';
import { formatDateInSentence, formatMoney, formatNumber, formatPercent } from './format.js';

/** The name of a line that is not a sales person's. */
export const UNASSIGNED_LABEL: Texts = { en: '(unassigned)', fr: '(non attribué)' };
export const TEAM_LABEL: Texts = { en: 'Team', fr: 'Équipe' };

/** The period of the lines of a summary: day numbers, and where the as-of date falls. */
export interface SummaryPeriod {
  start: number;
  end: number;
  asOf: number;
  phase: TrackPhase;
}

/** Which line: a sales person's (or a plan's), the rows without an owner, or the team's. */
export type SummaryLineKind = 'owner' | 'unassigned' | 'team';

function dealsWord(count: number, lang: Lang): string {
  if (lang === 'fr') return count > 1 ? 'affaires' : 'affaire';
  return count === 1 ? 'deal' : 'deals';
}

/** A count as people read it: whole, or to the tenth when an actuals file gives fractions. */
function count(value: number, lang: Lang): string {
  return formatNumber(value, lang, 1);
}

/**
 * One line of `track --format summary`, for a cron mail. The wording is stable (docs/per-rep.md):
 *
 * - running: `NAME: D/T deals (P), G behind plan|G ahead of plan|on plan at day X/Y, projected R of O`
 *   (fr: `NOM : D/T affaires (P), G de retard sur le plan|G d'avance sur le plan|dans le plan au jour
 *   X/Y, projection R sur O`);
 * - not begun: `NAME: D/T deals (P), period begins on DATE, objective O`;
 * - ended: `NAME: D/T deals (P), period ended, final R of O (S)`;
 * - no objective: `NAME: D deals, R, no objective`; no owner: `(unassigned): D deals, R, no owner`.
 *
 * D = deals won, T = deals to win by the deadline, P = D / T, G = |D - deals due to date|, X/Y =
 * calendar day of the period at the as-of date / days of the period, R = revenue projected at the
 * deadline (revenue so far / weighted share of the period elapsed), O = the revenue objective.
 * The parts of a stage the actuals do not track (no deals or no revenue column) are left out.
 * With `color`, the plan gap is red when the deals are behind and green when ahead.
 */
export function buildTrackSummaryLine(
  name: string,
  kind: SummaryLineKind,
  line: OwnerTrack,
  period: SummaryPeriod,
  lang: Lang,
  color = false,
): string {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const deals = line.stages.find((s) => s.stage === 'deals');
  const revenue = line.stages.find((s) => s.stage === 'revenue');
  const parts: string[] = [];
  const fr = lang === 'fr';
  if (!line.hasObjective || line.objective === null) {
    if (deals) parts.push(`${count(deals.actual, lang)} ${dealsWord(deals.actual, lang)}`);
    if (revenue) parts.push(formatMoney(Math.round(revenue.actual), lang));
    parts.push(
      kind === 'unassigned' ? (fr ? 'sans commercial' : 'no owner') : fr ? 'sans objectif' : 'no objective',
    );
    return `${name}${fr ? ' : ' : ': '}${parts.join(', ')}`;
  }
  const objective = formatMoney(Math.round(line.objective), lang);
  if (deals && line.dealsTotal !== null) {
    const share = line.dealsShare === null ? '' : ` (${formatPercent(line.dealsShare, lang, 1)})`;
    parts.push(
      `${count(deals.actual, lang)}/${count(line.dealsTotal, lang)} ${dealsWord(line.dealsTotal, lang)}${share}`,
    );
  }
  const totalDays = period.end - period.start + 1;
  if (period.phase === 'not started') {
    const begins = formatDateInSentence(formatIsoDay(period.start), lang);
    parts.push(fr ? `la période commence le ${begins}` : `period begins on ${begins}`);
    parts.push(fr ? `objectif ${objective}` : `objective ${objective}`);
  } else if (period.phase === 'ended') {
    parts.push(fr ? 'période terminée' : 'period ended');
    if (revenue) {
      const got = formatMoney(Math.round(revenue.actual), lang);
      const reached =
        line.objective > 0 ? ` (${formatPercent(revenue.actual / line.objective, lang, 1)})` : '';
      parts.push(
        fr ? `résultat final ${got} sur ${objective}${reached}` : `final ${got} of ${objective}${reached}`,
      );
    }
  } else {
    const day = Math.min(totalDays, period.asOf - period.start + 1);
    const at = fr ? `au jour ${day}/${totalDays}` : `at day ${day}/${totalDays}`;
    if (deals && deals.gap !== null) {
      const gap = deals.gap;
      const n = count(Math.abs(gap), lang);
      let text: string;
      if (gap < 0) text = chalk.red(fr ? `${n} de retard sur le plan` : `${n} behind plan`);
      else if (gap > 0) text = chalk.green(fr ? `${n} d'avance sur le plan` : `${n} ahead of plan`);
      else text = fr ? 'dans le plan' : 'on plan';
      parts.push(`${text} ${at}`);
    } else parts.push(at);
    if (revenue && line.projectedRevenue !== null) {
      const projected = formatMoney(Math.round(line.projectedRevenue), lang);
      parts.push(fr ? `projection ${projected} sur ${objective}` : `projected ${projected} of ${objective}`);
    }
  }
  return `${name}${fr ? ' : ' : ': '}${parts.join(', ')}`;
}
