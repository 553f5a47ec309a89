import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PromptFn } from '../src/io/context.js';
import { runCli } from './helpers/run-cli.js';

/**
 * Every command and its --help, on the fixtures, in French: no English word on stdout or stderr;
 * and in English, no French word. Plus a few errors a user meets first, the interactive
 * questions, and every default table within 80 columns.
 *
 * The word lists are function words and the words the issue found leaking (seed, owner, status,
 * up, revenue, behind...): words that are not words of the other language. What may carry them
 * is left out before looking: flags (`--by`), file names, and the words of the input files of the
 * run (data values, their headers), which are the user's and shown as they are. Machine formats
 * (--format json, csv) are not checked: their keys are documented, stable and English.
 */
const ROOT = resolve(import.meta.dirname, '..');

const ENGLISH_WORDS = `the and of with from for is are not was this that these those than then which when
where into only each every more less after before found read used rejected duplicate expected missing
default seed usage commands choices behind ahead deal deals revenue owner status value values rounding
target since day days week weeks month months year years file files row rows column columns line lines
error warning see show shows write written cannot should must will there their its it by per up down
how what why who all none some any other others number amount between below above over under without
yes no mean median average share rate stage step display output input sales order orders customer
customers unknown invalid empty best worst case hours proposals proposal new first last next
previous measured expected calculation objective objectives method name names kind`
  .split(/\s+/)
  .filter((w) => w !== '');

const FRENCH_WORDS = `le la les des du une et est sont avec pour dans par pas sans fichier colonne colonnes
ligne lignes affaire affaires chiffre objectif objectifs défaut méthode semaine semaines jour jours mois
année voir étape étapes montant taux attendu manquant arrondi entonnoir hypothèses heures données moyen
moyenne à où été être ou au aux qui que ce cette il elle nous vous leur graine exemple
valeur valeurs commandes commande lus lues utilisées rejetées meilleur pire calcul paramètre`
  .split(/\s+/)
  .filter((w) => w !== '');

/** Words of a text, lower-cased, elisions split (`l’aide` gives `l` and `aide`). */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/** The text with what may legitimately carry other-language words taken out. */
function checkedText(text: string): string {
  return (
    text
      .replace(/<(style|script)[\s\S]*?<\/\1>/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*m/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      // flags and their spelled-out values: --by status, --rounding up, -f json
      .replace(/(^|[\s("'`[])--?[a-zA-Z][\w-]*(=\S+)?( \w+=\S*)?/g, ' ')
      // values in straight quotes: the user's data or header examples ("deal owner")
      .replace(/"[^"\n]*"/g, ' ')
      // values of --credit-notes as typed (as-orders, as-credit)
      .replace(/\bas-(orders|credit)\b/g, ' ')
      // encodings (utf-16le)
      .replace(/\butf-\d+(le|be)?\b/gi, ' ')
      // file names and paths
      .replace(/[\w./-]*[\w-]+\.(csv|tsv|yaml|yml|json|html|xlsx|txt|md)\b/g, ' ')
      // prospect commands as typed: prospect plan, prospect help
      .replace(
        /\bprospect (plan|init|segment|inspect|clv|pareto|rfm|calibrate|track|review|score|portfolio|report|help)\b/g,
        ' ',
      )
  );
}

/** The words of the input files of a run: the user's data, shown as it is. */
function dataWords(args: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const arg of args) {
    if (!/\.(csv|yaml|txt)$/.test(arg)) continue;
    let text: string;
    try {
      const bytes = readFileSync(arg.startsWith('/') ? arg : join(ROOT, arg));
      text = bytes.toString('utf8');
      if (text.includes('\ufffd')) text = bytes.toString('latin1');
    } catch {
      continue;
    }
    // comments in YAML samples are ours, not data: only keys and values
    for (const line of text.split('\n')) for (const w of wordsOf(line.replace(/#.*$/, ''))) words.add(w);
  }
  return words;
}

/**
 * Words a user types, shown as such in --help: values of flags (`--rounding up`, `--by owner`),
 * field names of files (`activeProspects, proposals, deals, revenue`), the COLUMNS variable.
 * Only --help, the init templates' comments and `inspect` (whose Field column names what --map
 * takes) may show them.
 */
const TYPED_WORDS = new Set(
  `up down exact none week month quarter day year owner revenue amount margin before including stage
  status sector zone activeprospects proposals deals contacts prospects objectives columns
  clientid orderdate lastpurchase interactions maturity potential probability leadsource
  lastinteraction orderid employees company email phone firstname lastname createdDate country city
  createddate firstpurchase targettype weeks months from to above below orders previous
  contacted proposal won lost`.split(/\s+/),
);

/**
 * What of a YAML template is text for people: its comments, and the names it gives (unless the
 * file also has a `name_fr`, the French beside the English). Keys and the values a reader parses
 * (`decay: halve every 90 days`) are machine words.
 */
function templateText(yaml: string, lang: 'en' | 'fr'): { text: string; keys: Set<string> } {
  const bilingual = /\bname_fr:/.test(yaml);
  const keys = new Set<string>();
  const text = yaml
    .split('\n')
    .map((line) => {
      const whole = /#(.*)$/.exec(line)?.[1] ?? '';
      // a commented-out sample (`# clients:`, `#   Signé: won`) is keys and values as a team's
      // files write them, not text for people; only its own comment is
      const sample = /^(?: {3,}[^#]*:|\s?[A-Za-z_]+:)(?:\s[^#]*)?(?:#(.*))?$/.exec(whole);
      const comment = sample ? (sample[1] ?? '') : whole;
      for (const k of line.replace(/#.*$/, '').matchAll(/([a-zA-Z_]+):/g))
        for (const w of wordsOf(k[1] ?? '')) keys.add(w);
      const value = /^\s*-?\s*(\w+):\s*(.*?)\s*(#.*)?$/.exec(line);
      const key = value?.[1] ?? '';
      const people = bilingual
        ? (lang === 'fr') === key.endsWith('_fr') && /^(name|advice)(_fr)?$/.test(key)
        : key === 'name' && !/^criteria:/m.test(yaml); // a grid's criterion names are its ids
      return `${people ? (value?.[2] ?? '') : ''} ${comment}`;
    })
    .join('\n');
  return { text, keys };
}

/** Nouns whose singular ends in s: `1 mois`, `1 cas` are right. */
const SINGULAR_IN_S = new Set([
  'mois',
  'fois',
  'pays',
  'cas',
  'temps',
  'poids',
  'avis',
  'prix',
  'plus',
  'is',
  'was',
  'has',
]);

/** Each forbidden word found, and each plural after 1 (`1 jours`, `1 rows`), with the line it is on. */
function offending(text: string, forbidden: readonly string[], allowed: Set<string>): string[] {
  const found: string[] = [];
  for (const line of checkedText(text).split('\n')) {
    for (const m of line.matchAll(/(?<![\d.,]\s?)(?<![\d.,])\b1 (\p{L}+s)\b/gu))
      if (!SINGULAR_IN_S.has(m[1] ?? '') && !allowed.has((m[1] ?? '').toLowerCase()))
        found.push(`1 ${m[1]}: ${line.trim()}`);
    const words = new Set(wordsOf(line));
    for (const word of forbidden)
      if (words.has(word) && !allowed.has(word)) found.push(`${word}: ${line.trim()}`);
  }
  return found;
}

const HISTORY = ['fixtures/history/deals.csv', '--activities', 'fixtures/history/activities.csv'];
const TRACK = [
  'track',
  '--file',
  'fixtures/history/objectives.yaml',
  '--deals',
  'fixtures/history/deals.csv',
];
const REVIEW = [
  'fixtures/review/orders.csv',
  '--clients',
  'fixtures/review/clients.csv',
  '--leads',
  'fixtures/history/deals.csv',
  '--objectives',
  'fixtures/review/objectives.yaml',
  '--period',
  '2025',
];
const COMMANDS = [
  'plan',
  'init',
  'segment',
  'inspect',
  'clv',
  'pareto',
  'rfm',
  'calibrate',
  'track',
  'review',
  'score',
  'portfolio',
  'report',
];

/** Runs on the fixtures; the table ones are also checked for their width. */
const RUNS: [string, string[]][] = [
  ['help', ['--help']],
  ...COMMANDS.map((c): [string, string[]] => [`${c} --help`, [c, '--help']]),
  ['plan', ['plan', '--objective', '60000']],
  [
    'plan period',
    ['plan', '--objective', '60000', '--from', '2026-05-01', '--to', '2026-06-30', '--reps', '1'],
  ],
  ['plan file', ['plan', '--file', 'fixtures/objectives.yaml']],
  ['plan pipeline', ['plan', '--objective', '60000', '--pipeline', 'fixtures/history/deals.csv']],
  ['plan markdown', ['plan', '--objective', '60000', '--format', 'markdown']],
  ['init objectives', ['init', 'objectives', '-']],
  ['init segments', ['init', 'segments', '-']],
  ['init grid', ['init', 'grid', '-']],
  ['init project', ['init', 'project', '-']],
  ['segment fr', ['segment', 'fixtures/clients-fr.csv', '--by', 'status', '--tiers', '3']],
  ['segment en', ['segment', 'fixtures/clients-en.csv']],
  ['inspect', ['inspect', 'fixtures/clients-fr.csv']],
  ['clv', ['clv', 'fixtures/cdnow/cdnow-orders.csv', '--as-of', '1997-09-30', '--top', '5']],
  ['pareto', ['pareto', 'fixtures/pareto-clients.csv', '--maturity', 'maturity', '--effort', 'interactions']],
  ['pareto orders', ['pareto', 'fixtures/rfm-orders.csv']],
  [
    'pareto classes',
    ['pareto', 'fixtures/clients-fr.csv', '--maturity', 'status', '--effort', 'interactions'],
  ],
  ['rfm', ['rfm', 'fixtures/rfm-orders.csv', '--as-of', '2026-06-30']],
  ['calibrate', ['calibrate', ...HISTORY, '--from', '2025-01-01', '--to', '2025-12-31']],
  ['calibrate deals only', ['calibrate', 'fixtures/history/deals.csv']],
  ['track', [...TRACK, '--activities', 'fixtures/history/activities.csv', '--as-of', '2026-03-31']],
  ['review', ['review', ...REVIEW, '--by', 'owner']],
  ['score', ['score', 'fixtures/clients.csv', '--grid', 'fixtures/grid.yaml', '--as-of', '2026-11-23']],
  ['score learn', ['score', '--learn', 'fixtures/deals.csv', '--fields', 'sector,source']],
  ['portfolio', ['portfolio', 'fixtures/portfolio.csv', '--by', 'zone', '--objective', '100000']],
  ['report', ['report', '--orders', ...REVIEW, '--objective', '60000']],
];

/** Mistakes a new user makes first: the message must be in the run's language too. */
const ERRORS: [string, string[]][] = [
  ['no command', []],
  ['plan without an objective', ['plan']],
  ['missing file', ['segment', 'nope.csv']],
  ['missing argument', ['segment']],
  ['unknown option', ['plan', '--objectiv', '3']],
  ['unknown command', ['plam']],
  ['invalid choice', ['plan', '--objective', '60000', '--format', 'xml']],
  ['bad number', ['plan', '--objective', 'abc']],
  ['--show of no column', ['plan', '--objective', '60000', '--show', 'nothing']],
  ['missing column', ['portfolio', 'fixtures/portfolio.csv', '--by', 'owner']],
  ['bad date', ['plan', '--objective', '60000', '--from', '30/04/2026', '--weeks', '4']],
  ['bad rate', ['plan', '--objective', '60000', '--accessibility', '200%']],
  // the error paths translated in the second pass (issue 15): a sample per command
  ['segment: --tiers out of range', ['segment', 'fixtures/clients-fr.csv', '--tiers', '11']],
  ['segment: a field given twice', ['segment', 'fixtures/clients-fr.csv', '--by', 'secteur,secteur']],
  ['segment: a bad delimiter', ['segment', 'fixtures/clients-fr.csv', '--delimiter', ':']],
  ['segment: a bad encoding', ['segment', 'fixtures/clients-fr.csv', '--encoding', 'klingon']],
  ['rfm: a bad binning', ['rfm', 'fixtures/rfm-orders.csv', '--binning', 'x']],
  ['pareto: a bad rule', ['pareto', 'fixtures/pareto-clients.csv', '--rule', 'x']],
  ['clv: a bad horizon', ['clv', 'fixtures/cdnow/cdnow-orders.csv', '--horizon', 'abc']],
  ['calibrate: a level of 100 %', ['calibrate', 'fixtures/history/deals.csv', '--level', '100']],
  ['track: no actuals', ['track', '--objective', '60000', '--to', '2026-12-31']],
  ['review: a bad period', ['review', 'fixtures/review/orders.csv', '--period', '2026-13']],
  ['score: no grid', ['score', 'fixtures/clients.csv']],
  ['portfolio: a bad outcome', ['portfolio', 'fixtures/portfolio.csv', '--include', 'x']],
  ['report: nothing to report', ['report']],
  ['init: an unknown kind', ['init', 'x']],
  ['plan: a missing objectives file', ['plan', '--file', 'nope.yaml']],
  // the YAML files a user writes, each with several mistakes (test/fixtures/bad-yaml)
  ['score: a bad grid', ['score', 'fixtures/clients.csv', '--grid', 'test/fixtures/bad-yaml/grid.yaml']],
  [
    'a bad project file',
    ['segment', 'fixtures/clients-fr.csv', '--config', 'test/fixtures/bad-yaml/prospect.yaml'],
  ],
  [
    'review: bad objectives',
    [
      'review',
      'fixtures/review/orders.csv',
      '--objectives',
      'test/fixtures/bad-yaml/review-objectives.yaml',
      '--period',
      '2025',
    ],
  ],
  ['plan: a bad objectives file', ['plan', '--file', 'test/fixtures/bad-yaml/objectives.yaml']],
  ['plan: --save to stdout', ['plan', '--objective', '60000', '--save', '-']],
  [
    'plan: a deadline before the start',
    ['plan', '--objective', '60000', '--from', '2026-05-01', '--to', '2026-04-01'],
  ],
  // a finding asked for (exit 1): the line says what is behind, in words
  [
    'track behind the plan',
    [
      ...TRACK,
      '--activities',
      'fixtures/history/activities.csv',
      '--as-of',
      '2026-03-31',
      '--fail-if-behind',
    ],
  ],
];

const LANGS = [
  { lang: 'fr', env: 'fr_FR.UTF-8', forbidden: ENGLISH_WORDS },
  { lang: 'en', env: 'en_GB.UTF-8', forbidden: FRENCH_WORDS },
] as const;

describe.each(LANGS)('in $lang, no word of the other language', ({ lang, env, forbidden }) => {
  it.each(RUNS)('%s', async (_name, args) => {
    // Wide enough that no column is left out of a table: every word is seen.
    const { code, stdout, stderr } = await runCli(args, { cwd: ROOT, env: { LANG: env }, columns: 1000 });
    expect(stderr.startsWith('prospect: internal'), stderr).toBe(false);
    expect(code).toBe(0);
    const allowed = dataWords(args);
    if (args.includes('--help') || args[0] === 'inspect' || args[0] === 'init')
      for (const w of TYPED_WORDS) allowed.add(w);
    const template = args[0] === 'init' ? templateText(stdout, lang) : undefined;
    // a template's comments name its keys (`name`, `amount`): machine words
    for (const w of template?.keys ?? []) allowed.add(w);
    const shown = template ? template.text : stdout;
    expect(offending(shown + '\n' + stderr, forbidden, allowed)).toEqual([]);
  });

  it.each(ERRORS)('%s', async (_name, args) => {
    const { code, stderr } = await runCli(args, { cwd: ROOT, env: { LANG: env }, stdin: '' });
    expect(code).toBeGreaterThanOrEqual(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    // an error names the values a flag takes (before or including, objectives...), as --help does
    const allowed = dataWords(args);
    for (const w of TYPED_WORDS) allowed.add(w);
    expect(offending(stderr, forbidden, allowed)).toEqual([]);
  });

  it('the interactive questions and their validation', async () => {
    const asked: string[] = [];
    const answers: Record<string, string[]> = { objective: ['abc', '60000'], accessibility: ['200', '6'] };
    const prompt: PromptFn = async (q) => {
      asked.push(q.message);
      return answers[q.name]?.shift() ?? '';
    };
    const { code, stdout, stderr } = await runCli(['plan', '-i'], { cwd: ROOT, env: { LANG: env }, prompt });
    expect(code).toBe(0);
    expect(offending([...asked, stdout, stderr].join('\n'), forbidden, new Set())).toEqual([]);
  });
});

describe('every default table within 80 columns', () => {
  it.each(
    LANGS.flatMap(({ lang, env }) =>
      RUNS.map(([name, args]): [string, string, string[], string] => [lang, name, args, env]),
    ),
  )('%s: %s', async (_lang, _name, args, env) => {
    const { stdout } = await runCli(args, { cwd: ROOT, env: { LANG: env } });
    const wide = stdout.split('\n').filter((l) => /^[┌│├└]/.test(l) && [...l].length > 80);
    expect(wide).toEqual([]);
  });

  it('plan’s tables fit 80 columns in both languages; --wide gives the whole width back', async () => {
    // Without fitting, the plan table is 90 columns wide in English and 95 in French (issue 15).
    // Sentences are left to the terminal to wrap: only tables break when they are cut.
    for (const env of ['en_GB.UTF-8', 'fr_FR.UTF-8']) {
      const fitted = await runCli(['plan', '--objective', '60000'], { env: { LANG: env } });
      const tableLines = fitted.stdout.split('\n').filter((l) => /^[┌│├└]/.test(l));
      const widest = Math.max(...tableLines.map((l) => [...l].length));
      expect(widest).toBeLessThanOrEqual(80);
      const wide = await runCli(['plan', '--objective', '60000', '--wide'], { env: { LANG: env } });
      const wideWidth = Math.max(...wide.stdout.split('\n').map((l) => [...l].length));
      // the step table alone: 90 (en) and 95 (fr) characters, as the issue measured them
      const steps = wide.stdout
        .split('\n')
        .filter((l) => /^[┌│├└]/.test(l))
        .slice(0, 3);
      expect(Math.max(...steps.map((l) => [...l].length))).toBe(env.startsWith('fr') ? 95 : 90);
      expect(wideWidth).toBeGreaterThan(80);
    }
  });

  it('the width comes from the terminal, else COLUMNS', async () => {
    const terminal = await runCli(['plan', '--objective', '60000'], { columns: 60 });
    const columns = await runCli(['plan', '--objective', '60000'], { env: { LANG: 'C', COLUMNS: '60' } });
    for (const { stdout } of [terminal, columns]) {
      const tableLines = stdout.split('\n').filter((l) => /^[┌│├└]/.test(l));
      expect(Math.max(...tableLines.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    }
  });
});

/**
 * Lines that cannot be broken and may exceed 80 columns: one piece longer than the line (a long
 * path, a URL, a quoted value). The wrapper leaves such a piece whole on its own line.
 */
function unbreakable(line: string): boolean {
  return !line.trim().includes(' ');
}

describe('every line of the default runs within 80 columns at COLUMNS=80 (stdout and stderr)', () => {
  it.each(
    LANGS.flatMap(({ lang, env }) =>
      [...RUNS, ...ERRORS].map(([name, args]): [string, string, string[], string] => [lang, name, args, env]),
    ),
  )('%s: %s', async (_lang, _name, args, env) => {
    const { stdout, stderr } = await runCli(args, {
      cwd: ROOT,
      env: { LANG: env, COLUMNS: '80' },
      stdin: '',
    });
    // a template, Markdown and the HTML report are files, not pages to read on a terminal
    const shown = args[0] === 'init' || args[0] === 'report' || args.includes('markdown') ? '' : stdout;
    const wide = `${shown}\n${stderr}`
      .split('\n')
      // eslint-disable-next-line no-control-regex
      .map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''))
      .filter((l) => [...l].length > 80 && !unbreakable(l));
    expect(wide).toEqual([]);
  });
});
