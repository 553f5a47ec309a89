/**
 * A look at an `.xlsx` file before any library opens it: is it a zip archive at all, an old `.xls`,
 * a password-protected workbook (both are OLE2 compound files), a zip bomb; and the workbook's
 * sheets in their order, from `xl/workbook.xml`. Reads the zip's central directory (at the end of
 * the file) and two small entries; never the sheets.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { pipeline, Readable, Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

/** One file of the archive, as the central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** The CRC-32 of the unpacked bytes. */
  crc: number;
}

/** Why a file is not a workbook that prospect can read. */
export type WorkbookProblem =
  | { kind: 'xls' }
  | { kind: 'encrypted' }
  | { kind: 'not-zip' }
  | { kind: 'not-workbook' }
  | { kind: 'bomb'; entry: string; uncompressedSize: number }
  | { kind: 'corrupt'; detail: string };

export class WorkbookFileError extends Error {
  constructor(readonly problem: WorkbookProblem) {
    super(problem.kind);
  }
}

/** The sheets, and where the parts that the reader needs start in the file. */
export interface WorkbookParts {
  sheets: SheetEntry[];
  parts: Map<string, { entry: ZipEntry; start: number }>;
}

/** A sheet of the workbook, in the workbook's order. */
export interface SheetEntry {
  name: string;
  /** The number N of its part `xl/worksheets/sheetN.xml`, or undefined for another kind of part
   * (a chart sheet, a part named otherwise). */
  partNumber: string | undefined;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (zip's), continued from `previous`: Node's own (20.15 and later), else by table. */
function crc32(bytes: Uint8Array, previous: number): number {
  const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  if (native !== undefined) return native(bytes, previous);
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++)
    c = (crcTable[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The largest part prospect unpacks: 4 GiB of sheet XML is tens of millions of rows, more than
 * Excel holds (1,048,576 rows); shared strings are held in memory, so they get less.
 */
export const MAX_PART_BYTES = 4 * 1024 ** 3;
export const MAX_SHARED_STRINGS_BYTES = 512 * 1024 ** 2;
/** Deflate cannot pack text more than about 1032 to 1; real sheets pack 5 to 50 to 1. Past this
 * ratio on a large part, the archive was made to explode. */
export const MAX_RATIO = 200;
const RATIO_FLOOR_BYTES = 64 * 1024 ** 2;

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

const ENCRYPTED_NAME = Buffer.from('EncryptedPackage', 'utf16le');

/** The entries of the archive at `fd` (of `size` bytes); throws WorkbookFileError. */
function readCentralDirectory(fd: number, size: number): ZipEntry[] {
  const head = readAt(fd, 0, Math.min(size, 8));
  if (head.length === 8 && OLE_SIGNATURE.every((b, i) => head[i] === b)) {
    // An OLE2 compound file: an Excel 97-2003 workbook, or an encrypted .xlsx (its package is
    // the stream "EncryptedPackage"; its name sits in a directory sector, usually near an end).
    const span = 1024 * 1024;
    const start = readAt(fd, 0, Math.min(size, span));
    const end = size > span ? readAt(fd, size - span, span) : Buffer.alloc(0);
    if (start.includes(ENCRYPTED_NAME) || end.includes(ENCRYPTED_NAME))
      throw new WorkbookFileError({ kind: 'encrypted' });
    throw new WorkbookFileError({ kind: 'xls' });
  }
  if (head.length < 4 || head.readUInt32LE(0) !== LOCAL) throw new WorkbookFileError({ kind: 'not-zip' });
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = readAt(fd, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0)
    throw new WorkbookFileError({ kind: 'corrupt', detail: 'no end of zip directory (truncated?)' });
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locatorAt = at - 20;
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR)
      throw new WorkbookFileError({ kind: 'corrupt', detail: 'zip64 locator missing' });
    const recordOffset = Number(tail.readBigUInt64LE(locatorAt + 8));
    const record = readAt(fd, recordOffset, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD)
      throw new WorkbookFileError({ kind: 'corrupt', detail: 'zip64 directory missing' });
    count = Number(record.readBigUInt64LE(32));
    cdSize = Number(record.readBigUInt64LE(40));
    cdOffset = Number(record.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024)
    throw new WorkbookFileError({ kind: 'corrupt', detail: 'the zip directory points outside the file' });
  const cd = readAt(fd, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL)
      throw new WorkbookFileError({ kind: 'corrupt', detail: 'a damaged zip directory entry' });
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let localOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
    // zip64: the sizes and offset that do not fit 32 bits are in the extra field 0x0001, in order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = cd.readUInt16LE(e);
      const length = cd.readUInt16LE(e + 2);
      if (id === 1) {
        let q = e + 4;
        const next = (): number => {
          const v = q + 8 <= e + 4 + length ? Number(cd.readBigUInt64LE(q)) : Number.NaN;
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + length;
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localOffset, crc });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** The bytes of a small entry, unpacked (at most `limit` bytes). */
function readEntry(fd: number, entry: ZipEntry, limit: number): Buffer {
  const local = readAt(fd, entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
    throw new WorkbookFileError({ kind: 'corrupt', detail: `a damaged zip entry (${entry.name})` });
  const start = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const packed = readAt(fd, start, entry.compressedSize);
  try {
    if (entry.method === 0) return packed.subarray(0, limit);
    if (entry.method === 8) return inflateRawSync(packed, { maxOutputLength: limit });
  } catch (error) {
    throw new WorkbookFileError({
      kind: 'corrupt',
      detail: `${entry.name} cannot be unpacked (${(error as Error).message})`,
    });
  }
  throw new WorkbookFileError({ kind: 'corrupt', detail: `${entry.name} uses zip method ${entry.method}` });
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, code: string) => {
    if (code === 'lt') return '<';
    if (code === 'gt') return '>';
    if (code === 'amp') return '&';
    if (code === 'quot') return '"';
    if (code === 'apos') return "'";
    const n = code.startsWith('#x') ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
  });
}

/** The attributes of an XML start tag (`name="value"`, prefixes kept: `r:id`). */
function attributes(tag: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    result.set(m[1] as string, decodeXml(m[2] ?? m[3] ?? ''));
  }
  return result;
}

/**
 * Checks the archive at `fullPath` and lists its sheets in the workbook's order. Throws
 * WorkbookFileError for an `.xls`, a password-protected workbook, a file that is no zip, a zip
 * that holds no workbook, an encrypted entry, or a part that would unpack beyond the limits.
 */
export function readWorkbookSheets(fullPath: string, size: number): WorkbookParts {
  const fd = openSync(fullPath, 'r');
  try {
    const entries = readCentralDirectory(fd, size);
    const byName = new Map(entries.map((e) => [e.name, e]));
    const workbook = byName.get('xl/workbook.xml');
    if (workbook === undefined) throw new WorkbookFileError({ kind: 'not-workbook' });
    for (const e of entries) {
      if ((e.flags & 1) !== 0) throw new WorkbookFileError({ kind: 'encrypted' });
      const limit = e.name === 'xl/sharedStrings.xml' ? MAX_SHARED_STRINGS_BYTES : MAX_PART_BYTES;
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      if (!(e.uncompressedSize <= limit) || (e.uncompressedSize > RATIO_FLOOR_BYTES && ratio > MAX_RATIO))
        throw new WorkbookFileError({ kind: 'bomb', entry: e.name, uncompressedSize: e.uncompressedSize });
    }
    const workbookXml = readEntry(fd, workbook, 16 * 1024 * 1024).toString('utf8');
    const rels = byName.get('xl/_rels/workbook.xml.rels');
    const targets = new Map<string, string>();
    if (rels !== undefined) {
      const relsXml = readEntry(fd, rels, 16 * 1024 * 1024).toString('utf8');
      for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
        const a = attributes(m[0]);
        const id = a.get('Id');
        const target = a.get('Target');
        if (id !== undefined && target !== undefined) targets.set(id, target);
      }
    }
    const sheets: SheetEntry[] = [];
    for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const a = attributes(m[0]);
      const name = a.get('name');
      if (name === undefined) continue;
      let rid: string | undefined;
      for (const [key, value] of a) if (key === 'id' || key.endsWith(':id')) rid = value;
      const target = rid === undefined ? undefined : targets.get(rid);
      const part = target === undefined ? undefined : /(?:^|\/)worksheets\/sheet(\d+)\.xml$/.exec(target);
      sheets.push({ name, partNumber: part?.[1] });
    }
    if (sheets.length === 0) throw new WorkbookFileError({ kind: 'not-workbook' });
    const dataStart = (entry: ZipEntry): number => {
      const local = readAt(fd, entry.localOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
        throw new WorkbookFileError({ kind: 'corrupt', detail: `a damaged zip entry (${entry.name})` });
      return entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    };
    const parts = new Map<string, { entry: ZipEntry; start: number }>();
    for (const name of ['xl/styles.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml']) {
      const entry = byName.get(name);
      if (entry !== undefined) parts.set(name, { entry, start: dataStart(entry) });
    }
    for (const sheet of sheets) {
      const entry =
        sheet.partNumber === undefined ? undefined : byName.get(`xl/worksheets/sheet${sheet.partNumber}.xml`);
      if (entry === undefined) sheet.partNumber = undefined;
      else parts.set(`xl/worksheets/sheet${sheet.partNumber}.xml`, { entry, start: dataStart(entry) });
    }
    return { sheets, parts };
  } finally {
    closeSync(fd);
  }
}

/**
 * A part of the archive, unpacked as it is read, as UTF-8 text chunks (a character is never cut
 * between two chunks). Errors (damaged data, more bytes than the part declares or than `limit`: a
 * zip bomb) come as an error of the stream.
 */
export function openPartStream(
  fullPath: string,
  part: { entry: ZipEntry; start: number },
  limit: number,
): Readable {
  const { entry, start } = part;
  if (entry.method !== 0 && entry.method !== 8)
    throw new WorkbookFileError({ kind: 'corrupt', detail: `${entry.name} uses zip method ${entry.method}` });
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(fullPath, {
    start,
    end: start + entry.compressedSize - 1,
    highWaterMark: 64 * 1024,
  });
  const most = Math.min(limit, entry.uncompressedSize);
  let total = 0;
  let crc = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      crc = crc32(chunk, crc);
      if (total > most)
        callback(new WorkbookFileError({ kind: 'bomb', entry: entry.name, uncompressedSize: total }));
      else callback(null, chunk);
    },
    flush(callback) {
      // Damage that still unpacks (a changed byte in stored data, or deflate that happens to
      // decode) shows in the checksum.
      if (crc !== entry.crc || total !== entry.uncompressedSize)
        callback(new WorkbookFileError({ kind: 'corrupt', detail: `${entry.name} fails its checksum` }));
      else callback();
    },
  });
  counter.setEncoding('utf8');
  const stages = entry.method === 8 ? [raw, createInflateRaw(), counter] : [raw, counter];
  pipeline(stages, () => undefined); // an error ends up on `counter`, which the reader iterates
  return counter;
}
