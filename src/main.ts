import { relative } from 'node:path';
import type { Command } from 'commander';
import { EXIT, FindingError, ProspectError, UsageError } from './errors.js';
import { detectLang, programPrefix, tr, type Lang } from './i18n.js';
import type { Context, Io } from './io/context.js';
import { markProcessIo, startRunFiles } from './io/run-files.js';
import { hasCommitted, installSignalHandler, removeTempFiles, SIGNAL_EXIT } from './io/temp-files.js';
import { parseIsoDay } from './core/calendar.js';
import type { ProjectSettings } from './io/project-file.js';
import { locateProjectFile } from './io/project-location.js';
import { wrapSentences } from './render/wrap.js';
import { VERSION } from './version.js';

function localIsoDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * "Today" for every command that defaults to it (`--as-of`, `--from`, the current year, the date in
 * templates): `PROSPECT_TODAY=YYYY-MM-DD` when set, so that a run can be replayed (the examples in
 * the docs use it), else the machine's local date. The only place that reads it.
 */
function todayOf(io: Io): string {
  const fixed = io.env.PROSPECT_TODAY;
  if (fixed === undefined || fixed === '') return localIsoDate(io.now());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fixed) || parseIsoDay(fixed) === undefined)
    throw new UsageError({
      en: `PROSPECT_TODAY: "${fixed}" is not a date; expected YYYY-MM-DD such as 2026-03-31; fix it or unset it.`,
      fr: `PROSPECT_TODAY : « ${fixed} » n'est pas une date ; attendu AAAA-MM-JJ, par exemple 2026-03-31 ; corrigez-la ou retirez-la.`,
    });
  return fixed;
}

/** The global flags, read before commander so that help and messages speak the right language. */
function scanGlobalFlags(argv: readonly string[]): { lang?: Lang; noColor: boolean; quiet: boolean } {
  let lang: Lang | undefined;
  let noColor = false;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg === '--no-color') noColor = true;
    else if (arg === '--quiet' || arg === '-q') quiet = true;
    else if (arg === '--lang' && (argv[i + 1] === 'en' || argv[i + 1] === 'fr')) lang = argv[i + 1] as Lang;
    else if (arg === '--lang=en' || arg === '--lang=fr') lang = arg.slice(7) as Lang;
  }
  return { lang, noColor, quiet };
}

/** The width tables fit: the terminal's columns, then `COLUMNS`, then 80 (not a terminal, unknown). */
export function terminalWidth(io: Io): number {
  if (io.columns !== undefined && io.columns > 0) return io.columns;
  const fromEnv = Number(io.env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80;
}

/**
 * The width notes and errors are wrapped to: stderr's terminal, else stdout's, else `COLUMNS`;
 * none known (stderr a log file or a script's pipe): not wrapped, one line per message, so that
 * `grep` finds a whole message. (stdout's sentences follow the tables: 80 when nothing is known.)
 */
export function stderrWidth(io: Io): number {
  if (io.stderrColumns !== undefined && io.stderrColumns > 0) return io.stderrColumns;
  if (io.columns !== undefined && io.columns > 0) return io.columns;
  const fromEnv = Number(io.env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Number.POSITIVE_INFINITY;
}

/** A note or an error for stderr: wrapped at word boundaries, continuation lines indented. */
function stderrText(text: string, io: Io): string {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return wrapSentences(body, stderrWidth(io), 2) + '\n';
}

/** Reads a project file: `readProjectFile` of src/io/project-file.ts. */
export type ProjectReader = (path: string, cwd: string) => ProjectSettings;

/**
 * The project file's reader, imported only when the run has a project file to read: most runs
 * have none and do not load it (start-up time, docs/speed.md).
 */
export async function loadProjectReader(argv: readonly string[], io: Io): Promise<ProjectReader | undefined> {
  if (locateProjectFile(argv, io.cwd).path === undefined) return undefined;
  return (await import('./io/project-file.js')).readProjectFile;
}

/**
 * Builds the run's context from the I/O and the global flags. `readProject` reads the project
 * file when there is one (`loadProjectReader`); without it, a run that finds one fails (70).
 */
export function buildContext(argv: readonly string[], io: Io, readProject?: ProjectReader): Context {
  const flags = scanGlobalFlags(argv);
  const noColorEnv = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  const location = locateProjectFile(argv, io.cwd);
  let loaded: ProjectSettings | undefined;
  const project = (): ProjectSettings | undefined => {
    if (location.path === undefined) return undefined;
    if (readProject === undefined)
      throw new Error(`buildContext: ${location.path} found, but no reader given (loadProjectReader)`);
    return (loaded ??= readProject(location.path, io.cwd));
  };
  // The project's language, unless --lang says otherwise; a file with problems says so when a
  // command starts (see run), not here.
  let projectLang: Lang | undefined;
  if (flags.lang === undefined && location.path !== undefined) {
    try {
      projectLang = project()?.language;
    } catch {
      projectLang = undefined;
    }
  }
  return {
    io,
    project,
    lang: flags.lang ?? projectLang ?? detectLang(io.env),
    color: io.stdoutIsTTY && !noColorEnv && !flags.noColor,
    quiet: flags.quiet,
    note: flags.quiet ? () => {} : (text) => io.stderr(stderrText(text, io)),
    today: todayOf(io),
    width: terminalWidth(io),
  };
}

/**
 * Runs `prospect` with the arguments after the program name and returns the exit code. The only
 * place that decides the exit: user errors print `prospect: <message>`; anything else is a bug.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let ctx: Context;
  const readProject = await loadProjectReader(argv, io);
  try {
    ctx = buildContext(argv, io, readProject);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const lang = scanGlobalFlags(argv).lang ?? detectLang(io.env);
    io.stderr(`${programPrefix(lang)}${error.messageIn(lang)}\n`);
    return error.exitCode;
  }
  // `prospect --version` alone, which scripts run to check the tool, answers before commander and
  // the commands are loaded (start-up time, docs/speed.md); with other flags, commander answers.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const { buildProgram, CommanderError, commandPath, guardCommandFiles, translateCommanderError } =
    await import('./program.js');
  const files = startRunFiles(io, ctx.lang);
  files.defersRejects = true;
  // The project file (--config, or the prospect.yaml found upwards) is an input of every command:
  // no output may be written over it.
  const projectPath = locateProjectFile(argv, io.cwd).path;
  if (projectPath !== undefined) files.addInput(io, relative(io.cwd, projectPath) || projectPath);
  const program = await buildProgram(ctx, argv);
  // Before any command reads or writes: its inputs are registered, an output naming one refused.
  program.hook('preAction', (_program, command) => guardCommandFiles(command, io));
  const configure = (command: Command): void => {
    command.exitOverride();
    command.configureOutput({
      // help to the terminal's width as tables (its hand-broken epilogues re-broken where too long)
      writeOut: (text) => io.stdout(wrapSentences(text, ctx.width ?? 80)),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) =>
        write(stderrText(translateCommanderError(text, ctx.lang, commandPath(command)), io)),
    });
    for (const sub of command.commands) configure(sub);
  };
  configure(program);
  // Before each command: the project file is read (its problems stop the run, exit 65) and named
  // once on stderr.
  program.hook('preAction', () => {
    const project = ctx.project?.();
    if (project !== undefined)
      ctx.note(
        tr(ctx.lang, {
          en: `using settings from ${project.name}`,
          fr: `réglages lus dans ${project.name}`,
        }),
      );
  });
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    io.stderr(
      stderrText(
        tr(ctx.lang, {
          en: 'prospect: no command given; expected one of the commands above, such as prospect plan --objective 60000.\n',
          fr: 'prospect : aucune commande ; attendu : une des commandes ci-dessus, par exemple prospect plan --objective 60000.\n',
        }),
        io,
      ),
    );
    return EXIT.usage;
  }
  try {
    try {
      await program.parseAsync([...argv], { from: 'user' });
    } catch (error) {
      files.finishRun(error instanceof FindingError);
      throw error;
    }
    files.finishRun(true); // the --rejects files, whole, once the command has succeeded
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (error instanceof Error && error.name === 'ExitPromptError') {
      io.stderr(
        tr(ctx.lang, {
          en: 'prospect: cancelled; nothing was written.\n',
          fr: 'prospect : interrompu ; rien n’a été écrit.\n',
        }),
      );
      return EXIT.interrupted;
    }
    if (error instanceof ProspectError) {
      io.stderr(stderrText(`${programPrefix(ctx.lang)}${error.messageIn(ctx.lang)}`, io));
      return error.exitCode;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`prospect: internal error, please report it with the command you ran:\n${stack}\n`);
    return EXIT.internal;
  }
}

/**
 * The process entry used by bin/prospect.js. Output faults never end in a stack trace: a closed
 * pipe (EPIPE) is a quiet exit 0; any other write error on stdout or stderr (a full disk) is exit
 * 73 with one line on stderr (only the code when stderr itself fails). SIGINT and SIGTERM remove
 * the temporary files being written and exit 130 / 143.
 */
export function runCli(): void {
  const argv = process.argv.slice(2);
  const lang = scanGlobalFlags(argv).lang ?? detectLang(process.env);
  let writeFailed = false;
  const onStreamError =
    (stream: 'stdout' | 'stderr') =>
    (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EPIPE') {
        removeTempFiles();
        process.exit(EXIT.ok);
      }
      if (writeFailed) return;
      writeFailed = true;
      process.exitCode = EXIT.cantCreate;
      if (stream === 'stdout') {
        const reason = error.code ?? error.message;
        try {
          process.stderr.write(
            tr(lang, {
              en: `prospect: stdout: cannot be written (${reason}); the output is incomplete.\n`,
              fr: `prospect : stdout : écriture impossible (${reason}) ; la sortie est incomplète.\n`,
            }),
          );
        } catch {
          // stderr is broken too: the exit code says it
        }
      }
    };
  process.stdout.on('error', onStreamError('stdout'));
  process.stderr.on('error', onStreamError('stderr'));
  process.on('exit', removeTempFiles);
  installSignalHandler((signal) => {
    removeTempFiles();
    try {
      process.stderr.write(
        tr(
          lang,
          hasCommitted()
            ? {
                en: 'prospect: interrupted; the files finished before it are whole, nothing else was written.\n',
                fr: "prospect : interrompu ; les fichiers terminés avant sont entiers, rien d'autre n'a été écrit.\n",
              }
            : {
                en: 'prospect: interrupted; nothing was written.\n',
                fr: "prospect : interrompu ; rien n'a été écrit.\n",
              },
        ),
      );
    } catch {
      // stderr is gone: the exit code says it
    }
    process.exit(SIGNAL_EXIT[signal]);
  });
  const io: Io = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
    ...(process.stderr.isTTY && process.stderr.columns ? { stderrColumns: process.stderr.columns } : {}),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    now: () => new Date(),
  };
  markProcessIo(io);
  run(argv, io).then(
    (code) => {
      // A write error already reported (73) wins over success; otherwise the run's code.
      process.exitCode = writeFailed && code === EXIT.ok ? EXIT.cantCreate : code;
    },
    (error: unknown) => {
      try {
        process.stderr.write(`prospect: internal error: ${String(error)}\n`);
      } catch {
        // nothing more to say
      }
      process.exitCode = EXIT.internal;
    },
  );
}
