import type { Command } from 'commander';
import { getDb } from '../../db';
import { appealFilterSchema } from '../../lib/domain/filters';
import { PmapError } from '../../lib/errors';
import { EXPORT_FORMATS, exportAppeals, type ExportFormat } from '../../lib/store/exportAppeals';
import { audit } from '../../db/queries/audit';
import { countAwaitingFor } from '../../db/queries/groupingPending';
import os from 'node:os';
import { log, result } from '../output';
import { filterValues, parseOptions, withFilterOptions, type FilterOpts } from './filterOptions';

interface ExportOpts extends FilterOpts {
  out: string;
  format: string;
  json?: boolean;
}

export function registerExport(program: Command): void {
  const exp = program.command('export').description('export data to a file');
  withFilterOptions(
    exp
      .command('appeals')
      .description('one row per appeal, with the same filters as the map')
      .requiredOption('--out <file>', 'output file')
      .option('--format <format>', 'csv | xlsx | geojson', 'csv'),
  )
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (o: ExportOpts) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(o.format))
        throw new PmapError('bad_argument', `--format must be csv, xlsx or geojson, not "${o.format}"`);
      const filter = parseOptions(appealFilterSchema, filterValues(o));
      const db = await getDb();
      // Counted before the export reads: appeals of a big import whose grouping after the commit is not done yet
      // (issue 21) have an empty problem_id in the file.
      const awaiting = await countAwaitingFor(db, filter);
      const rows = await exportAppeals(db, filter, o.out, o.format as ExportFormat);
      await audit(db, {
        actor: `cli:${os.userInfo().username}`,
        role: null,
        action: `export appeals ${o.format}`,
        filter,
        rows,
      });
      if (awaiting > 0)
        log(
          `${awaiting} of these appeals await grouping into problems: their problem_id is empty until it is done (pmap worker)`,
        );
      result(!!o.json, { rows, out: o.out, awaiting_grouping: awaiting }, `${rows} appeals written to ${o.out}`);
    });
}
