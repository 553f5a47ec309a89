import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

// Seven clients and a repeat of A (line 9, rejected). Tiers worked by hand (DOMAIN.md, equal
// counts): revenues sorted high to low 100, 50, 50, 10, 5, 1; 3 tiers cut after round(6/3) = 2
// and round(12/3) = 4 values, so the bounds are the 2nd and 4th values: 50 and 10. A client at a
// bound is in the higher tier: B and D (50) are large, C (10) medium; G has no revenue: no tier.
const FILE = [
  'client_id,name,status,revenue',
  'A,"Dupont, SA",client,100',
  'B,Bex,client,50',
  'C,Cor,client,10',
  'D,Dal,client,50',
  'E,Eve,client,5',
  'F,Fay,client,1',
  'G,Gil,prospect,',
  'A,Dup2,client,7',
  '',
].join('\n');

const EXPECTED_CSV = [
  'client_id,name,status,revenue,segment,tier',
  'A,"Dupont, SA",client,100,client,large',
  'B,Bex,client,50,client,large',
  'C,Cor,client,10,client,medium',
  'D,Dal,client,50,client,large',
  'E,Eve,client,5,client,small',
  'F,Fay,client,1,client,small',
  'G,Gil,prospect,,prospect,',
  '',
].join('\r\n');

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-stream-'));
  writeFileSync(join(dir, 'c.csv'), FILE);
  return dir;
}

const ARGS = ['--per-client', '--by', 'status', '--tiers', '3'];

describe('segment --per-client, streamed', () => {
  it('a file (read twice for the tiers) gives the rows worked by hand, tier bounds included', async () => {
    const dir = folder();
    const r = await runCli(['segment', join(dir, 'c.csv'), ...ARGS, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(EXPECTED_CSV);
    expect(r.stderr).toContain('8 rows read, 7 used, 1 rejected');
  });

  it('stdin (kept compactly, read once) gives the same bytes', async () => {
    const r = await runCli(['segment', '-', ...ARGS, '--format', 'csv'], { stdin: FILE });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(EXPECTED_CSV);
  });

  it('--output gets the same bytes; JSON carries lines, tiers and the row counts', async () => {
    const dir = folder();
    const out = join(dir, 'out.csv');
    const r = await runCli(['segment', join(dir, 'c.csv'), ...ARGS, '--format', 'csv', '-o', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(EXPECTED_CSV);
    for (const input of [
      ['segment', join(dir, 'c.csv')],
      ['segment', '-'],
    ]) {
      const j = await runCli([...input, ...ARGS, '--format', 'json'], { stdin: FILE });
      const doc = JSON.parse(j.stdout) as {
        clients: { line: number; values: Record<string, string>; tier: string | null }[];
        rows: unknown;
      };
      expect(doc.clients.map((c) => [c.line, c.values.client_id, c.tier])).toEqual([
        [2, 'A', 'large'],
        [3, 'B', 'large'],
        [4, 'C', 'medium'],
        [5, 'D', 'large'],
        [6, 'E', 'small'],
        [7, 'F', 'small'],
        [8, 'G', null],
      ]);
      expect(doc.rows).toEqual({ read: 8, used: 7, rejected: 1, skipped: 0 });
    }
  });

  it('an error after rows were streamed leaves no output file and no temporary file', async () => {
    const dir = folder();
    const out = join(dir, 'out.csv');
    // --strict stops at line 9, at the first reading (the rows are written at the second).
    const r = await runCli([
      'segment',
      join(dir, 'c.csv'),
      '--per-client',
      '--strict',
      '--format',
      'csv',
      '-o',
      out,
    ]);
    expect(r.code).toBe(65);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['c.csv']);
  });
});
