// Benchmark of the other row commands on files of 1 million rows shaped like their fixtures
// (generated in a temporary directory, deleted afterwards): `portfolio` (fixtures/portfolio.csv:
// one row per deal), `calibrate` (fixtures/history/deals.csv: one row per deal) and `review`
// (fixtures/review/orders.csv: one row per order, French CSV, with its client file). Prints, for
// each, the least CPU (user + system) of --runs runs in turn, the rows per second of CPU and the
// peak RSS. Score's outputs (table, JSON, xlsx) are in bench/score.bench.js.
// Run: npm run build && node bench/rows.bench.js [rows] [--runs 3]   (npm run bench runs them all)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, describeLoad, fastestInTurn, measure } from './lib.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/prospect.js');
const ROWS = Number(/^\d+$/.test(process.argv[2] ?? '') ? process.argv[2] : 1_000_000);
const RUNS = Number(arg('--runs', '1'));

/** A small deterministic generator (mulberry32), so every run reads the same files. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `rows` lines made by `line(i, pick, next)` under `header`, in chunks. */
function writeRows(path, header, rows, line) {
  const next = random(42);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chunks = [];
  let lines = [header];
  for (let i = 1; i <= rows; i++) {
    lines.push(line(i, pick, next));
    if (lines.length >= 50_000) {
      chunks.push(lines.join('\n'));
      lines = [];
    }
  }
  if (lines.length) chunks.push(lines.join('\n'));
  writeFileSync(path, chunks.join('\n') + '\n');
}

const day = (from, next, span) =>
  new Date(Date.UTC(2025, 0, 1) + Math.floor(next() * span) * 86_400_000).toISOString().slice(0, 10);
const REPS = ['Alice', 'Bruno', 'Chloé', 'David', 'Emma'];
const OWNERS = ['Claire Martin', 'Hugo Bernard', 'Sofia Lambert', 'Lucas Petit'];

const dir = mkdtempSync(join(tmpdir(), 'prospect-rows-bench-'));
try {
  // portfolio: Project,client,status,zone,rep,potential,probability (as fixtures/portfolio.csv)
  const portfolio = join(dir, 'portfolio.csv');
  writeRows(portfolio, 'Project,client,status,zone,rep,potential,probability', ROWS, (i, pick, next) =>
    [
      `P${i}`,
      `Client ${i % 50_000}`,
      pick(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']),
      pick(['Nord', 'Sud', 'Est', 'Ouest']),
      pick(REPS),
      String(1000 * (1 + Math.floor(next() * 60))),
      `${Math.floor(next() * 10) * 10}%`,
    ].join(','),
  );
  // calibrate: a HubSpot-like deal export (as fixtures/history/deals.csv)
  const deals = join(dir, 'deals.csv');
  writeRows(
    deals,
    'Deal ID,Deal Name,Company,Deal Stage,Amount,Deal owner,Create Date,Proposal Date,Close Date,Lead Source',
    ROWS,
    (i, pick, next) => {
      const company = `Company ${i % 80_000}`;
      const stage = pick(['Closed Won', 'Closed Lost', 'Closed Lost', 'Proposal', 'Qualified']);
      const closed = stage.startsWith('Closed');
      return [
        `D-${i}`,
        `${company} - New Business`,
        company,
        stage,
        String(1000 * (5 + Math.floor(next() * 30))),
        pick(OWNERS),
        day(0, next, 300),
        next() < 0.6 ? day(0, next, 330) : '',
        closed ? day(0, next, 364) : '',
        pick(['Cold call', 'Inbound', 'Referral', 'Event']),
      ].join(',');
    },
  );
  // review: French orders (as fixtures/review/orders.csv) and a client file of 50,000
  const orders = join(dir, 'orders.csv');
  writeRows(orders, 'N° client;Date commande;Montant HT;Produit', ROWS, (i, pick, next) => {
    const d = day(0, next, 730);
    return `C${String(1 + Math.floor(next() * 50_000)).padStart(5, '0')};${d.slice(8)}/${d.slice(5, 7)}/${Number(d.slice(0, 4)) - 1};${Math.floor(100 + next() * 5000)},${Math.floor(next() * 100)};${pick(['Audit', 'Formation', 'Licence', 'Support'])}`;
  });
  const clients = join(dir, 'clients.csv');
  writeRows(
    clients,
    'N° client;Société;Commercial;Zone;Type de cible',
    50_000,
    (i, pick) => `C${String(i).padStart(5, '0')};Société ${i};${pick(OWNERS)};${pick(['Nord', 'Sud'])};PME`,
  );

  const node = (args) => () => measure(process.execPath, [BIN, ...args, '-q'], { cwd: dir });
  const jobs = {
    'portfolio --by zone,rep': node(['portfolio', portfolio, '--by', 'zone,rep']),
    'calibrate (deals only)': node(['calibrate', deals, '--from', '2025-01-01', '--to', '2025-12-31']),
    'review --period 2025': node(['review', orders, '--clients', clients, '--period', '2025']),
  };
  const best = fastestInTurn(jobs, RUNS);
  console.log(`${ROWS.toLocaleString('en')} rows each; least CPU of ${RUNS} run(s); ${describeLoad()}`);
  console.log(`${'command'.padEnd(28)} ${'CPU s'.padStart(7)} ${'rows/s CPU'.padStart(12)} ${'peak MB'.padStart(8)}`);
  for (const [name, m] of Object.entries(best))
    console.log(
      `${name.padEnd(28)} ${m.cpu.toFixed(2).padStart(7)} ${Math.round(ROWS / m.cpu)
        .toLocaleString('en')
        .padStart(12)} ${Math.round(m.peakMb).toString().padStart(8)}`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
