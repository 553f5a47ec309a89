// Benchmark of `prospect rfm` and `prospect pareto` on a synthetic order file (5 million rows,
// 200,000 clients, 3 years), side by side with DuckDB doing the same job in the same run
// (single-threaded, then with its default threads), prospect with --threads 1 and --threads auto.
// Prints wall time, rows per second, peak memory (max RSS of each child process), for the fastest
// of `--runs` runs of each in turn, then the verdicts of issue 18 (bench/verdict.js). Fails when
// prospect and DuckDB do not give the same clients the same figures.
//
//   npm run bench                       (all benchmarks)
//   node bench/pareto-rfm.bench.js [--rows 5000000] [--clients 200000] [--runs 3] [--keep]
//
// Each job runs in its own child process (this file with --child), so that peak memory is that
// job's alone and both sides pay the same Node start-up.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  arg,
  describeLoad,
  fastestInTurn,
  hasDuckdb,
  judge,
  reportUsage,
  reportVerdicts,
  runProspect,
  timeChild,
} from './lib.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const AS_OF = '2026-06-30';

/** mulberry32: a small deterministic generator, so every run reads the same file. */
function makeRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the order file: every client has at least one order; activity and amounts are skewed. */
function generateOrders(path, rows, clients) {
  const random = makeRandom(20261123);
  const start = Date.UTC(2023, 6, 1) / 86_400_000;
  const end = Date.UTC(2026, 5, 30) / 86_400_000;
  const span = end - start + 1;
  const isoCache = new Array(span);
  for (let d = 0; d < span; d++) isoCache[d] = new Date((start + d) * 86_400_000).toISOString().slice(0, 10);
  const fd = openSync(path, 'w');
  writeSync(fd, 'client_id,order_date,amount\n');
  let lines = [];
  for (let i = 0; i < rows; i++) {
    // First pass: one order per client; then clients drawn with a skew (u^3: a few buy a lot).
    const client = i < clients ? i : Math.floor(clients * random() ** 3);
    const day = Math.floor(random() * span);
    // Log-normal-ish amount (Box-Muller), 1 % credit notes.
    const z = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    let amount = Math.round(Math.exp(5 + 1.1 * z) * 100) / 100;
    if (random() < 0.01) amount = -amount / 2;
    lines.push(`CL${String(client).padStart(6, '0')},${isoCache[day]},${amount.toFixed(2)}`);
    if (lines.length === 100_000) {
      writeSync(fd, lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length > 0) writeSync(fd, lines.join('\n') + '\n');
  closeSync(fd);
}

const QUANTILES = '[0.2, 0.4, 0.6000000000000001, 0.8]';

/** The DuckDB side: read, aggregate, score as R rfm (quantile + 1, [lower, upper)), write CSV. */
function duckdbSql(job, input, output, threads) {
  const read = `read_csv('${input}', header = true, columns = {'client_id': 'VARCHAR', 'order_date': 'DATE', 'amount': 'DECIMAL(18,2)'})`;
  const setThreads = threads === 'default' ? '' : `SET threads = ${threads};`;
  if (job === 'rfm') {
    const score = (col, q) =>
      `1 + (${col} >= ${q}[1] + 1)::INT + (${col} >= ${q}[2] + 1)::INT + (${col} >= ${q}[3] + 1)::INT + (${col} >= ${q}[4] + 1)::INT`;
    // As prospect (DOMAIN.md section 8): a credit note (negative amount) is netted in the amount but
    // is not a purchase (not counted, not a last order); a client with credit notes only is left out.
    return `${setThreads}
COPY (
  WITH agg AS (
    SELECT client_id, max(order_date) FILTER (WHERE amount >= 0) AS last_order_date,
           (DATE '${AS_OF}' - max(order_date) FILTER (WHERE amount >= 0))::DOUBLE AS recency_days,
           (count(*) FILTER (WHERE amount >= 0))::DOUBLE AS transaction_count, sum(amount)::DOUBLE AS amount
    FROM ${read} WHERE order_date <= DATE '${AS_OF}' GROUP BY client_id
    HAVING count(*) FILTER (WHERE amount >= 0) > 0),
  q AS (
    SELECT quantile_cont(recency_days, ${QUANTILES}) AS rq,
           quantile_cont(transaction_count, ${QUANTILES}) AS fq,
           quantile_cont(amount, ${QUANTILES}) AS mq FROM agg)
  SELECT client_id, last_order_date, recency_days, transaction_count, amount,
         6 - (${score('recency_days', 'rq')}) AS recency_score,
         ${score('transaction_count', 'fq')} AS frequency_score,
         ${score('amount', 'mq')} AS monetary_score
  FROM agg, q
) TO '${output}' (HEADER);`;
  }
  return `${setThreads}
COPY (
  WITH v AS (SELECT client_id, sum(amount) AS value FROM ${read} GROUP BY client_id),
  c AS (
    SELECT client_id, value,
           sum(greatest(value, 0)) OVER (ORDER BY value DESC, client_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before,
           sum(greatest(value, 0)) OVER () AS total
    FROM v)
  SELECT row_number() OVER (ORDER BY value DESC, client_id) AS rank, client_id, value,
         CASE WHEN value <= 0 THEN 'C' WHEN coalesce(before, 0) < 0.8 * total THEN 'A'
              WHEN coalesce(before, 0) < 0.95 * total THEN 'B' ELSE 'C' END AS class
  FROM c ORDER BY rank
) TO '${output}' (HEADER);`;
}

async function runChild() {
  const [, , , kind, job, input, output, threads] = process.argv;
  if (kind === 'duckdb') {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    for (const statement of duckdbSql(job, input, output, threads)
      .split(';')
      .filter((s) => s.trim())) {
      await connection.run(statement);
    }
  } else if (kind === 'reader' || kind === 'aggregate') {
    // Where the time goes: the data layer alone (rows read as columns, nothing done with them),
    // then the data layer plus the per-client totals of rfm, as the command does them.
    const { openTable } = await import(pathToFileURL(join(root, 'dist/io/read-table.js')).href);
    const { createRfmTotals } = await import(pathToFileURL(join(root, 'dist/core/rfm.js')).href);
    const spec = [
      { field: 'clientId', type: 'text' },
      { field: 'orderDate', type: 'date' },
      { field: 'amount', type: 'number' },
    ];
    const reader = await openTable(
      input,
      spec,
      {},
      { cwd: process.cwd(), env: process.env, stdin: process.stdin },
    );
    const totals = createRfmTotals();
    let rows = 0;
    for await (const batch of reader.columnBatches(['clientId', 'orderDate', 'amount'])) {
      rows += batch.length;
      if (kind === 'aggregate') {
        const ids = batch.keys('clientId');
        const days = batch.numbers('orderDate');
        const amounts = batch.numbers('amount');
        for (let i = 0; i < batch.length; i++) totals.add(ids[i], days[i], amounts[i]);
      }
    }
    if (kind === 'aggregate') rows = totals.size();
    if (rows === 0) throw new Error('nothing read');
  } else {
    // --threads 1 (the default), or auto (the cores for a file over 20 MB: docs/threads.md).
    const threadArgs = ['--threads', threads === 'default' ? 'auto' : threads];
    const args =
      job === 'rfm'
        ? ['--quiet', 'rfm', input, '--as-of', AS_OF, '--format', 'csv', '--output', output, ...threadArgs]
        : ['--quiet', 'pareto', input, '--format', 'csv', '--output', output, ...threadArgs];
    await runProspect(args, AS_OF);
  }
  reportUsage();
}

/** Times one job in a child process (this script with --child): wall, CPU and peak RSS. */
function timeJob(kind, job, input, output, threads = '1') {
  return timeChild(
    fileURLToPath(import.meta.url),
    ['--child', kind, job, input, output, threads],
    `${kind} ${job}`,
  );
}

/** A CSV written by either side (no quoted fields: ids, dates, numbers), by client id. */
function readByClient(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  const at = names.indexOf('client_id');
  return { names, rows: new Map(lines.map((l) => ((cells) => [cells[at], cells])(l.split(',')))) };
}

/**
 * Fails loudly unless prospect's CSV and DuckDB's hold the same clients with the same figures in
 * the `columns` they share (numbers compared as numbers, to the cent); returns the counts per
 * `countBy` value (the classes of pareto, the R-F-M scores of rfm) for the log.
 */
function checkSameClients(job, oursPath, theirsPath, columns) {
  const ours = readByClient(oursPath);
  const theirs = readByClient(theirsPath);
  const differences = [];
  if (ours.rows.size !== theirs.rows.size)
    differences.push(`${ours.rows.size} clients against ${theirs.rows.size}`);
  for (const [id, cells] of theirs.rows) {
    const mine = ours.rows.get(id);
    if (mine === undefined) {
      differences.push(`${id} missing from prospect's output`);
      continue;
    }
    for (const column of columns) {
      const a = mine[ours.names.indexOf(column)];
      const b = cells[theirs.names.indexOf(column)];
      const same = a === b || (a !== '' && b !== '' && Math.abs(Number(a) - Number(b)) < 0.005);
      if (!same) differences.push(`${id} ${column}: prospect ${a}, duckdb ${b}`);
    }
    if (differences.length > 5) break;
  }
  if (differences.length > 0)
    throw new Error(
      `${job}: prospect and DuckDB DISAGREE, so the yardstick is not doing the same job:\n  ${differences.join('\n  ')}`,
    );
  console.log(
    `${job}: prospect and DuckDB agree on ${theirs.rows.size.toLocaleString('en')} clients (${columns.join(', ')})`,
  );
}

async function main() {
  if (!(await hasDuckdb()))
    throw new Error(
      'DuckDB, the yardstick, is not installed: npm install --prefix bench (npm run bench does it)',
    );
  const rows = Number(arg('--rows', '5000000'));
  const clients = Number(arg('--clients', '200000'));
  const dir = mkdtempSync(join(tmpdir(), 'prospect-bench-'));
  const input = join(dir, 'orders.csv');
  const t0 = performance.now();
  generateOrders(input, rows, clients);
  const size = statSync(input).size;
  console.log(describeLoad());
  console.log(
    `pareto-rfm: ${rows.toLocaleString('en')} orders, ${clients.toLocaleString('en')} clients, ` +
      `${(size / 1e6).toFixed(0)} MB generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (${input})`,
  );
  // Each job runs `runs` times, in turn with the others, and its fastest run counts (wall: the
  // fastest; CPU: the least; peak RSS: the least): this machine's other load slows single runs by
  // up to a third, alike for every engine.
  const runs = Number(arg('--runs', '3'));
  const out = (name) => join(dir, `${name}.csv`);
  const jobs = {};
  for (const job of ['rfm', 'pareto']) {
    jobs[`${job} prospect threads=1`] = () => timeJob('prospect', job, input, out(`${job}-prospect`), '1');
    jobs[`${job} prospect threads=auto`] = () =>
      timeJob('prospect', job, input, out(`${job}-prospect-n`), 'default');
    jobs[`${job} duckdb threads=1`] = () => timeJob('duckdb', job, input, out(`${job}-duckdb-1`), '1');
    jobs[`${job} duckdb default`] = () => timeJob('duckdb', job, input, out(`${job}-duckdb-n`), 'default');
  }
  const best = fastestInTurn(jobs, runs);
  // The same job on both sides: the same clients with the same figures; --threads auto writes the
  // same bytes as one thread.
  checkSameClients('rfm', out('rfm-prospect'), out('rfm-duckdb-1'), [
    'last_order_date',
    'recency_days',
    'transaction_count',
    'amount',
    'recency_score',
    'frequency_score',
    'monetary_score',
  ]);
  checkSameClients('pareto', out('pareto-prospect'), out('pareto-duckdb-1'), ['rank', 'value', 'class']);
  for (const job of ['rfm', 'pareto']) {
    if (!readFileSync(out(`${job}-prospect`)).equals(readFileSync(out(`${job}-prospect-n`))))
      throw new Error(`${job}: --threads auto wrote other bytes than --threads 1`);
  }
  // The split of the CPU time: the runs of least CPU.
  const split = fastestInTurn(
    {
      reader: () => timeJob('reader', 'read', input, '-'),
      aggregate: () => timeJob('aggregate', 'rfm', input, '-'),
    },
    runs,
  );
  console.log(`fastest of ${runs} runs each, in turn (wall: the fastest; cpu and peak: the least):`);
  const pad = (s, n) => String(s).padStart(n);
  console.log(
    `${'job'.padEnd(8)}${'engine'.padEnd(22)}${pad('wall s', 9)}${pad('rows/s', 13)}${pad('cpu s', 8)}${pad('peak MB', 9)}`,
  );
  for (const [name, r] of Object.entries(best)) {
    const [job, ...engine] = name.split(' ');
    console.log(
      `${job.padEnd(8)}${engine.join(' ').padEnd(22)}${pad(r.seconds.toFixed(2), 9)}${pad(Math.round(rows / r.seconds).toLocaleString('en'), 13)}${pad(r.cpu.toFixed(2), 8)}${pad(r.peakMb.toFixed(0), 9)}`,
    );
  }
  // Issue 18: at or under DuckDB single-threaded wall time, prospect --threads auto at or under
  // DuckDB's default threads (all cores), peak memory no more than DuckDB's on the same job.
  const verdicts = [];
  const one = 'duckdb 1 thread';
  const all = 'duckdb all threads';
  for (const job of ['rfm', 'pareto']) {
    const mine = best[`${job} prospect threads=1`];
    const mineN = best[`${job} prospect threads=auto`];
    const duck1 = best[`${job} duckdb threads=1`];
    const duckN = best[`${job} duckdb default`];
    const v = (measure, unit, a, against, b, atMost) =>
      verdicts.push(judge({ job, measure, unit, prospect: a, against, yardstick: b, atMost }));
    v('wall, --threads 1', 's', mine.seconds, one, duck1.seconds, 1.0);
    v('wall, --threads auto', 's', mineN.seconds, all, duckN.seconds, 1.0);
    v('peak RSS, --threads 1', 'MB', mine.peakMb, one, duck1.peakMb, 1.0);
    v('peak RSS, --threads auto', 'MB', mineN.peakMb, all, duckN.peakMb, 1.0);
    v('CPU, --threads 1', 's', mine.cpu, one, duck1.cpu, undefined);
  }
  console.log('where prospect rfm spends its time (cpu s):');
  const { reader, aggregate } = split;
  const rfm = best['rfm prospect threads=1'];
  console.log(
    `  data layer alone (openTable + columnBatches, nothing done) ${reader.cpu.toFixed(2)}  (${Math.round(rows / reader.cpu).toLocaleString('en')} rows/s, ${reader.peakMb.toFixed(0)} MB)`,
  );
  console.log(
    `  + per-client totals (typed arrays by interned id)         ${(aggregate.cpu - reader.cpu).toFixed(2)}`,
  );
  console.log(
    `  + scores, segments, report and CSV of the clients         ${(rfm.cpu - aggregate.cpu).toFixed(2)}`,
  );
  console.log(
    `  DuckDB threads=1, whole job                               ${best['rfm duckdb threads=1'].cpu.toFixed(2)}`,
  );
  reportVerdicts(
    'pareto-rfm',
    `${rows.toLocaleString('en')} orders, ${clients.toLocaleString('en')} clients, fastest of ${runs} in turn`,
    verdicts,
  );
  // The machine is shared: the load says how far the wall times are from a quiet machine's.
  console.log(
    `load average at the end (1, 5, 15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === '--child') {
  runChild().catch((error) => {
    process.stderr.write(String(error?.stack ?? error) + '\n');
    process.exitCode = 1;
  });
} else {
  main().catch((error) => {
    process.stderr.write(String(error?.stack ?? error) + '\n');
    process.exitCode = 1;
  });
}
