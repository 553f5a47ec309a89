import { describe, expect, it } from 'vitest';
import { DataError } from '../errors.js';
import { parseYamlGuarded, yamlToJs } from './read-yaml.js';

const load = (text: string): unknown => yamlToJs(parseYamlGuarded(text, 'f.yaml').doc, 'f.yaml');
const refusal = (text: string): string => {
  try {
    load(text);
  } catch (error) {
    if (error instanceof DataError) return error.message;
    throw error;
  }
  return 'accepted';
};

describe('parseYamlGuarded: what a settings file may hold', () => {
  it.each([
    ['anchors used a few times', 'a: &x { b: 1 }\nc: *x\nd: *x\n', { a: { b: 1 }, c: { b: 1 }, d: { b: 1 } }],
    ['64 flow levels', '['.repeat(64) + ']'.repeat(64), JSON.parse('['.repeat(64) + ']'.repeat(64))],
    [
      'brackets in quotes and comments',
      `a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}' # ${'['.repeat(100)}\n`,
      {
        a: '['.repeat(100),
        b: '{'.repeat(100),
      },
    ],
    ['a BOM', '\ufeffa: 1\n', { a: 1 }],
    ['a key that merely contains proto', 'x__proto__y: 1\n', { x__proto__y: 1 }],
  ])('accepts %s', (_what, text, value) => {
    expect(load(text)).toEqual(value);
  });

  it.each([
    ['65 flow levels', '['.repeat(65) + ']'.repeat(65), 'f.yaml:1:65: nesting deeper than 64 levels'],
    ['65 stacked block entries', '- '.repeat(65) + 'x\n', 'f.yaml:1:129: nesting deeper than 64 levels'],
    [
      'depth reached through an alias',
      `a: &a ${'['.repeat(40)}${']'.repeat(40)}\nb: ${'['.repeat(30)}*a${']'.repeat(30)}\n`,
      'nesting deeper than 64 levels',
    ],
    [
      'a __proto__ key, nested',
      'a:\n  b:\n    __proto__: 1\n',
      'f.yaml:3:5: the key "__proto__" is not allowed',
    ],
    ['a quoted __proto__ key', '"__proto__": 1\n', 'f.yaml:1:1: the key "__proto__" is not allowed'],
    [
      'an alias bomb',
      'a: &a [x, x, x, x, x, x, x, x, x, x]\n' +
        'bcdef'
          .split('')
          .map((n, i) => `${n}: &${n} [${Array(10).fill(`*${'abcdef'[i]}`).join(', ')}]`)
          .join('\n') +
        '\n',
      'f.yaml: its aliases (*name) expand to more than 100000 values',
    ],
    [
      'over 1 MiB',
      `# ${'x'.repeat(1024 * 1024)}\na: 1\n`,
      'f.yaml: the file has 1048584 bytes; expected at most 1 MiB',
    ],
  ])('refuses %s', (_what, text, message) => {
    expect(refusal(text)).toContain(message);
  });
});
