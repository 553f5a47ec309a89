import type { Command } from 'commander';
import { closest } from 'fastest-levenshtein';
import { UsageError } from '../errors.js';
import { tr, type Lang, type Texts } from '../i18n.js';
import type { Context } from '../io/context.js';
import { writeNewFile } from '../io/write-new-file.js';
import { OBJECTIVES_TEMPLATE } from './init-templates/objectives.js';
import { SEGMENTS_INIT_TEMPLATE } from './init-templates/segments.js';
import { GRID_INIT_TEMPLATE } from './init-templates/grid.js';
import { PROJECT_INIT_TEMPLATE } from './init-templates/project.js';

/** One kind of example file that `prospect init KIND` writes. */
export interface InitTemplate {
  /** The file written when no path is given. */
  fileName: string;
  description: Texts;
  /** The file's text, comments in the user's language; `today` is an ISO date for example periods. */
  render: (lang: Lang, today: string) => string;
  /** The command to try next with the written file. */
  next: (file: string) => string;
}

/**
 * The templates, one entry per kind: other commands add theirs here (e.g. `segments`, `grid`),
 * each in src/commands/init-templates/<kind>.ts. The first entry is the default kind.
 */
export const INIT_TEMPLATES: Record<string, InitTemplate> = {
  objectives: OBJECTIVES_TEMPLATE,
  segments: SEGMENTS_INIT_TEMPLATE,
  grid: GRID_INIT_TEMPLATE,
  project: PROJECT_INIT_TEMPLATE,
};

const DEFAULT_KIND = 'objectives';

/** `prospect init [kind] [file]`: writes a commented example file, never over an existing one. */
export function runInit(kind: string | undefined, file: string | undefined, ctx: Context): void {
  const name = kind ?? DEFAULT_KIND;
  const template = INIT_TEMPLATES[name];
  if (!template) {
    const kinds = Object.keys(INIT_TEMPLATES);
    const hint = closest(name, kinds);
    throw new UsageError({
      en: `init: "${name}" is not a kind of file; expected one of ${kinds.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}.`,
      fr: `init : « ${name} » n’est pas un type de fichier ; attendu : l’un de ${kinds.join(', ')}${hint ? ` (vouliez-vous dire « ${hint} » ?)` : ''}.`,
    });
  }
  const target = file ?? template.fileName;
  writeNewFile(
    target,
    template.render(ctx.lang, ctx.today),
    ctx.io,
    tr(ctx.lang, {
      en: `Remove it, or give another name: prospect init ${name} other.yaml`,
      fr: `Supprimez-le, ou donnez un autre nom : prospect init ${name} autre.yaml`,
    }),
  );
  if (target !== '-') {
    ctx.note(
      tr(ctx.lang, {
        en: `wrote ${target}; edit it, then run: ${template.next(target)}`,
        fr: `${target} écrit ; modifiez-le, puis lancez : ${template.next(target)}`,
      }),
    );
  }
}

export function registerInit(program: Command, ctx: Context): void {
  const { lang } = ctx;
  const kinds = Object.entries(INIT_TEMPLATES)
    .map(([kind, t]) => `  ${kind.padEnd(12)} ${t.fileName.padEnd(18)} ${t.description[lang]}`)
    .join('\n');
  program
    .command('init')
    .argument('[kind]', tr(lang, { en: 'kind of file (objectives)', fr: 'type de fichier (objectives)' }))
    .argument(
      '[file]',
      tr(lang, { en: 'file to create; - for stdout', fr: 'fichier à créer ; - pour stdout' }),
    )
    .addHelpText('after', `\n${tr(lang, { en: 'Kinds:', fr: 'Types :' })}\n${kinds}`)
    .action((kind: string | undefined, file: string | undefined) => runInit(kind, file, ctx));
}
