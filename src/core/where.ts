/**
 * The `--where` expression language (docs/filters.md): a small hand-written parser, no `eval`.
 *
 * ```text
 * expr    := or
 * or      := and (("or" | "ou") and)*
 * and     := not (("and" | "et") not)*
 * not     := ("not" | "non") not | "(" expr ")" | test
 * test    := field op value
 *          | field ["not" | "non"] ("in" | "dans") "(" value ("," value)* ")"
 *          | field ("is" | "est") ["not" | "non"] ("empty" | "vide")
 * op      := "=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">="
 * field   := word | "[" any text but "]" "]" | '"' text '"'
 * value   := word+ (the words up to an operator, "and", "or", ",", ")" or the end, as written)
 *          | "'" text "'" | '"' text '"'   (a quote inside doubled: 'l''atelier')
 * ```
 *
 * Precedence: `not` binds tighter than `and`, which binds tighter than `or`, as in SQL. Keywords
 * are case-insensitive. A comma between two digits belongs to a number (`1 234,56`); elsewhere it
 * separates the values of a list. This module only reads the text: which column a field names and
 * how a value compares (numbers, dates, statuses) is decided by the reader (src/io/where-filter.ts).
 */
import type { Texts } from '../i18n.js';
import { normaliseLabel } from './status.js';

/** Comparison operators, with `==` read as `=` and `<>` as `!=`. */
export type WhereOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A piece of the expression as written, with its place (0-based, end excluded). */
export interface WhereText {
  text: string;
  start: number;
  end: number;
}

export type WhereNode =
  | { kind: 'and' | 'or'; left: WhereNode; right: WhereNode }
  | { kind: 'not'; operand: WhereNode }
  | { kind: 'compare'; field: WhereText; op: WhereOperator; value: WhereText }
  | { kind: 'in'; field: WhereText; values: WhereText[]; negated: boolean }
  | { kind: 'empty'; field: WhereText; negated: boolean };

/** A test on one field (the leaves of the tree). */
export type WhereTest = Extract<WhereNode, { field: WhereText }>;

/** Where an expression went wrong: the 0-based column, what was found and what was expected. */
export class WhereSyntaxError extends Error {
  constructor(
    readonly column: number,
    readonly found: Texts,
    readonly expected: Texts,
  ) {
    super(`column ${column + 1}: found ${found.en}, expected ${expected.en}`);
    this.name = 'WhereSyntaxError';
  }
}

type TokenKind = 'word' | 'quoted' | 'bracket' | 'op' | '(' | ')' | ',' | 'end';

interface Token {
  kind: TokenKind;
  /** The word, the text inside quotes or brackets, or the operator (normalised). */
  text: string;
  start: number;
  end: number;
}

const OPERATOR_START = '=!<>';
/** Characters that end a word (a quote starts a text only at a token's start: `d'activité`). */
const WORD_STOP = '()[]=!<>';

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function quoted(text: string): Texts {
  return { en: `"${text}"`, fr: `« ${text} »` };
}

const END: Texts = { en: 'the end of the expression', fr: 'la fin de l’expression' };

/** The expression cut into tokens; an unclosed quote or bracket, or a lone `!`, is an error. */
export function tokenizeWhere(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = expression.length;
  while (i < n) {
    const ch = expression[i] as string;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch, text: ch, start, end: i + 1 });
      i++;
      continue;
    }
    if (ch === ',') {
      tokens.push({ kind: ',', text: ',', start, end: i + 1 });
      i++;
      continue;
    }
    if (ch === '[') {
      const close = expression.indexOf(']', i + 1);
      if (close < 0)
        throw new WhereSyntaxError(
          start,
          { en: 'a "[" never closed', fr: 'un « [ » jamais fermé' },
          { en: 'a "]" after the column\'s name', fr: 'un « ] » après le nom de la colonne' },
        );
      tokens.push({ kind: 'bracket', text: expression.slice(i + 1, close).trim(), start, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let text = '';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const c = expression[j] as string;
        if (c === ch) {
          if (expression[j + 1] === ch) {
            text += ch;
            j += 2;
            continue;
          }
          closed = true;
          break;
        }
        text += c;
        j++;
      }
      if (!closed)
        throw new WhereSyntaxError(
          start,
          { en: `a ${ch} never closed`, fr: `un ${ch} jamais fermé` },
          { en: `a closing ${ch}`, fr: `un ${ch} fermant` },
        );
      tokens.push({ kind: 'quoted', text, start, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (OPERATOR_START.includes(ch)) {
      const two = expression.slice(i, i + 2);
      let op: string;
      if (two === '<=' || two === '>=' || two === '!=' || two === '==' || two === '<>') op = two;
      else if (ch === '!')
        throw new WhereSyntaxError(start, quoted('!'), {
          en: 'an operator: =, !=, <, <=, >, >=',
          fr: 'un opérateur : =, !=, <, <=, >, >=',
        });
      else op = ch;
      i += op.length;
      tokens.push({ kind: 'op', text: op === '==' ? '=' : op === '<>' ? '!=' : op, start, end: i });
      continue;
    }
    // A word: up to a space, a stop character, or a comma that is not between two digits.
    let j = i;
    while (j < n) {
      const c = expression[j] as string;
      if (isSpace(c) || WORD_STOP.includes(c)) break;
      if (c === ',' && !(isDigit(expression[j - 1]) && isDigit(expression[j + 1]))) break;
      j++;
    }
    tokens.push({ kind: 'word', text: expression.slice(i, j), start, end: j });
    i = j;
  }
  tokens.push({ kind: 'end', text: '', start: n, end: n });
  return tokens;
}

const KEYWORDS: Readonly<Record<string, string>> = {
  and: 'and',
  et: 'and',
  or: 'or',
  ou: 'or',
  not: 'not',
  non: 'not',
  in: 'in',
  dans: 'in',
  is: 'is',
  est: 'is',
  empty: 'empty',
  vide: 'empty',
};

/** The keyword a word token is (`and` for `ET`), or undefined. */
function keywordOf(token: Token): string | undefined {
  return token.kind === 'word' ? KEYWORDS[token.text.toLowerCase()] : undefined;
}

function describe(token: Token): Texts {
  if (token.kind === 'end') return END;
  if (token.kind === 'quoted') return quoted(token.text);
  if (token.kind === 'bracket') return quoted(`[${token.text}]`);
  return quoted(token.text);
}

const EXPECT_FIELD: Texts = {
  en: 'a column: a field name such as revenue, or a header in brackets such as [CA 2025]',
  fr: 'une colonne : un nom de champ comme ca, ou un en-tête entre crochets comme [CA 2025]',
};
const EXPECT_OPERATOR: Texts = {
  en: 'an operator: =, !=, <, <=, >, >=, in (...), is empty, is not empty',
  fr: 'un opérateur : =, !=, <, <=, >, >=, dans (...), est vide, est non vide',
};
const EXPECT_VALUE: Texts = {
  en: 'a value (quote it if it holds an operator or a keyword)',
  fr: 'une valeur (entre guillemets si elle contient un opérateur ou un mot-clé)',
};
const EXPECT_AFTER: Texts = {
  en: '"and", "or", ")" or the end of the expression',
  fr: '« et », « ou », « ) » ou la fin de l’expression',
};

class Parser {
  private at = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.at] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.at++;
    return token;
  }

  private fail(token: Token, expected: Texts): never {
    throw new WhereSyntaxError(token.start, describe(token), expected);
  }

  parseAll(): WhereNode {
    if (this.peek().kind === 'end') this.fail(this.peek(), EXPECT_FIELD);
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== 'end') this.fail(rest, EXPECT_AFTER);
    return node;
  }

  private parseOr(): WhereNode {
    let left = this.parseAnd();
    while (keywordOf(this.peek()) === 'or') {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): WhereNode {
    let left = this.parseNot();
    while (keywordOf(this.peek()) === 'and') {
      this.next();
      left = { kind: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): WhereNode {
    const token = this.peek();
    if (keywordOf(token) === 'not') {
      this.next();
      return { kind: 'not', operand: this.parseNot() };
    }
    if (token.kind === '(') {
      this.next();
      const inner = this.parseOr();
      const close = this.peek();
      if (close.kind !== ')')
        this.fail(close, {
          en: `"and", "or" or ")" to close the "(" at column ${token.start + 1}`,
          fr: `« et », « ou » ou « ) » pour fermer la « ( » de la colonne ${token.start + 1}`,
        });
      this.next();
      return inner;
    }
    return this.parseTest();
  }

  private parseField(): WhereText {
    const token = this.peek();
    if (
      token.kind === 'bracket' ||
      token.kind === 'quoted' ||
      (token.kind === 'word' && keywordOf(token) === undefined)
    ) {
      this.next();
      if (token.text === '') this.fail(token, EXPECT_FIELD);
      return { text: token.text, start: token.start, end: token.end };
    }
    return this.fail(token, EXPECT_FIELD);
  }

  private parseTest(): WhereNode {
    const field = this.parseField();
    const token = this.peek();
    if (token.kind === 'op') {
      this.next();
      return { kind: 'compare', field, op: token.text as WhereOperator, value: this.parseValue() };
    }
    const keyword = keywordOf(token);
    if (keyword === 'is') {
      this.next();
      let negated = false;
      if (keywordOf(this.peek()) === 'not') {
        this.next();
        negated = true;
      }
      const last = this.peek();
      if (keywordOf(last) !== 'empty')
        this.fail(last, { en: '"empty" or "not empty"', fr: '« vide » ou « non vide »' });
      this.next();
      return { kind: 'empty', field, negated };
    }
    if (keyword === 'not' || keyword === 'in') {
      this.next();
      const negated = keyword === 'not';
      if (negated) {
        const inWord = this.peek();
        if (keywordOf(inWord) !== 'in')
          this.fail(inWord, { en: '"in" after "not"', fr: '« dans » après « non »' });
        this.next();
      }
      const open = this.peek();
      if (open.kind !== '(')
        this.fail(open, { en: '"(" and a list of values', fr: '« ( » et une liste de valeurs' });
      this.next();
      const values: WhereText[] = [this.parseValue()];
      for (;;) {
        const sep = this.peek();
        if (sep.kind === ',') {
          this.next();
          values.push(this.parseValue());
          continue;
        }
        if (sep.kind === ')') {
          this.next();
          break;
        }
        this.fail(sep, {
          en: `"," and another value, or ")" to close the list opened at column ${open.start + 1}`,
          fr: `« , » et une autre valeur, ou « ) » pour fermer la liste ouverte en colonne ${open.start + 1}`,
        });
      }
      return { kind: 'in', field, values, negated };
    }
    return this.fail(token, EXPECT_OPERATOR);
  }

  /** A quoted value, or the words up to an operator, a keyword `and`/`or`, `,`, `)` or the end. */
  private parseValue(): WhereText {
    const first = this.peek();
    if (first.kind === 'quoted') {
      this.next();
      return { text: first.text, start: first.start, end: first.end };
    }
    if (first.kind !== 'word' || keywordOf(first) === 'and' || keywordOf(first) === 'or')
      this.fail(first, EXPECT_VALUE);
    let last = first;
    while (this.peek().kind === 'word') {
      const word = this.peek();
      const k = keywordOf(word);
      if (word !== first && (k === 'and' || k === 'or')) break;
      last = this.next();
    }
    return { text: this.source.slice(first.start, last.end), start: first.start, end: last.end };
  }
}

/**
 * Reads a `--where` expression into a tree. Throws WhereSyntaxError (column, found, expected) on
 * text that does not follow the grammar above.
 *
 * @example parseWhere('ca >= 10000 and statut = prospect')
 *   // { kind: 'and', left: { kind: 'compare', ... }, right: { kind: 'compare', ... } }
 */
export function parseWhere(expression: string): WhereNode {
  return new Parser(expression, tokenizeWhere(expression)).parseAll();
}

/** The tests (leaves) of a tree, left to right. */
export function whereTests(node: WhereNode): WhereTest[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...whereTests(node.left), ...whereTests(node.right)];
    case 'not':
      return whereTests(node.operand);
    default:
      return [node];
  }
}

/**
 * A predicate over rows from a tree, given a predicate for each test: `and`/`or` short-circuit
 * left to right, `not` negates (two-valued: a test on an empty cell is false, see where-filter.ts).
 */
export function buildWherePredicate<R>(
  node: WhereNode,
  leaf: (test: WhereTest) => (row: R) => boolean,
): (row: R) => boolean {
  switch (node.kind) {
    case 'and': {
      const a = buildWherePredicate(node.left, leaf);
      const b = buildWherePredicate(node.right, leaf);
      return (row) => a(row) && b(row);
    }
    case 'or': {
      const a = buildWherePredicate(node.left, leaf);
      const b = buildWherePredicate(node.right, leaf);
      return (row) => a(row) || b(row);
    }
    case 'not': {
      const a = buildWherePredicate(node.operand, leaf);
      return (row) => !a(row);
    }
    default:
      return leaf(node);
  }
}

/**
 * The text form of an error at `column` (0-based) of an expression: the message, then the
 * expression and a caret under the column, in both languages.
 *
 * @example formatWhereError('ca >= )', 6, { en: '")"', fr: '« ) »' }, { en: 'a value', fr: 'une valeur' }).en
 *   // '--where "ca >= )": column 7: found ")", expected a value.\n    ca >= )\n          ^'
 */
export function formatWhereError(
  expression: string,
  column: number,
  found: Texts,
  expected: Texts,
  flag = '--where',
): Texts {
  // The expression on one line (tabs and line breaks as spaces) so that the caret lines up.
  const shown = expression.replace(/\s/g, ' ');
  const caret = `    ${shown}\n    ${' '.repeat(column)}^`;
  return {
    en: `${flag} "${shown}": column ${column + 1}: found ${found.en}, expected ${expected.en}.\n${caret}`,
    fr: `${flag} « ${shown} » : colonne ${column + 1} : trouvé ${found.fr}, attendu : ${expected.fr}.\n${caret}`,
  };
}

/** Text compared the tool's way: case, accents and punctuation ignored (`Santé` = `sante`). */
export function normaliseWhereText(text: string): string {
  return normaliseLabel(text);
}
