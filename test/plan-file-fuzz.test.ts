import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from './helpers/run-cli.js';

/** Whatever an objectives file holds, plan answers 0 or 65 with a message, never an internal error. */
describe('prospect plan --file: hostile content never crashes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prospect-fuzz-'));
  const check = async (text: string): Promise<void> => {
    writeFileSync(join(dir, 'o.yaml'), text);
    const { code, stderr } = await runCli(['plan', '--file', 'o.yaml', '--format', 'json'], { cwd: dir });
    expect([0, 65]).toContain(code);
    expect(stderr).not.toContain('internal error');
  };

  const key = fc.constantFrom(
    'name',
    'amount',
    'product',
    'zone',
    'rep',
    'avgDeal',
    'winRate',
    'proposalsPerDeal',
    'accessibility',
    'contactsPerProspect',
    'from',
    'to',
    'weeks',
    'months',
    'country',
    'weights',
    'reps',
    'hoursPerWeek',
    '__proto__',
    'x',
  );
  const scalar = fc.oneof(
    fc.integer({ min: -5, max: 100000 }),
    fc.double(),
    fc.constantFrom('6%', '2026-05-01', '2026-02-30', 'aug=0.5', 'FR', '', '1e999', 'NaN'),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 13 }),
  );

  it('random objectives with known and unknown keys', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.dictionary(key, scalar, { maxKeys: 6 }), { maxLength: 3 }),
        async (objectives) => {
          await check(stringify({ objectives }));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('random text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(...'ab:- \n[]{}&*!|>#"\'%@`0123456789'.split('')), maxLength: 80 }),
        async (text) => {
          await check(text);
        },
      ),
      { numRuns: 60 },
    );
  });
});
