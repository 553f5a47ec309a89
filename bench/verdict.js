// The benches' verdicts (issue 18): one figure of prospect against its yardstick (DuckDB on one
// thread or on all, `node -e ''` for start-up), the ratio, the target and whether it is met. Pure
// functions (no I/O), so that test/bench-verdict.test.ts can check the arithmetic and the layout
// with values worked out by hand. Each bench prints its verdicts as a table (`formatVerdicts`) and,
// when `npm run bench` runs it, also hands them to bench/run.js as JSON lines
// (`verdictRecords`), which prints every bench's verdicts in one table at the end.

/**
 * A verdict from its figures. `prospect` and `yardstick` are in `unit` ('s', 'ms', 'MB', 'rows/s');
 * `against` names the yardstick ("duckdb 1 thread"). The target is either `atMost` (the ratio
 * prospect / yardstick may not exceed it) or `atLeast` (prospect's own figure must reach it);
 * with neither, the line is for information and `met` is null. A figure that could not be
 * measured (NaN) never meets a target.
 */
export function judge({ job, measure, unit, prospect, against = null, yardstick = null, atMost, atLeast }) {
  const ratio = yardstick === null ? null : prospect / yardstick;
  let target = null;
  let met = null;
  if (atMost !== undefined) {
    target = `<= ${atMost.toFixed(1)}x`;
    met = ratio !== null && Number.isFinite(ratio) && ratio <= atMost;
  } else if (atLeast !== undefined) {
    target = `>= ${formatValue(atLeast, unit)}`;
    met = Number.isFinite(prospect) && prospect >= atLeast;
  }
  return { job, measure, unit, prospect, against, yardstick, ratio, target, met };
}

/** "3.91 s", "101 ms", "171 MB", "1,234,567 rows/s"; "n/a" for a figure not measured. */
export function formatValue(value, unit) {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  if (unit === 's') return `${value.toFixed(2)} s`;
  if (unit === 'ms' || unit === 'MB') return `${Math.round(value)} ${unit}`;
  if (unit === 'rows/s') return `${Math.round(value).toLocaleString('en')} rows/s`;
  return `${value} ${unit}`;
}

/** The cells of one verdict line: job, measure, prospect, yardstick, ratio, target, met. */
export function verdictCells(v) {
  return [
    v.job,
    v.measure,
    formatValue(v.prospect, v.unit),
    v.against === null ? '-' : `${formatValue(v.yardstick, v.unit)} ${v.against}`,
    v.ratio === null ? '-' : Number.isFinite(v.ratio) ? `${v.ratio.toFixed(2)}x` : 'n/a',
    v.target ?? '-',
    v.met === null ? 'info' : v.met ? 'met' : 'NOT met',
  ];
}

const HEADER = ['job', 'measure', 'prospect', 'yardstick', 'ratio', 'target', 'verdict'];

/**
 * The verdicts as an aligned table under a header line: two spaces between columns, text
 * columns left-aligned, figures (prospect, yardstick, ratio) right-aligned.
 */
export function formatVerdicts(verdicts) {
  const rows = [HEADER, ...verdicts.map(verdictCells)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const right = new Set([2, 4]);
  return rows
    .map((r) =>
      r
        .map((cell, c) => (right.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** "12 verdicts: 5 met, 6 NOT met, 1 for information". */
export function countVerdicts(verdicts) {
  const met = verdicts.filter((v) => v.met === true).length;
  const notMet = verdicts.filter((v) => v.met === false).length;
  const info = verdicts.length - met - notMet;
  return `${verdicts.length} verdicts: ${met} met, ${notMet} NOT met${info > 0 ? `, ${info} for information` : ''}`;
}

/** One JSON line per verdict, with the bench's name and what it ran on, for bench/run.js. */
export function verdictRecords(bench, detail, verdicts) {
  return verdicts.map((v) => JSON.stringify({ bench, detail, ...v }) + '\n').join('');
}

/**
 * The summary of `npm run bench`: each bench's verdicts under its name and what it ran on, the
 * load average at start and end, the count, and the benches that failed. `records` are the parsed
 * JSON lines of `verdictRecords`, in the order the benches wrote them.
 */
export function formatSummary(records, { loadStart, loadEnd, cores, failed = [] }) {
  const lines = [
    `== summary: every verdict (load average ${loadStart.toFixed(1)} at the start, ${loadEnd.toFixed(1)} at the end, ${cores} cores)`,
  ];
  // One table for all, so that the columns line up across benches; each bench's name above its lines.
  const table = formatVerdicts(records).split('\n');
  lines.push(table[0]);
  let last;
  records.forEach((r, i) => {
    const key = `${r.bench}: ${r.detail}`;
    if (key !== last) lines.push(`-- ${key}`);
    last = key;
    lines.push(table[i + 1]);
  });
  if (records.length === 0) lines.push('(no verdict was printed)');
  else lines.push(countVerdicts(records));
  for (const f of failed) lines.push(`FAILED: ${f}`);
  return lines.join('\n');
}
