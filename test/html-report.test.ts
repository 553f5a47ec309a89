import { describe, expect, it } from 'vitest';
import { computeReview, computeReviewByOwner, computeYearPeriod } from '../src/core/review.js';
import { reviewClients, reviewLeads, reviewOrders } from './helpers/review-fixture.js';
import { renderHtmlReport, type HtmlSection } from '../src/render/html/document.js';
import { escapeHtml } from '../src/render/html/escape.js';
import { buildReviewSections } from '../src/render/html/sections.js';
import {
  buildBarChartSvg,
  buildColumnChartSvg,
  buildCurveSvg,
  buildHeatMapSvg,
} from '../src/render/html/svg.js';

const count = (html: string, pattern: RegExp): number => (html.match(pattern) ?? []).length;

describe('escapeHtml', () => {
  it.each([
    ['<b>', '&lt;b&gt;'],
    ['a & b', 'a &amp; b'],
    ['"x"', '&quot;x&quot;'],
    ["l'an", 'l&#39;an'],
    ['&lt;', '&amp;lt;'],
    ['plain', 'plain'],
  ])('%j -> %j', (raw, escaped) => {
    expect(escapeHtml(raw)).toBe(escaped);
  });
});

describe('SVG builders', () => {
  it('draws one bar per datum and one target mark per objective', () => {
    const svg = buildBarChartSvg(
      [
        { label: 'A', value: 10, display: '10', target: 20, targetDisplay: '20' },
        { label: 'B', value: 5, display: '5' },
        { label: 'C', value: -3, display: '-3', target: null },
      ],
      { label: 'chart' },
    );
    expect(count(svg, /<rect class="bar /g)).toBe(3);
    expect(count(svg, /<line class="target"/g)).toBe(1);
    // Widths: short labels take the minimum 120 px, so the plot is 640 - 120 - 110 = 410 px for
    // the largest of values and targets (20): A = 10 / 20 x 410 = 205, B = 102.5, C (negative) = 0.
    expect([...svg.matchAll(/class="bar [^"]*"[^>]* width="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([
      205, 102.5, 0,
    ]);
  });

  it('a log-scale funnel: log10(1 + 9) / log10(1 + 99) = half the width', () => {
    const svg = buildBarChartSvg(
      [
        { label: 'big', value: 99, display: '99' },
        { label: 'small', value: 9, display: '9' },
      ],
      { label: 'f', shape: 'funnel', scale: 'log' },
    );
    expect([...svg.matchAll(/width="([\d.]+)" height="22"/g)].map((m) => Number(m[1]))).toEqual([410, 205]);
  });

  it('a column per bin, a heat-map cell per (row, column), a marker per point', () => {
    expect(
      count(
        buildColumnChartSvg(
          [1, 2, 3, 4].map((v) => ({ label: String(v), value: v, display: String(v) })),
          { label: 'h' },
        ),
        /<rect class="bar /g,
      ),
    ).toBe(4);
    const cells = [];
    for (let r = 1; r <= 5; r += 1)
      for (let c = 1; c <= 5; c += 1)
        cells.push({ row: r, col: c, value: r === 3 ? null : r * c, display: '', tip: `${r},${c}` });
    const heat = buildHeatMapSvg(cells, { label: 'm', rows: 5, cols: 5, rowLabel: 'F', colLabel: 'R' });
    expect(count(heat, /<rect class="cell /g)).toBe(25);
    expect(count(heat, /class="cell empty"/g)).toBe(5);
    const curve = buildCurveSvg(
      [0.5, 0.8, 1].map((y, i) => ({ x: (i + 1) / 3, y, tip: String(y) })),
      {
        label: 'p',
        xLabel: 'x',
        yLabel: 'y',
        thresholds: [
          { y: 0.8, tip: '80%' },
          { y: 0.95, tip: '95%' },
        ],
      },
    );
    expect(count(curve, /<circle class="point"/g)).toBe(3);
    expect(count(curve, /<line class="threshold"/g)).toBe(2);
  });

  it('samples at most maxMarkers markers on a long curve', () => {
    const points = Array.from({ length: 1000 }, (_, i) => ({
      x: (i + 1) / 1000,
      y: (i + 1) / 1000,
      tip: '',
    }));
    expect(
      count(buildCurveSvg(points, { label: 'p', xLabel: 'x', yLabel: 'y', maxMarkers: 50 }), /<circle/g),
    ).toBe(50);
  });

  it('escapes labels inside SVG', () => {
    const svg = buildBarChartSvg([{ label: '<img src=x onerror=alert(1)>', value: 1, display: '1' }], {
      label: '"t"',
    });
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('renderHtmlReport', () => {
  const period = computeYearPeriod(2026);
  const view = computeReviewByOwner(
    { orders: reviewOrders, clients: reviewClients, leads: reviewLeads },
    { period },
  );
  const sections = buildReviewSections(view, 'en');
  const html = renderHtmlReport(
    { title: { en: 'Sales <report>', fr: 'Rapport' }, subtitle: [], sections },
    'en',
  );

  it('escapes data from the files: no script element at all', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<title>Sales &lt;report&gt;</title>');
  });

  it('loads nothing: no link, no external src or href, a CSP that forbids it', () => {
    expect(html).not.toMatch(/<link|<img|<iframe|@import|url\(/i);
    for (const m of html.matchAll(/\s(?:src|href)="([^"]*)"/g)) expect(m[1]?.startsWith('#')).toBe(true);
    expect(html).toContain("default-src 'none'");
  });

  it('has one section for the team and one per owner, each with its charts', () => {
    expect(count(html, /<section /g)).toBe(3);
    expect(html).toContain('id="review"');
    expect(html).toContain('Review: Alice');
    // Team: origins, leads, former clients, zone, product = 5 charts; Alice: origins, zone,
    // product = 3 (the leads have no owner, no former client); Bob: origins, former (C4), zone = 3
    // (Bob has no product value).
    expect(count(html, /<svg /g)).toBe(5 + 3 + 3);
    expect(html).toContain('No lead created in the period.');
    expect(html).toContain('@media print');
  });

  it('leaves out empty sections and empty tables', () => {
    const empty: HtmlSection = {
      id: 'empty',
      title: { en: 'Nothing', fr: 'Rien' },
      charts: [],
      blocks: [{ kind: 'table', columns: [], rows: [] }],
    };
    const out = renderHtmlReport({ title: { en: 'T', fr: 'T' }, subtitle: [], sections: [empty] }, 'en');
    expect(out).not.toContain('Nothing');
    expect(out).not.toContain('<section');
  });

  it('speaks French with --lang fr', () => {
    const r = computeReview({ orders: reviewOrders, clients: reviewClients }, { period });
    const fr = renderHtmlReport(
      {
        title: { en: 'T', fr: 'Rapport' },
        subtitle: [],
        sections: buildReviewSections({ team: r, owners: [] }, 'fr'),
      },
      'fr',
    );
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('Conquête (nouveaux clients)');
    expect(fr).toContain('21 500 €');
    expect(fr).not.toContain('Revenue by origin');
  });
});
