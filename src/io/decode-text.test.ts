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
    [[0x63, 0x61, 0x66, 0xe9], 'windows-1252'], // café in cp1252: 0xE9 alone is not UTF-8
    [[0x61, 0x62], 'utf-8'],
  ])('%j -> %s', (bytes, encoding) => {
    expect(detectEncoding(Uint8Array.from(bytes), true)).toBe(encoding);
  });

  it('a lead byte at the end of a partial prefix may be a cut UTF-8 character', () => {
    expect(detectEncoding(Uint8Array.from([0x63, 0x61, 0x66, 0xc3]), false)).toBe('utf-8');
    expect(detectEncoding(Uint8Array.from([0x63, 0x61, 0x66, 0xc3]), true)).toBe('windows-1252');
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
    cut.decodeBytes(Uint8Array.from([0x63, 0xc3]));
    expect(() => cut.endBytes()).toThrow('the file ends in the middle of a UTF-8 character');
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
