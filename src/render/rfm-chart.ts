import type { RfmResult } from '../core/rfm.js';
import type { Lang } from '../i18n.js';
import { formatNumber } from './format.js';

const SHADES = ['░', '▒', '▓', '█'];

/** A short amount for a chart cell: `950`, `12.3k`, `1.2M` (`12,3k` in French). */
export function formatCompact(value: number, lang: Lang): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return formatNumber(value / 1e6, lang, 1) + 'M';
  if (abs >= 1e4) return formatNumber(value / 1e3, lang, 0) + 'k';
  if (abs >= 1e3) return formatNumber(value / 1e3, lang, 1) + 'k';
  return formatNumber(value, lang, 0);
}

/**
 * The heat map of mean amount per (frequency score, recency score), as the R package draws it:
 * frequency down the side (highest on top), recency across; each cell shaded by quartile of the
 * range of means (░ ▒ ▓ █), `·` for an empty cell.
 */
export function renderRfmHeatmap(result: RfmResult, lang: Lang): string {
  const nF = result.bins.frequency.bins;
  const nR = result.bins.recency.bins;
  const means = result.heatmap.map((c) => c.meanAmount).filter((m): m is number => m !== null);
  const min = Math.min(...means);
  const max = Math.max(...means);
  const cellWidth = 9;
  const shade = (m: number): string => {
    const level = max > min ? Math.min(3, Math.floor(((m - min) / (max - min)) * 4)) : 3;
    return SHADES[level] as string;
  };
  const lines: string[] = [];
  const rTitle = lang === 'fr' ? 'score de récence →' : 'recency score →';
  lines.push(
    lang === 'fr'
      ? 'montant moyen par score de fréquence (F) et de récence (R)'
      : 'mean amount by frequency score (F) and recency score (R)',
  );
  lines.push(
    `     ${Array.from({ length: nR }, (_, i) => `R${i + 1}`.padStart(cellWidth - 1).padEnd(cellWidth)).join('')}`,
  );
  for (let f = nF; f >= 1; f--) {
    let line = `F${f}`.padEnd(4) + '│';
    for (let r = 1; r <= nR; r++) {
      const cell = result.heatmap.find((c) => c.frequencyScore === f && c.recencyScore === r);
      const m = cell?.meanAmount ?? null;
      line +=
        m === null
          ? '·'.padStart(cellWidth - 1).padEnd(cellWidth)
          : `${shade(m)} ${formatCompact(m, lang).padStart(cellWidth - 3)} `;
    }
    lines.push(line.trimEnd());
  }
  lines.push(`    └${'─'.repeat(nR * cellWidth)}`);
  lines.push(`     ${rTitle.padStart(nR * cellWidth)}`);
  const legend =
    lang === 'fr'
      ? `░ bas  ▒  ▓  █ haut (de ${formatCompact(min, lang)} à ${formatCompact(max, lang)})`
      : `░ low  ▒  ▓  █ high (${formatCompact(min, lang)} to ${formatCompact(max, lang)})`;
  lines.push(`     ${legend}`);
  return lines.join('\n');
}

/** The number of clients at each score of R, F and M, side by side as horizontal bars. */
export function renderScoreDistribution(result: RfmResult, lang: Lang): string {
  const metrics = [
    { key: 'recency' as const, title: lang === 'fr' ? 'Récence' : 'Recency', letter: 'R' },
    { key: 'frequency' as const, title: lang === 'fr' ? 'Fréquence' : 'Frequency', letter: 'F' },
    { key: 'monetary' as const, title: lang === 'fr' ? 'Montant' : 'Monetary', letter: 'M' },
  ];
  const barWidth = 12;
  const max = Math.max(1, ...metrics.flatMap((m) => result.distribution[m.key]));
  const columns = metrics.map((m) => {
    const counts = result.distribution[m.key];
    const countWidth = Math.max(...counts.map((c) => formatNumber(c, lang).length));
    const lines = [m.title];
    for (let s = counts.length; s >= 1; s--) {
      const c = counts[s - 1] as number;
      const bar = '█'.repeat(Math.round((c / max) * barWidth)) || (c > 0 ? '▏' : '');
      lines.push(`${m.letter}${s} ${bar.padEnd(barWidth)} ${formatNumber(c, lang).padStart(countWidth)}`);
    }
    return lines;
  });
  const height = Math.max(...columns.map((c) => c.length));
  const widths = columns.map((c) => Math.max(...c.map((l) => l.length)));
  const out: string[] = [];
  for (let i = 0; i < height; i++) {
    out.push(
      columns
        .map((c, j) => (c[i] ?? '').padEnd((widths[j] as number) + 3))
        .join('')
        .trimEnd(),
    );
  }
  return out.join('\n');
}
