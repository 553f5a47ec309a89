import {
  chmodSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../errors.js';
import type { Io } from './context.js';
import { runFilesOf } from './run-files.js';
import { writeOutput } from './write-output.js';

function makeIo(cwd: string): Io & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    stdout: (t) => void out.push(t),
    stderr: () => {},
    stdin: Readable.from([]),
    env: {},
    cwd,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    now: () => new Date('2026-11-23T12:00:00Z'),
  };
}

describe('writeOutput', () => {
  it('writes the whole file and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-out-'));
    writeOutput('report.csv', 'a,b\r\n1,2\r\n', makeIo(dir));
    expect(readFileSync(join(dir, 'report.csv'), 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it('replaces an existing output whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-out-'));
    writeFileSync(join(dir, 'report.csv'), 'old content that is longer than the new one');
    writeOutput('report.csv', 'new', makeIo(dir));
    expect(readFileSync(join(dir, 'report.csv'), 'utf8')).toBe('new');
  });

  it('writes to stdout for - or no target', () => {
    const io = makeIo(tmpdir());
    writeOutput('-', 'x', io);
    writeOutput(undefined, 'y', io);
    expect(io.out).toEqual(['x', 'y']);
  });

  it('refuses to write over an input file and keeps it intact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-out-'));
    writeFileSync(join(dir, 'clients.csv'), 'id\n1\n');
    expect(() => writeOutput('./clients.csv', 'oops', makeIo(dir), ['clients.csv'])).toThrow(OutputError);
    expect(readFileSync(join(dir, 'clients.csv'), 'utf8')).toBe('id\n1\n');
  });

  it('fails with an OutputError (exit 73) when the folder does not exist, leaving nothing behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-out-'));
    mkdirSync(join(dir, 'sub'));
    let error: unknown;
    try {
      writeOutput('missing/report.csv', 'x', makeIo(dir));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).exitCode).toBe(73);
    expect((error as Error).message).toMatch(
      /^missing\/report\.csv: the folder .*missing does not exist; create it/,
    );
    expect(readdirSync(dir)).toEqual(['sub']);
  });

  it('refuses a file a reader registered (no flag named it), by inode: a hard link is the same file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-out-'));
    writeFileSync(join(dir, 'deals.csv'), 'id\n1\n');
    linkSync(join(dir, 'deals.csv'), join(dir, 'copy.csv'));
    const io = makeIo(dir);
    runFilesOf(io).addInput(io, 'deals.csv');
    expect(() => writeOutput('copy.csv', 'oops', io)).toThrow(
      /^copy\.csv: is an input of this run \(deals\.csv\)/,
    );
    expect(readFileSync(join(dir, 'deals.csv'), 'utf8')).toBe('id\n1\n');
  });

  it('keeps the mode of the file it replaces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prospect-out-'));
    writeFileSync(join(dir, 'report.csv'), 'old');
    chmodSync(join(dir, 'report.csv'), 0o600);
    writeOutput('report.csv', 'new', makeIo(dir));
    expect(statSync(join(dir, 'report.csv')).mode & 0o777).toBe(0o600);
  });
});
