/**
 * The self-contained HTML report: one string with inline CSS and inline SVG, no script, no link to
 * the network, readable when printed. Sections come in already built (charts and the same
 * `Block`s the terminal shows); a section with nothing to show is left out.
 */
import type { Lang, Texts } from '../../i18n.js';
import { formatCell, isNumericColumn, type Block } from '../report.js';
import { escapeHtml } from './escape.js';

export interface HtmlChart {
  /** An `<svg>` from ./svg.ts (already escaped). */
  svg: string;
  /** Shown above the chart. */
  title?: Texts;
  /** Shown under the chart (how to read it). */
  caption?: Texts;
}

export interface HtmlSection {
  /** Anchor id (letters, digits, dashes). */
  id: string;
  title: Texts;
  /** Sentences under the title. */
  intro?: Texts[];
  charts: HtmlChart[];
  /** Tables and texts, the numbers behind the charts. */
  blocks: Block[];
}

export interface HtmlReport {
  title: Texts;
  /** Lines under the title: the inputs, the period, the date. */
  subtitle: Texts[];
  sections: HtmlSection[];
}

const STYLE = `
:root{--ink:#1d2433;--muted:#5b6478;--line:#d8dce5;--bg:#f6f7fa;--c0:#2f6db5;--c1:#e08a2c;--c2:#3a9a5b;--c3:#8a5cc2;--c4:#c2465c;--c5:#7a8699}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header{padding:24px 32px 12px;background:#fff;border-bottom:1px solid var(--line)}
header h1{margin:0 0 4px;font-size:24px}
header p{margin:2px 0;color:var(--muted)}
nav{padding:8px 32px;background:#fff;border-bottom:1px solid var(--line)}
nav a{margin-right:16px;color:var(--c0);text-decoration:none}
main{padding:16px 32px 40px;max-width:1100px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:16px 20px;margin:16px 0}
section h2{margin:0 0 8px;font-size:19px}
section h3{margin:16px 0 6px;font-size:15px}
figure{margin:8px 0 16px}
figcaption{color:var(--muted);font-size:12px}
svg.chart{max-width:100%;height:auto;font-size:12px;font-family:inherit}
svg .label,svg .tick,svg .value,svg .legend{fill:var(--ink)}
svg .tick{fill:var(--muted);font-size:11px}
svg .bar-0{fill:var(--c0)}svg .bar-1{fill:var(--c1)}svg .bar-2{fill:var(--c2)}svg .bar-3{fill:var(--c3)}svg .bar-4{fill:var(--c4)}svg .bar-5{fill:var(--c5)}
svg .target{stroke:var(--ink);stroke-width:2.5;stroke-dasharray:4 2}
svg .grid{stroke:var(--line)}svg .axis{stroke:var(--muted)}
svg .diagonal{stroke:var(--c5);stroke-dasharray:4 4}
svg .threshold{stroke:var(--c4);stroke-dasharray:6 3}
svg .line{fill:none;stroke:var(--c0);stroke-width:2}
svg .point{fill:var(--c0)}
svg .target-series{stroke:var(--c5);fill:var(--c5)}svg polyline.target-series{fill:none;stroke-dasharray:5 3}
svg .actual-series{stroke:var(--c1);fill:var(--c1)}svg polyline.actual-series{fill:none}
svg text.target-series,svg text.actual-series{stroke:none}
svg .cell.empty{fill:#eef0f4}
svg .level-0{fill:#dbe7f5}svg .level-1{fill:#b7cfeb}svg .level-2{fill:#8fb3dd}svg .level-3{fill:#6495cc}svg .level-4{fill:#3f77b8}svg .level-5{fill:#1f5596}
svg .cell-text{fill:var(--ink);font-size:11px}svg .cell-text.on-dark{fill:#fff}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
th{background:var(--bg);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
p.note{color:var(--muted)}
footer{padding:0 32px 24px;color:var(--muted);font-size:12px}
@media print{
 body{background:#fff;font-size:11pt}
 nav{display:none}
 header,main,footer{padding-left:0;padding-right:0}
 section{border:none;padding:0;margin:0 0 18pt;break-inside:avoid-page}
 figure,table{break-inside:avoid}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}`;

function renderBlock(block: Block, lang: Lang): string {
  const title = block.title ? `<h3>${escapeHtml(block.title[lang])}</h3>` : '';
  switch (block.kind) {
    case 'table': {
      const head = block.columns
        .map((c) => `<th${isNumericColumn(c) ? ' class="num"' : ''}>${escapeHtml(c.label[lang])}</th>`)
        .join('');
      const rows = block.rows
        .map(
          (r) =>
            '<tr>' +
            block.columns
              .map(
                (c) =>
                  `<td${isNumericColumn(c) ? ' class="num"' : ''}>${escapeHtml(formatCell(r[c.key], c, lang))}</td>`,
              )
              .join('') +
            '</tr>',
        )
        .join('');
      return `${title}<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    case 'text':
      return title + block.lines.map((l) => `<p class="note">${escapeHtml(l[lang])}</p>`).join('');
    case 'chart':
      // Terminal drawings are left out: the HTML has its own SVG of the same data.
      return '';
  }
}

function hasContent(block: Block): boolean {
  if (block.kind === 'table') return block.rows.length > 0;
  if (block.kind === 'text') return block.lines.length > 0;
  return false;
}

/** Whether a section has something to show (a chart, a table with rows, or a text). */
export function isSectionEmpty(section: HtmlSection): boolean {
  return section.charts.length === 0 && !section.blocks.some(hasContent);
}

/**
 * The whole report as one HTML document in `lang`: a header, a table of contents, one `<section>`
 * per non-empty section (its charts, each in a `<figure>`, then its tables), and a footer. Every
 * text is escaped; the document loads nothing from anywhere.
 */
export function renderHtmlReport(report: HtmlReport, lang: Lang): string {
  const sections = report.sections.filter((s) => !isSectionEmpty(s));
  const nav = sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title[lang])}</a>`).join('');
  const body = sections
    .map((s) => {
      const intro = (s.intro ?? []).map((t) => `<p>${escapeHtml(t[lang])}</p>`).join('');
      const charts = s.charts
        .map(
          (c) =>
            `<figure>${c.title ? `<h3 class="chart-title">${escapeHtml(c.title[lang])}</h3>` : ''}${c.svg}${c.caption ? `<figcaption>${escapeHtml(c.caption[lang])}</figcaption>` : ''}</figure>`,
        )
        .join('');
      const blocks = s.blocks
        .filter(hasContent)
        .map((b) => renderBlock(b, lang))
        .join('');
      return `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title[lang])}</h2>${intro}${charts}${blocks}</section>`;
    })
    .join('\n');
  const footer =
    lang === 'fr'
      ? 'Produit par prospect. Survolez un graphique pour voir ses chiffres ; les tableaux donnent les mêmes.'
      : 'Made by prospect. Hover a chart to see its numbers; the tables give the same.';
  return (
    `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${escapeHtml(report.title[lang])}</title><style>${STYLE}</style></head>\n<body>` +
    `<header><h1>${escapeHtml(report.title[lang])}</h1>${report.subtitle.map((t) => `<p>${escapeHtml(t[lang])}</p>`).join('')}</header>` +
    `<nav>${nav}</nav>\n<main>${body}</main><footer>${escapeHtml(footer)}</footer></body></html>\n`
  );
}
