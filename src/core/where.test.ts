import { describe, expect, it } from 'vitest';
import {
  buildWherePredicate,
  formatWhereError,
  parseWhere,
  tokenizeWhere,
  whereTests,
  WhereSyntaxError,
  type WhereNode,
} from './where.js';

/** A tree as a short S-expression, to compare with the grouping worked out by hand. */
function show(node: WhereNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${node.kind} ${show(node.left)} ${show(node.right)})`;
    case 'not':
      return `(not ${show(node.operand)})`;
    case 'compare':
      return `[${node.field.text} ${node.op} ${node.value.text}]`;
    case 'in':
      return `[${node.field.text} ${node.negated ? 'not in' : 'in'} ${node.values.map((v) => v.text).join('|')}]`;
    case 'empty':
      return `[${node.field.text} ${node.negated ? 'is not empty' : 'is empty'}]`;
  }
}

function syntaxError(expression: string): WhereSyntaxError {
  try {
    parseWhere(expression);
  } catch (error) {
    if (error instanceof WhereSyntaxError) return error;
    throw error;
  }
  throw new Error(`no error for ${expression}`);
}

describe('tokenizeWhere', () => {
  // Expected tokens written by hand from the grammar in where.ts.
  it.each([
    ['ca>=10000', ['word:ca', 'op:>=', 'word:10000']],
    ['a == b', ['word:a', 'op:=', 'word:b']],
    ['a <> b', ['word:a', 'op:!=', 'word:b']],
    ['ca >= 1 234,56', ['word:ca', 'op:>=', 'word:1', 'word:234,56']],
    ['s in (Santé,Industrie)', ['word:s', 'word:in', '(:(', 'word:Santé', ',:,', 'word:Industrie', '):)']],
    ['x in (1,5, 2)', ['word:x', 'word:in', '(:(', 'word:1,5', ',:,', 'word:2', '):)']],
    ['[CA 2025 (€)] > 3', ['bracket:CA 2025 (€)', 'op:>', 'word:3']],
    ["nom = 'l''atelier'", ['word:nom', 'op:=', "quoted:l'atelier"]],
    ['"Secteur d\'activité" = x', ["quoted:Secteur d'activité", 'op:=', 'word:x']],
    ["secteur d'activité", ['word:secteur', "word:d'activité"]],
    ['date >= 31/12/2025', ['word:date', 'op:>=', 'word:31/12/2025']],
  ])('%s', (expression, expected) => {
    const tokens = tokenizeWhere(expression).filter((t) => t.kind !== 'end');
    expect(tokens.map((t) => `${t.kind}:${t.text}`)).toEqual(expected);
  });

  it("keeps each token's place in the text", () => {
    const [field, op, value] = tokenizeWhere('ca  >= 10');
    expect([field?.start, field?.end, op?.start, op?.end, value?.start, value?.end]).toEqual([
      0, 2, 4, 6, 7, 9,
    ]);
  });
});

describe('parseWhere', () => {
  // Groupings worked out by hand: not > and > or, left to right, parentheses first.
  it.each([
    ['statut=prospect', '[statut = prospect]'],
    ['étape != perdue', '[étape != perdue]'],
    ['ca >= 10000', '[ca >= 10000]'],
    ['date >= 2025-01-01', '[date >= 2025-01-01]'],
    ['ca >= 1 234,56', '[ca >= 1 234,56]'],
    ['secteur = Santé humaine', '[secteur = Santé humaine]'],
    ['secteur in (Santé, Industrie)', '[secteur in Santé|Industrie]'],
    ['secteur dans (Santé, Industrie)', '[secteur in Santé|Industrie]'],
    ['secteur not in (Santé)', '[secteur not in Santé]'],
    ['secteur non dans (Santé)', '[secteur not in Santé]'],
    ['email is empty', '[email is empty]'],
    ['email IS NOT EMPTY', '[email is not empty]'],
    ['email est vide', '[email is empty]'],
    ['email est non vide', '[email is not empty]'],
    ['a = 1 and b = 2 or c = 3', '(or (and [a = 1] [b = 2]) [c = 3])'],
    ['a = 1 or b = 2 and c = 3', '(or [a = 1] (and [b = 2] [c = 3]))'],
    ['(a = 1 or b = 2) and c = 3', '(and (or [a = 1] [b = 2]) [c = 3])'],
    ['not a = 1 and b = 2', '(and (not [a = 1]) [b = 2])'],
    ['not (a = 1 and b = 2)', '(not (and [a = 1] [b = 2]))'],
    ['non a = 1 et b = 2 ou c = 3', '(or (and (not [a = 1]) [b = 2]) [c = 3])'],
    ['a = 1 and b = 2 and c = 3', '(and (and [a = 1] [b = 2]) [c = 3])'],
    ['not not a = 1', '(not (not [a = 1]))'],
    ['[CA 2025 (€)] >= 10000', '[CA 2025 (€) >= 10000]'],
    ["nom = 'Recherche and Développement'", '[nom = Recherche and Développement]'],
    ['x = "a = b"', '[x = a = b]'],
  ])('%s', (expression, expected) => {
    expect(show(parseWhere(expression))).toBe(expected);
  });

  it('lists the tests left to right', () => {
    const tests = whereTests(parseWhere('(a = 1 or b in (2)) and not c is empty'));
    expect(tests.map((t) => t.field.text)).toEqual(['a', 'b', 'c']);
  });
});

describe('parseWhere errors', () => {
  // Columns (0-based here) counted by hand under each expression.
  it.each([
    ['', 0, 'the end of the expression', 'a column'],
    ['ca >=', 5, 'the end of the expression', 'a value'],
    ['ca >= )', 6, '")"', 'a value'],
    ['ca 10000', 3, '"10000"', 'an operator'],
    ['ca >= 1 or', 10, 'the end of the expression', 'a column'],
    ['(ca >= 1', 8, 'the end of the expression', 'to close the "(" at column 1'],
    ['ca >= 1)', 7, '")"', '"and", "or", ")" or the end'],
    ['secteur in Santé', 11, '"Santé"', '"(" and a list'],
    ['secteur in (Santé Industrie', 27, 'the end of the expression', 'list opened at column 12'],
    ['secteur not Santé', 12, '"Santé"', '"in" after "not"'],
    ['email is full', 9, '"full"', '"empty" or "not empty"'],
    ["nom = 'abc", 6, "a ' never closed", "a closing '"],
    ['[CA 2025 >= 3', 0, 'a "[" never closed', 'a "]"'],
    ['ca ! 3', 3, '"!"', 'an operator'],
    ['and = 3', 0, '"and"', 'a column'],
    ['ca = and', 5, '"and"', 'a value'],
    ['a = 1 b = 2', 8, '"="', '"and", "or"'],
    ['[] = 1', 0, '"[]"', 'a column'],
  ])('%s', (expression, column, found, expected) => {
    const error = syntaxError(expression);
    expect(error.column).toBe(column);
    expect(error.found.en).toBe(found);
    expect(error.expected.en).toContain(expected);
    expect(error.found.fr).not.toBe('');
    expect(error.expected.fr).not.toBe(error.expected.en);
  });

  it('formats the error with a caret under the column, in both languages', () => {
    const e = syntaxError('ca >= )');
    const text = formatWhereError('ca >= )', e.column, e.found, e.expected);
    expect(text.en).toBe(
      '--where "ca >= )": column 7: found ")", expected a value (quote it if it holds an operator or a keyword).\n' +
        '    ca >= )\n' +
        '          ^',
    );
    expect(text.fr).toBe(
      '--where « ca >= ) » : colonne 7 : trouvé « ) », attendu : une valeur (entre guillemets si elle contient un opérateur ou un mot-clé).\n' +
        '    ca >= )\n' +
        '          ^',
    );
  });
});

describe('buildWherePredicate', () => {
  // Rows are sets of the names whose test is true; truth tables by hand.
  const predicate = (expression: string): ((row: Set<string>) => boolean) =>
    buildWherePredicate<Set<string>>(parseWhere(expression), (test) => (row) => row.has(test.field.text));
  it.each([
    ['a = x and b = x', [], false],
    ['a = x and b = x', ['a'], false],
    ['a = x and b = x', ['a', 'b'], true],
    ['a = x or b = x', ['b'], true],
    ['a = x or b = x', [], false],
    ['not a = x', [], true],
    ['not a = x', ['a'], false],
    ['a = x or b = x and c = x', ['a'], true],
    ['a = x or b = x and c = x', ['b'], false],
    ['(a = x or b = x) and c = x', ['a'], false],
    ['(a = x or b = x) and c = x', ['a', 'c'], true],
  ])('%s on {%s} is %s', (expression, names, expected) => {
    expect(predicate(expression)(new Set(names as string[]))).toBe(expected);
  });
});
