import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  normalizeOutput,
  parseExamples,
  rewritePage,
  runPageExamples,
  type DocExample,
  type ExampleRun,
} from './helpers/docs-examples.js';

/**
 * Every example of README.md and docs/**\/*.md is run and compared with the page, so the docs
 * cannot drift from the tool (format: test/helpers/docs-examples.ts). After a change meant to
 * change an output: `UPDATE_DOCS=1 npx vitest run test/docs-examples.test.ts` rewrites the outputs
 * in place; read the diff. Pages run in parallel (two at a time), each page's examples in order.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const update = process.env.UPDATE_DOCS === '1';

function markdownPages(): string[] {
  const pages = ['README.md'];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir)).sort()) {
      const path = join(dir, entry);
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (entry.endsWith('.md')) pages.push(path);
    }
  };
  walk('docs');
  return pages;
}

const pages = markdownPages().map((file) => {
  const text = readFileSync(join(root, file), 'utf8');
  return { file, text, examples: parseExamples(file, text) };
});
const withExamples = pages.filter((page) => page.examples.length > 0);
const runs = new Map<string, ExampleRun[]>();

/**
 * Files a page says its examples start from, made before they run (in the page's scratch folder,
 * never in the repo), each said in the page's text. docs/guarantees.md shows refusals on inputs and write errors on a full
 * device: `full` is a device node made here (c 1 7, what /dev/full is), never the machine's own.
 */
const PAGE_SETUP: Record<string, string> = {
  'docs/guarantees.md': [
    'cp fixtures/clients.csv clients.csv',
    "printf 'revenue: employees\\n' > cols.yaml",
    'ln -s clients.csv latest.csv',
    'mknod full c 1 7',
  ].join('\n'),
  // a workbook, and a team folder whose prospect.yaml is found by itself (not in the page's own
  // folder, where it would apply to every example)
  'docs/xlsx-and-project-file.md': [
    'cp fixtures/docs/clients.xlsx clients.xlsx',
    'cp fixtures/docs/team.yaml team.yaml',
    'mkdir equipe',
    'cp fixtures/docs/clients.xlsx equipe/clients.xlsx',
    'cp fixtures/docs/prospect.yaml equipe/prospect.yaml',
  ].join('\n'),
};

async function runAll(): Promise<void> {
  const queue = [...withExamples];
  const worker = async (): Promise<void> => {
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      runs.set(page.file, await runPageExamples(root, page.examples, 240_000, PAGE_SETUP[page.file]));
    }
  };
  await Promise.all([worker(), worker()]);
  if (update) {
    for (const page of withExamples) {
      const result = runs.get(page.file);
      if (result === undefined) continue;
      const text = rewritePage(page.text, page.examples, result);
      if (text !== page.text) writeFileSync(join(root, page.file), text);
    }
  }
}

describe('the parser of the example format', () => {
  // Expected values written by hand from the format's definition.
  const page = [
    'text',
    '```console',
    '$ prospect plan \\',
    '    --objective 1',
    'out 1',
    '',
    'out 2   ',
    '$ echo $?',
    '0',
    '```',
    '```sh',
    '$ not run',
    '```',
    '````console',
    '$ true',
    '````',
  ].join('\n');
  const examples = parseExamples('p.md', page);

  it('reads commands, continuation lines and outputs; skips sh blocks', () => {
    expect(examples.map((e) => [e.line, e.command, e.expected.join('|')])).toEqual([
      [3, 'prospect plan \\\n    --objective 1', 'out 1||out 2   '],
      [8, 'echo $?', '0'],
      [15, 'true', ''],
    ]);
  });

  it('ignores trailing spaces and trailing blank lines, not inner blank lines', () => {
    expect(normalizeOutput(['a  ', '', 'b', '', ''])).toBe('a\n\nb');
    expect(normalizeOutput('a\nb\n')).toBe('a\nb');
    expect(normalizeOutput('a\n\nb')).not.toBe(normalizeOutput('a\nb'));
  });

  it('rewrites outputs in place (UPDATE_DOCS)', () => {
    const text = rewritePage(page, examples, [
      { stdout: 'new\n\n', stderr: '' },
      { stdout: '1\n', stderr: '' },
      { stdout: 'x\n', stderr: '' },
    ]);
    expect(text.split('\n').slice(1, 10)).toEqual([
      '```console',
      '$ prospect plan \\',
      '    --objective 1',
      'new',
      '$ echo $?',
      '1',
      '```',
      '```sh',
      '$ not run',
    ]);
    expect(text.split('\n').slice(-3)).toEqual(['$ true', 'x', '````']);
  });
});

describe.runIf(withExamples.length > 0)('the examples of README.md and docs/', () => {
  beforeAll(runAll, 900_000);

  const cases = withExamples.flatMap((page) =>
    page.examples.map((example, index) => ({ name: `${example.file}:${example.line}`, example, index })),
  );

  // A few examples pipe JSON through jq, as a script would; .ci/run installs it. Where it is absent
  // those examples say they are skipped, and the others run.
  const hasJq = spawnSync('jq', ['--version']).status === 0;
  it.each(cases)('$name', ({ example, index }: { example: DocExample; index: number }) => {
    if (!hasJq && /\|\s*jq\b/.test(example.command)) {
      console.warn(`${example.file}:${example.line}: skipped, jq is not installed`);
      return;
    }
    const run = runs.get(example.file)?.[index];
    expect(run, 'the example did not run').toBeDefined();
    if (run === undefined || update) return;
    const actual = normalizeOutput(run.stdout);
    expect(
      actual,
      `${example.file}:${example.line}: \`${example.command}\` printed something else (stderr: ${run.stderr.slice(0, 400)}); ` +
        'if the change is meant, UPDATE_DOCS=1 npx vitest run test/docs-examples.test.ts',
    ).toBe(normalizeOutput(example.expected));
  });
});

/** Pages that other branches add; the coordinator empties this list once they are merged. */
const PENDING_PAGES = new Set<string>();

describe('links between the pages', () => {
  it('every relative link of README.md and docs/ reaches a file (pages still to merge listed apart)', () => {
    const missing: string[] = [];
    for (const page of pages) {
      // [text](target) outside code spans; anchors and web links are not checked.
      const text = page.text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = (match[1] ?? '').split('#')[0] ?? '';
        if (target === '' || /^[a-z]+:/i.test(target)) continue;
        const path = relative(root, resolve(root, dirname(page.file), target));
        if (!existsSync(join(root, path)) && !PENDING_PAGES.has(path))
          missing.push(`${page.file}: ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
