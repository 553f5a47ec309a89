import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

/*
 * Every YAML flag goes through src/io/read-yaml.ts: an alias bomb, a deep document and a
 * `__proto__` key are exit 65 with the file (and line:column where there is one), never a stack
 * or exit 70. Issue 17: the alias bomb through `plan --params` was exit 70.
 */
const dir = mkdtempSync(join(tmpdir(), 'prospect-yaml-'));
const put = (name: string, text: string): void => writeFileSync(join(dir, name), text);
put('clients.csv', 'client_id,revenue,sector\nA,10,x\n');
put('orders.csv', 'client_id,order_date,amount\nA,2026-01-10,5\nB,2026-02-01,7\n');
put('deals.csv', 'deal_id,company,stage,amount,create_date,close_date\nD1,A,Won,5,2025-01-10,2025-02-10\n');

// Nine levels of nine aliases: 9^9 (387 million) values once expanded.
const BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  ...'bcdefghi'.split('').map((n, i) => {
    const prev = 'abcdefghi'[i] as string;
    return `${n}: &${n} [${Array(9).fill(`*${prev}`).join(', ')}]`;
  }),
  '',
].join('\n');
// Block nesting: 100 levels of `k:` mappings (each one more space), then a value.
const DEEP = Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
const DEEP_FLOW = '['.repeat(200_000) + ']'.repeat(200_000) + '\n';
const PROTO = '__proto__: { polluted: true }\n';

// Each YAML flag, as a command line reading `f.yaml`.
const FLAGS: [string, string[]][] = [
  ['plan --params', ['plan', '--objective', '10000', '--params', 'f.yaml']],
  ['plan --file', ['plan', '--file', 'f.yaml']],
  ['track --file', ['track', '--file', 'f.yaml', '--deals', 'deals.csv']],
  [
    'track --params',
    ['track', '--objective', '1000', '--to', '2026-12-31', '--deals', 'deals.csv', '--params', 'f.yaml'],
  ],
  [
    'track --stages',
    ['track', '--objective', '1000', '--to', '2026-12-31', '--deals', 'deals.csv', '--stages', 'f.yaml'],
  ],
  ['segment --columns', ['segment', 'clients.csv', '--columns', 'f.yaml']],
  ['score --grid', ['score', 'clients.csv', '--grid', 'f.yaml']],
  ['report --grid', ['report', '--scores', 'clients.csv', '--grid', 'f.yaml', '--output', 'r.html']],
  [
    'report --objectives',
    ['report', '--orders', 'orders.csv', '--objectives', 'f.yaml', '--output', 'r.html'],
  ],
  ['rfm --segments', ['rfm', 'orders.csv', '--segments', 'f.yaml']],
  ['review --objectives', ['review', 'orders.csv', '--period', '2026', '--objectives', 'f.yaml']],
  ['calibrate --stages', ['calibrate', 'deals.csv', '--stages', 'f.yaml']],
];
const CASES: [string, string, RegExp][] = [
  [
    'an alias bomb',
    BOMB,
    /f\.yaml(:\d+:\d+)?: (its aliases \(\*name\) expand to more than 100000|the YAML cannot be loaded safely)/,
  ],
  ['a deep block document', DEEP, /f\.yaml:65:\d+: nesting deeper than 64 levels/],
  ['a deep flow document', DEEP_FLOW, /f\.yaml:1:65: nesting deeper than 64 levels/],
  ['a __proto__ key', PROTO, /f\.yaml:1:1: the key "__proto__" is not allowed/],
];

describe('every YAML flag refuses hostile YAML with exit 65', () => {
  const matrix = FLAGS.flatMap(([flag, argv]) =>
    CASES.map(([what, text, message]) => [flag, what, argv, text, message] as const),
  );
  it.each(matrix)('%s: %s', async (_flag, _what, argv, text, message) => {
    put('f.yaml', text);
    const { code, stdout, stderr } = await runCli([...argv], { cwd: dir });
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
    expect(stderr).toMatch(message);
    expect(code).toBe(65);
    expect(stdout).toBe('');
  });
});
