import { UsageError } from '../errors.js';
import { tr, type Lang } from '../i18n.js';

/**
 * Whether a run writes a workbook, and where; apart from src/commands/shared-options.ts so that
 * the check made before every command (src/commands/file-flags.ts) loads no renderer.
 */
interface OutputTarget {
  format: string;
  output?: string;
}

/** Whether a run asks for a workbook: `--format xlsx`, or `--output FILE.xlsx` with no `--format`. */
export function wantsXlsx(options: OutputTarget): boolean {
  return (
    options.format === 'xlsx' || (options.format === 'table' && /\.xlsx$/i.test(options.output ?? ''))
  );
}

/**
 * Refuses (UsageError, 64) a workbook asked for stdout: a terminal or a pipe cannot show one.
 * Called before a command reads its inputs and again when it writes.
 */
export function checkXlsxTarget(options: OutputTarget, lang: Lang): void {
  if (!wantsXlsx(options) || (options.output !== undefined && options.output !== '-')) return;
  throw new UsageError(
    tr(lang, {
      en: '--format xlsx writes a workbook, which a terminal or a pipe cannot show; give --output FILE.xlsx.',
      fr: "--format xlsx écrit un classeur, qu'un terminal ou un tube ne peut pas montrer ; donnez --output FICHIER.xlsx.",
    }),
  );
}
