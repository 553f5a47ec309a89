/**
 * Bytes to text, whichever way Excel or a CRM saved the file: UTF-8 with or without BOM, UTF-16LE
 * or BE with BOM ("Unicode text"), Windows-1252 (Excel's "CSV" on Windows). One rule for the whole
 * file, decided byte by byte as the bytes come (so the same bytes give the same text however they
 * are cut into chunks, file or stdin):
 * - a BOM decides (only the file's first bytes can be one), and so does `--encoding`;
 * - UTF-16 without BOM only when the NULs of the start show it throughout (ASCII text in UTF-16
 *   has a zero in every other byte); NULs in any other pattern there are an error;
 * - otherwise the bytes are checked as UTF-8: valid throughout, the file is UTF-8. At the first
 *   byte that is not UTF-8: when every byte before it was ASCII, the file is Windows-1252 from
 *   there on (lossless: ASCII is the same in both), with a note. When UTF-8 characters came
 *   before it, the file mixes encodings: an error naming the line and byte. The same error when a
 *   Windows-1252 file later shows what UTF-8 makes of é, è, à, ç... or ’ € – (C2 or C3 then one
 *   of 80-BF, E2 then two: "Ã©", "â€™" when read as Windows-1252). A byte that is no character in
 *   Windows-1252 either (0x81, 0x8D, 0x8F, 0x90, 0x9D) makes that guess doubtful: another note, or
 *   an error with `--strict`; so does UTF-16 without BOM.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { DataError, inBoth, UsageError } from '../errors.js';
import type { Texts } from '../i18n.js';

/** What the reader reports: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1252`... */
export type EncodingName = string;

/** The share of two-byte units whose high byte must be zero for UTF-16 without a BOM. */
const UTF16_ZERO_SHARE = 0.5;

/**
 * The encoding of a file from its first bytes (`complete` when they are the whole file): a BOM
 * decides, then UTF-16 without BOM (see `checkUtf16WithoutBom`), else `utf-8`, checked byte by
 * byte by TextStreamDecoder (which turns to Windows-1252 when the rule above says so).
 * `inconsistent`: zero bytes at the start that follow no UTF-16 pattern.
 */
export function detectEncoding(prefix: Uint8Array, complete = false): EncodingName {
  void complete;
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) return 'utf-8-bom';
  if (prefix[0] === 0xff && prefix[1] === 0xfe) return 'utf-16le';
  if (prefix[0] === 0xfe && prefix[1] === 0xff) return 'utf-16be';
  return utf16WithoutBom(prefix) ?? 'utf-8';
}

/**
 * UTF-16 without BOM: the start looks like it (a zero byte at position 1 and 3, or 0 and 2) and
 * the whole prefix agrees: no 00 00 unit, the zeros on one side only, at least half the units
 * with a zero high byte. Undefined when the start does not look like UTF-16.
 */
function utf16WithoutBom(prefix: Uint8Array): 'utf-16le' | 'utf-16be' | 'inconsistent' | undefined {
  const le = prefix.length >= 4 && prefix[1] === 0 && prefix[3] === 0 && prefix[0] !== 0;
  const be = prefix.length >= 4 && prefix[0] === 0 && prefix[2] === 0 && prefix[1] !== 0;
  if (!le && !be) return undefined;
  const units = prefix.length >> 1;
  let high = 0;
  for (let u = 0; u < units; u++) {
    const lo = prefix[2 * u + (le ? 0 : 1)] as number;
    const hi = prefix[2 * u + (le ? 1 : 0)] as number;
    if (lo === 0 && hi === 0) return 'inconsistent';
    if (hi === 0) high++;
  }
  return high >= units * UTF16_ZERO_SHARE ? (le ? 'utf-16le' : 'utf-16be') : 'inconsistent';
}

/**
 * The encoding of a file from its first bytes, as `detectEncoding`, with the note that a guess
 * calls for (UTF-16 without BOM), or a DataError for NULs that follow no pattern.
 */
export function guessEncoding(
  prefix: Uint8Array,
  complete: boolean,
  file: string,
): { encoding: EncodingName; note?: Texts } {
  const encoding = detectEncoding(prefix, complete);
  const bom =
    encoding === 'utf-8-bom' ||
    (prefix[0] === 0xff && prefix[1] === 0xfe) ||
    (prefix[0] === 0xfe && prefix[1] === 0xff);
  if (encoding === 'inconsistent') {
    throw new DataError(
      [
        {
          file,
          line: 1,
          ...inBoth({
            en: 'zero bytes (NUL) at the start, but not in the pattern of UTF-16 text; expected a text file: re-save it as UTF-8, or give --encoding utf-16le or utf-16be',
            fr: 'des octets nuls (NUL) au début, mais pas selon le motif d’un texte UTF-16 ; attendu : un fichier texte : réenregistrez-le en UTF-8, ou donnez --encoding utf-16le ou utf-16be',
          }),
        },
      ],
      undefined,
    );
  }
  if ((encoding === 'utf-16le' || encoding === 'utf-16be') && !bom) {
    const name = encoding.toUpperCase().replace('UTF-16', 'UTF-16 ');
    return {
      encoding,
      note: {
        en: `${file}: no BOM, but zero bytes in every other byte: read as ${name}; give --encoding to choose another`,
        fr: `${file} : pas de BOM, mais un octet nul sur deux : lu comme ${name} ; --encoding pour en choisir un autre`,
      },
    };
  }
  return { encoding };
}

/** The WHATWG label of an `--encoding` value, or a usage error. */
export function checkEncodingLabel(label: string): EncodingName {
  const lower = label.trim().toLowerCase();
  const alias: Record<string, string> = { cp1252: 'windows-1252', 'utf-16': 'utf-16le', utf16: 'utf-16le' };
  const name = alias[lower] ?? lower;
  try {
    return new TextDecoder(name).encoding;
  } catch {
    throw new UsageError({
      en: `--encoding: "${label}" is not an encoding; expected utf-8, utf-16le, utf-16be, windows-1252 or latin1.`,
      fr: `--encoding : « ${label} » n’est pas un encodage ; attendu : utf-8, utf-16le, utf-16be, windows-1252 ou latin1.`,
    });
  }
}

const EMPTY: Buffer = Buffer.alloc(0);

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
 * The first byte of `data` that does not belong to a valid UTF-8 character (RFC 3629: no
 * overlong form, no surrogate, nothing above U+10FFFF), and whether a character of two bytes or
 * more came before it. `data.length` when all is valid.
 */
export function firstInvalidUtf8(data: Uint8Array): { index: number; multibyteBefore: boolean } {
  const n = data.length;
  let multibyte = false;
  let i = 0;
  while (i < n) {
    const b = data[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let size = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) size = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      size = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      size = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    }
    if (size === 0 || i + size > n) return { index: i, multibyteBefore: multibyte };
    const second = data[i + 1] as number;
    if (second < lo || second > hi) return { index: i, multibyteBefore: multibyte };
    for (let k = 2; k < size; k++) {
      const c = data[i + k] as number;
      if (c < 0x80 || c > 0xbf) return { index: i, multibyteBefore: multibyte };
    }
    multibyte = true;
    i += size;
  }
  return { index: n, multibyteBefore: multibyte };
}

/** Line breaks in `data[from..to)`: LF, CRLF (one), lone CR; `afterCr`: the byte before was a CR. */
function countLineBreaks(data: Uint8Array, from: number, to: number, afterCr: boolean): number {
  let lines = 0;
  let cr = afterCr;
  for (let i = from; i < to; i++) {
    const c = data[i] as number;
    if (c === 13) lines++;
    else if (c === 10 && !cr) lines++;
    cr = c === 13;
  }
  return lines;
}

/** A letter in Windows-1252: A-Z, a-z, and À-ÿ but × and ÷. */
function isLetter1252(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0xc0 && b !== 0xd7 && b !== 0xf7);
}

/** The bytes that are no character in Windows-1252. */
const UNDEFINED_1252 = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/** Where the UTF-8 check stands (detected UTF-8 only). */
const ASCII_SO_FAR = 0;
const UTF8_SEEN = 1;
const FELL_BACK = 2; // turned to Windows-1252

/**
 * A streaming decoder applying the rule at the top of this file. It gives UTF-8 bytes
 * (`decodeBytes`, for the byte scanner: UTF-8 input is only checked, never turned into a string)
 * or text (`decode`). Line numbers in its messages: `lineBase` (the line where the next chunk
 * starts, set by the reader from its scanner) or, with `countLines`, counted by the decoder.
 */
export class TextStreamDecoder {
  private decoder: TextDecoder | undefined;
  private state = ASCII_SO_FAR;
  /** Bytes of the input passed so far (BOM included), for messages. */
  private bytesSeen = 0;
  /** The start of a UTF-8 character cut by the end of the last chunk. */
  private pending: Buffer = EMPTY;
  /** The first bytes, held until three are there to tell a UTF-8 BOM. */
  private head: Buffer | undefined = EMPTY;
  /** The last byte passed was a CR (line counting). */
  private lastCr = false;
  /** The last two bytes passed after a fall back to Windows-1252 (the mixing check). */
  private tail: Buffer = EMPTY;
  /** A byte with no character in Windows-1252 was met (noted once). */
  private undefinedSeen = false;
  /** The note of the fall back to Windows-1252: told only when the guess is doubtful. */
  private fallbackNote: Texts | undefined;
  /** A byte of 0x80-0x9F between two letters was met (noted once). */
  private oddSeen = false;
  /** The last two bytes passed (the check of 0x80-0x9F between letters, after a fall back). */
  private letterTail: Buffer = EMPTY;
  /** Line where the next chunk starts. */
  lineBase = 1;
  /** The notes a guess calls for (a Windows-1252 fallback), in order. */
  readonly notes: Texts[] = [];
  private readonly utf8Text = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(
    private name: EncodingName,
    private readonly forced: boolean,
    private readonly file: string,
    private readonly options: { strict?: boolean; countLines?: boolean } = {},
  ) {
    if (!this.isUtf8()) this.decoder = new TextDecoder(name, { fatal: false });
  }

  /** The encoding in use (it changes if a UTF-8 guess turns out to be Windows-1252). */
  get encoding(): EncodingName {
    return this.name;
  }

  private isUtf8(): boolean {
    return this.name === 'utf-8' || this.name === 'utf-8-bom';
  }

  /** A chunk as text (the sample); the same rule and errors as `decodeBytes`. */
  decode(chunk: Uint8Array): string {
    return this.utf8Text.decode(this.decodeBytes(chunk), { stream: true });
  }

  end(): string {
    return this.utf8Text.decode(this.endBytes());
  }

  /** A chunk as UTF-8 bytes, whole characters only (a cut one waits for the next chunk). */
  decodeBytes(chunk: Uint8Array): Buffer {
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (this.head !== undefined) {
      // The first three bytes of the input, whatever the chunks: a UTF-8 BOM is dropped.
      const head = this.head.length === 0 ? data : Buffer.concat([this.head, data]);
      if (
        head.length < 3 &&
        (head.length === 0 || head[0] === 0xef) &&
        (head.length < 2 || head[1] === 0xbb)
      ) {
        this.head = Buffer.from(head);
        return EMPTY;
      }
      this.head = undefined;
      data = head;
      if (this.isUtf8() && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
        this.bytesSeen += 3;
        data = data.subarray(3);
      }
    }
    return this.take(data);
  }

  /** The end of the input as UTF-8 bytes. */
  endBytes(): Buffer {
    let out: Buffer = EMPTY;
    if (this.head !== undefined && this.head.length > 0) {
      const head = this.head;
      this.head = undefined;
      out = this.take(head);
    }
    this.head = undefined;
    if (this.pending.length > 0) {
      const rest = this.pending;
      this.pending = EMPTY;
      // A character cut by the end of the input: not UTF-8, the rule decides.
      const tail = this.take(rest, true);
      out = out.length === 0 ? tail : Buffer.concat([out, tail]);
    }
    if (this.decoder !== undefined) {
      const text = this.decoder.decode();
      if (text !== '') out = Buffer.concat([out, Buffer.from(text, 'utf8')]);
    }
    return out;
  }

  private take(input: Buffer, atEnd = false): Buffer {
    if (!this.isUtf8()) return this.takeOther(input);
    const data = this.pending.length === 0 ? input : Buffer.concat([this.pending, input]);
    this.pending = EMPTY;
    const whole = atEnd ? data.length : wholeUtf8Length(data);
    const body = data.subarray(0, whole);
    if (isUtf8(body)) {
      this.pending = whole === data.length ? EMPTY : Buffer.from(data.subarray(whole));
      if (this.state === ASCII_SO_FAR && !isAscii(body)) this.state = UTF8_SEEN;
      this.passed(body, 0, body.length);
      return body;
    }
    if (this.forced) {
      // --encoding utf-8: bad bytes become U+FFFD.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(data.subarray(0, whole));
      this.pending = whole === data.length ? EMPTY : Buffer.from(data.subarray(whole));
      this.passed(data, 0, whole);
      return Buffer.from(text, 'utf8');
    }
    const { index, multibyteBefore } = firstInvalidUtf8(body);
    const where = this.where(body, index);
    if ((this.state === UTF8_SEEN || multibyteBefore) && atEnd && index >= wholeUtf8Length(body)) {
      throw new DataError(
        [
          {
            file: this.file,
            line: where.line,
            ...inBoth({
              en: 'the file ends in the middle of a UTF-8 character',
              fr: 'le fichier se termine au milieu d’un caractère UTF-8',
            }),
          },
        ],
        {
          en: `${this.file}: truncated UTF-8; re-save the file or give --encoding.`,
          fr: `${this.file} : UTF-8 tronqué ; réenregistrez le fichier ou donnez --encoding.`,
        },
      );
    }
    if (this.state === UTF8_SEEN || multibyteBefore) {
      throw new DataError(
        [
          {
            file: this.file,
            line: where.line,
            ...inBoth({
              en: `byte ${where.byte} (0x${(body[index] as number).toString(16).toUpperCase()}) is not UTF-8, although UTF-8 characters came before it: the file mixes encodings`,
              fr: `l’octet ${where.byte} (0x${(body[index] as number).toString(16).toUpperCase()}) n’est pas de l’UTF-8, alors que des caractères UTF-8 le précèdent : le fichier mélange les encodages`,
            }),
          },
        ],
        {
          en: `${this.file}: mixed encodings; re-save the file as UTF-8, or give --encoding utf-8 (bad bytes become \ufffd) or --encoding windows-1252.`,
          fr: `${this.file} : encodages mélangés ; réenregistrez le fichier en UTF-8, ou donnez --encoding utf-8 (les octets fautifs deviennent \ufffd) ou --encoding windows-1252.`,
        },
      );
    }
    // ASCII so far: Windows-1252 from here on. A clean guess is not told on every run (inspect
    // shows the encoding); the note comes when something makes it doubtful (tellFallback).
    this.fallbackNote = {
      en: `${this.file}:${where.line}: byte ${where.byte} is not UTF-8; the file is read as Windows-1252 (Excel's "CSV" on Windows); give --encoding to choose another`,
      fr: `${this.file}:${where.line} : l'octet ${where.byte} n'est pas de l'UTF-8 ; le fichier est lu comme Windows-1252 (le « CSV » d'Excel sous Windows) ; --encoding pour en choisir un autre`,
    };
    this.passed(body, 0, index);
    this.state = FELL_BACK;
    this.name = 'windows-1252';
    this.decoder = new TextDecoder('windows-1252');
    const ascii = data.subarray(0, index);
    // The rest of the chunk starts `index` bytes on: its notes count the lines before it too
    // (with countLines, passed() has counted them already).
    const shift = this.options.countLines ? 0 : countLineBreaks(body, 0, index, this.lastCr);
    this.lineBase += shift;
    let rest: Buffer;
    try {
      rest = this.takeOther(data.subarray(index));
    } finally {
      this.lineBase -= shift;
    }
    return ascii.length === 0 ? rest : Buffer.concat([ascii, rest]);
  }

  /** UTF-16 or Windows-1252 (given or fallen back to): decoded, then UTF-8 bytes. */
  private takeOther(data: Buffer): Buffer {
    if (this.state === FELL_BACK) {
      this.checkNoUtf8(data);
      if (!this.undefinedSeen) this.checkDefined(data);
      if (!this.oddSeen) this.checkBetweenLetters(data);
    }
    const text = (this.decoder as TextDecoder).decode(data, { stream: true });
    this.passed(data, 0, data.length);
    return Buffer.from(text, 'utf8');
  }

  /**
   * After a fall back to Windows-1252: a byte that is no character there (0x81, 0x8D, 0x8F, 0x90,
   * 0x9D) makes the guess unclean: a note (kept as a control character), or an error with --strict.
   */
  private checkDefined(data: Buffer): void {
    let at = -1;
    for (const b of UNDEFINED_1252) {
      const i = data.indexOf(b);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at < 0) return;
    this.undefinedSeen = true;
    const where = this.where(data, at);
    const hex = (data[at] as number).toString(16).toUpperCase();
    if (this.options.strict) {
      throw new DataError(
        [
          {
            file: this.file,
            line: where.line,
            ...inBoth({
              en: `byte ${where.byte} (0x${hex}) is neither UTF-8 nor a character of Windows-1252 (--strict refuses a doubtful guess); give --encoding, or re-save the file as UTF-8`,
              fr: `l’octet ${where.byte} (0x${hex}) n’est ni de l’UTF-8 ni un caractère de Windows-1252 (--strict refuse une supposition douteuse) ; donnez --encoding, ou réenregistrez le fichier en UTF-8`,
            }),
          },
        ],
        undefined,
      );
    }
    this.tellFallback();
    this.notes.push({
      en: `${this.file}:${where.line}: byte ${where.byte} (0x${hex}) is no character in Windows-1252 either; kept as a control character; give --encoding if the file has another encoding`,
      fr: `${this.file}:${where.line} : l'octet ${where.byte} (0x${hex}) n'est pas non plus un caractère de Windows-1252 ; gardé comme caractère de contrôle ; --encoding si le fichier a un autre encodage`,
    });
  }

  /** Tells the fall back to Windows-1252 once, when the guess turns out doubtful. */
  private tellFallback(): void {
    if (this.fallbackNote === undefined) return;
    this.notes.push(this.fallbackNote);
    this.fallbackNote = undefined;
  }

  /**
   * After a fall back to Windows-1252: a byte of 0x80-0x9F between two letters makes the guess
   * doubtful. Windows-1252 puts its signs there (€ ‚ „ … † ‰ ‹ “ ” • – — ™ ›), which French text
   * writes next to spaces and digits; inside a word only ’ (l’offre) and œ Œ (cœur) belong. The
   * French letters of DOS (CP850: é is 0x82, à 0x85, è 0x8A) and Mac (Mac Roman: é is 0x8E, à
   * 0x88) files land there: "Soci‚t‚". Then the fall back and this byte are told.
   */
  private checkBetweenLetters(data: Buffer): void {
    const tail = this.letterTail;
    const view = tail.length === 0 ? data : Buffer.concat([tail, data]);
    for (let i = 1; i + 1 < view.length; i++) {
      const b = view[i] as number;
      if (b < 0x80 || b > 0x9f || b === 0x92 || b === 0x8c || b === 0x9c) continue;
      if (!isLetter1252(view[i - 1] as number) || !isLetter1252(view[i + 1] as number)) continue;
      this.oddSeen = true;
      const inData = i - tail.length;
      const where = this.where(data, Math.max(inData, 0));
      where.byte += Math.min(inData, 0);
      const hex = b.toString(16).toUpperCase();
      this.tellFallback();
      this.notes.push({
        en: `${this.file}:${where.line}: byte ${where.byte} (0x${hex}) sits between two letters, where Windows-1252 has a sign, not a letter: the file may have another encoding (DOS, Mac); check its accents, or give --encoding`,
        fr: `${this.file}:${where.line} : l'octet ${where.byte} (0x${hex}) est entre deux lettres, là où Windows-1252 a un signe, pas une lettre : le fichier a peut-être un autre encodage (DOS, Mac) ; vérifiez ses accents, ou donnez --encoding`,
      });
      return;
    }
  }

  /**
   * After a fall back to Windows-1252: the bytes UTF-8 gives the Latin-1 letters and signs (C2 or
   * C3, then one of 80-BF: é is C3 A9, read as "Ã©") or the punctuation of U+2000-U+2FFF (E2,
   * then two of 80-BF: ’ is E2 80 99, read as "â€™") mean mixed encodings. Other valid UTF-8
   * pairs are left alone: Windows-1252 text makes them (« ÉTÉ » ends in C9 BB).
   */
  private checkNoUtf8(data: Buffer): void {
    const tail = this.tail;
    const view = tail.length === 0 ? data : Buffer.concat([tail, data]);
    const n = view.length;
    // Each lead byte looked for with indexOf (native), not byte by byte: this runs on every chunk.
    let at = -1;
    for (const lead of [0xc2, 0xc3, 0xe2]) {
      const size = lead === 0xe2 ? 3 : 2;
      for (
        let i = view.indexOf(lead);
        i >= 0 && i + size <= n && (at < 0 || i < at);
        i = view.indexOf(lead, i + 1)
      ) {
        const b1 = view[i + 1] as number;
        const b2 = size === 3 ? (view[i + 2] as number) : 0x80;
        if (b1 >= 0x80 && b1 <= 0xbf && b2 >= 0x80 && b2 <= 0xbf) {
          at = i;
          break;
        }
      }
    }
    this.tail = Buffer.from(view.subarray(Math.max(0, n - 2)));
    if (at < 0) return;
    const inData = at - tail.length;
    const where = this.where(data, Math.max(inData, 0));
    where.byte += Math.min(inData, 0);
    const shown = [...view.subarray(at, at + ((view[at] as number) === 0xe2 ? 3 : 2))]
      .map((b) => `0x${b.toString(16).toUpperCase()}`)
      .join(' ');
    throw new DataError(
      [
        {
          file: this.file,
          line: where.line,
          ...inBoth({
            en: `byte ${where.byte} starts a UTF-8 character (${shown}), although the file was read as Windows-1252 before it: the file mixes encodings`,
            fr: `l’octet ${where.byte} commence un caractère UTF-8 (${shown}), alors que le fichier a été lu comme Windows-1252 avant lui : le fichier mélange les encodages`,
          }),
        },
      ],
      {
        en: `${this.file}: mixed encodings; re-save the file as UTF-8, or give --encoding utf-8 or --encoding windows-1252.`,
        fr: `${this.file} : encodages mélangés ; réenregistrez le fichier en UTF-8, ou donnez --encoding utf-8 ou --encoding windows-1252.`,
      },
    );
  }

  /** Counts the bytes `data[from..to)` as passed (and their line breaks, with countLines). */
  private passed(data: Uint8Array, from: number, to: number): void {
    this.bytesSeen += to - from;
    if (to - from >= 2) this.letterTail = Buffer.from(data.subarray(to - 2, to));
    else if (to > from)
      this.letterTail = Buffer.from([...this.letterTail.subarray(-1), data[to - 1] as number]);
    if (this.options.countLines && to > from) {
      this.lineBase += countLineBreaks(data, from, to, this.lastCr);
      this.lastCr = data[to - 1] === 13;
    }
  }

  /** The line and 1-based byte of the file at `data[index]` (data: the bytes not passed yet). */
  private where(data: Uint8Array, index: number): { line: number; byte: number } {
    return {
      line: this.lineBase + countLineBreaks(data, 0, index, this.lastCr),
      byte: this.bytesSeen + index + 1,
    };
  }
}
