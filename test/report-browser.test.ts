/// <reference lib="dom" />
/**
 * The HTML report in a real browser: Debian's chromium, driven by playwright-core. Skipped, with
 * the reason in the test's name, only where /usr/bin/chromium is not installed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildObjectivePlan } from '../src/core/objective-plan.js';
import { computePareto } from '../src/core/pareto.js';
import { SEED_RANGES } from '../src/core/plan.js';
import { computeRfm, createRfmAccumulator, DEFAULT_SEGMENTS } from '../src/core/rfm.js';
import { computeHistogram } from '../src/core/score/compute.js';
import { buildDefaultLayer, resolveSettings } from '../src/core/settings.js';
import { computeReviewByOwner, computeYearPeriod } from '../src/core/review.js';
import { renderHtmlReport } from '../src/render/html/document.js';
import {
  buildHtmlReport,
  buildParetoSection,
  buildRfmSection,
  buildScoreSection,
} from '../src/render/html/sections.js';
import { day, reviewClients, reviewLeads, reviewOrders } from './helpers/review-fixture.js';
import { runCli } from './helpers/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = resolve(import.meta.dirname, 'artifacts');
const hasChromium = existsSync(CHROMIUM);

/** The report of the seed's plan and the hand-worked review fixture (team, Alice, Bob). */
function buildFixtureHtml(lang: 'en' | 'fr'): string {
  // The seed's plan (60 000 €) over 2026, with monthly checkpoints: 12 of them.
  const settings = resolveSettings([
    {
      source: 'flag',
      values: { objective: 60000, from: day('2026-01-01'), end: { kind: 'to', day: day('2026-12-31') } },
    },
    buildDefaultLayer(day('2026-11-23')),
  ]);
  const plan = buildObjectivePlan(settings, {
    rounding: 'up',
    ranges: SEED_RANGES,
    checkpoints: 'month',
    capacity: false,
  });
  const review = computeReviewByOwner(
    { orders: reviewOrders, clients: reviewClients, leads: reviewLeads },
    { period: computeYearPeriod(2026), objectives: { conquest: 10000, retention: 7000, reconquest: 5000 } },
  );
  // Pareto and RFM of the fixture's orders (6 clients), computed by their cores.
  const totals = new Map<string, number>();
  const rfm = createRfmAccumulator();
  for (const o of reviewOrders) {
    totals.set(o.clientId, (totals.get(o.clientId) ?? 0) + o.amount);
    rfm.add(o.clientId, o.day, o.amount);
  }
  const pareto = computePareto(
    [...totals].map(([clientId, value]) => ({ clientId, value })),
    { thresholds: [0.8, 0.95] },
  );
  const quantile = { kind: 'quantile', bins: 5 } as const;
  const scored = computeRfm(rfm.build(day('2026-11-23')), {
    recency: quantile,
    frequency: quantile,
    monetary: quantile,
    segments: DEFAULT_SEGMENTS,
  });
  // Scores of 8 clients (0..100) in 10 bins; grades counted by hand (A >= 70, B >= 40, C).
  const scores = [12, 35, 41, 55, 58, 72, 88, 95];
  const score = buildScoreSection(
    computeHistogram(scores, 0, 100, 10),
    {
      count: 8,
      prospects: 8,
      mean: 57,
      perGrade: [
        { grade: 'A', count: 3, share: 3 / 8 },
        { grade: 'B', count: 3, share: 3 / 8 },
        { grade: 'C', count: 2, share: 2 / 8 },
      ],
    },
    lang,
  );
  const extra = [buildParetoSection(pareto, lang), buildRfmSection(scored, lang), score];
  return renderHtmlReport(
    buildHtmlReport(
      { plan, review, extra, inputs: ['orders.csv', 'clients.csv'], generatedOn: '2026-11-23' },
      lang,
    ),
    lang,
  );
}

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'the HTML report in headless chromium'
    : `SKIPPED: ${CHROMIUM} not found (apt-get install chromium)`,
  () => {
    let context: BrowserContext;
    let page: Page;
    let profile: string;
    const consoleErrors: string[] = [];
    const requests: string[] = [];

    beforeAll(async () => {
      profile = mkdtempSync(join(tmpdir(), 'prospect-chromium-'));
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ARGS,
        viewport: { width: 1100, height: 900 },
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = join(ARTIFACTS, 'report.html');
      writeFileSync(file, buildFixtureHtml('en'));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    }, 60_000);

    afterAll(async () => {
      await context?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    it('opens with no console error and no network request', () => {
      expect(consoleErrors).toEqual([]);
      expect(requests).toEqual([]);
    });

    it('has every section: plan, pareto, rfm, score, team review, one per owner', async () => {
      const ids = await page.$$eval('main > section', (s) => s.map((e) => e.id));
      expect(ids).toEqual(['plan', 'pareto', 'rfm', 'score', 'review', 'review-1', 'review-2']);
      const titles = await page.$$eval('main > section > h2', (h) => h.map((e) => e.textContent));
      expect(titles).toEqual([
        'Prospecting plan',
        'Pareto (ABC) of the portfolio',
        'RFM segments',
        'Scores',
        'Review of the commercial action',
        'Review: Alice',
        'Review: Bob',
      ]);
    });

    it('draws the charts with the expected marks', async () => {
      const counts = await page.evaluate(() => {
        const q = (sel: string): number => document.querySelectorAll(sel).length;
        return {
          funnelBars: q('#plan svg.funnel rect.bar'),
          checkpointPoints: q('#plan svg.series circle.point'),
          paretoPoints: q('#pareto svg.curve circle.point'),
          paretoThresholds: q('#pareto svg.curve line.threshold'),
          heatCells: q('#rfm svg.heatmap rect.cell'),
          scoreColumns: q('#score svg.columns rect.bar'),
          svgs: q('svg.chart'),
          reviewOriginBars: q('#review figure:first-of-type rect.bar'),
          targets: q('#review svg line.target'),
          formerBars: q('#review figure:nth-of-type(3) rect.bar'),
        };
      });
      // 6 funnel stages (deals..contacts); 12 monthly checkpoints x 2 charts (revenue, contacts);
      // 6 Pareto clients, thresholds 80 % and 95 %; 5 x 5 RFM cells; 10 score bins;
      // 3 (plan) + 3 (pareto, rfm, score) + 5 (team) + 3 (Alice) + 3 (Bob) charts; 3 origins (the
      // dormancy gap is tested first, so conquest, retention and reconquest partition the period);
      // 3 objectives (conquest, retention, reconquest); 2 former clients (C4, C9).
      expect(counts).toEqual({
        funnelBars: 6,
        checkpointPoints: 24,
        paretoPoints: 6,
        paretoThresholds: 2,
        heatCells: 25,
        scoreColumns: 10,
        svgs: 17,
        reviewOriginBars: 3,
        targets: 3,
        formerBars: 2,
      });
      const sizes = await page.$$eval('svg.chart', (s) => s.map((e) => e.getBoundingClientRect().width));
      for (const w of sizes) expect(w).toBeGreaterThan(100);
      // Bars are really drawn: the conquest bar (8000 of a 10000 objective) has a width.
      const conquest = await page.$eval(
        '#review figure:first-of-type rect.bar',
        (e) => e.getBoundingClientRect().width,
      );
      expect(conquest).toBeGreaterThan(50);
    });

    it('gives each mark its numbers as a tooltip, and escapes the data', async () => {
      const tip = await page.$eval('#review figure:first-of-type rect.bar title', (e) => e.textContent);
      expect(tip).toBe(
        'Conquest (new clients): €8,000 (target €10,000) - 1 clients'.replace('target', 'objective'),
      );
      expect(await page.$$eval('script', (s) => s.length)).toBe(0);
      const hostile = await page.$$eval('#review td', (tds) =>
        tds.map((t) => t.textContent).filter((t) => t?.includes('alert')),
      );
      expect(hostile).toEqual(['<script>alert("x")</script>']);
    });

    it('hides the navigation when printed, and saves a screenshot', async () => {
      await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
      expect(existsSync(join(ARTIFACTS, 'report.png'))).toBe(true);
      await page.emulateMedia({ media: 'print' });
      expect(await page.$eval('nav', (n) => getComputedStyle(n).display)).toBe('none');
      await page.emulateMedia({ media: 'screen' });
    });

    it('the French report says it in French', async () => {
      const file = join(ARTIFACTS, 'report-fr.html');
      writeFileSync(file, buildFixtureHtml('fr'));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      expect(await page.$eval('html', (h) => h.lang)).toBe('fr');
      expect(await page.$eval('#plan h2', (h) => h.textContent)).toBe('Plan de prospection');
      expect(consoleErrors).toEqual([]);
    });

    it('prospect report on the fixtures: every section, charts drawn, no console error', async () => {
      const file = join(ARTIFACTS, 'report-cli.html');
      const { code } = await runCli(
        [
          'report',
          '--orders',
          'fixtures/review/orders.csv',
          '--clients',
          'fixtures/review/clients.csv',
          '--leads',
          'fixtures/history/deals.csv',
          '--objectives',
          'fixtures/review/objectives.yaml',
          '--period',
          '2025',
          '--objective',
          '60000',
          '--by',
          'owner',
          '--scores',
          'fixtures/clients.csv',
          '--grid',
          'fixtures/grid.yaml',
          '--output',
          file,
        ],
        { cwd: resolve(import.meta.dirname, '..'), env: { LANG: 'en_GB.UTF-8' } },
      );
      expect(code).toBe(0);
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const ids = await page.$$eval('main > section', (s) => s.map((e) => e.id));
      expect(ids).toEqual([
        'plan',
        'pareto',
        'rfm',
        'segments',
        'score',
        'review',
        'review-1',
        'review-2',
        'review-3',
      ]);
      const counts = await page.evaluate(() => ({
        heatCells: document.querySelectorAll('#rfm svg.heatmap rect.cell').length,
        scoreColumns: document.querySelectorAll('#score svg.columns rect.bar').length,
        originBars: document.querySelectorAll('#review figure:first-of-type rect.bar').length,
        // The team's leads chart: one bar per source (field, offline, online, prescription, other,
        // unknown: a lead with an empty source is counted, not rejected).
        leadBars: document.querySelectorAll('#review figure:nth-of-type(2) rect.bar').length,
      }));
      expect(counts).toEqual({ heatCells: 25, scoreColumns: 10, originBars: 3, leadBars: 6 });
      await page.screenshot({ path: join(ARTIFACTS, 'report-cli.png'), fullPage: true });
      expect(consoleErrors).toEqual([]);
      expect(requests).toEqual([]);
    });
  },
);
