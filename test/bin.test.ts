import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/prospect.js', import.meta.url));

function prospect(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, LANG: 'en_GB.UTF-8' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built binary', () => {
  it('prints the plan and exits 0', () => {
    const r = prospect(['plan', '--objective', '60000', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).contacts).toBe(1868);
    expect(r.stderr).toBe('');
  });

  it('exits 64 on an unknown flag, with a suggestion and no stack', () => {
    const r = prospect(['plan', '--objectiv', '60000']);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain(
      'unknown option --objectiv; expected one of the options of prospect plan; did you mean --objective?',
    );
    expect(r.stderr).toContain('--objective');
    expect(r.stdout).toBe('');
  });

  it('exits 64 on an unknown command', () => {
    expect(prospect(['plna']).status).toBe(64);
  });

  it('--help lists the exit codes and exits 0', () => {
    const r = prospect(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('64  usage error');
    expect(r.stdout).toContain('73  output cannot be written');
  });

  it('is quiet and exits 0 when the reader of a pipe goes away', () => {
    const r = spawnSync(
      'sh',
      ['-c', `node "${BIN}" plan --objective 60000 --format csv | head -c 10 >/dev/null`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('never colours output that is not a terminal', () => {
    const r = prospect(['plan', '--objective', '60000']);
    expect(r.stdout.includes('\u001b[')).toBe(false);
  });
});
