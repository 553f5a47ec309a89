import type { Command } from 'commander';
import { tr } from '../i18n.js';
import type { Context } from '../io/context.js';
import { profileColumns } from '../io/profile-columns.js';
import { inspectHeaders } from '../io/inspect-headers.js';
import { openInput } from '../io/open-input.js';
import { describeChoice } from '../io/read-table.js';
import { buildInspectReport } from '../render/inspect-report.js';
import { addReadOptions, buildReadOptions, type ReadFlags } from './read-options.js';
import { addOutputOptions, emitReport, type OutputOptions } from './shared-options.js';

type InspectFlags = OutputOptions & ReadFlags;

/** `prospect inspect FILE`: what the reader detected, and how each header maps. */
export async function runInspect(file: string, flags: InspectFlags, ctx: Context): Promise<void> {
  // Any kind of file, no field asked: inspect shows how each header maps.
  const { table } = await openInput(ctx, { kind: 'table', file, fields: {}, flags });
  try {
    const sample = table.sample;
    const d = table.detection;
    // Read every row to count them (rows with the wrong number of fields are rejected): as columns
    // of no field, so that no row is turned into strings.
    for await (const batch of table.columnBatches([])) void batch;
    table.finish(ctx);
    const columns = profileColumns(table.headers, sample, d.decimal, d.dateOrder);
    const readOptions = buildReadOptions(flags, ctx);
    const headerFindings = inspectHeaders(table.headers, table.profile, readOptions.map ?? {});
    for (const c of columns) c.field = headerFindings.fieldOfColumn.get(c.index) ?? null;
    await emitReport(
      buildInspectReport({
        file: table.name,
        encoding: d.encoding,
        encodingSource: d.encodingSource,
        delimiter: d.delimiter,
        delimiterSource: d.delimiterSource,
        decimal: d.decimal,
        decimalSource: d.decimalSource,
        dateOrder: d.dateOrder,
        dateOrderSource: d.dateOrderSource,
        rows: table.counts(),
        settingsFile: ctx.project?.()?.name ?? null,
        ...(d.sheet === undefined
          ? {}
          : { sheet: { name: d.sheet.sheet, sheets: d.sheet.sheets, headerRows: d.sheet.headerRows } }),
        sampleRows: sample.length,
        columns,
        crm: table.profile === undefined ? null : { id: table.profile.id, name: table.profile.name },
        choices: headerFindings.choices.map((c) => ({ ...c, text: describeChoice(c) })),
        lookAlikes: headerFindings.lookAlikes,
      }),
      flags,
      ctx,
      [file],
    );
  } finally {
    table.discard();
  }
}

export function registerInspect(program: Command, ctx: Context): void {
  const { lang } = ctx;
  const t = (en: string, fr: string): string => tr(lang, { en, fr });
  const command = program
    .command('inspect')
    .argument(
      '<file>',
      t('CSV or .xlsx file, or - for stdin (CSV)', 'fichier CSV ou .xlsx, ou - pour stdin (CSV)'),
    );
  addReadOptions(addOutputOptions(command), lang).action((file: string, flags: InspectFlags) =>
    runInspect(file, flags, ctx),
  );
}
