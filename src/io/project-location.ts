/**
 * Where the project file of a run is (`prospect.yaml`, src/io/project-file.ts): apart from its
 * reader so that a run with no project file loads no reader (start-up time, docs/speed.md).
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const PROJECT_FILE_NAME = 'prospect.yaml';

/** Where the project file of a run is: `--config FILE`, else found; none with `--no-config`. */
export interface ProjectLocation {
  /** Absolute path, or undefined when there is none. */
  path: string | undefined;
  /** Named by `--config` (a missing file is then an error). */
  explicit: boolean;
}

/** Reads `--config FILE`, `--config=FILE` and `--no-config` from the arguments (before `--`). */
export function scanConfigFlags(argv: readonly string[]): { config?: string; noConfig: boolean } {
  let config: string | undefined;
  let noConfig = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg === '--no-config') noConfig = true;
    else if (arg === '--config' && argv[i + 1] !== undefined) config = argv[++i];
    else if (arg.startsWith('--config=')) config = arg.slice('--config='.length);
  }
  return { ...(config === undefined ? {} : { config }), noConfig };
}

/** The project file for a run in `cwd`: `--config`, else the nearest `prospect.yaml` upwards. */
export function locateProjectFile(argv: readonly string[], cwd: string): ProjectLocation {
  const { config, noConfig } = scanConfigFlags(argv);
  if (noConfig) return { path: undefined, explicit: false };
  if (config !== undefined) return { path: resolve(cwd, config), explicit: true };
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, PROJECT_FILE_NAME);
    try {
      if (statSync(candidate).isFile()) return { path: candidate, explicit: false };
    } catch {
      // not here: look in the parent
    }
    const parent = dirname(dir);
    if (parent === dir) return { path: undefined, explicit: false };
    dir = parent;
  }
}
