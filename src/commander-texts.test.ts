import { describe, expect, it } from 'vitest';
import { translateCommanderError } from './commander-texts.js';

// commander's own messages (commander 14, lib/command.js), as outputError receives them, and the
// sentences a user reads instead, written by hand in both languages.
describe('translateCommanderError', () => {
  it.each([
    [
      "error: unknown option '--objectiv'\n(Did you mean --objective?)\n",
      'prospect plan',
      'en',
      'prospect: unknown option --objectiv; expected one of the options of prospect plan; did you mean --objective? see prospect plan --help.\n',
    ],
    [
      "error: unknown option '--objectiv'\n(Did you mean --objective?)\n",
      'prospect plan',
      'fr',
      'prospect : option inconnue --objectiv ; attendu : une des options de prospect plan ; vouliez-vous dire --objective ? voir prospect plan --help.\n',
    ],
    [
      "error: missing required argument 'file'\n",
      'prospect segment',
      'fr',
      'prospect : FICHIER manque ; attendu : prospect segment FICHIER ; voir prospect segment --help.\n',
    ],
    [
      "error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are table, json, csv, markdown.\n",
      'prospect plan',
      'fr',
      'prospect : option --format : « xml » n’est pas un choix possible ; attendu : table, json, csv, markdown ; voir prospect plan --help.\n',
    ],
    [
      "error: option '--objective <euros>' argument missing\n",
      'prospect plan',
      'en',
      'prospect: option --objective has no value; expected a value after it; see prospect plan --help.\n',
    ],
    [
      "error: too many arguments for 'plan'. Expected 0 arguments but got 1.\n",
      'prospect plan',
      'fr',
      'prospect : trop d’arguments (1) ; attendu : aucun, les options commencent par -- ; voir prospect plan --help.\n',
    ],
    ['error: something new\n', 'prospect', 'fr', 'prospect : something new\n'],
  ] as const)('%j in %s (%s)', (text, path, lang, expected) => {
    expect(translateCommanderError(text, lang, path)).toBe(expected);
  });
});
