import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { addReadOptions, buildReadOptions, type ReadFlags } from './read-options.js';

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
    ]);
    const options = buildReadOptions(flags);
    expect({ ...options, map: { ...options.map } }).toEqual({
      encoding: 'cp1252',
      delimiter: '\t',
      decimal: ',',
      dateFormat: 'mdy',
      map: { revenue: 'CA 2025', clientId: 'N° client' },
      columnsFile: 'map.yaml',
      rejectsFile: 'bad.csv',
      strict: true,
    });
  });

  it('gives nothing without flags', () => {
    expect(buildReadOptions(parse([]))).toEqual({});
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
    expect(() => buildReadOptions(flags as ReadFlags)).toThrow(new UsageError(message));
  });
});
