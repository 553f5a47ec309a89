import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';
import type * as ExcelJs from 'exceljs';
import type * as Yaml from 'yaml';
import type * as Zod from 'zod';

/**
 * Libraries that only some runs need, loaded on first use rather than at start-up: importing
 * them costs tens of milliseconds of CPU on every command, `--version` included, although most
 * runs never read a YAML file, validate one, or draw a progress bar. Each is loaded
 * synchronously through its CommonJS build and kept for the rest of the run.
 *
 * Every file of src that uses one of these libraries at run time must get it from here, never
 * with a value `import` (`import type` is fine): one copy is loaded, so that, for instance, the
 * YAML nodes of one file are recognised by the `isMap`/`isScalar` of another.
 */
const require = createRequire(import.meta.url);

let yaml: typeof Yaml | undefined;
let zod: typeof Zod | undefined;
let cliProgress: typeof CliProgress | undefined;
let excelJs: typeof ExcelJs | undefined;

/** The `yaml` package (parseDocument, LineCounter, isMap...). */
export function loadYaml(): typeof Yaml {
  return (yaml ??= require('yaml') as typeof Yaml);
}

/** The `zod` package: `const { z } = loadZod()`. */
export function loadZod(): typeof Zod {
  return (zod ??= require('zod') as typeof Zod);
}

/** The `cli-progress` package (SingleBar). */
export function loadCliProgress(): typeof CliProgress {
  return (cliProgress ??= require('cli-progress') as typeof CliProgress);
}

/** The `exceljs` package (streamed `.xlsx` reading and writing): loaded by the runs that open a
 * workbook, and only by them (it is the largest dependency). */
export function loadExcelJs(): typeof ExcelJs {
  return (excelJs ??= require('exceljs') as typeof ExcelJs);
}
