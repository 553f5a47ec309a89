/**
 * Bytes to text, whichever way Excel or a CRM saved the file: UTF-8 with or without BOM, UTF-16LE
 * or BE with BOM ("Unicode text"), Windows-1252 (Excel's "CSV" on Windows). Detection: a BOM
 * decides; otherwise UTF-8 when the start of the file is valid UTF-8, else Windows-1252. A file
 * that looked like plain ASCII and then shows a byte that is not UTF-8 switches to Windows-1252
 * at that point (lossless, since everything before was ASCII).
 */
import { TextDecoder } from 'node:util';
import { DataError, UsageError } from '../errors.js';

/** What the reader reports: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1252`... */
export type EncodingName = string;

/**
 * The encoding of a file from its first bytes; `complete` when they are the whole file (then a
 * multi-byte sequence cut at the end is not UTF-8).
 */
export function detectEncoding(prefix: Uint8Array, complete = false): EncodingName {
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) return 'utf-8-bom';
  if (prefix[0] === 0xff && prefix[1] === 0xfe) return 'utf-16le';
  if (prefix[0] === 0xfe && prefix[1] === 0xff) return 'utf-16be';
  // UTF-16 without BOM: ASCII text has a zero in every other byte.
  if (prefix.length >= 4 && prefix[1] === 0 && prefix[3] === 0 && prefix[0] !== 0) return 'utf-16le';
  if (prefix.length >= 4 && prefix[0] === 0 && prefix[2] === 0 && prefix[1] !== 0) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The WHATWG label of an `--encoding` value, or a usage error. */
export function checkEncodingLabel(label: string): EncodingName {
  const lower = label.trim().toLowerCase();
  const alias: Record<string, string> = { cp1252: 'windows-1252', 'utf-16': 'utf-16le', utf16: 'utf-16le' };
  const name = alias[lower] ?? lower;
  try {
    return new TextDecoder(name).encoding;
  } catch {
    throw new UsageError(
      `--encoding: "${label}" is not an encoding; expected utf-8, utf-16le, utf-16be, windows-1252 or latin1.`,
    );
  }
}

/** A streaming decoder that can fall back from UTF-8 to Windows-1252 on an ASCII-only start. */
export class TextStreamDecoder {
  private decoder: TextDecoder;
  private asciiSoFar = true;
  private bytesSeen = 0;

  constructor(
    private name: EncodingName,
    private readonly forced: boolean,
    private readonly file: string,
  ) {
    this.decoder = this.makeDecoder(name);
  }

  /** The encoding in use (it changes if a UTF-8 guess turns out to be Windows-1252). */
  get encoding(): EncodingName {
    return this.name;
  }

  private makeDecoder(name: EncodingName): TextDecoder {
    const label = name === 'utf-8-bom' ? 'utf-8' : name;
    // An auto-detected UTF-8 is checked byte by byte; a forced one replaces bad bytes.
    return new TextDecoder(label, { fatal: name === 'utf-8' && !this.forced });
  }

  decode(chunk: Uint8Array): string {
    if (this.name !== 'utf-8' || this.forced) return this.decoder.decode(chunk, { stream: true });
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      if (!this.asciiSoFar) {
        throw new DataError(
          [
            {
              file: this.file,
              message: `a byte is not UTF-8 after byte ${this.bytesSeen}, although the text before it was UTF-8`,
            },
          ],
          `${this.file}: mixed encodings; re-save the file as UTF-8, or give --encoding utf-8 (bad bytes become \ufffd) or --encoding windows-1252.`,
        );
      }
      this.name = 'windows-1252';
      this.decoder = this.makeDecoder(this.name);
      return this.decoder.decode(chunk, { stream: true });
    }
    if (this.asciiSoFar && text.length !== chunk.length) this.asciiSoFar = false;
    this.bytesSeen += chunk.length;
    return text;
  }

  end(): string {
    try {
      return this.decoder.decode();
    } catch {
      throw new DataError(
        [{ file: this.file, message: 'the file ends in the middle of a UTF-8 character' }],
        `${this.file}: truncated UTF-8; re-save the file or give --encoding.`,
      );
    }
  }
}
