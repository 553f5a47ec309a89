/**
 * Inline SVG charts for the HTML report. Pure string builders: data in, one `<svg>` out, no
 * scripts. Every mark carries a `<title>` with its numbers (the browser shows it as a tooltip) and
 * a class that the stylesheet colours and the browser test counts: `bar`, `target`, `point`,
 * `cell`, `threshold`. Labels arrive formatted; every text is escaped here.
 */
import { escapeHtml } from './escape.js';

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function svgOpen(width: number, height: number, label: string, className: string): string {
  return (
    `<svg class="chart ${className}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${round(height)}" ` +
    `width="${width}" height="${round(height)}" role="img" aria-label="${escapeHtml(label)}">` +
    `<title>${escapeHtml(label)}</title>`
  );
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${round(x)}" y="${round(y)}"${attrs ? ' ' + attrs : ''}>${escapeHtml(content)}</text>`;
}

export interface BarDatum {
  label: string;
  value: number;
  /** The value as the reader sees it (`€8,000`). */
  display: string;
  /** A target to mark on the bar (an objective), with its display. */
  target?: number | null;
  targetDisplay?: string;
  /** Extra words for the tooltip. */
  note?: string;
}

export interface BarChartOptions {
  label: string;
  width?: number;
  /** `funnel`: bars centred, as a funnel; `log`: the width follows log10(1 + value). */
  shape?: 'bars' | 'funnel';
  scale?: 'linear' | 'log';
  /** The word before a target in tooltips (`objective`). */
  targetWord?: string;
}

/**
 * Horizontal bars, one per datum, with the value at the end and an optional target mark; a
 * funnel when `shape` is `funnel`. Negative values draw as empty bars (width 0).
 */
export function buildBarChartSvg(data: readonly BarDatum[], options: BarChartOptions): string {
  const width = options.width ?? 640;
  // Room for the longest label (about 6.6 px a character at 12 px), within 120..260 px.
  const labelWidth = Math.min(260, Math.max(120, Math.max(0, ...data.map((d) => d.label.length)) * 6.6 + 12));
  const valueWidth = 110;
  const rowHeight = 28;
  const plot = width - labelWidth - valueWidth;
  const scale = options.scale ?? 'linear';
  const f = (v: number): number => (scale === 'log' ? Math.log10(1 + Math.max(0, v)) : Math.max(0, v));
  const max = Math.max(0, ...data.map((d) => Math.max(f(d.value), d.target ? f(d.target) : 0)));
  const w = (v: number): number => (max === 0 ? 0 : (f(v) / max) * plot);
  const height = data.length * rowHeight + 8;
  const parts = [svgOpen(width, height, options.label, options.shape === 'funnel' ? 'funnel' : 'bars')];
  data.forEach((d, i) => {
    const y = 4 + i * rowHeight;
    const bw = w(d.value);
    const x = options.shape === 'funnel' ? labelWidth + (plot - bw) / 2 : labelWidth;
    const tip =
      `${d.label}: ${d.display}` +
      (d.targetDisplay ? ` (${options.targetWord ?? 'target'} ${d.targetDisplay})` : '') +
      (d.note ? ` - ${d.note}` : '');
    const shown = d.label.length > 38 ? `${d.label.slice(0, 37)}…` : d.label;
    parts.push(text(labelWidth - 8, y + rowHeight / 2 + 4, shown, 'text-anchor="end" class="label"'));
    parts.push(
      `<rect class="bar bar-${i % 6}" x="${round(x)}" y="${y + 3}" width="${round(bw)}" height="${rowHeight - 6}" rx="2">` +
        `<title>${escapeHtml(tip)}</title></rect>`,
    );
    if (d.target !== undefined && d.target !== null && options.shape !== 'funnel') {
      const tx = labelWidth + w(d.target);
      parts.push(
        `<line class="target" x1="${round(tx)}" x2="${round(tx)}" y1="${y}" y2="${y + rowHeight}">` +
          `<title>${escapeHtml(`${d.label}: ${options.targetWord ?? 'target'} ${d.targetDisplay ?? String(d.target)}`)}</title></line>`,
      );
    }
    const vx =
      options.shape === 'funnel'
        ? labelWidth + plot + 6
        : labelWidth + Math.max(bw, d.target ? w(d.target) : 0) + 6;
    parts.push(text(vx, y + rowHeight / 2 + 4, d.display, 'class="value"'));
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface ColumnDatum {
  label: string;
  value: number;
  display: string;
}

/** Vertical columns (a histogram): one per datum, labels below, values above. */
export function buildColumnChartSvg(
  data: readonly ColumnDatum[],
  options: { label: string; width?: number; height?: number },
): string {
  const width = options.width ?? 640;
  const height = options.height ?? 240;
  const top = 20;
  const bottom = 36;
  const left = 10;
  const plotH = height - top - bottom;
  const slot = (width - 2 * left) / Math.max(1, data.length);
  const max = Math.max(0, ...data.map((d) => d.value));
  const parts = [svgOpen(width, height, options.label, 'columns')];
  parts.push(
    `<line class="axis" x1="${left}" x2="${width - left}" y1="${top + plotH}" y2="${top + plotH}"/>`,
  );
  data.forEach((d, i) => {
    const h = max === 0 ? 0 : (Math.max(0, d.value) / max) * plotH;
    const x = left + i * slot + slot * 0.1;
    const bw = slot * 0.8;
    parts.push(
      `<rect class="bar bar-0" x="${round(x)}" y="${round(top + plotH - h)}" width="${round(bw)}" height="${round(h)}">` +
        `<title>${escapeHtml(`${d.label}: ${d.display}`)}</title></rect>`,
    );
    parts.push(text(x + bw / 2, top + plotH - h - 4, d.display, 'text-anchor="middle" class="value"'));
    parts.push(text(x + bw / 2, top + plotH + 16, d.label, 'text-anchor="middle" class="label"'));
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface CurvePoint {
  /** 0..1 */
  x: number;
  /** 0..1 */
  y: number;
  /** Tooltip. */
  tip: string;
}

export interface CurveOptions {
  label: string;
  xLabel: string;
  yLabel: string;
  /** Horizontal reference lines (0..1), e.g. the class thresholds 0.8 and 0.95. */
  thresholds?: readonly { y: number; tip: string }[];
  width?: number;
  height?: number;
  /** At most this many points get a marker (the curve keeps every point). Default 60. */
  maxMarkers?: number;
}

function pickMarkers(points: readonly CurvePoint[], max: number): CurvePoint[] {
  if (points.length <= max) return [...points];
  const picked: CurvePoint[] = [];
  for (let i = 0; i < max; i += 1) {
    const p = points[Math.round((i * (points.length - 1)) / (max - 1))];
    if (p) picked.push(p);
  }
  return picked;
}

/**
 * A curve on the unit square (the Pareto curve: share of clients against cumulative share of
 * value), with the diagonal, percent axes, threshold lines and point markers with tooltips.
 */
export function buildCurveSvg(points: readonly CurvePoint[], options: CurveOptions): string {
  const width = options.width ?? 520;
  const height = options.height ?? 340;
  const m = { left: 48, right: 16, top: 16, bottom: 40 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const X = (x: number): number => m.left + x * pw;
  const Y = (y: number): number => m.top + (1 - y) * ph;
  const parts = [svgOpen(width, height, options.label, 'curve')];
  for (let k = 0; k <= 4; k += 1) {
    const v = k / 4;
    parts.push(`<line class="grid" x1="${X(0)}" x2="${X(1)}" y1="${round(Y(v))}" y2="${round(Y(v))}"/>`);
    parts.push(text(X(0) - 6, Y(v) + 4, `${v * 100}%`, 'text-anchor="end" class="tick"'));
    parts.push(text(X(v), Y(0) + 16, `${v * 100}%`, 'text-anchor="middle" class="tick"'));
  }
  parts.push(text(X(0.5), height - 6, options.xLabel, 'text-anchor="middle" class="label"'));
  parts.push(
    `<text class="label" text-anchor="middle" transform="translate(12 ${round(Y(0.5))}) rotate(-90)">${escapeHtml(options.yLabel)}</text>`,
  );
  parts.push(`<line class="diagonal" x1="${X(0)}" y1="${Y(0)}" x2="${X(1)}" y2="${Y(1)}"/>`);
  for (const t of options.thresholds ?? []) {
    parts.push(
      `<line class="threshold" x1="${X(0)}" x2="${X(1)}" y1="${round(Y(t.y))}" y2="${round(Y(t.y))}"><title>${escapeHtml(t.tip)}</title></line>`,
    );
  }
  const path = [{ x: 0, y: 0 }, ...points].map((p) => `${round(X(p.x))},${round(Y(p.y))}`).join(' ');
  parts.push(`<polyline class="line" points="${path}"/>`);
  for (const p of pickMarkers(points, options.maxMarkers ?? 60)) {
    parts.push(
      `<circle class="point" cx="${round(X(p.x))}" cy="${round(Y(p.y))}" r="3"><title>${escapeHtml(p.tip)}</title></circle>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

export interface SeriesPoint {
  label: string;
  value: number;
  display: string;
}

/**
 * Cumulative series over dated checkpoints: the target line (the plan) and, when given, the actual
 * line; a marker with its numbers at every checkpoint.
 */
export function buildSeriesSvg(
  series: readonly {
    name: string;
    className: 'target-series' | 'actual-series';
    points: readonly SeriesPoint[];
  }[],
  options: { label: string; width?: number; height?: number },
): string {
  const width = options.width ?? 640;
  const height = options.height ?? 260;
  const m = { left: 16, right: 16, top: 24, bottom: 40 };
  const labels = series[0]?.points.map((p) => p.label) ?? [];
  const n = Math.max(1, labels.length);
  const max = Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.value)));
  const X = (i: number): number => m.left + (n === 1 ? 0.5 : i / (n - 1)) * (width - m.left - m.right);
  const Y = (v: number): number => m.top + (1 - (max === 0 ? 0 : v / max)) * (height - m.top - m.bottom);
  const parts = [svgOpen(width, height, options.label, 'series')];
  parts.push(
    `<line class="axis" x1="${m.left}" x2="${width - m.right}" y1="${round(Y(0))}" y2="${round(Y(0))}"/>`,
  );
  labels.forEach((l, i) => {
    if (n <= 12 || i % Math.ceil(n / 12) === 0)
      parts.push(text(X(i), height - 18, l, 'text-anchor="middle" class="tick"'));
  });
  series.forEach((s, si) => {
    parts.push(
      `<polyline class="line ${s.className}" points="${s.points.map((p, i) => `${round(X(i))},${round(Y(p.value))}`).join(' ')}"/>`,
    );
    s.points.forEach((p, i) => {
      parts.push(
        `<circle class="point ${s.className}" cx="${round(X(i))}" cy="${round(Y(p.value))}" r="3.5"><title>${escapeHtml(`${s.name}, ${p.label}: ${p.display}`)}</title></circle>`,
      );
    });
    parts.push(text(m.left + si * 160, 14, s.name, `class="legend ${s.className}"`));
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface HeatCell {
  row: number;
  col: number;
  value: number | null;
  display: string;
  tip: string;
}

/**
 * A heat map (the RFM map: mean amount by frequency score and recency score): `rows` x `cols`
 * cells, darker for higher values, empty cells hatched; row 1 at the bottom as in the R package.
 */
export function buildHeatMapSvg(
  cells: readonly HeatCell[],
  options: { label: string; rows: number; cols: number; rowLabel: string; colLabel: string; width?: number },
): string {
  const width = options.width ?? 520;
  const m = { left: 56, top: 12, right: 12, bottom: 44 };
  const size = Math.min(72, (width - m.left - m.right) / options.cols);
  const height = m.top + m.bottom + size * options.rows;
  const values = cells.map((c) => c.value).filter((v): v is number => v !== null);
  const min = Math.min(...values, 0);
  const max = Math.max(...values, 0);
  const parts = [svgOpen(width, height, options.label, 'heatmap')];
  for (const c of cells) {
    const x = m.left + (c.col - 1) * size;
    const y = m.top + (options.rows - c.row) * size;
    const t = c.value === null || max === min ? 0 : (c.value - min) / (max - min);
    const level = c.value === null ? 'empty' : `level-${Math.min(5, Math.floor(t * 6))}`;
    parts.push(
      `<rect class="cell ${level}" x="${round(x)}" y="${round(y)}" width="${round(size - 2)}" height="${round(size - 2)}">` +
        `<title>${escapeHtml(c.tip)}</title></rect>`,
    );
    parts.push(
      text(
        x + size / 2 - 1,
        y + size / 2 + 4,
        c.display,
        `text-anchor="middle" class="cell-text ${t > 0.5 ? 'on-dark' : ''}"`,
      ),
    );
  }
  for (let r = 1; r <= options.rows; r += 1)
    parts.push(
      text(
        m.left - 8,
        m.top + (options.rows - r) * size + size / 2 + 4,
        String(r),
        'text-anchor="end" class="tick"',
      ),
    );
  for (let c = 1; c <= options.cols; c += 1)
    parts.push(
      text(
        m.left + (c - 1) * size + size / 2,
        m.top + options.rows * size + 16,
        String(c),
        'text-anchor="middle" class="tick"',
      ),
    );
  parts.push(
    text(
      m.left + (options.cols * size) / 2,
      height - 6,
      options.colLabel,
      'text-anchor="middle" class="label"',
    ),
  );
  parts.push(
    `<text class="label" text-anchor="middle" transform="translate(14 ${round(m.top + (options.rows * size) / 2)}) rotate(-90)">${escapeHtml(options.rowLabel)}</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
