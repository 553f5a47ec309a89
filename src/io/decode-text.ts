/**
 * Bytes to text, whichever way Excel or a CRM saved the file: UTF-8 with or without BOM, UTF-16LE
 * or BE with BOM ("Unicode text"), Windows-1252 (Excel's "CSV" on Windows). Detection: a BOM
 * decides; otherwise UTF-8 when the start of the file is valid UTF-8, else Windows-1252. A file
 * that looked like plain ASCII and then shows a byte that is not UTF-8 switches to Windows-1252
 * at that point (lossless, since everything before was ASCII).
 */
import { isAscii, isUtf8 } from 'node:buffer';
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

const EMPTY = Buffer.alloc(0);

/**
 * How many bytes of `data` end on a whole UTF-8 character: the bytes of a character cut by the
 * end of a chunk are left out (they wait for the next chunk).
 */
function wholeUtf8Length(data: Uint8Array): number {
  const n = data.length;
  for (let back = 1; back <= 4 && back <= n; back++) {
    const b = data[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const size = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return size > back ? n - back : n;
  }
  return n;
}

/**
 * A streaming decoder that can fall back from UTF-8 to Windows-1252 on an ASCII-only start. It
 * gives text (`decode`) or UTF-8 bytes (`decodeBytes`, for the byte scanner: UTF-8 input is only
 * checked, never turned into a string).
 */
export class TextStreamDecoder {
  private decoder: TextDecoder;
  private asciiSoFar = true;
  private bytesSeen = 0;
  /** The start of a UTF-8 character cut by the end of the last chunk (decodeBytes). */
  private pending: Buffer = EMPTY;
  private first = true;
  /** decodeBytes met a byte that is not UTF-8: from then on it goes through `decode`. */
  private throughText = false;

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

  /** A chunk as UTF-8 bytes. Same checks, fallback and errors as `decode`. */
  decodeBytes(chunk: Uint8Array): Buffer {
    const utf8 = this.name === 'utf-8' || this.name === 'utf-8-bom';
    if (!utf8 || this.throughText) return Buffer.from(this.decode(chunk), 'utf8');
    let data =
      this.pending.length === 0
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)
        : Buffer.concat([this.pending, chunk]);
    if (this.first) {
      this.first = false;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3); // BOM
    }
    const whole = wholeUtf8Length(data);
    const body = data.subarray(0, whole);
    if (isUtf8(body)) {
      this.pending = whole === data.length ? EMPTY : Buffer.from(data.subarray(whole));
      if (this.asciiSoFar && !isAscii(body)) this.asciiSoFar = false;
      this.bytesSeen += body.length;
      return body;
    }
    // Not UTF-8: the text way decides (bad bytes replaced when forced, Windows-1252 after an
    // ASCII start, else an error), for this chunk and the rest of the file.
    this.throughText = true;
    this.pending = EMPTY;
    return Buffer.from(this.decode(data), 'utf8');
  }

  /** The end of the input as UTF-8 bytes (see `end`). */
  endBytes(): Buffer {
    if (this.pending.length === 0) return Buffer.from(this.end(), 'utf8');
    const rest = this.pending;
    this.pending = EMPTY;
    return Buffer.from(this.decode(rest) + this.end(), 'utf8');
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
