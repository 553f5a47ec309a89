import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../errors.js';
import { checkEncodingLabel, detectEncoding, TextStreamDecoder } from './decode-text.js';

describe('detectEncoding', () => {
  it.each([
    [[0xef, 0xbb, 0xbf, 0x61], 'utf-8-bom'],
    [[0xff, 0xfe, 0x61, 0x00], 'utf-16le'],
    [[0xfe, 0xff, 0x00, 0x61], 'utf-16be'],
    [[0x61, 0x00, 0x62, 0x00], 'utf-16le'], // no BOM, zeros at odd positions
    [[0x00, 0x61, 0x00, 0x62], 'utf-16be'],
    [[0x63, 0x61, 0x66, 0xc3, 0xa9], 'utf-8'], // café
    // café in cp1252: 0xE9 alone is not UTF-8, but the decoder decides that, byte by byte
    [[0x63, 0x61, 0x66, 0xe9], 'utf-8'],
    [[0x61, 0x62], 'utf-8'],
    [[0x63, 0x00, 0x69, 0x00, 0x2c, 0x61, 0x62, 0x63, 0x64, 0x65], 'inconsistent'], // `c\0i\0,abcde`
    [[0x63, 0x00, 0x69, 0x00, 0x00, 0x00], 'inconsistent'], // a U+0000 unit
    [[0x63, 0x00, 0x69, 0x00, 0x2c, 0x00, 0xac, 0x20], 'utf-16le'], // `ci,€`: 3 of 4 high bytes zero
  ])('%j -> %s', (bytes, encoding) => {
    expect(detectEncoding(Uint8Array.from(bytes), true)).toBe(encoding);
  });

  it('a lead byte at the end of a partial prefix may be a cut UTF-8 character', () => {
    expect(detectEncoding(Uint8Array.from([0x63, 0x61, 0x66, 0xc3]), false)).toBe('utf-8');
  });
});

describe('TextStreamDecoder', () => {
  it('decodes a UTF-8 character split across chunks', () => {
    const d = new TextStreamDecoder('utf-8', false, 'f.csv');
    expect(d.decode(Uint8Array.from([0x63, 0xc3])) + d.decode(Uint8Array.from([0xa9])) + d.end()).toBe('cé');
  });

  it('refuses a bad byte after non-ASCII UTF-8 (mixed encodings)', () => {
    const d = new TextStreamDecoder('utf-8', false, 'f.csv');
    d.decode(Buffer.from('café\n', 'utf8'));
    expect(() => d.decode(Uint8Array.from([0xe9, 0x0a]))).toThrow(DataError);
  });

  it('maps cp1252 bytes 0x80-0x9F as Windows does (€, ’, œ)', () => {
    const d = new TextStreamDecoder('windows-1252', false, 'f.csv');
    expect(d.decode(Uint8Array.from([0x80, 0x92, 0x9c]))).toBe('€’œ');
  });
});

describe('TextStreamDecoder.decodeBytes (UTF-8 bytes for the scanner)', () => {
  const bytesOf = (d: TextStreamDecoder, chunks: number[][]): string =>
    Buffer.concat([...chunks.map((c) => d.decodeBytes(Uint8Array.from(c))), d.endBytes()]).toString('utf8');

  it('passes UTF-8 through whatever the cuts, holding a cut character for the next chunk (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ';', '\n', 'é', '€', '😀') }),
        fc.array(fc.nat(40), { maxLength: 6 }),
        (text, cuts) => {
          const bytes = [...Buffer.from(text, 'utf8')];
          const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
          const chunks: number[][] = [];
          let from = 0;
          for (const p of [...points, bytes.length]) {
            chunks.push(bytes.slice(from, p));
            from = p;
          }
          expect(bytesOf(new TextStreamDecoder('utf-8', false, 'f.csv'), chunks)).toBe(text);
        },
      ),
    );
  });

  it('drops the BOM, even when it is not alone in its chunk', () => {
    const d = new TextStreamDecoder('utf-8-bom', false, 'f.csv');
    expect(bytesOf(d, [[0xef, 0xbb, 0xbf, 0x61, 0x3b], [0x62]])).toBe('a;b');
  });

  it('turns Windows-1252 and UTF-16 into UTF-8', () => {
    expect(
      bytesOf(new TextStreamDecoder('windows-1252', false, 'f.csv'), [[0x63, 0x61, 0x66, 0xe9, 0x80]]),
    ).toBe('café€');
    expect(bytesOf(new TextStreamDecoder('utf-16le', false, 'f.csv'), [[0xe9, 0x00, 0x3b], [0x00]])).toBe(
      'é;',
    );
  });

  it('turns to Windows-1252 at a byte that is not UTF-8 after ASCII only, as decode does', () => {
    const d = new TextStreamDecoder('utf-8', false, 'f.csv');
    expect(
      bytesOf(d, [
        [0x61, 0x0a],
        [0x63, 0x61, 0x66, 0xe9, 0x0a],
      ]),
    ).toBe('a\ncafé\n');
    expect(d.encoding).toBe('windows-1252');
  });

  it('refuses a bad byte after non-ASCII UTF-8, and a file cut inside a character', () => {
    const mixed = new TextStreamDecoder('utf-8', false, 'f.csv');
    mixed.decodeBytes(Buffer.from('café\n', 'utf8'));
    expect(() => mixed.decodeBytes(Uint8Array.from([0xe9, 0x0a]))).toThrow(DataError);
    const cut = new TextStreamDecoder('utf-8', false, 'f.csv');
    cut.decodeBytes(Uint8Array.from([0xc3, 0xa9, 0xc3]));
    expect(() => cut.endBytes()).toThrow('the file ends in the middle of a UTF-8 character');
    // After ASCII only, a lead byte alone at the end is Windows-1252 (Ã), as anywhere else.
    expect(bytesOf(new TextStreamDecoder('utf-8', false, 'f.csv'), [[0x63, 0xc3]])).toBe('cÃ');
  });

  it('replaces bad bytes when UTF-8 is forced', () => {
    const d = new TextStreamDecoder('utf-8', true, 'f.csv');
    expect(bytesOf(d, [[0x61, 0xe9, 0x62]])).toBe('a\ufffdb');
  });
});

describe('checkEncodingLabel', () => {
  it.each([
    ['UTF-8', 'utf-8'],
    ['cp1252', 'windows-1252'],
    ['latin1', 'windows-1252'], // WHATWG: latin1 is windows-1252
    ['utf-16', 'utf-16le'],
    ['UTF-16BE', 'utf-16be'],
  ])('%s -> %s', (label, name) => {
    expect(checkEncodingLabel(label)).toBe(name);
  });
});

describe('one encoding rule for the whole file, however the bytes are cut (issue 17)', () => {
  const decodeAll = (chunks: Uint8Array[], strict = false): string => {
    const d = new TextStreamDecoder('utf-8', false, 'f.csv', { strict, countLines: true });
    return Buffer.concat([...chunks.map((c) => d.decodeBytes(c)), d.endBytes()]).toString('utf8');
  };
  const outcome = (chunks: Uint8Array[]): string => {
    try {
      return `ok:${decodeAll(chunks)}`;
    } catch (error) {
      return `error:${(error as DataError).problems.map((p) => `${p.line}:${p.message}`).join('|')}`;
    }
  };
  const cut = (bytes: Uint8Array, points: number[]): Uint8Array[] => {
    const sorted = [...new Set(points.map((p) => Math.min(p, bytes.length)))].sort((a, b) => a - b);
    const chunks: Uint8Array[] = [];
    let from = 0;
    for (const p of [...sorted, bytes.length]) {
      chunks.push(bytes.subarray(from, p));
      from = p;
    }
    return chunks;
  };

  it('drops a UTF-8 BOM cut into chunks of one byte (stdin), and keeps U+FEFF later on', () => {
    const bytes = Buffer.from('\ufeffa,b\n\ufeffc,d\n', 'utf8');
    const ones = [...bytes].map((b) => Uint8Array.of(b));
    const d = new TextStreamDecoder('utf-8-bom', false, 'f.csv');
    const out = Buffer.concat([...ones.map((c) => d.decodeBytes(c)), d.endBytes()]).toString('utf8');
    expect(out).toBe('a,b\n\ufeffc,d\n');
    // Detected as plain UTF-8 (say a forced one): the first three bytes are still the BOM only.
    expect(decodeAll([Uint8Array.of(0xef), Uint8Array.of(0xbb, 0xbf, 0x61)])).toBe('a');
    expect(decodeAll([Uint8Array.of(0x61, 0xef, 0xbb, 0xbf)])).toBe('a\ufeff');
  });

  it('refuses UTF-8 then a byte that is not UTF-8, naming line and byte', () => {
    // "René\n" is 6 bytes (é = C3 A9); then "x" and 0xE9 alone: byte 8, line 2.
    const bytes = Buffer.concat([Buffer.from('René\nx', 'utf8'), Uint8Array.of(0xe9, 0x0a)]);
    expect(outcome([bytes])).toBe(
      'error:2:byte 8 (0xE9) is not UTF-8, although UTF-8 characters came before it: the file mixes encodings',
    );
  });

  it('refuses Windows-1252 then what UTF-8 makes of é (C3 A9), naming line and byte', () => {
    const bytes = Buffer.concat([Uint8Array.of(0x63, 0x61, 0x66, 0xe9, 0x0a), Buffer.from('René\n', 'utf8')]);
    expect(outcome([bytes])).toBe(
      'error:2:byte 9 starts a UTF-8 character (0xC3 0xA9), although the file was read as Windows-1252 before it: the file mixes encodings',
    );
  });

  it('refuses Windows-1252 then what UTF-8 makes of ’ (E2 80 99), even cut between chunks', () => {
    // "é\n" in cp1252 (2 bytes), then "l’a" in UTF-8: l (3), E2 (4) 80 99.
    const bytes = Uint8Array.of(0xe9, 0x0a, 0x6c, 0xe2, 0x80, 0x99, 0x61);
    const want =
      'error:2:byte 4 starts a UTF-8 character (0xE2 0x80 0x99), although the file was read as Windows-1252 before it: the file mixes encodings';
    for (let c = 0; c <= bytes.length; c++) expect(outcome(cut(bytes, [c]))).toBe(want);
    // « ÉTÉ » in cp1252 ends in C9 BB (É»), valid UTF-8 but no sign of it: read as Windows-1252.
    expect(decodeAll([Uint8Array.of(0xe9, 0xc9, 0xbb)])).toBe('éÉ»');
  });

  it('reads ASCII then Windows-1252 as Windows-1252; a note only when the guess is doubtful; --strict refuses a doubtful guess', () => {
    const bytes = Uint8Array.of(0x61, 0x0a, 0x52, 0x65, 0x6e, 0xe9, 0x0a); // "a\nRen" 0xE9 "\n"
    const d = new TextStreamDecoder('utf-8', false, 'f.csv', { countLines: true });
    expect(Buffer.concat([d.decodeBytes(bytes), d.endBytes()]).toString('utf8')).toBe('a\nRené\n');
    expect(d.encoding).toBe('windows-1252');
    // A clean Windows-1252 file (é is 0xE9, a letter there): no note on every run any more
    // (issue 13: Excel's French CSV printed it each time); inspect shows the encoding.
    expect(d.notes).toEqual([]);
    // "Soci" 0x82 "t" 0x82: é as DOS (CP850) writes it; 0x82 between letters is a sign (‚) in
    // Windows-1252: the guess may be wrong, told with the byte (by hand: "a\nSoci" is 7 bytes).
    const dos = Uint8Array.of(0x61, 0x0a, 0x53, 0x6f, 0x63, 0x69, 0x82, 0x74, 0x82, 0x0a);
    for (let c = 1; c <= dos.length; c++) {
      const e = new TextStreamDecoder('utf-8', false, 'f.csv', { countLines: true });
      for (let i = 0; i < dos.length; i += c) e.decodeBytes(dos.subarray(i, i + c));
      e.endBytes();
      expect(e.notes.map((n) => n.en)).toEqual([
        `f.csv:2: byte 7 is not UTF-8; the file is read as Windows-1252 (Excel's "CSV" on Windows); give --encoding to choose another`,
        'f.csv:2: byte 7 (0x82) sits between two letters, where Windows-1252 has a sign, not a letter: the file may have another encoding (DOS, Mac); check its accents, or give --encoding',
      ]);
    }
    // ’ (0x92) and œ (0x9C) inside words, € (0x80) after a space: French, no note.
    const french = Uint8Array.of(
      0x6c,
      0x92,
      0x61,
      0x2c,
      0x63,
      0x9c,
      0x75,
      0x72,
      0x2c,
      0x31,
      0x20,
      0x80,
      0x0a,
    );
    const f = new TextStreamDecoder('utf-8', false, 'f.csv', { countLines: true });
    f.decodeBytes(french);
    f.endBytes();
    expect(f.notes).toEqual([]);
    expect(decodeAll([bytes], true)).toBe('a\nRené\n');
    // 0x9D is no character in Windows-1252: a doubtful guess.
    expect(() => decodeAll([Uint8Array.of(0x61, 0xe9, 0x9d)], true)).toThrow(DataError);
  });

  it('gives the same text or the same error whatever the chunks (property)', () => {
    // Pieces: ASCII, UTF-8 characters (2, 3, 4 bytes), Windows-1252 bytes, a BOM, line breaks.
    const piece = fc.constantFrom(
      [0x61],
      [0x2c],
      [0x0a],
      [0x0d],
      [0xc3, 0xa9],
      [0xe2, 0x82, 0xac],
      [0xf0, 0x9f, 0x98, 0x80],
      [0xe9],
      [0x80],
      [0xc3],
      [0xef, 0xbb, 0xbf],
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }),
        fc.array(fc.nat(60), { maxLength: 8 }),
        (pieces, points) => {
          const bytes = Uint8Array.from(pieces.flat());
          expect(outcome(cut(bytes, points))).toBe(outcome([bytes]));
        },
      ),
      { numRuns: 500 },
    );
  });
});
