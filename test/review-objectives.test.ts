import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DataError, InputFileError } from '../src/errors.js';
import type { Io } from '../src/io/context.js';
import { readReviewObjectives } from '../src/io/read-review-objectives.js';

const dir = mkdtempSync(join(tmpdir(), 'prospect-objectives-'));
const io: Io = {
  stdout: () => {},
  stderr: () => {},
  stdin: Readable.from([]),
  env: {},
  cwd: dir,
  stdinIsTTY: false,
  stdoutIsTTY: false,
  stderrIsTTY: false,
  now: () => new Date('2026-11-23T12:00:00'),
};
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};

describe('readReviewObjectives', () => {
  it('reads team and owner amounts, in English or French keys', () => {
    const file = write(
      'ok.yaml',
      'conquête: 60 000 €\nFidélisation: 120000\nreconquest: "20000"\nowners:\n  Alice: { conquest: 30000 }\n  Bob:\n    retention: 1 234,5\n',
    );
    expect(readReviewObjectives(file, io)).toEqual({
      team: { conquest: 60000, retention: 120000, reconquest: 20000 },
      byOwner: { Alice: { conquest: 30000 }, Bob: { retention: 1234.5 } },
    });
  });

  it('lists every problem with its line and column', () => {
    const file = write('bad.yaml', 'conquest: lots\nsales: 3\nowners:\n  Alice: 5\n');
    let error: unknown;
    try {
      readReviewObjectives(file, io);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toBe(
      [
        'bad.yaml: the objectives cannot be used.',
        'bad.yaml:1:11: "conquest": expected an amount in euros (0 or more), such as 60000.',
        'bad.yaml:2:1: "sales" is not an origin; expected conquest, retention, reconquest, total or owners.',
        'bad.yaml:4:10: "Alice": expected amounts by origin, such as { conquest: 30000 }.',
      ].join('\n'),
    );
  });

  it('a missing file is an input error (66)', () => {
    expect(() => readReviewObjectives('nope.yaml', io)).toThrow(InputFileError);
    expect(() => readReviewObjectives('nope.yaml', io)).toThrow(
      'nope.yaml: cannot read the objectives file (ENOENT); check the path given to --objectives.',
    );
  });
});
