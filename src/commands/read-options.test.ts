import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import type { Context } from '../io/context.js';
import { addReadOptions, buildReadOptions, type ReadFlags } from './read-options.js';

/** A run whose stderr is not a terminal: no progress display. */
const ctx = {
  io: { stderrIsTTY: false, env: {} },
  lang: 'en',
  quiet: false,
} as unknown as Context;

function parse(args: string[]): ReadFlags {
  const command = addReadOptions(new Command('x')).exitOverride();
  command.parse(args, { from: 'user' });
  return command.opts<ReadFlags>();
}

describe('read options', () => {
  it('turns the flags into ReadOptions', () => {
    const flags = parse([
      '--encoding',
      'cp1252',
      '--delimiter',
      'tab',
      '--decimal',
      ',',
      '--date-format',
      'MM/DD/YYYY',
      '--map',
      'revenue=CA 2025',
      '--map',
      'clientId = N° client',
      '--columns',
      'map.yaml',
      '--rejects',
      'bad.csv',
      '--strict',
      '--sheet',
      'Clients',
    ]);
    const { progress, note, lang, ...options } = buildReadOptions(flags, ctx);
    expect(lang).toBe('en');
    expect(typeof note).toBe('function');
    expect(progress?.('in.csv')).toBeUndefined();
    expect({ ...options, map: { ...options.map } }).toEqual({
      encoding: 'cp1252',
      delimiter: '\t',
      decimal: ',',
      dateFormat: 'mdy',
      map: { revenue: 'CA 2025', clientId: 'N° client' },
      columnsFile: 'map.yaml',
      rejectsFile: 'bad.csv',
      strict: true,
      sheet: 'Clients',
    });
  });

  it('gives nothing without flags', () => {
    const { progress, note: _note, lang: _lang, ...options } = buildReadOptions(parse([]), ctx);
    expect(options).toEqual({});
    expect(progress?.('in.csv')).toBeUndefined();
  });

  it.each([
    [{ delimiter: ':' }, '--delimiter: ":" is not a separator; expected , ; tab or |.'],
    [
      { dateFormat: 'yy' },
      '--date-format: "yy" is not a date order; expected dmy, mdy or ymd (or DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD).',
    ],
    [
      { map: ['revenue'] },
      '--map: "revenue" is not field=Header; expected for example --map revenue="CA 2025".',
    ],
    [{ map: ['=CA'] }, '--map: "=CA" is not field=Header; expected for example --map revenue="CA 2025".'],
    [{ decimal: ';' }, '--decimal: ";" is not a decimal mark; expected , or .'],
  ])('%j is a usage error', (flags, message) => {
    expect(() => buildReadOptions(flags as ReadFlags, ctx)).toThrow(UsageError);
    expect(() => buildReadOptions(flags as ReadFlags, ctx)).toThrow(message);
  });
});
