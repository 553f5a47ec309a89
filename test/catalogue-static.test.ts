import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { expectedTexts } from '../src/io/parse-flag.js';

/**
 * Every message a user reads is written in both languages (issue 15, "French, every word"). This
 * test reads the source (src/**\/*.ts, not the tests) and fails where a message is written in one
 * language only:
 * - an error of src/errors.ts (`new UsageError(...)`, `new DataError(...)`...) built from a string
 *   literal or a template with words in it, rather than an `{ en, fr }` pair or `tr(lang, ...)`;
 * - a problem (`{ file, line, message: '...' }`) whose message is such a literal and that has no
 *   `texts: { en, fr }` beside it;
 * - a note (`ctx.note(...)`, `note(...)`) given such a literal.
 * A variable given to an error is followed to its declaration when it is a `const` in the same file.
 *
 * Words: two letters or more outside `${...}`; flags (`--by`), the program's name and file
 * extensions are not words of a language.
 */
const ROOT = resolve(import.meta.dirname, '..');

const ERROR_CLASSES = new Set([
  'ProspectError',
  'UsageError',
  'InputFileError',
  'OutputError',
  'FindingError',
  'DataError',
]);

/**
 * Reviewed exceptions, each with its reason: `file:text start` (the first characters of the
 * literal, so that an edit of the message shows up here).
 */
const EXCEPTIONS: Record<string, string> = {};

interface Finding {
  where: string;
  text: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts'))
      out.push(path);
  }
  return out;
}

/** The literal text of a string or template, `${...}` left out; undefined when not a literal. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const parts = [literalText(node.left), literalText(node.right)].filter((x) => x !== undefined);
    return parts.length > 0 ? parts.join(' ') : undefined;
  }
  return undefined;
}

/** Whether a literal's text holds words of a language (not only punctuation, flags, names). */
export function hasWords(text: string): boolean {
  const cleaned = text
    .replace(/--?[a-zA-Z][\w-]*/g, ' ')
    .replace(/\bprospect\b/g, ' ')
    .replace(/\.(csv|yaml|yml|json|html|xlsx|md)\b/g, ' ');
  return /\p{L}{2,}/u.test(cleaned);
}

/** A `const` of this file that the identifier names, followed to its initializer. */
function resolveConst(node: ts.Expression, file: ts.SourceFile): ts.Expression {
  if (!ts.isIdentifier(node)) return node;
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      n.name.text === node.text &&
      n.initializer !== undefined &&
      (n.parent.flags & ts.NodeFlags.Const) !== 0 &&
      n.pos < node.pos
    )
      found = n.initializer;
    ts.forEachChild(n, visit);
  };
  visit(file);
  return found ?? node;
}

/** Every one-language message of a source text. */
export function scanSource(path: string, source: string): Finding[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string): void => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    findings.push({ where: `${path}:${line + 1}`, text });
  };
  const checkMessage = (node: ts.Expression | undefined): void => {
    if (node === undefined) return;
    const text = literalText(resolveConst(node, file));
    if (text !== undefined && hasWords(text)) report(node, text);
  };
  // Functions of this file that take a message (a parameter named `message`): `at(node, message)`,
  // `this.problem(node, message)`; their calls are checked as the errors' are.
  const takesMessage = new Map<string, number>();
  const collect = (node: ts.Node): void => {
    let name: string | undefined;
    let params: ts.NodeArray<ts.ParameterDeclaration> | undefined;
    if (
      (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    ) {
      name = node.name.text;
      params = node.parameters;
    } else if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer !== undefined &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
    ) {
      name = node.name.text;
      params = node.initializer.parameters;
    }
    const index = params?.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === 'message') ?? -1;
    if (name !== undefined && index >= 0) takesMessage.set(name, index);
    ts.forEachChild(node, collect);
  };
  collect(file);
  const visit = (node: ts.Node): void => {
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      ERROR_CLASSES.has(node.expression.text)
    ) {
      const args = node.arguments ?? [];
      if (node.expression.text === 'DataError') checkMessage(args[1]);
      else checkMessage(args[0]);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isIdentifier(callee)
          ? callee.text
          : '';
      if (name === 'note') checkMessage(node.arguments[0]);
      const index = takesMessage.get(name);
      if (index !== undefined) checkMessage(node.arguments[index]);
    }
    if (ts.isObjectLiteralExpression(node)) {
      const props = new Map<string, ts.Expression>();
      for (const p of node.properties) {
        if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)))
          props.set(p.name.text, p.initializer);
        if (ts.isShorthandPropertyAssignment(p)) props.set(p.name.text, p.name);
      }
      // a problem: `{ file?, line?, message }` without `texts`
      const message = props.get('message');
      const isProblem = props.has('file') || props.has('line') || props.has('column') || props.has('key');
      if (message !== undefined && isProblem && !props.has('texts')) checkMessage(message);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

function exceptionKey(f: Finding): string | undefined {
  const file = f.where.replace(/:\d+$/, '');
  return Object.keys(EXCEPTIONS).find((k) => {
    const [kFile, ...rest] = k.split(':');
    return kFile === file && f.text.startsWith(rest.join(':'));
  });
}

describe('every message a user reads is in both languages', () => {
  it('the scanner finds one-language messages (it can fail)', () => {
    const sample = [
      "throw new UsageError('--by: no field given; expected --by status.');",
      'throw new UsageError(`--top: "${x}" must be a whole number.`);',
      "throw new DataError([{ file, line: 2, message: 'not a date' }]);",
      'throw new DataError(problems, `${file}: not valid YAML.`);',
      'ctx.note(`prospect: wrote the grid to ${path}`);',
      "const m = 'no objective given'; throw new UsageError(m);",
    ].join('\n');
    expect(scanSource('sample.ts', sample).map((f) => f.where)).toEqual([
      'sample.ts:1',
      'sample.ts:2',
      'sample.ts:3',
      'sample.ts:4',
      'sample.ts:5',
      'sample.ts:6',
    ]);
  });

  it('and lets both-language messages through', () => {
    const sample = [
      "throw new UsageError({ en: 'no field', fr: 'aucun champ' });",
      "throw new UsageError(tr(lang, { en: 'no field', fr: 'aucun champ' }));",
      "throw new DataError([{ file, line: 2, message: en, texts: { en, fr: 'pas une date' } }], undefined);",
      'ctx.note(`  ${name}:${where}: ${reason}`);',
      'ctx.note(`prospect: --by ${flag}`);',
      'throw new DataError(problems, { en: `${f}: bad`, fr: `${f} : mauvais` });',
    ].join('\n');
    expect(scanSource('sample.ts', sample)).toEqual([]);
  });

  it('src/ has none, apart from the reviewed exceptions', () => {
    const findings = sourceFiles(join(ROOT, 'src')).flatMap((path) =>
      scanSource(relative(ROOT, path), readFileSync(path, 'utf8')),
    );
    const unexplained = findings.filter((f) => exceptionKey(f) === undefined);
    expect(unexplained.map((f) => `${f.where}: ${f.text}`)).toEqual([]);
    // an exception no longer needed is taken off the list
    const used = new Set(findings.map(exceptionKey));
    expect(Object.keys(EXCEPTIONS).filter((k) => !used.has(k))).toEqual([]);
  });

  it('what a flag expects, given in English, has its French (src/io/parse-flag.ts EXPECTED_FR)', () => {
    // the argument that says what is expected, by function: parsePositive(flag, text, expected)
    const EXPECTED_ARG: Record<string, number> = {
      parseFlagNumber: 2,
      parsePositive: 2,
      parseWhole: 4,
      positive: 1,
    };
    const missing: string[] = [];
    for (const path of sourceFiles(join(ROOT, 'src'))) {
      const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
          const index = EXPECTED_ARG[node.expression.text];
          const arg = index === undefined ? undefined : node.arguments[index];
          if (arg !== undefined && ts.isStringLiteral(arg) && expectedTexts(arg.text).fr === arg.text)
            missing.push(`${relative(ROOT, path)}: ${arg.text}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    expect(missing).toEqual([]);
  });
});
