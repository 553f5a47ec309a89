// Types of bench/verdict.js, for test/bench-verdict.test.ts (the benches themselves are plain
// JavaScript, run by Node without a build).

export type Unit = 's' | 'ms' | 'MB' | 'rows/s';

export interface Verdict {
  job: string;
  measure: string;
  unit: Unit;
  prospect: number;
  against: string | null;
  yardstick: number | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
}

export interface VerdictRecord extends Verdict {
  bench: string;
  detail: string;
}

export function judge(input: {
  job: string;
  measure: string;
  unit: Unit;
  prospect: number;
  against?: string | null;
  yardstick?: number | null;
  atMost?: number;
  atLeast?: number;
}): Verdict;
export function formatValue(value: number | null | undefined, unit: Unit): string;
export function verdictCells(v: Verdict): string[];
export function formatVerdicts(verdicts: readonly Verdict[]): string;
export function countVerdicts(verdicts: readonly Verdict[]): string;
export function verdictRecords(bench: string, detail: string, verdicts: readonly Verdict[]): string;
export function formatSummary(
  records: readonly VerdictRecord[],
  load: { loadStart: number; loadEnd: number; cores: number; failed?: readonly string[] },
): string;
