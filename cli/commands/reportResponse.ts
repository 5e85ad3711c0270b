import os from 'node:os';
import type { Command } from 'commander';
import { getDb } from '../../db';
import { audit } from '../../db/queries/audit';
import { RESPONSE_REPORT_BY, writeResponseReport, type ResponseReportBy } from '../../lib/aggregate/responseReport';
import { env } from '../../lib/config/env';
import { appealFilterSchema } from '../../lib/domain/filters';
import { PmapError } from '../../lib/errors';
import { result } from '../output';
import { filterValues, parseOptions, withFilterOptions, type FilterOpts } from './filterOptions';
import { reportCommand } from './reportCorrections';

interface ResponseOpts extends FilterOpts {
  by: string;
  out: string;
  json?: boolean;
}

/**
 * `pmap report response --by agency|municipality|topic --out FILE.csv` plus the map's filters: response times per
 * executor, municipality or topic (lib/aggregate/responseReport.ts says how each figure is counted).
 */
export function registerResponseReport(program: Command): void {
  withFilterOptions(
    reportCommand(program)
      .command('response')
      .description(
        'response times per executor, municipality or topic (CSV: agency|municipality[,municipality_code]|topic, appeals, answered, median_hours, p90_hours, on_time, late, on_time_share)',
      )
      .requiredOption('--by <key>', 'agency | municipality | topic')
      .requiredOption('--out <file>', 'output CSV file'),
  )
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (o: ResponseOpts) => {
      if (!(RESPONSE_REPORT_BY as readonly string[]).includes(o.by))
        throw new PmapError('bad_argument', `--by must be agency, municipality or topic, not "${o.by}"`);
      const filter = parseOptions(appealFilterSchema, filterValues(o));
      const db = await getDb();
      const deadlineDays = env().PMAP_RESPONSE_DEADLINE_DAYS;
      const rows = await writeResponseReport(db, filter, o.by as ResponseReportBy, o.out, {
        deadlineDays,
        now: new Date(),
      });
      await audit(db, {
        actor: `cli:${os.userInfo().username}`,
        role: null,
        action: `report response by ${o.by}`,
        filter,
        rows: rows.length,
      });
      result(
        !!o.json,
        { rows: rows.length, out: o.out, by: o.by, deadline_days: deadlineDays },
        `${rows.length} rows written to ${o.out}`,
      );
    });
}
