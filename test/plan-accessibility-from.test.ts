import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

function graded(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-graded-'));
  const path = join(dir, 'scored.csv');
  writeFileSync(path, text);
  return path;
}

describe('prospect plan --accessibility-from', () => {
  it('uses actives / all prospects of a graded file: 2 of 5 = 40 %, 28 / 0.4 = 70 prospects', async () => {
    const path = graded('id,maturity\n1,active\n2,latent\n3,arid\n4,active\n5,latent\n');
    const { code, stdout, stderr } = await runCli([
      'plan',
      '--objective',
      '60000',
      '--accessibility-from',
      path,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.assumptions.accessibility).toMatchObject({ value: 0.4, source: 'history' });
    expect(json.prospectsToContact).toBe(70);
    expect(json.contacts).toBe(280);
    expect(stderr).toContain('2 active of 5 prospects');
  });

  // With a status column, clients are not prospects: 1, 3 (prospects) and 5 (lead) count; 2 and 4
  // (clients, active) do not: 1 active of 3 = 33.3 %, 28 / (1/3) = 84 prospects.
  it('counts prospects and leads only when the file has a status', async () => {
    const path = graded(
      'id,status,maturity\n1,prospect,active\n2,client,active\n3,prospect,arid\n4,Client,active\n5,lead,latent\n',
    );
    const { code, stdout, stderr } = await runCli([
      'plan',
      '--objective',
      '60000',
      '--accessibility-from',
      path,
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).prospectsToContact).toBe(84);
    expect(stderr).toContain('1 active of 3 prospects');
  });

  it('reads French maturities (actif, latent, aride)', async () => {
    const path = graded('id;maturité\n1;actif\n2;aride\n3;aride\n4;latent\n');
    const { stdout } = await runCli([
      'plan',
      '--objective',
      '60000',
      '--accessibility-from',
      path,
      '--format',
      'json',
    ]);
    expect(JSON.parse(stdout).assumptions.accessibility.value).toBeCloseTo(0.25, 10);
  });

  it('refuses --accessibility together with --accessibility-from', async () => {
    const path = graded('id,maturity\n1,active\n');
    const { code, stderr } = await runCli([
      'plan',
      '--objective',
      '60000',
      '--accessibility',
      '6',
      '--accessibility-from',
      path,
    ]);
    expect(code).toBe(64);
    expect(stderr).toContain('give one of them');
  });

  it('exits 65 when no prospect is active', async () => {
    const path = graded('id,maturity\n1,latent\n2,arid\n');
    const { code } = await runCli(['plan', '--objective', '60000', '--accessibility-from', path]);
    expect(code).toBe(65);
  });
});
