import type { ParetoResult } from '../core/pareto.js';
import type { Lang } from '../i18n.js';
import { formatPercent } from './format.js';

export interface ParetoChartOptions {
  lang: Lang;
  /** Total width in columns (default 80). */
  width?: number;
  /** Plot height in rows (default 10: one row per 10 %, so the 80 % line falls on a row). */
  height?: number;
}

const EIGHTHS = ['', '▁', '▂', '▃', '▄', '▅', '▆', '▇'];

/**
 * The Pareto curve in Unicode: share of clients (x, best first) against cumulative share of value
 * (y), drawn as a filled area with eighth blocks, the 80 % line dotted across, and the class
 * boundaries marked under the axis with the class letters. Fits `width` columns (80 by default).
 */
export function renderParetoChart(result: ParetoResult, options: ParetoChartOptions): string {
  const width = options.width ?? 80;
  const height = options.height ?? 10;
  const { lang } = options;
  const n = result.concentration.clients;
  const labelWidth = 6;
  const plotWidth = Math.max(10, width - labelWidth - 2);
  if (n === 0 || result.concentration.positiveTotal <= 0) {
    return lang === 'fr' ? '(aucune valeur positive à tracer)' : '(no positive value to draw)';
  }
  // Cumulative share after k clients, k = 0..n (never above 1, non-positive clients add nothing).
  const shareAt = (k: number): number =>
    k <= 0 ? 0 : Math.min(1, k <= n ? result.client(k - 1).cumulativeShare : 1);
  const columnHeights: number[] = [];
  for (let c = 0; c < plotWidth; c++) {
    const k = Math.ceil(((c + 1) / plotWidth) * n - 1e-9);
    columnHeights.push(Math.round(shareAt(k) * height * 8));
  }
  // Axis with class boundaries.
  const boundaries: { column: number; name: string }[] = [];
  let counted = 0;
  for (const k of result.classes) {
    const start = counted;
    counted += k.clients;
    if (k.clients === 0) continue;
    const from = Math.floor((start / n) * plotWidth);
    const to = Math.max(from, Math.round((counted / n) * plotWidth) - 1);
    boundaries.push({ column: Math.floor((from + to) / 2), name: k.className });
    if (counted < n) boundaries.push({ column: to, name: '┴' });
  }
  const boundaryColumns = new Set(boundaries.filter((b) => b.name === '┴').map((b) => b.column));
  const line80 = Math.round(0.8 * height * 8);
  const line80Row = Math.ceil(line80 / 8); // the row (1 = bottom) where the 80 % line is drawn
  const rows: string[] = [];
  for (let row = height; row >= 1; row--) {
    let text = '';
    for (let c = 0; c < plotWidth; c++) {
      const h = columnHeights[c] as number;
      const full = Math.floor(h / 8);
      if (row <= full) text += '█';
      else if (row === full + 1 && h % 8 > 0) text += EIGHTHS[h % 8];
      else if (row === line80Row) text += '┈';
      else if (boundaryColumns.has(c)) text += '│';
      else text += ' ';
    }
    const level = row / height;
    const tick =
      row === line80Row
        ? formatPercent(0.8, lang, 0)
        : row === height || row === Math.round(height / 2)
          ? formatPercent(level, lang, 0)
          : '';
    rows.push(`${tick.padStart(labelWidth - 1)} ┤${text}`);
  }
  let axis = '';
  for (let c = 0; c < plotWidth; c++) {
    const boundary = boundaries.find((b) => b.column === c && b.name === '┴');
    axis += boundary ? '┴' : '─';
  }
  const labelChars = new Array<string>(plotWidth).fill(' ');
  for (const b of boundaries) if (b.name !== '┴') labelChars[b.column] = b.name;
  const labels = labelChars.join('');
  const zero = formatPercent(0, lang, 0);
  const hundred = formatPercent(1, lang, 0);
  const caption =
    lang === 'fr' ? 'part des clients (du plus gros au plus petit)' : 'share of clients (largest first)';
  const bottom = `${' '.repeat(labelWidth)}${zero}${caption.padStart(Math.floor((plotWidth + caption.length) / 2) - zero.length)}`;
  const bottomLine = bottom.padEnd(labelWidth + plotWidth + 1 - hundred.length) + hundred;
  const yTitle = lang === 'fr' ? 'part cumulée de la valeur' : 'cumulative share of value';
  return [
    yTitle,
    ...rows,
    `${' '.repeat(labelWidth - 1)} └${axis}`,
    `${' '.repeat(labelWidth + 1)}${labels}`.trimEnd(),
    bottomLine,
  ].join('\n');
}
