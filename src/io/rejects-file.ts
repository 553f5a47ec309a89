import { closeSync, existsSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { OutputError } from '../errors.js';
import { tr } from '../i18n.js';
import { neutraliseCell } from '../render/csv.js';
import type { Io } from './context.js';
import { openOutput } from './write-output.js';
import { runFilesOf, sameTarget } from './run-files.js';
import { randomTempTag, trackTemp, untrackTemp } from './temp-files.js';

/** What a reader tells about its input when the rejects file is written. */
export interface RejectsSource {
  /** The input's name as messages show it. */
  name: string;
  headers: readonly string[];
  delimiter: string;
  /** Whether the input was plain UTF-8 (else the rejects file starts with a BOM, for Excel). */
  utf8: boolean;
}

/** The rejected rows of one input, kept (as JSON lines, one row a line) until the file is made. */
export interface RejectsPart {
  add(line: number, reason: string, cells: readonly string[]): void;
  /** The reader is done; the file is made when every part is done, unless the run defers it. */
  done(): void;
  /** The reader failed: the whole rejects file is dropped, nothing is written. */
  discard(): void;
}

const FLUSH_BYTES = 64 * 1024;

function quoteCsv(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

class Part implements RejectsPart {
  private fd: number | undefined;
  private buffer = '';
  finished = false;

  constructor(
    readonly file: RejectsFile,
    readonly source: () => RejectsSource,
    readonly temp: string,
  ) {}

  add(line: number, reason: string, cells: readonly string[]): void {
    this.buffer += JSON.stringify([line, reason, ...cells]) + '\n';
    if (this.buffer.length > FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (this.buffer === '') return;
    try {
      if (this.fd === undefined) {
        this.fd = openSync(this.temp, 'wx+', 0o600);
        trackTemp(this.temp);
      }
      const bytes = Buffer.from(this.buffer, 'utf8');
      this.buffer = '';
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      throw this.file.cannot(error);
    }
  }

  done(): void {
    this.finished = true;
    this.file.partDone();
  }

  discard(): void {
    this.file.drop();
  }

  /** Calls `onRow` for every row kept, in order. */
  forEachRow(onRow: (row: unknown[]) => void): void {
    this.flush();
    if (this.fd === undefined) return;
    const chunk = Buffer.alloc(FLUSH_BYTES);
    let rest = '';
    let position = 0;
    for (;;) {
      const n = readSync(this.fd, chunk, 0, chunk.length, position);
      if (n === 0) break;
      position += n;
      const text = rest + chunk.toString('utf8', 0, n);
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onRow(JSON.parse(line) as unknown[]);
    }
  }

  drop(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = undefined;
    }
    rmSync(this.temp, { force: true });
    untrackTemp(this.temp);
    this.buffer = '';
  }
}

/**
 * One `--rejects` file of a run, shared by every reader that names it: each input's rejected rows
 * are kept apart, then the file is written once, whole or not at all (see `openOutput`).
 * One input: `line,reason,<the input's columns>`. Several inputs: a `file` column first, and one
 * section per input, each opening with its own header row `file,line,reason,<its columns>`.
 */
export class RejectsFile {
  private readonly parts: Part[] = [];
  private made = false;
  /** A reader failed (or the run did): the file is not written at all. */
  private dropped = false;

  constructor(
    readonly target: string,
    readonly io: Io,
  ) {}

  cannot(error: unknown): OutputError {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return new OutputError(
      tr(runFilesOf(this.io).lang, {
        en: `${this.target}: cannot write the rejects (${reason}); nothing was written. Check the path, the free space and the rights, or choose another --rejects.`,
        fr: `${this.target} : écriture des rejets impossible (${reason}) ; rien n'a été écrit. Vérifiez le chemin, l'espace libre et les droits, ou choisissez un autre --rejects.`,
      }),
    );
  }

  /** A new part for one input; `source` is asked when the file is written. */
  part(source: () => RejectsSource): RejectsPart {
    runFilesOf(this.io).checkOutput(this.io, '--rejects', this.target);
    const path = resolve(this.io.cwd, this.target);
    let folder = dirname(path);
    try {
      const stats = statSync(path, { throwIfNoEntry: false });
      if ((stats !== undefined && !stats.isFile()) || !existsSync(folder)) folder = tmpdir();
    } catch {
      folder = tmpdir();
    }
    const temp = resolve(folder, `.${basename(path)}.${randomTempTag()}.rows.tmp`);
    const part = new Part(this, source, temp);
    this.parts.push(part);
    this.made = false;
    return part;
  }

  partDone(): void {
    if (!runFilesOf(this.io).defersRejects && this.parts.every((p) => p.finished)) this.make();
  }

  /** Writes the file from every part, whole or not at all, then drops the parts. */
  make(): void {
    if (this.made || this.dropped) return;
    const sources = this.parts.map((p) => p.source());
    const several = this.parts.length > 1;
    const d = sources[0]?.delimiter ?? ',';
    const row = (cells: readonly unknown[]): string =>
      cells.map((c) => quoteCsv(neutraliseCell(String(c)), d)).join(d) + '\r\n';
    const output = openOutput(this.target, this.io, '--rejects');
    try {
      let buffer = sources.some((s) => !s.utf8) ? '\ufeff' : '';
      const flush = (): void => {
        output.write(buffer);
        buffer = '';
      };
      this.parts.forEach((part, i) => {
        const source = sources[i] as RejectsSource;
        buffer += row(
          several ? ['file', 'line', 'reason', ...source.headers] : ['line', 'reason', ...source.headers],
        );
        part.forEachRow((cells) => {
          buffer += row(several ? [source.name, ...cells] : cells);
          if (buffer.length > FLUSH_BYTES) flush();
        });
      });
      flush();
    } catch (error) {
      output.abort();
      this.drop();
      throw error instanceof OutputError ? error : this.cannot(error);
    }
    this.dropParts();
    output.commit();
    this.made = true;
  }

  /** Drops the kept rows (a reader or the run failed): nothing is written. */
  drop(): void {
    this.dropped = true;
    this.dropParts();
  }

  private dropParts(): void {
    for (const part of this.parts) part.drop();
    this.parts.length = 0;
  }
}

/** The rejects file of the run for `target` (one per file, whatever path names it). */
export function rejectsFileFor(io: Io, target: string): RejectsFile {
  const files = runFilesOf(io);
  for (const file of files.rejectsFiles) {
    if (file instanceof RejectsFile && sameTarget(io, file.target, target)) return file;
  }
  const created = new RejectsFile(target, io);
  files.rejectsFiles.push(created);
  return created;
}
