// The shipped program: dist/ (compiled by tsc) bundled into dist/bundle/ by esbuild, one chunk per
// command, so that a run parses its own command's code and nothing else (start-up time, see
// docs/speed.md). The libraries loaded at start-up (commander, chalk, fastest-levenshtein) are
// bundled in; every other dependency stays a plain import, loaded by the runs that use it.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const BUNDLED = new Set(['commander', 'chalk', 'fastest-levenshtein']);
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

/**
 * Two pieces of the bundled libraries that every run would pay for at start-up and none uses:
 * - chalk detects the terminal's colours when it is imported (node:os, node:tty, and every
 *   property of `process`, `process.report` included); prospect always gives the level itself
 *   (`new Chalk({ level })`), so the detection is replaced by "no colour detected";
 * - cli-table3 is loaded from one file of the bundle (built below) rather than eleven;
 * - commander requires node:child_process (which loads net, dgram...) when it is imported, for
 *   subcommands that are separate executables; prospect has none, so it is required on first use.
 * test/startup.test.ts checks that a run loads none of these modules.
 */
const leanStartUp = {
  name: 'lean-start-up',
  setup(build) {
    build.onResolve({ filter: /^#supports-color$/ }, (args) =>
      /[\\/]chalk[\\/]/.test(args.importer)
        ? { path: 'supports-color', namespace: 'lean-start-up' }
        : undefined,
    );
    build.onLoad({ filter: /^supports-color$/, namespace: 'lean-start-up' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]dist[\\/]render[\\/]table\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const eager = "require('cli-table3')";
      if (!text.includes(eager)) throw new Error(`scripts/bundle.js: ${args.path} no longer has: ${eager}`);
      return { contents: text.replace(eager, "require('./cli-table3.cjs')"), loader: 'js' };
    });
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!text.includes(eager)) throw new Error(`scripts/bundle.js: ${args.path} no longer has: ${eager}`);
      const lazy =
        "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: text.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * Fewer files per run. esbuild puts each module in the chunk of the set of entry points that reach
 * it, and every file a run loads costs it about as much time as parsing 25 KB of code, so a run
 * that loads twenty small chunks pays for twenty. Every module loaded by a dynamic import (a
 * command from src/command-index.ts, the program from main.ts...) is entered through a wrapper
 * that also imports dist/main.js, and dist/program.js too for those loaded after it: what main.js
 * loads is then reached by every entry and lands in one chunk, and so does what the program loads
 * (commander, the command index), whatever the command; a command's wrapper also imports what
 * nearly every command loads (COMMANDS_SHARE), which then lands in one more chunk.
 */
/** What nearly every command loads: the output flags and renderers, the reading flags. */
const COMMANDS_SHARE = ['dist/commands/shared-options.js', 'dist/commands/read-options.js'];
const AFTER_MAIN_ONLY = new Set([`${root}dist/program.js`, `${root}dist/io/project-file.js`]);
const fewerChunks = {
  name: 'fewer-chunks',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) =>
      args.kind === 'dynamic-import' && args.namespace === 'file'
        ? { path: resolve(args.resolveDir, args.path), namespace: 'fewer-chunks' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'fewer-chunks' }, (args) => {
      const also = AFTER_MAIN_ONLY.has(args.path)
        ? ['dist/main.js']
        : args.path.startsWith(`${root}dist/commands/`)
          ? ['dist/main.js', 'dist/program.js', ...COMMANDS_SHARE]
          : ['dist/main.js', 'dist/program.js'];
      const lines = [
        `export * from ${JSON.stringify(args.path)};`,
        ...also.map((p) => `import ${JSON.stringify(root + p)};`),
      ];
      return { contents: lines.join('\n'), resolveDir: root, loader: 'js' };
    });
  },
};

rmSync(`${root}dist/bundle`, { recursive: true, force: true });
const result = await build({
  // The reading worker (src/io/parallel, docs/threads.md) is an entry of its own: a worker thread
  // loads it by its path, next to the chunk that starts it; no other run loads it.
  entryPoints: [`${root}dist/main.js`, { in: `${root}dist/io/parallel/read-worker.js`, out: 'read-worker' }],
  outdir: `${root}dist/bundle`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // commander is CommonJS: its require('node:events') needs a require in an ES module.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  plugins: [leanStartUp, fewerChunks],
  // which source files each chunk holds: test/startup.test.ts reads it, and so can a person
  // looking at what a run loads (`npx esbuild --analyze` style, docs/speed.md)
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(`${root}dist/bundle.meta.json`, JSON.stringify(result.metafile));

// cli-table3 and its dependencies, eleven CommonJS files, in one: src/render/table.ts requires it
// when it draws its first table (the lean-start-up plugin points it here).
await build({
  entryPoints: [createRequire(import.meta.url).resolve('cli-table3')],
  outfile: `${root}dist/bundle/cli-table3.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
